// The journal as an attacker would meet it (issue 16): a symbolic link planted
// at its path is refused and nothing is written through it, a journal left
// readable by others is made private, and a 20 MB job ID (or meta, or error)
// is cut to a bound with a marker, so one entry stays a short line.
#include "core/dispatchjournal.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "journalsample.h"
#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using dd::test::sampleJournalEntry;
using namespace Qt::Literals::StringLiterals;

class TestJournalSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void widerPermissionsAreFixed();
    void symlinkIsRefused();
    void longFieldsAreCut();
};

// A journal an older version or a copy left readable by others becomes 0600.
void TestJournalSafety::widerPermissionsAreFixed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"j.jsonl"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
    DispatchJournal journal(path);
    QVERIFY(journal.begin(sampleJournalEntry()));
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
}

// A symbolic link at the journal's path: nothing is written through it, and the error says why.
void TestJournalSafety::symlinkIsRefused()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(u"elsewhere.txt"_s);
    QFile f(target);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("precious\n");
    f.close();
    const QString path = dir.filePath(u"j.jsonl"_s);
    QVERIFY(QFile::link(target, path));
    DispatchJournal journal(path);
    auto begun = journal.begin(sampleJournalEntry());
    QVERIFY(!begun);
    QVERIFY2(begun.error().contains(u"is a symbolic link"_s), qPrintable(begun.error()));
    QVERIFY(begun.error().contains(path));
    QVERIFY(!journal.completeMany({sampleJournalEntry()}));
    QVERIFY(!journal.note(u"x"_s, JournalVerdict::Running, 1));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious\n"));
    // A dangling link is refused too (O_CREAT would otherwise create its target).
    const QString dangling = dir.filePath(u"d.jsonl"_s);
    QVERIFY(QFile::link(dir.filePath(u"created-elsewhere"_s), dangling));
    QVERIFY(!DispatchJournal(dangling).begin(sampleJournalEntry()));
    QVERIFY(!QFile::exists(dir.filePath(u"created-elsewhere"_s)));
}

// A 20 MB job ID (or meta, or error) is cut with a marker: one entry stays a
// short line, and the reader still reads it.
void TestJournalSafety::longFieldsAreCut()
{
    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"j.jsonl"_s));
    JournalEntry e = sampleJournalEntry();
    const QString huge(20 * 1024 * 1024, u'a');
    e.jobId = huge;
    e.meta.insert(u"big"_s, huge);
    e.meta.insert(huge, u"key"_s);
    auto begun = journal.begin(e);
    QVERIFY(begun);
    begun->childJobId = huge;
    begun->error = QString(10000, u'e');
    begun->verdict = JournalVerdict::Refused;
    QVERIFY(journal.complete(*begun));
    QVERIFY(QFileInfo(journal.path()).size() < 16 * 1024);
    const JournalLoad load = journal.load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.size(), 1);
    const JournalEntry &read = load.entries.first();
    QCOMPARE(read.jobId,
             QString(kMaxJournalFieldLength, u'a') + u"…[cut: 20971520 characters in all]"_s);
    QVERIFY(read.meta.value(u"big"_s).endsWith(u"…[cut: 20971520 characters in all]"_s));
    QVERIFY(read.childJobId.startsWith(u"aaaa"_s));
    QVERIFY(read.childJobId.size() < kMaxJournalFieldLength + 64);
    QVERIFY(read.error.size() < kMaxJournalErrorLength + 64);
    QVERIFY(read.error.endsWith(u"…[cut: 10000 characters in all]"_s));
    QCOMPARE(read.verdict, JournalVerdict::Refused);
    // Short fields are written as they are.
    QCOMPARE(read.address, sampleJournalEntry().address);
    QCOMPARE(journalFieldText(u"abc"_s, 3), u"abc"_s);
}

DD_TEST_GUILESS_MAIN(TestJournalSafety)
#include "tst_journalsafety.moc"
