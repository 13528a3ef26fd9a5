// The History view's model over the real journal file: entries appear as they
// are begun, change in place when completed, and open entries from another
// run read as interrupted. No resets, ever.
#include "core/dispatchjournal.h"
#include "models/journalmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;

class TestJournalModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void followsTheJournal()
    {
        QTemporaryDir dir;
        DispatchJournal journal(dir.filePath(QStringLiteral("journal.jsonl")));
        JournalModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);

        JournalEntry a;
        a.source = QStringLiteral("app");
        a.profile = QStringLiteral("prod");
        a.jobId = QStringLiteral("video-encode");
        a.nameSpace = QStringLiteral("media");
        a.meta.insert(QStringLiteral("profile"), QStringLiteral("1080p"));
        auto begunA = journal.begin(a);
        QVERIFY(begunA);
        JournalEntry b = a;
        b.jobId = QStringLiteral("report");
        b.nameSpace = QStringLiteral("default");
        auto begunB = journal.begin(b);
        QVERIFY(begunB);
        model.markOwn(begunB->id);

        model.setEntries(journal.load().entries);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserts.size(), 1);
        const int rowA = model.rowOf(begunA->id);
        const int rowB = model.rowOf(begunB->id);
        QCOMPARE(model.index(rowA, JournalModel::JobColumn).data().toString(),
                 QStringLiteral("video-encode @ media"));
        QCOMPARE(model.index(rowB, JournalModel::JobColumn).data().toString(),
                 QStringLiteral("report"));
        // Begun by another run and never completed: interrupted; ours: in progress.
        QCOMPARE(model.index(rowA, 0).data(JournalModel::OutcomeRole).toString(),
                 QStringLiteral("unknown"));
        QVERIFY(model.index(rowA, JournalModel::VerdictColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Interrupted")));
        QCOMPARE(model.index(rowB, 0).data(JournalModel::OutcomeRole).toString(),
                 QStringLiteral("open"));

        // B completes, then its monitor notes how it ended.
        JournalEntry doneB = *begunB;
        doneB.childJobId = QStringLiteral("report/dispatch-1700000000-abcd1234");
        doneB.evalId = QStringLiteral("e1");
        doneB.verdict = JournalVerdict::Dispatched;
        doneB.attempts = 1;
        QVERIFY(journal.complete(doneB));
        QVERIFY(journal.note(doneB.id, JournalVerdict::Failed, 1));
        changes.clear();
        const ApplyStats stats = model.setEntries(journal.load().entries);
        QCOMPARE(stats.changed, 1);
        QCOMPARE(stats.inserted, 0);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().at(0).value<QModelIndex>().row(), rowB);
        QCOMPARE(model.index(rowB, JournalModel::ChildColumn).data().toString(), doneB.childJobId);
        QCOMPARE(model.index(rowB, JournalModel::VerdictColumn).data().toString(),
                 QStringLiteral("Failed"));
        QCOMPARE(model.index(rowB, 0).data(JournalModel::OutcomeRole).toString(),
                 QStringLiteral("failed"));
        QVERIFY(model.index(rowB, 0)
                    .data(JournalModel::SearchRole)
                    .toString()
                    .contains(QStringLiteral("report/dispatch-")));
        QCOMPARE(resets.size(), 0);
    }

    void tornLastLineKeepsTheRest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.jsonl"));
        DispatchJournal journal(path);
        JournalEntry a;
        a.jobId = QStringLiteral("etl");
        a.address = QStringLiteral("https://nomad.example.com:4646");
        QVERIFY(journal.begin(a));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"event\":\"begin\",\"id\":\"x\",\"job\":\"cut-sh");
        }
        const JournalLoad load = journal.load();
        QCOMPARE(load.entries.size(), 1);
        QCOMPARE(load.problems.size(), 1);
        QVERIFY(load.problems.first().contains(QStringLiteral("cut short")));
        JournalModel model;
        model.setEntries(load.entries);
        QCOMPARE(model.rowCount(), 1);
        // Dispatched by the CLI without a profile: the address names the cluster.
        QCOMPARE(model.index(0, JournalModel::ProfileColumn).data().toString(),
                 QStringLiteral("nomad.example.com:4646"));
    }
};

DD_TEST_GUILESS_MAIN(TestJournalModel)
#include "tst_journalmodel.moc"
