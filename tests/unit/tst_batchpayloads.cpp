// A rows file's payload_file may only name a regular file inside the payload
// folder (by default the rows file's own), at most Nomad's payload limit:
// never /proc/self/environ, never ../ or a symbolic link out, never a FIFO
// (which would hang) or /dev/zero (which would fill the memory).
#include "core/batchpayloads.h"
#include "core/batchplan.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {
bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}
} // namespace

class TestBatchPayloads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void refused_data();
    void refused();
    void insideIsRead();
    void widenedRootAllowsIt();
    void planNamesTheRootAndTheSource();

private:
    std::unique_ptr<QTemporaryDir> m_top; // top/secret.txt beside top/rows/
    QString m_rows;                       // the rows file's folder
};

void TestBatchPayloads::init()
{
    m_top = std::make_unique<QTemporaryDir>();
    QVERIFY(m_top->isValid());
    m_rows = m_top->filePath(u"rows"_s);
    QVERIFY(writeFile(m_top->filePath(u"secret.txt"_s), "NOMAD_TOKEN=s3cret"));
    QVERIFY(writeFile(m_rows + u"/in/clip.json"_s, "{\"frames\": 1}"));
    QVERIFY(writeFile(m_rows + u"/big.bin"_s, QByteArray(16385, 'x')));
    QVERIFY(writeFile(m_rows + u"/limit.bin"_s, QByteArray(16384, 'x')));
    QVERIFY(QFile::link(m_top->filePath(u"secret.txt"_s), m_rows + u"/link-out.txt"_s));
    QVERIFY(QFile::link(u"/dev/zero"_s, m_rows + u"/zero"_s));
    QCOMPARE(::mkfifo(QFile::encodeName(m_rows + u"/fifo"_s).constData(), 0600), 0);
}

void TestBatchPayloads::refused_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("root"); // empty: the rows file's folder
    QTest::addColumn<QString>("words");
    QTest::newRow("absolute path") << u"/proc/self/environ"_s << QString() << u"is outside"_s;
    QTest::newRow("absolute, missing") << u"/no/such/file"_s << QString() << u"is outside"_s;
    QTest::newRow("../") << u"../secret.txt"_s << QString() << u"is outside"_s;
    QTest::newRow("in/../../") << u"in/../../secret.txt"_s << QString() << u"is outside"_s;
    QTest::newRow("symlink out") << u"link-out.txt"_s << QString() << u"is a symbolic link to"_s;
    QTest::newRow("symlink to /dev/zero") << u"zero"_s << QString() << u"is a symbolic link to"_s;
    QTest::newRow("FIFO") << u"fifo"_s << QString() << u"not a regular file"_s;
    QTest::newRow("/dev/zero, root /") << u"/dev/zero"_s << u"/"_s << u"not a regular file"_s;
    QTest::newRow("16385 bytes") << u"big.bin"_s << QString()
                                 << u"is 16385 bytes, over Nomad's payload limit of 16384"_s;
    QTest::newRow("directory") << u"in"_s << QString() << u"is a directory"_s;
    QTest::newRow("missing") << u"gone.json"_s << QString() << u"does not exist"_s;
    QTest::newRow("root missing") << u"clip.json"_s << u"/no/such/folder"_s
                                  << u"the payload folder /no/such/folder does not exist"_s;
}

void TestBatchPayloads::refused()
{
    QFETCH(QString, written);
    QFETCH(QString, root);
    QFETCH(QString, words);
    const QByteArray jsonl = "{\"n\": \"1\", \"payload_file\": \"" + written.toUtf8() + "\"}\n";
    BatchParse parsed = parseBatchRows(jsonl, BatchFormat::JsonLines);
    QCOMPARE(parsed.rows.size(), 1);
    QElapsedTimer clock;
    clock.start();
    const QList<BatchRowError> errors = loadBatchPayloads(parsed.rows, {m_rows, root});
    QVERIFY2(clock.elapsed() < 5000, "reading a payload file hung");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().line, 1);
    QVERIFY2(errors.first().message.contains(words), qPrintable(errors.first().message));
    QVERIFY(parsed.rows.first().payload.isEmpty());
    QVERIFY(!parsed.rows.first().payload.contains("s3cret"));
    // Nothing was read, so the row names no file it was read from.
    QVERIFY(parsed.rows.first().payloadPath.isEmpty());
    if (words == u"is outside" || words.startsWith(u"is a symbolic")) {
        // What to do is said too.
        QVERIFY(errors.first().message.contains(u"-payload-root DIR"_s));
        QVERIFY(errors.first().message.contains(QFileInfo(m_rows).canonicalFilePath()));
    }
}

void TestBatchPayloads::insideIsRead()
{
    BatchParse parsed = parseBatchRows("payload_file\nin/clip.json\n./limit.bin\n"
                                       "in/../in/clip.json\n",
                                       BatchFormat::Csv);
    QCOMPARE(parsed.rows.size(), 3);
    const QList<BatchRowError> errors = loadBatchPayloads(parsed.rows, {m_rows, {}});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).message));
    QCOMPARE(parsed.rows[0].payload, QByteArray("{\"frames\": 1}"));
    QCOMPARE(parsed.rows[0].payloadPathInRoot, u"in/clip.json"_s);
    QCOMPARE(parsed.rows[0].payloadPath,
             QFileInfo(m_rows + u"/in/clip.json"_s).canonicalFilePath());
    QCOMPARE(parsed.rows[1].payload.size(), 16384); // the limit itself is allowed
    QCOMPARE(parsed.rows[2].payloadPathInRoot, u"in/clip.json"_s);
}

void TestBatchPayloads::widenedRootAllowsIt()
{
    const QByteArray csv = "payload_file\n../secret.txt\nlink-out.txt\n";
    BatchParse narrow = parseBatchRows(csv, BatchFormat::Csv);
    QCOMPARE(loadBatchPayloads(narrow.rows, {m_rows, {}}).size(), 2);

    BatchParse wide = parseBatchRows(csv, BatchFormat::Csv);
    const QList<BatchRowError> errors = loadBatchPayloads(wide.rows, {m_rows, m_top->path()});
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).message));
    QCOMPARE(wide.rows[0].payload, QByteArray("NOMAD_TOKEN=s3cret"));
    QCOMPARE(wide.rows[0].payloadPathInRoot, u"secret.txt"_s);
    QCOMPARE(wide.rows[1].payloadPathInRoot, u"secret.txt"_s);
    // Still nothing beyond the wider folder.
    BatchParse beyond = parseBatchRows("payload_file\n/proc/self/environ\n", BatchFormat::Csv);
    QCOMPARE(loadBatchPayloads(beyond.rows, {m_rows, m_top->path()}).size(), 1);
}

void TestBatchPayloads::planNamesTheRootAndTheSource()
{
    const QByteArray csv = "n,payload,payload_base64,payload_file\n"
                           "1,x,,\n"
                           "2,,AP8=,\n"
                           "3,,,in/clip.json\n"
                           "4,,,/proc/self/environ\n"
                           "5,,,\n";
    BatchFile file{csv, BatchFormat::Csv, m_rows, {}};
    const BatchPlan plan = planBatch(file, u"job"_s, nullptr);
    QCOMPARE(plan.payloadRoot, QFileInfo(m_rows).canonicalFilePath());
    QCOMPARE(plan.rows.size(), 5);
    QCOMPARE(plan.rows[0].row.payloadSource, PayloadSource::Inline);
    QCOMPARE(plan.rows[1].row.payloadSource, PayloadSource::Base64);
    QCOMPARE(plan.rows[2].row.payloadSource, PayloadSource::File);
    QCOMPARE(plan.rows[2].row.payloadPathInRoot, u"in/clip.json"_s);
    QVERIFY(plan.rows[2].isValid());
    QVERIFY(!plan.rows[3].isValid());
    QCOMPARE(plan.rows[3].problems.first().kind, BatchProblemKind::Payload);
    QCOMPARE(plan.rows[4].row.payloadSource, PayloadSource::None);
    QCOMPARE(plan.validCount(), 4);

    file.payloadRoot = m_top->path();
    QCOMPARE(planBatch(file, u"job"_s, nullptr).payloadRoot,
             QFileInfo(m_top->path()).canonicalFilePath());
}

DD_TEST_GUILESS_MAIN(TestBatchPayloads)
#include "tst_batchpayloads.moc"
