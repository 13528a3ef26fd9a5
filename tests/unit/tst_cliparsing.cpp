// The CLI's argument parsing, environment precedence and payload reading.
#include "cli/dispatchoptions.h"
#include "cli/generaloptions.h"
#include "cli/goflags.h"

#include <QBuffer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace dd;
using namespace dd::cli;
using namespace Qt::Literals::StringLiterals;

class TestCliParsing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void goFlags_data();
    void goFlags();
    void dispatchArgs_data();
    void dispatchArgs();
    void metaLaterWins();
    void metaErrors_data();
    void metaErrors();
    void precedence_data();
    void precedence();
    void skipVerifyFromEnvironment_data();
    void skipVerifyFromEnvironment();
    void addressErrors_data();
    void addressErrors();
    void readInput_data();
    void readInput();
    void colour_data();
    void colour();
};

void TestCliParsing::goFlags_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("positional");
    QTest::addColumn<bool>("detach");
    QTest::addColumn<QString>("name");
    QTest::newRow("bool") << QStringList{u"-detach"_s, u"job"_s} << QString()
                          << QStringList{u"job"_s} << true << QString();
    QTest::newRow("double dash") << QStringList{u"--detach"_s, u"job"_s} << QString()
                                 << QStringList{u"job"_s} << true << QString();
    QTest::newRow("bool=false") << QStringList{u"-detach=false"_s, u"job"_s} << QString()
                                << QStringList{u"job"_s} << false << QString();
    QTest::newRow("bool bad") << QStringList{u"-detach=maybe"_s}
                              << u"invalid boolean value \"maybe\" for -detach: parse error"_s
                              << QStringList{} << false << QString();
    QTest::newRow("string=") << QStringList{u"-name=x"_s, u"job"_s} << QString()
                             << QStringList{u"job"_s} << false << u"x"_s;
    QTest::newRow("string space") << QStringList{u"-name"_s, u"x"_s, u"job"_s} << QString()
                                  << QStringList{u"job"_s} << false << u"x"_s;
    QTest::newRow("string missing") << QStringList{u"-name"_s} << u"flag needs an argument: -name"_s
                                    << QStringList{} << false << QString();
    QTest::newRow("unknown") << QStringList{u"-nope"_s} << u"flag provided but not defined: -nope"_s
                             << QStringList{} << false << QString();
    QTest::newRow("stops at positional")
        << QStringList{u"job"_s, u"-detach"_s} << QString() << QStringList{u"job"_s, u"-detach"_s}
        << false << QString();
    QTest::newRow("dash is stdin") << QStringList{u"-detach"_s, u"job"_s, u"-"_s} << QString()
                                   << QStringList{u"job"_s, u"-"_s} << true << QString();
    QTest::newRow("lone dash stops") << QStringList{u"-"_s, u"-detach"_s} << QString()
                                     << QStringList{u"-"_s, u"-detach"_s} << false << QString();
    QTest::newRow("double dash ends") << QStringList{u"--"_s, u"-detach"_s} << QString()
                                      << QStringList{u"-detach"_s} << false << QString();
    QTest::newRow("triple dash") << QStringList{u"---x"_s} << u"bad flag syntax: ---x"_s
                                 << QStringList{} << false << QString();
}

void TestCliParsing::goFlags()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QFETCH(QStringList, positional);
    QFETCH(bool, detach);
    QFETCH(QString, name);
    FlagSet flags;
    bool d = false;
    QString n;
    flags.addBool(u"detach"_s, &d);
    flags.addString(u"name"_s, &n);
    auto result = flags.parse(args);
    if (!error.isEmpty()) {
        QVERIFY(!result);
        QCOMPARE(result.error(), error);
        return;
    }
    QVERIFY(result);
    QCOMPARE(*result, positional);
    QCOMPARE(d, detach);
    QCOMPARE(n, name);
}

void TestCliParsing::dispatchArgs_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode"); // -1 = parsed fine
    QTest::addColumn<QString>("firstError");
    QTest::newRow("job only") << QStringList{u"video-encode"_s} << -1 << QString();
    QTest::newRow("job and input")
        << QStringList{u"video-encode"_s, u"in.json"_s} << -1 << QString();
    QTest::newRow("no args")
        << QStringList{} << 1
        << u"This command takes one or two argument: <parameterized job> [input source]"_s;
    QTest::newRow("three args")
        << QStringList{u"a"_s, u"b"_s, u"c"_s} << 1
        << u"This command takes one or two argument: <parameterized job> [input source]"_s;
    QTest::newRow("help") << QStringList{u"-help"_s} << 0 << QString();
    QTest::newRow("h") << QStringList{u"-h"_s} << 0 << QString();
    QTest::newRow("unknown flag") << QStringList{u"-bogus"_s, u"x"_s} << 1
                                  << u"flag provided but not defined: -bogus"_s;
    QTest::newRow("priority text") << QStringList{u"-priority=high"_s, u"x"_s} << 1
                                   << u"invalid value \"high\" for flag -priority: parse error"_s;
    QTest::newRow("priority range")
        << QStringList{u"-priority=101"_s, u"x"_s} << 1
        << u"Invalid -priority 101: use a number from 1 to 100, or leave it out to inherit the job's."_s;
    QTest::newRow("all later flags") << QStringList{u"-idempotency-token=t"_s,
                                                    u"-id-prefix-template=p"_s,
                                                    u"-priority=80"_s,
                                                    u"-wait"_s,
                                                    u"-ui"_s,
                                                    u"-verbose"_s,
                                                    u"-detach"_s,
                                                    u"x"_s}
                                     << -1 << QString();
}

void TestCliParsing::dispatchArgs()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, firstError);
    auto parsed = parseDispatchArgs(args);
    if (exitCode < 0) {
        QVERIFY(parsed);
        QCOMPARE(parsed->jobArg, args.at(args.size() - (parsed->inputSource ? 2 : 1)));
        return;
    }
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().exitCode, exitCode);
    if (!firstError.isEmpty())
        QCOMPARE(parsed.error().errors.value(0), firstError);
}

void TestCliParsing::metaLaterWins()
{
    auto parsed = parseDispatchArgs({u"-meta"_s, u"a=1"_s, u"-meta=a=2"_s, u"-meta"_s, u"b=x=y"_s,
                                     u"-meta"_s, u"c="_s, u"job"_s});
    QVERIFY(parsed);
    auto meta = parseMeta(parsed->meta);
    QVERIFY(meta);
    QCOMPARE(meta->value(u"a"_s), u"2"_s);
    QCOMPARE(meta->value(u"b"_s), u"x=y"_s);
    QVERIFY(meta->contains(u"c"_s));
    QCOMPARE(meta->value(u"c"_s), QString());
}

void TestCliParsing::metaErrors_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::newRow("no equals") << u"novalue"_s << u"Error parsing meta value: novalue"_s;
    QTest::newRow("empty") << QString() << u"Error parsing meta value: "_s;
}

void TestCliParsing::metaErrors()
{
    QFETCH(QString, value);
    QFETCH(QString, error);
    auto meta = parseMeta({value});
    QVERIFY(!meta);
    QCOMPARE(meta.error(), error);
}

void TestCliParsing::precedence_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("profileAddress");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QString>("token");
    QTest::newRow("defaults") << QStringList{} << QStringList{} << QString()
                              << u"http://127.0.0.1:4646"_s << QString() << QString();
    QTest::newRow("profile") << QStringList{} << QStringList{} << u"http://prof:1"_s
                             << u"http://prof:1"_s << QString() << QString();
    QTest::newRow("env beats profile")
        << QStringList{} << QStringList{u"NOMAD_ADDR=http://env:2"_s} << u"http://prof:1"_s
        << u"http://env:2"_s << QString() << QString();
    QTest::newRow("flag beats env")
        << QStringList{u"-address=http://flag:3"_s} << QStringList{u"NOMAD_ADDR=http://env:2"_s}
        << u"http://prof:1"_s << u"http://flag:3"_s << QString() << QString();
    QTest::newRow("empty env ignored")
        << QStringList{} << QStringList{u"NOMAD_ADDR="_s} << u"http://prof:1"_s
        << u"http://prof:1"_s << QString() << QString();
    QTest::newRow("field by field")
        << QStringList{u"-namespace=team-a"_s}
        << QStringList{u"NOMAD_TOKEN=tok"_s, u"NOMAD_NAMESPACE=other"_s} << QString()
        << u"http://127.0.0.1:4646"_s << u"team-a"_s << u"tok"_s;
    QTest::newRow("token flag") << QStringList{u"-token"_s, u"flagtok"_s}
                                << QStringList{u"NOMAD_TOKEN=envtok"_s} << QString()
                                << u"http://127.0.0.1:4646"_s << QString() << u"flagtok"_s;
}

void TestCliParsing::precedence()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, env);
    QFETCH(QString, profileAddress);
    QFETCH(QString, address);
    QFETCH(QString, nameSpace);
    QFETCH(QString, token);
    auto parsed = parseDispatchArgs(flags + QStringList{u"job"_s});
    QVERIFY(parsed);
    QProcessEnvironment e;
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    ConnectionFields profile;
    if (!profileAddress.isEmpty())
        profile.address = profileAddress;
    auto config =
        clientConfigFrom(layered(parsed->flagFields, layered(fieldsFromEnvironment(e), profile)));
    QVERIFY(config);
    QCOMPARE(config->address.toString(), address);
    QCOMPARE(config->nameSpace, nameSpace);
    QCOMPARE(config->token, token);
}

void TestCliParsing::skipVerifyFromEnvironment_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("skip");
    QTest::newRow("1") << u"1"_s << true;
    QTest::newRow("true") << u"true"_s << true;
    QTest::newRow("TRUE") << u"TRUE"_s << true;
    QTest::newRow("0") << u"0"_s << false;
    QTest::newRow("yes is not a Go bool") << u"yes"_s << false;
}

void TestCliParsing::skipVerifyFromEnvironment()
{
    QFETCH(QString, value);
    QFETCH(bool, skip);
    QProcessEnvironment e;
    e.insert(u"NOMAD_SKIP_VERIFY"_s, value);
    auto config = clientConfigFrom(fieldsFromEnvironment(e));
    QVERIFY(config);
    QCOMPARE(config->tls.skipVerify, skip);
}

void TestCliParsing::addressErrors_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("words");
    QTest::newRow("no scheme") << u"127.0.0.1:4646"_s << u"has no scheme"_s;
    QTest::newRow("bad port") << u"http://127.0.0.1:99999"_s << u"port"_s;
    QTest::newRow("text port") << u"http://127.0.0.1:abc"_s << u"port"_s;
    QTest::newRow("unknown scheme") << u"ftp://127.0.0.1:4646"_s << u"uses the scheme \"ftp\""_s;
    QTest::newRow("no host") << u"http://:4646"_s << u"host"_s;
}

void TestCliParsing::addressErrors()
{
    QFETCH(QString, address);
    QFETCH(QString, words);
    ConnectionFields f;
    f.address = address;
    auto config = clientConfigFrom(f);
    QVERIFY(!config);
    QVERIFY2(config.error().contains(words), qPrintable(config.error()));
}

void TestCliParsing::readInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");
    QTest::newRow("binary file") << u"file"_s << QByteArray("\x00\x01\xfe\xff payload", 12)
                                 << QString();
    QTest::newRow("empty file") << u"file"_s << QByteArray() << QString();
    QTest::newRow("stdin") << u"stdin"_s << QByteArray("{\"a\":1}") << QString();
    QTest::newRow("empty stdin") << u"stdin"_s << QByteArray() << QString();
    QTest::newRow("missing") << u"missing"_s << QByteArray()
                             << u"open %1: no such file or directory"_s;
    QTest::newRow("directory") << u"dir"_s << QByteArray() << u"read %1: is a directory"_s;
    QTest::newRow("unreadable") << u"unreadable"_s << QByteArray("x")
                                << u"open %1: permission denied"_s;
}

void TestCliParsing::readInput()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QString source = dir.filePath(u"payload.bin"_s);
    QBuffer in;
    if (kind == u"file" || kind == u"unreadable") {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        if (kind == u"unreadable") {
            if (geteuid() == 0)
                QSKIP("root reads every file");
            f.setPermissions(QFileDevice::WriteOwner);
        }
    } else if (kind == u"stdin") {
        source = u"-"_s;
        in.setData(content);
        in.open(QIODevice::ReadOnly);
    } else if (kind == u"dir") {
        source = dir.path();
    }
    auto data = cli::readInput(source, &in);
    if (!error.isEmpty()) {
        QVERIFY(!data);
        QCOMPARE(data.error(), error.arg(source));
        return;
    }
    QVERIFY(data);
    QCOMPARE(*data, content);
}

void TestCliParsing::colour_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<bool>("terminal");
    QTest::addColumn<bool>("colour");
    QTest::newRow("terminal") << QStringList{} << QStringList{} << true << true;
    QTest::newRow("pipe") << QStringList{} << QStringList{} << false << false;
    QTest::newRow("no-color") << QStringList{u"-no-color"_s} << QStringList{} << true << false;
    QTest::newRow("env no color") << QStringList{} << QStringList{u"NOMAD_CLI_NO_COLOR=1"_s} << true
                                  << false;
    QTest::newRow("force") << QStringList{u"-force-color"_s} << QStringList{} << false << true;
    QTest::newRow("no-color beats force")
        << QStringList{u"-force-color"_s, u"-no-color"_s} << QStringList{} << true << false;
}

void TestCliParsing::colour()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, env);
    QFETCH(bool, terminal);
    QFETCH(bool, colour);
    auto parsed = parseDispatchArgs(flags + QStringList{u"job"_s});
    QVERIFY(parsed);
    QProcessEnvironment e;
    for (const QString &kv : env)
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    QCOMPARE(colorWanted(parsed->general, parsed->colorFlagsGiven, e, terminal), colour);
}

QTEST_GUILESS_MAIN(TestCliParsing)
#include "tst_cliparsing.moc"
