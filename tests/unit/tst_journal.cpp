// The dispatch journal: begin/complete/note, crash recovery, damaged lines.
#include "core/dispatchjournal.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTrip();
    void interruptedDispatchStaysOpen();
    void truncatedLastLine();
    void damagedMiddleLine();
    void unwritableLocation();
    void filePermissions();
};

static JournalEntry sample()
{
    JournalEntry e;
    e.source = u"cli"_s;
    e.profile = u"prod"_s;
    e.address = u"https://nomad.example:4646"_s;
    e.jobId = u"video-encode"_s;
    e.nameSpace = u"default"_s;
    e.meta.insert(u"input-codec"_s, u"mp4"_s);
    e.payloadSha256 = DispatchJournal::payloadHash("payload");
    e.payloadSize = 7;
    return e;
}

void TestJournal::roundTrip()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"sub/journal.jsonl"_s));
    auto begun = journal.begin(sample());
    QVERIFY(begun);
    QVERIFY(!begun->id.isEmpty());
    JournalEntry done = *begun;
    done.childJobId = u"video-encode/dispatch-1-abcd1234"_s;
    done.evalId = u"e1"_s;
    done.verdict = u"dispatched"_s;
    done.attempts = 2;
    QVERIFY(journal.complete(done));
    QVERIFY(journal.note(done.id, u"complete"_s, 2));

    const JournalLoad load = journal.load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.size(), 1);
    const JournalEntry &e = load.entries.first();
    QCOMPARE(e.jobId, u"video-encode"_s);
    QCOMPARE(e.meta.value(u"input-codec"_s), u"mp4"_s);
    QCOMPARE(e.childJobId, done.childJobId);
    QCOMPARE(e.verdict, u"complete"_s);
    QCOMPARE(e.attempts, 2);
    QCOMPARE(e.payloadSize, 7);
    QVERIFY(!e.isOpen());
}

void TestJournal::interruptedDispatchStaysOpen()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    QVERIFY(journal.begin(sample()));
    const JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 1);
    QVERIFY(load.entries.first().isOpen());
}

void TestJournal::truncatedLastLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    DispatchJournal journal(path);
    auto first = journal.begin(sample());
    QVERIFY(first);
    QVERIFY(journal.begin(sample()));
    // A crash in the middle of a write leaves half a line without its newline.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const QByteArray all = f.readAll();
    QVERIFY(f.resize(all.size() - 25));
    f.close();
    const JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 1);
    QCOMPARE(load.entries.first().id, first->id);
    QCOMPARE(load.problems.size(), 1);
    QVERIFY2(load.problems.first().contains(u"cut short"_s), qPrintable(load.problems.first()));
    // Appending after the torn line still works and is read back.
    QVERIFY(journal.begin(sample()));
    QCOMPARE(journal.load().entries.size(), 2);
}

void TestJournal::damagedMiddleLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    DispatchJournal journal(path);
    QVERIFY(journal.begin(sample()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("{not json\n{\"event\":\"complete\",\"id\":\"nobody\"}\n");
    f.close();
    QVERIFY(journal.begin(sample()));
    const JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 2);
    QCOMPARE(load.problems.size(), 2);
    QVERIFY(load.problems.at(0).contains(u"line 2 is damaged"_s));
    QVERIFY(load.problems.at(1).contains(u"unknown dispatch"_s));
}

void TestJournal::unwritableLocation()
{
    DispatchJournal journal(u"/proc/no-such-dir/journal.jsonl"_s);
    auto begun = journal.begin(sample());
    QVERIFY(!begun);
    QVERIFY(begun.error().contains(u"/proc/no-such-dir/journal.jsonl"_s));
}

void TestJournal::filePermissions()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    QVERIFY(journal.begin(sample()));
    const auto perms = QFile::permissions(journal.path());
    QVERIFY(perms & QFileDevice::ReadOwner);
    QVERIFY(!(perms & QFileDevice::ReadOther));
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
