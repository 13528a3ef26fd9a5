// What a hostile server, journal, profile or rows file can make the CLI do
// (issue 16). Nothing printed that a terminal runs as a command: a job ID
// holding ESC ] 52 (write the clipboard), ESC ] 0 (set the window title) and
// ESC [ 2J (clear the screen), and a Nomad error text with the same, arrive
// escaped as \u001b; printable output is byte for byte what it was. A rows
// file cannot send /proc/self/environ as a payload. Every command that
// connects warns about skip-verify. The journal is never written through a
// symbolic link.
#include "cli/safetextdevice.h"
#include "clitestsupport.h"
#include "recordings.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kEvilId = u"evil\u001b]52;c;aGVsbG8=\u0007\u001b]0;pwned\u0007\u001b[2J\u009b31m"_s;

bool hasRawControl(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f)
            return true;
        if (b == 0xc2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(bytes[i + 1]) <= 0x9f)
            return true;
    }
    return false;
}
} // namespace

class TestCliHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void escaping_data();
    void escaping();
    void serverTextIsEscaped();
    void passwordInAddressIsNeverShownOrStored();
    void payloadThatIsNotAFile_data();
    void payloadThatIsNotAFile();
    void batchPayloadFileOutsideTheRowsFolder_data();
    void batchPayloadFileOutsideTheRowsFolder();
    void batchPayloadRootIsNamedAndWidened();
    void skipVerifyIsWarnedByEveryCommand();
    void journalSymlinkIsRefused();
};

void TestCliHardening::escaping_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("printable is unchanged")
        << QByteArray("Dispatched Job ID = a/dispatch-1-ab\n\tü € 😀")
        << QByteArray("Dispatched Job ID = a/dispatch-1-ab\n\tü € 😀");
    QTest::newRow("ESC, BEL, CR") << QByteArray("a\x1b[2Jb\x07\rc")
                                  << QByteArray("a\\u001b[2Jb\\u0007\\u000dc");
    QTest::newRow("NUL and DEL") << QByteArray("a\0b\x7f", 4) << QByteArray("a\\u0000b\\u007f");
    QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                          "31m")
                            << QByteArray("a\\u009b31m");
    QTest::newRow("bidi override") << QByteArray("a\xe2\x80\xae"
                                                 "b\xe2\x81\xa6")
                                   << QByteArray("a\\u202eb\\u2066");
    QTest::newRow("a JSON escape stays JSON")
        << QByteArray(R"({"ID":"a\u001b"})") << QByteArray(R"({"ID":"a\u001b"})");
}

void TestCliHardening::escaping()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(cli::SafeTextDevice::escape(in), out);
    QBuffer target;
    target.open(QIODevice::WriteOnly);
    cli::SafeTextDevice device(&target);
    device.write(in);
    cli::writeRaw(&device, "\x1b[31m");
    QCOMPARE(target.data(), out + "\x1b[31m");
}

void TestCliHardening::serverTextIsEscaped()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    auto spec = readRegisteredJob(u"report-nightly"_s);
    DD_VERIFY_OK(spec);
    QJsonObject job = *spec;
    job[u"ID"_s] = kEvilId;
    job[u"Name"_s] = kEvilId;
    QVERIFY(sim->registerJob(job).has_value());
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);

    const CliRun dispatch = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, kEvilId}, env);
    QCOMPARE(dispatch.exitCode, 0);
    QVERIFY2(!hasRawControl(dispatch.out), dispatch.out.constData());
    QVERIFY2(dispatch.out.startsWith(
                 "Dispatched Job ID = evil\\u001b]52;c;aGVsbG8=\\u0007\\u001b]0;pwned\\u0007"
                 "\\u001b[2J\\u009b31m/dispatch-"),
             dispatch.out.constData());

    const CliRun history = runCli({u"history"_s}, env);
    QCOMPARE(history.exitCode, 0);
    QVERIFY(history.out.contains("evil\\u001b]52"));
    QVERIFY2(!hasRawControl(history.out), history.out.constData());
    const CliRun json = runCli({u"history"_s, u"-json"_s}, env);
    QCOMPARE(json.exitCode, 0);
    QVERIFY(!hasRawControl(json.out));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY2(QString::fromUtf8(json.out).contains(u"evil"_s), json.out.constData());

    const CliRun list = runCli({u"job"_s, u"list"_s}, env);
    QVERIFY(!hasRawControl(list.out));
    QVERIFY(list.out.contains("evil\\u001b"));

    // Nomad's own error text is server text too.
    sim->faults().failWith(500, u"boom\u001b]0;owned\u0007"_s, u"/dispatch"_s, 1);
    const CliRun failed = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"report-nightly"_s}, env);
    QCOMPARE(failed.exitCode, 1);
    QVERIFY2(!hasRawControl(failed.err), failed.err.constData());
    QVERIFY2(failed.err.contains("(boom\\u001b]0;owned\\u0007)"), failed.err.constData());
}

// -address http://alice:S3cret@host: Nomad's client sends the user info as
// basic auth; it never appears in what is printed, the journal or history.
void TestCliHardening::passwordInAddressIsNeverShownOrStored()
{
    // A lost answer on 1.0: the error names the URL, and the journal keeps it.
    const auto cluster = startRecordedCluster(u"1.0.18"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    QUrl address = sim->baseUrl();
    address.setUserInfo(u"alice:S3cret"_s);
    sim->faults().transport(sim::FaultKind::CloseBeforeAnswer, u"/dispatch"_s, 1);
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-address"_s, address.toString(),
                               u"-detach"_s, u"report-nightly"_s},
                              env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(!run.err.contains("S3cret") && !run.out.contains("S3cret"), run.err.constData());
    QVERIFY2(run.err.contains("Put \"http://127.0.0.1:"), run.err.constData());
    QFile journal(env.value(u"DISPATCH_DESK_JOURNAL"_s));
    QVERIFY2(journal.open(QIODevice::ReadOnly), qPrintable(journal.fileName()));
    const QByteArray stored = journal.readAll();
    QVERIFY(stored.contains("report-nightly"));
    QVERIFY2(!stored.contains("S3cret") && !stored.contains("alice"), stored.constData());
    const CliRun history = runCli({u"history"_s, u"-json"_s}, env);
    QVERIFY(!history.out.contains("S3cret"));
}

void TestCliHardening::payloadThatIsNotAFile_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("words");
    QTest::newRow("/dev/zero") << u"/dev/zero"_s << u"not a regular file"_s;
    QTest::newRow("FIFO") << u"fifo"_s << u"not a regular file"_s;
}

// A payload named on the command line that is a device or a FIFO: a clear
// error at once, nothing sent, no hang, no abort.
void TestCliHardening::payloadThatIsNotAFile()
{
    QFETCH(QString, source);
    QFETCH(QString, words);
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    if (source == u"fifo") {
        source = dir.filePath(u"fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(source).constData(), 0600), 0);
    }
    const CliRun run = runCli(
        {u"job"_s, u"dispatch"_s, u"-meta"_s, u"input-codec=mp4"_s, u"video-encode"_s, source},
        cliEnvironment(sim->baseUrl().toString(), dir), {}, 15000);
    QVERIFY2(run.finished, "the CLI hung");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(QString::fromUtf8(run.err).contains(words), run.err.constData());
    QVERIFY(sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).isEmpty());
}

void TestCliHardening::batchPayloadFileOutsideTheRowsFolder_data()
{
    QTest::addColumn<bool>("dryRun");
    QTest::newRow("dispatch") << false;
    QTest::newRow("-dry-run") << true;
}

// A rows file whose payload_file is /proc/self/environ (the user's
// environment, NOMAD_TOKEN included): refused before anything is sent.
void TestCliHardening::batchPayloadFileOutsideTheRowsFolder()
{
    QFETCH(bool, dryRun);
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    env.insert(u"NOMAD_TOKEN"_s, u"s3cret-from-the-environment"_s);
    const QString rows = dir.filePath(u"rows.jsonl"_s);
    QFile f(rows);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"input-codec\": \"mp4\", \"payload\": \"fine\"}\n"
            "{\"meta\": {\"input-codec\": \"mp4\"}, \"payload_file\": \"/proc/self/environ\"}\n"
            "{\"input-codec\": \"webm\", \"payload_file\": \"../../../../../../etc/passwd\"}\n");
    f.close();
    QStringList args{u"job"_s, u"dispatch-batch"_s};
    if (dryRun)
        args << u"-dry-run"_s;
    args << u"video-encode"_s << rows;
    const CliRun run = runCli(args, env, {}, 20000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    const QString err = QString::fromUtf8(run.err);
    const QString folder = QFileInfo(dir.path()).canonicalFilePath();
    QVERIFY2(err.contains(u"Row at line 2: payload file \"/proc/self/environ\" is outside "_s +
                          folder + u"; payload files must be inside the rows file's folder"_s),
             qPrintable(err));
    QVERIFY2(err.contains(u"Row at line 3: payload file \"../../../../../../etc/passwd\" is "
                          "outside"_s),
             qPrintable(err));
    QVERIFY(err.contains(u"-payload-root DIR"_s));
    QVERIFY(err.contains(u"nothing was dispatched"_s));
    QVERIFY(!run.out.contains("s3cret") && !run.err.contains("s3cret"));
    QVERIFY(!run.out.contains("root:"));
    QCOMPARE(sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).size(), 0);
    QCOMPARE(sim->childCount(u"video-encode"_s), 0);
}

// The preview names the folder payload files come from; -payload-root widens
// it (relative paths still start at the rows file's folder) and is named.
void TestCliHardening::batchPayloadRootIsNamedAndWidened()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir top;
    const auto env = cliEnvironment(sim->baseUrl().toString(), top);
    QVERIFY(QDir().mkpath(top.filePath(u"rows/in"_s)));
    QFile common(top.filePath(u"common.json"_s));
    QVERIFY(common.open(QIODevice::WriteOnly));
    common.write("{\"common\": 1}");
    common.close();
    QFile clip(top.filePath(u"rows/in/clip.json"_s));
    QVERIFY(clip.open(QIODevice::WriteOnly));
    clip.write("{\"clip\": 2}");
    clip.close();
    const QString rows = top.filePath(u"rows/rows.csv"_s);
    QFile f(rows);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("input-codec,payload_file\nmp4,in/clip.json\nwebm,../common.json\n");
    f.close();
    const QString rowsFolder = QFileInfo(top.filePath(u"rows"_s)).canonicalFilePath();
    const QString topFolder = QFileInfo(top.path()).canonicalFilePath();

    const CliRun narrow =
        runCli({u"job"_s, u"dispatch-batch"_s, u"-dry-run"_s, u"video-encode"_s, rows}, env);
    QCOMPARE(narrow.exitCode, 1);
    QVERIFY2(narrow.err.contains("Row at line 3: payload file \"../common.json\" is outside"),
             narrow.err.constData());

    // Only one row: the preview says where its payload comes from.
    QFile one(top.filePath(u"rows/one.csv"_s));
    QVERIFY(one.open(QIODevice::WriteOnly));
    one.write("input-codec,payload_file\nmp4,in/clip.json\n");
    one.close();
    const CliRun preview = runCli(
        {u"job"_s, u"dispatch-batch"_s, u"-dry-run"_s, u"video-encode"_s, one.fileName()}, env);
    QCOMPARE(preview.exitCode, 0);
    QVERIFY2(
        QString::fromUtf8(preview.out)
            .contains(u"Payload files: from "_s + rowsFolder + u" (the rows file's folder)\n"_s),
        preview.out.constData());
    QVERIFY2(preview.out.contains("line 2: input-codec=mp4, payload 11 bytes from in/clip.json"),
             preview.out.constData());

    const CliRun wide = runCli({u"job"_s, u"dispatch-batch"_s, u"-dry-run"_s,
                                u"-payload-root="_s + top.path(), u"video-encode"_s, rows},
                               env);
    QVERIFY2(wide.exitCode == 0, wide.err.constData());
    QVERIFY2(QString::fromUtf8(wide.out).contains(u"Payload files: from "_s + topFolder +
                                                  u" (given with -payload-root)"_s),
             wide.out.constData());
    QVERIFY(wide.out.contains("payload 13 bytes from common.json"));
    QVERIFY(wide.out.contains("payload 11 bytes from rows/in/clip.json"));

    const CliRun missing = runCli(
        {u"job"_s, u"dispatch-batch"_s, u"-payload-root=/no/such/dir"_s, u"video-encode"_s, rows},
        env);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("Invalid -payload-root \"/no/such/dir\": no such folder"),
             missing.err.constData());
    QVERIFY(QString::fromUtf8(runCli({u"job"_s, u"dispatch-batch"_s, u"-help"_s}, env).out)
                .contains(u"-payload-root=<dir>"_s));

    const CliRun sent = runCli(
        {u"job"_s, u"dispatch-batch"_s, u"-payload-root="_s + top.path(), u"video-encode"_s, rows},
        env);
    QVERIFY2(sent.exitCode == 0, sent.err.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s), 2);
}

// -tls-skip-verify (or NOMAD_SKIP_VERIFY) is said by every command that
// connects, in the same words, before it connects.
void TestCliHardening::skipVerifyIsWarnedByEveryCommand()
{
    QTcpServer closed; // a port nothing listens on once this is closed
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QString address = u"https://127.0.0.1:"_s + QString::number(closed.serverPort());
    closed.close();
    QTemporaryDir dir;
    QFile rows(dir.filePath(u"rows.csv"_s));
    QVERIFY(rows.open(QIODevice::WriteOnly));
    rows.write("input-codec,payload\nmp4,x\n");
    rows.close();
    const QList<QStringList> commands = {
        {u"job"_s, u"list"_s},
        {u"job"_s, u"dispatch"_s, u"-detach"_s, u"-meta"_s, u"input-codec=x"_s, u"video-encode"_s},
        {u"job"_s, u"dispatch-batch"_s, u"video-encode"_s, rows.fileName()},
    };
    const QByteArray warning =
        "Warning: TLS verification is off (-tls-skip-verify, NOMAD_SKIP_VERIFY or the profile); "
        "the server's identity is not checked, so any server can pretend to be 127.0.0.1 and "
        "read the token.\n";
    for (const QStringList &command : commands) {
        QStringList byFlag = command;
        byFlag.insert(2, u"-tls-skip-verify"_s);
        byFlag.insert(2, u"-address="_s + address);
        const CliRun flag = runCli(byFlag, cliEnvironment({}, dir), {}, 20000);
        QVERIFY(flag.finished);
        QVERIFY2(flag.err.contains(warning),
                 qPrintable(command.join(u' ') + u": "_s + QString::fromUtf8(flag.err)));
        auto env = cliEnvironment(address, dir);
        env.insert(u"NOMAD_SKIP_VERIFY"_s, u"true"_s);
        const CliRun variable = runCli(command, env, {}, 20000);
        QVERIFY2(variable.err.contains(warning), variable.err.constData());
        QCOMPARE(variable.err.count(warning), 1);
    }
}

// A symbolic link planted at the journal's path: the dispatch says the
// journal is refused and why, and nothing is written through the link.
void TestCliHardening::journalSymlinkIsRefused()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    QFile target(dir.filePath(u"bashrc"_s));
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write("export PATH=/usr/bin\n");
    target.close();
    QVERIFY(QFile::link(target.fileName(), env.value(u"DISPATCH_DESK_JOURNAL"_s)));
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"report-nightly"_s}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("is a symbolic link, and the journal is never written through one"),
             run.err.constData());
    QVERIFY(run.err.contains("this dispatch is not recorded in the history"));
    QVERIFY(target.open(QIODevice::ReadOnly));
    QCOMPARE(target.readAll(), QByteArray("export PATH=/usr/bin\n"));
}

DD_TEST_GUILESS_MAIN(TestCliHardening)
#include "tst_clihardening.moc"
