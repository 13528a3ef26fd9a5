// Which children "Purge finished children" takes, the stop answer, and stop
// and purge entries in the journal beside dispatches written before them.
#include "core/dispatchjournal.h"
#include "core/jobstop.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace {
constexpr qint64 kNowNs = 1'800'000'000'000'000'000;

JobStub stopTestStub(const QString &id, const QString &parent, const QString &status,
                     std::chrono::nanoseconds age)
{
    JobStub stub;
    stub.id = id;
    stub.parentId = parent;
    stub.status = status;
    stub.submitTime = kNowNs - age.count();
    return stub;
}
} // namespace

class TestJobStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void selectsDeadChildrenOfTheParent_data();
    void selectsDeadChildrenOfTheParent();
    void decodesTheAnswer();
    void journalKeepsActions();
};

void TestJobStop::selectsDeadChildrenOfTheParent_data()
{
    QTest::addColumn<qint64>("olderThanNs"); // -1: no age limit
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("every dead child, oldest first")
        << qint64(-1) << QStringList{u"p/dispatch-old"_s, u"p/dispatch-day"_s, u"p/dispatch-new"_s};
    QTest::newRow("older than 24h") << qint64(std::chrono::nanoseconds(24h).count())
                                    << QStringList{u"p/dispatch-old"_s, u"p/dispatch-day"_s};
    QTest::newRow("older than a week")
        << qint64(std::chrono::nanoseconds(168h).count()) << QStringList{u"p/dispatch-old"_s};
    QTest::newRow("older than a year")
        << qint64(std::chrono::nanoseconds(8760h).count()) << QStringList{};
}

void TestJobStop::selectsDeadChildrenOfTheParent()
{
    QFETCH(qint64, olderThanNs);
    QFETCH(QStringList, expected);
    const QList<JobStub> jobs{
        stopTestStub(u"p/dispatch-new"_s, u"p"_s, u"dead"_s, 1min),
        stopTestStub(u"p/dispatch-run"_s, u"p"_s, u"running"_s, 1000h),
        stopTestStub(u"p/dispatch-pend"_s, u"p"_s, u"pending"_s, 1000h),
        stopTestStub(u"p/dispatch-old"_s, u"p"_s, u"dead"_s, 1000h),
        stopTestStub(u"other/dispatch-x"_s, u"other"_s, u"dead"_s, 1000h),
        stopTestStub(u"p"_s, QString(), u"dead"_s, 1000h), // the parent itself
        stopTestStub(u"p/dispatch-day"_s, u"p"_s, u"dead"_s, 25h),
    };
    std::optional<std::chrono::nanoseconds> olderThan;
    if (olderThanNs >= 0)
        olderThan = std::chrono::nanoseconds(olderThanNs);
    QStringList chosen;
    for (const JobStub &j : selectFinishedChildren(jobs, u"p"_s, olderThan, kNowNs))
        chosen.append(j.id);
    QCOMPARE(chosen, expected);
    // No parent: nothing, rather than every dead job.
    QVERIFY(selectFinishedChildren(jobs, QString(), olderThan, kNowNs).isEmpty());
}

void TestJobStop::decodesTheAnswer()
{
    // The answer recorded from Nomad 1.0.18 (lifecycle.exchanges.jsonl).
    const auto answer = decodeJobStopResponse(
        R"({"EvalCreateIndex":58,"EvalID":"333a86b2-0e74-5df8-25df-d74b247fb14c","Index":58,"JobModifyIndex":58,"KnownLeader":false,"LastContact":0,"VolumeEvalID":"","VolumeEvalIndex":0})");
    QVERIFY(answer);
    QCOMPARE(answer->evalId, u"333a86b2-0e74-5df8-25df-d74b247fb14c"_s);
    QCOMPARE(answer->evalCreateIndex, quint64(58));
    QCOMPARE(answer->jobModifyIndex, quint64(58));
    QVERIFY(!decodeJobStopResponse("Permission denied"));
    QVERIFY(!decodeJobStopResponse(R"({"EvalID":5})"));
}

void TestJobStop::journalKeepsActions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"journal.jsonl"_s);
    // A dispatch as an earlier version wrote it: no "action".
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"event":"begin","id":"a","time":"2026-11-01T10:00:00.000Z","source":"app","job":"p","namespace":"default"})"
            "\n"
            R"({"event":"complete","id":"a","time":"2026-11-01T10:00:01.000Z","child":"p/dispatch-1","eval":"e1","verdict":"dispatched","attempts":1,"sent":1,"answered":true})"
            "\n");
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    DispatchJournal journal(path);
    JournalEntry stop;
    stop.action = JournalAction::Purge;
    stop.source = u"cli"_s;
    stop.jobId = u"p"_s;
    stop.childJobId = u"p/dispatch-1"_s;
    auto begun = journal.begin(stop);
    QVERIFY2(begun, qPrintable(begun ? QString() : begun.error()));
    // Interrupted now: the child is known from the begin line alone.
    JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 2);
    QCOMPARE(load.entries.at(0).action, JournalAction::Dispatch);
    QCOMPARE(load.entries.at(1).action, JournalAction::Purge);
    QCOMPARE(load.entries.at(1).childJobId, u"p/dispatch-1"_s);
    QVERIFY(load.entries.at(1).isOpen());

    JournalEntry done = *begun;
    done.verdict = JournalVerdict::Purged;
    done.evalId = u"e2"_s;
    QVERIFY(journal.complete(done));
    load = journal.load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.at(1).verdict, JournalVerdict::Purged);
    QCOMPARE(load.entries.at(1).verdictName(), u"purged"_s);
    QCOMPARE(load.entries.at(0).verdict, JournalVerdict::Dispatched);

    // A dispatch is still written without "action", as earlier versions read it.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QVERIFY(lines.at(2).contains("\"action\":\"purge\""));
    QVERIFY(!lines.at(0).contains("action"));
    QCOMPARE(journalActionFromName(u"restart"), JournalAction::Other);
}

DD_TEST_GUILESS_MAIN(TestJobStop)
#include "tst_jobstop.moc"
