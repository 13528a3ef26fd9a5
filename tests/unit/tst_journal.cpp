// The dispatch journal: begin/complete/note, crash recovery, damaged lines, and
// its vocabulary: one spelling per verdict, read back tolerant of older words.
#include "core/dispatchjournal.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "journalsample.h"
#include "testmain.h"

using namespace dd;
using dd::test::sampleJournalEntry;
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
    void verdictSpellingsRoundTrip();
    void legacyWords_data();
    void legacyWords();
    void unknownWordsAreKept();
    void answeredAndTokenRoundTrip();
    void olderCompletionsInferAnswered_data();
    void olderCompletionsInferAnswered();
    void deliveryText_data();
    void deliveryText();
};

Q_DECLARE_METATYPE(dd::JournalVerdict)

void TestJournal::roundTrip()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"sub/journal.jsonl"_s));
    auto begun = journal.begin(sampleJournalEntry());
    QVERIFY(begun);
    QVERIFY(!begun->id.isEmpty());
    JournalEntry done = *begun;
    done.childJobId = u"video-encode/dispatch-1-abcd1234"_s;
    done.evalId = u"e1"_s;
    done.verdict = JournalVerdict::Dispatched;
    done.attempts = 2;
    QVERIFY(journal.complete(done));
    QVERIFY(journal.note(done.id, JournalVerdict::Complete, 2));

    const JournalLoad load = journal.load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.size(), 1);
    const JournalEntry &e = load.entries.first();
    QCOMPARE(e.jobId, u"video-encode"_s);
    QCOMPARE(e.meta.value(u"input-codec"_s), u"mp4"_s);
    QCOMPARE(e.childJobId, done.childJobId);
    QCOMPARE(e.verdict, JournalVerdict::Complete);
    QCOMPARE(e.attempts, 2);
    QCOMPARE(e.payloadSize, 7);
    QVERIFY(!e.isOpen());
}

void TestJournal::interruptedDispatchStaysOpen()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    QVERIFY(journal.begin(sampleJournalEntry()));
    const JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 1);
    QVERIFY(load.entries.first().isOpen());
}

void TestJournal::truncatedLastLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    DispatchJournal journal(path);
    auto first = journal.begin(sampleJournalEntry());
    QVERIFY(first);
    QVERIFY(journal.begin(sampleJournalEntry()));
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
    QVERIFY(journal.begin(sampleJournalEntry()));
    QCOMPARE(journal.load().entries.size(), 2);
}

void TestJournal::damagedMiddleLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    DispatchJournal journal(path);
    QVERIFY(journal.begin(sampleJournalEntry()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("{not json\n{\"event\":\"complete\",\"id\":\"nobody\"}\n");
    f.close();
    QVERIFY(journal.begin(sampleJournalEntry()));
    const JournalLoad load = journal.load();
    QCOMPARE(load.entries.size(), 2);
    QCOMPARE(load.problems.size(), 2);
    QVERIFY(load.problems.at(0).contains(u"line 2 is damaged"_s));
    QVERIFY(load.problems.at(1).contains(u"unknown dispatch"_s));
}

void TestJournal::unwritableLocation()
{
    DispatchJournal journal(u"/proc/no-such-dir/journal.jsonl"_s);
    auto begun = journal.begin(sampleJournalEntry());
    QVERIFY(!begun);
    QVERIFY(begun.error().contains(u"/proc/no-such-dir/journal.jsonl"_s));
}

void TestJournal::filePermissions()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    QVERIFY(journal.begin(sampleJournalEntry()));
    const auto perms = QFile::permissions(journal.path());
    QVERIFY(perms & QFileDevice::ReadOwner);
    QVERIFY(!(perms & QFileDevice::ReadOther));
}

static QString appendLines(const QString &path, const QByteArray &lines)
{
    QFile f(path);
    if (!f.open(QIODevice::Append))
        return f.errorString();
    f.write(lines);
    return {};
}

// A begin line, and a completion with `verdict` as written by some version.
static QByteArray completedWith(const QString &verdict, const QByteArray &more = {})
{
    QJsonObject complete{{u"event"_s, u"complete"_s}, {u"id"_s, u"a"_s}, {u"verdict"_s, verdict}};
    QJsonObject extra = QJsonDocument::fromJson("{" + more + "}").object();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        complete.insert(it.key(), it.value());
    return "{\"event\":\"begin\",\"id\":\"a\",\"job\":\"j\"}\n" +
           QJsonDocument(complete).toJson(QJsonDocument::Compact) + '\n';
}

void TestJournal::verdictSpellingsRoundTrip()
{
    QSet<QString> names;
    for (int i = int(JournalVerdict::None) + 1; i < int(JournalVerdict::Other); ++i) {
        const auto verdict = JournalVerdict(i);
        const QString name = journalVerdictName(verdict);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(journalVerdictFromName(name), verdict);
        // And through a file: completed, then noted.
        QTemporaryDir dir;
        DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
        auto begun = journal.begin(sampleJournalEntry());
        QVERIFY(begun);
        JournalEntry done = *begun;
        done.verdict = verdict;
        QVERIFY(journal.complete(done));
        QCOMPARE(journal.load().entries.first().verdict, verdict);
        QVERIFY(journal.note(done.id, verdict, 1));
        QCOMPARE(journal.load().entries.first().verdict, verdict);
        QCOMPARE(journal.load().entries.first().verdictName(), name);
    }
    QCOMPARE(journalVerdictName(JournalVerdict::None), QString());
    QCOMPARE(journalVerdictFromName(u""), JournalVerdict::None);
}

// Every word a front end ever wrote, and the verdict it means.
void TestJournal::legacyWords_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<JournalVerdict>("verdict");
    const struct
    {
        const char *word;
        JournalVerdict verdict;
    } words[] = {
        // the app and the CLI
        {"dispatched", JournalVerdict::Dispatched},
        {"already-dispatched", JournalVerdict::AlreadyDispatched},
        {"refused", JournalVerdict::Refused},
        {"unknown", JournalVerdict::OutcomeUnknown},
        {"placed", JournalVerdict::Placed},
        {"running", JournalVerdict::Running},
        {"complete", JournalVerdict::Complete},
        {"failed", JournalVerdict::Failed},
        {"placement-failed", JournalVerdict::PlacementFailed},
        {"not-followed", JournalVerdict::NotFollowed},
        // the CLI only
        {"not-found", JournalVerdict::NotFound},
        {"evaluation-failed", JournalVerdict::EvaluationFailed},
        // bulk dispatch (its row status)
        {"already dispatched", JournalVerdict::AlreadyDispatched},
        // the History view knew these
        {"lost", JournalVerdict::Lost},
        {"completed", JournalVerdict::Complete},
        // hand-edited
        {" Refused ", JournalVerdict::Refused},
        {"PLACEMENT_FAILED", JournalVerdict::PlacementFailed},
    };
    for (const auto &w : words)
        QTest::newRow(w.word) << QString::fromLatin1(w.word) << w.verdict;
}

void TestJournal::legacyWords()
{
    QFETCH(QString, word);
    QFETCH(JournalVerdict, verdict);
    QCOMPARE(journalVerdictFromName(word), verdict);
    // Read from a journal file, and named with today's spelling.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    QCOMPARE(appendLines(path, completedWith(word)), QString());
    const JournalLoad load = DispatchJournal(path).load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.size(), 1);
    const JournalEntry &e = load.entries.first();
    QCOMPARE(e.verdict, verdict);
    QVERIFY(e.verdictWord.isEmpty());
    QCOMPARE(e.verdictName(), journalVerdictName(verdict));
}

void TestJournal::unknownWordsAreKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    QCOMPARE(appendLines(path, completedWith(u"Stopped by hand"_s)), QString());
    DispatchJournal journal(path);
    JournalEntry e = journal.load().entries.first();
    QCOMPARE(e.verdict, JournalVerdict::Other);
    QCOMPARE(e.verdictWord, u"Stopped by hand"_s);
    QCOMPARE(e.verdictName(), u"Stopped by hand"_s);
    QCOMPARE(journalVerdictFromName(u"cancelled"), JournalVerdict::Other);
    // Written back as found, not lost.
    QVERIFY(journal.complete(e));
    QCOMPARE(journal.load().entries.first().verdictWord, u"Stopped by hand"_s);
    // A later known verdict replaces it.
    QVERIFY(journal.note(e.id, JournalVerdict::Complete, 1));
    e = journal.load().entries.first();
    QCOMPARE(e.verdict, JournalVerdict::Complete);
    QVERIFY(e.verdictWord.isEmpty());
}

void TestJournal::answeredAndTokenRoundTrip()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    for (bool answered : {false, true}) {
        auto begun = journal.begin(sampleJournalEntry());
        QVERIFY(begun);
        QVERIFY(begun->idempotencyToken.isEmpty());
        JournalEntry done = *begun;
        done.verdict = JournalVerdict::OutcomeUnknown;
        done.attempts = 3;
        done.sent = 2;
        done.answered = answered;
        // Generated by SafeDispatcher after the entry was begun.
        done.idempotencyToken = u"dd-generated"_s;
        QVERIFY(journal.complete(done));
        const JournalEntry e = journal.load().entries.last();
        QCOMPARE(e.answered, answered);
        QCOMPARE(e.attempts, 3);
        QCOMPARE(e.sent, 2);
        QCOMPARE(e.idempotencyToken, u"dd-generated"_s);
    }
}

// Journals written before "answered" and "sent" existed: what Nomad
// dispatched, refused or did not find was answered; the rest is not known to
// have been.
void TestJournal::olderCompletionsInferAnswered_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<bool>("answered");
    QTest::newRow("dispatched") << u"dispatched"_s << true;
    QTest::newRow("already dispatched") << u"already dispatched"_s << true;
    QTest::newRow("refused") << u"refused"_s << true;
    QTest::newRow("not-found") << u"not-found"_s << true;
    QTest::newRow("unknown") << u"unknown"_s << false;
}

void TestJournal::olderCompletionsInferAnswered()
{
    QFETCH(QString, word);
    QFETCH(bool, answered);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    QCOMPARE(appendLines(path, completedWith(word, "\"attempts\":2")), QString());
    const JournalEntry e = DispatchJournal(path).load().entries.first();
    QCOMPARE(e.answered, answered);
    QCOMPARE(e.sent, 2); // every attempt went on the wire then
}

// How the requests travelled, for History and `history` (and SafeDispatcher's messages).
void TestJournal::deliveryText_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("sent");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing recorded") << 0 << 0 << false << QString() << QString();
    QTest::newRow("refused before connecting") << 5 << 0 << false << u"t"_s << u"not sent"_s;
    QTest::newRow("once, no answer") << 1 << 1 << false << u"t"_s << u"sent once, no answer"_s;
    QTest::newRow("once, answered") << 1 << 1 << true << QString() << u"sent once"_s;
    QTest::newRow("3, same token")
        << 3 << 3 << true << u"t"_s << u"sent 3 times with the same idempotency token"_s;
    QTest::newRow("2, same token, no answer")
        << 2 << 2 << false << u"t"_s
        << u"sent 2 times with the same idempotency token, no answer"_s;
    QTest::newRow("2, no token") << 2 << 2 << false << QString() << u"sent 2 times, no answer"_s;
}

void TestJournal::deliveryText()
{
    QFETCH(int, attempts);
    QFETCH(int, sent);
    QFETCH(bool, answered);
    QFETCH(QString, token);
    QFETCH(QString, text);
    JournalEntry e = sampleJournalEntry();
    e.attempts = attempts;
    e.sent = sent;
    e.answered = answered;
    e.idempotencyToken = token;
    QCOMPARE(journalDeliveryText(e), text);
    if (attempts > 0)
        QCOMPARE(dispatchDeliveryText(sent, answered, !token.isEmpty()), text);
}

DD_TEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
