// The CLI's argument parsing, environment precedence and payload reading.
#include "cli/dispatchoptions.h"
#include "cli/generaloptions.h"
#include "cli/goflags.h"
#include "core/connectionprofile.h"

#include <QBuffer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <iterator>

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
    void everyGeneralOption_data();
    void everyGeneralOption();
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
    ConnectionLayer profile;
    if (!profileAddress.isEmpty())
        profile.address = profileAddress;
    QStringList warnings;
    auto config = clientConfigFor(parsed->flagLayer, e, profile, &warnings);
    QVERIFY(config);
    QVERIFY(warnings.isEmpty());
    QCOMPARE(config->address.toString(), address);
    QCOMPARE(config->nameSpace, nameSpace);
    QCOMPARE(config->token, token);
}

// `nomad job dispatch`'s general options and their variables (NOMAD-API-FACTS.md),
// each with flag, variable and profile present or absent, through the parser
// and the one layering to the client's configuration.
struct GeneralOption
{
    QString flag, variable;
    ConnectionField field;
    QString (*read)(const ClientConfig &);
};
static const GeneralOption kGeneralOptions[] = {
    {u"address"_s, u"NOMAD_ADDR"_s, ConnectionField::Address,
     [](const ClientConfig &c) { return c.address.toString(); }},
    {u"region"_s, u"NOMAD_REGION"_s, ConnectionField::Region,
     [](const ClientConfig &c) { return c.region; }},
    {u"namespace"_s, u"NOMAD_NAMESPACE"_s, ConnectionField::Namespace,
     [](const ClientConfig &c) { return c.nameSpace; }},
    {u"ca-cert"_s, u"NOMAD_CACERT"_s, ConnectionField::CaFile,
     [](const ClientConfig &c) { return c.tls.caFile; }},
    {u"ca-path"_s, u"NOMAD_CAPATH"_s, ConnectionField::CaPath,
     [](const ClientConfig &c) { return c.tls.caPath; }},
    {u"client-cert"_s, u"NOMAD_CLIENT_CERT"_s, ConnectionField::ClientCert,
     [](const ClientConfig &c) { return c.tls.clientCert; }},
    {u"client-key"_s, u"NOMAD_CLIENT_KEY"_s, ConnectionField::ClientKey,
     [](const ClientConfig &c) { return c.tls.clientKey; }},
    {u"tls-server-name"_s, u"NOMAD_TLS_SERVER_NAME"_s, ConnectionField::TlsServerName,
     [](const ClientConfig &c) { return c.tls.serverName; }},
    {u"tls-skip-verify"_s, u"NOMAD_SKIP_VERIFY"_s, ConnectionField::SkipVerify,
     [](const ClientConfig &c) { return c.tls.skipVerify ? u"true"_s : u"false"_s; }},
    {u"token"_s, u"NOMAD_TOKEN"_s, ConnectionField::Token,
     [](const ClientConfig &c) { return c.token; }},
};

void TestCliParsing::everyGeneralOption_data()
{
    QTest::addColumn<int>("option"); // index into kGeneralOptions
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("env");     // the variable's value; empty: unset
    QTest::addColumn<QString>("profile"); // the profile's value; empty: no profile value
    QTest::addColumn<QString>("expected");
    for (int i = 0; i < int(std::size(kGeneralOptions)); ++i) {
        const GeneralOption &o = kGeneralOptions[i];
        const bool isAddress = o.field == ConnectionField::Address;
        const bool isBool = o.field == ConnectionField::SkipVerify;
        auto value = [&](const QString &host) {
            return isAddress ? QString(u"https://"_s + host + u":4646"_s)
                             : QString(host + u'-' + o.flag);
        };
        // Booleans: the flag says true, the variable false, the profile true.
        const QString flagValue = isBool ? u"true"_s : value(u"flag"_s);
        const QString envValue = isBool ? u"false"_s : value(u"env"_s);
        const QString profileValue = isBool ? u"true"_s : value(u"profile"_s);
        const QString fallback = isAddress ? u"http://127.0.0.1:4646"_s
                                 : isBool  ? u"false"_s
                                           : QString();
        for (int mask = 0; mask < 8; ++mask) {
            const bool hasFlag = mask & 4, hasEnv = mask & 2, hasProfile = mask & 1;
            QStringList args;
            if (hasFlag)
                args = isBool ? QStringList{u"-tls-skip-verify"_s}
                              : QStringList{u'-' + o.flag, flagValue};
            const QString expected = hasFlag      ? flagValue
                                     : hasEnv     ? envValue
                                     : hasProfile ? profileValue
                                                  : fallback;
            QTest::newRow(qPrintable(o.flag + u": flag "_s + (hasFlag ? u"yes"_s : u"no"_s) +
                                     u", env "_s + (hasEnv ? u"yes"_s : u"no"_s) + u", profile "_s +
                                     (hasProfile ? u"yes"_s : u"no"_s)))
                << i << args << (hasEnv ? envValue : QString())
                << (hasProfile ? profileValue : QString()) << expected;
        }
    }
}

void TestCliParsing::everyGeneralOption()
{
    QFETCH(int, option);
    QFETCH(QStringList, args);
    QFETCH(QString, env);
    QFETCH(QString, profile);
    QFETCH(QString, expected);
    const GeneralOption &o = kGeneralOptions[option];
    auto parsed = parseDispatchArgs(args + QStringList{u"job"_s});
    QVERIFY(parsed);
    QProcessEnvironment e;
    if (!env.isEmpty())
        e.insert(o.variable, env);
    ConnectionLayer profileLayer;
    if (!profile.isEmpty()) {
        // A saved profile with only this field filled in (the token is kept apart).
        ConnectionProfile p;
        std::optional<QString> token;
        switch (o.field) {
        case ConnectionField::Address:
            p.address = profile;
            break;
        case ConnectionField::Region:
            p.region = profile;
            break;
        case ConnectionField::Namespace:
            p.nameSpace = profile;
            break;
        case ConnectionField::CaFile:
            p.caFile = profile;
            break;
        case ConnectionField::CaPath:
            p.caPath = profile;
            break;
        case ConnectionField::ClientCert:
            p.clientCert = profile;
            break;
        case ConnectionField::ClientKey:
            p.clientKey = profile;
            break;
        case ConnectionField::TlsServerName:
            p.tlsServerName = profile;
            break;
        case ConnectionField::SkipVerify:
            p.skipVerify = profile == u"true";
            break;
        case ConnectionField::Token:
            token = profile;
            break;
        }
        profileLayer = layerFromProfile(p, token);
    }
    QStringList warnings;
    auto config = clientConfigFor(parsed->flagLayer, e, profileLayer, &warnings);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message()));
    QCOMPARE(o.read(*config), expected);
    QVERIFY(warnings.isEmpty());
}

void TestCliParsing::skipVerifyFromEnvironment_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("skip");
    QTest::addColumn<bool>("warned");
    QTest::newRow("1") << u"1"_s << true << false;
    QTest::newRow("true") << u"true"_s << true << false;
    QTest::newRow("TRUE") << u"TRUE"_s << true << false;
    QTest::newRow("0") << u"0"_s << false << false;
    QTest::newRow("yes is not a Go bool") << u"yes"_s << false << true;
}

void TestCliParsing::skipVerifyFromEnvironment()
{
    QFETCH(QString, value);
    QFETCH(bool, skip);
    QFETCH(bool, warned);
    QProcessEnvironment e;
    e.insert(u"NOMAD_SKIP_VERIFY"_s, value);
    auto parsed = parseDispatchArgs({u"job"_s});
    QVERIFY(parsed);
    QStringList warnings;
    auto config = clientConfigFor(parsed->flagLayer, e, {}, &warnings);
    QVERIFY(config);
    QCOMPARE(config->tls.skipVerify, skip);
    QCOMPARE(warnings.size(), warned ? 1 : 0);
    if (warned)
        QVERIFY(warnings.first().contains(u"NOMAD_SKIP_VERIFY=\""_s + value));
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
    auto parsed = parseDispatchArgs({u"-address"_s, address, u"job"_s});
    QVERIFY(parsed);
    auto config = clientConfigFor(parsed->flagLayer, {}, {}, nullptr);
    QVERIFY(!config);
    QVERIFY2(config.error().message().contains(words), qPrintable(config.error().message()));
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

DD_TEST_GUILESS_MAIN(TestCliParsing)
#include "tst_cliparsing.moc"
