// Connection profiles as values: validation, the environment import (Go's
// ParseBool for NOMAD_SKIP_VERIFY), the flags > environment > profile >
// defaults rule field by field, and JSON export without secrets.
#include "core/connectionprofile.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(dd::ConnectionField)
Q_DECLARE_METATYPE(dd::FieldSource)

class TestConnectionProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void validation_data();
    void validation();
    void goParseBool_data();
    void goParseBool();
    void environmentImport();
    void environmentSkipVerify_data();
    void environmentSkipVerify();
    void environmentEmptyVariablesAreSilent();
    void environmentProfileCanBeSaved();
    void precedence_data();
    void precedence();
    void precedenceEveryFieldIndependent();
    void layeredConnection_data();
    void layeredConnection();
    void layeredSkipVerifyWarning_data();
    void layeredSkipVerifyWarning();
    void jsonRoundTripHasNoSecrets();
    void jsonImportReportsBadEntries();
    void jsonImportRejectsNonsense_data();
    void jsonImportRejectsNonsense();
};

static ConnectionProfile good()
{
    ConnectionProfile p;
    p.name = u"prod"_s;
    p.address = u"https://nomad.example:4646"_s;
    return p;
}

void TestConnectionProfile::validation_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("problem"); // words the problem must contain; empty: valid

    QTest::newRow("good") << good() << QString();
    ConnectionProfile p = good();
    p.name.clear();
    QTest::newRow("no name") << p << u"needs a name"_s;
    p = good();
    p.name = u"a/b"_s;
    QTest::newRow("slash in name") << p << u"may only use letters"_s;
    p = good();
    p.name = u"-flag"_s;
    QTest::newRow("name starts with dash") << p << u"must start with a letter or digit"_s;
    p = good();
    p.name = QString(kMaxProfileNameLength + 1, u'x');
    QTest::newRow("long name") << p << u"longer than 64"_s;
    p = good();
    p.name = u"my prod.eu-1"_s;
    QTest::newRow("spaces dots dashes") << p << QString();
    p = good();
    p.address.clear();
    QTest::newRow("no address") << p << u"has no address"_s;
    p = good();
    p.address = u"nomad.example:4646"_s;
    QTest::newRow("no scheme") << p << u"has no scheme"_s;
    p = good();
    p.address = u"ftp://nomad.example"_s;
    QTest::newRow("bad scheme") << p << u"http or https"_s;
    p = good();
    p.clientCert = u"/c.pem"_s;
    QTest::newRow("cert without key") << p << u"needs its key"_s;
    p = good();
    p.color = u"red"_s;
    QTest::newRow("colour") << p << u"#rrggbb"_s;
    p = good();
    p.color = u"#D9534f"_s;
    p.label = u"PRODUCTION"_s;
    QTest::newRow("colour and label") << p << QString();
}

void TestConnectionProfile::validation()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, problem);
    const QStringList problems = profileProblems(profile);
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    } else {
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
    }
}

void TestConnectionProfile::goParseBool_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 invalid
    // Exactly the spellings of Go's strconv.ParseBool.
    for (const char *t : {"1", "t", "T", "TRUE", "true", "True"})
        QTest::newRow(t) << QString::fromLatin1(t) << 1;
    for (const char *f : {"0", "f", "F", "FALSE", "false", "False"})
        QTest::newRow(f) << QString::fromLatin1(f) << 0;
    for (const char *x : {"yes", "no", "on", "tRUE", "2", " true", ""})
        QTest::newRow(qPrintable(u"invalid '"_s + QString::fromLatin1(x) + u'\''))
            << QString::fromLatin1(x) << -1;
}

void TestConnectionProfile::goParseBool()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto value = dd::goParseBool(text);
    if (expected < 0)
        QVERIFY(!value);
    else
        QCOMPARE(value, std::optional<bool>(expected == 1));
}

void TestConnectionProfile::environmentImport()
{
    QProcessEnvironment env;
    env.insert(u"NOMAD_ADDR"_s, u"https://10.0.0.1:4646"_s);
    env.insert(u"NOMAD_REGION"_s, u"eu"_s);
    env.insert(u"NOMAD_NAMESPACE"_s, u"batch"_s);
    env.insert(u"NOMAD_TOKEN"_s, u"s3cr3t-token"_s);
    env.insert(u"NOMAD_CACERT"_s, u"/etc/nomad/ca.pem"_s);
    env.insert(u"NOMAD_CAPATH"_s, u"/etc/nomad/cas"_s);
    env.insert(u"NOMAD_CLIENT_CERT"_s, u"/etc/nomad/cli.pem"_s);
    env.insert(u"NOMAD_CLIENT_KEY"_s, u"/etc/nomad/cli-key.pem"_s);
    env.insert(u"NOMAD_TLS_SERVER_NAME"_s, u"server.global.nomad"_s);
    env.insert(u"NOMAD_SKIP_VERIFY"_s, u"T"_s);
    env.insert(u"UNRELATED"_s, u"x"_s);

    const EnvironmentImport imported = importEnvironment(env);
    QVERIFY(imported.warnings.isEmpty());
    const ConnectionLayer &l = imported.layer;
    QCOMPARE(l.address, u"https://10.0.0.1:4646"_s);
    QCOMPARE(l.region, u"eu"_s);
    QCOMPARE(l.nameSpace, u"batch"_s);
    QCOMPARE(l.token, u"s3cr3t-token"_s);
    QCOMPARE(l.caFile, u"/etc/nomad/ca.pem"_s);
    QCOMPARE(l.caPath, u"/etc/nomad/cas"_s);
    QCOMPARE(l.clientCert, u"/etc/nomad/cli.pem"_s);
    QCOMPARE(l.clientKey, u"/etc/nomad/cli-key.pem"_s);
    QCOMPARE(l.tlsServerName, u"server.global.nomad"_s);
    QCOMPARE(l.skipVerify, std::optional<bool>(true));

    const ConnectionProfile p = imported.profile();
    QCOMPARE(p.name, kEnvironmentProfileName);
    QCOMPARE(p.address, u"https://10.0.0.1:4646"_s);
    QCOMPARE(p.tlsServerName, u"server.global.nomad"_s);
    QVERIFY(p.skipVerify);
    QVERIFY2(p.tokenRef.isEmpty(), "a profile never carries the token itself");
}

void TestConnectionProfile::environmentSkipVerify_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("expected"); // -1: not set
    QTest::addColumn<bool>("warns");
    QTest::newRow("true") << u"true"_s << 1 << false;
    QTest::newRow("1") << u"1"_s << 1 << false;
    QTest::newRow("F") << u"F"_s << 0 << false;
    QTest::newRow("yes is not Go") << u"yes"_s << -1 << true;
    QTest::newRow("garbage") << u"sure"_s << -1 << true;
    QTest::newRow("empty") << QString() << -1 << false;
}

void TestConnectionProfile::environmentSkipVerify()
{
    QFETCH(QString, value);
    QFETCH(int, expected);
    QFETCH(bool, warns);
    QProcessEnvironment env;
    env.insert(u"NOMAD_SKIP_VERIFY"_s, value);
    const EnvironmentImport imported = importEnvironment(env);
    if (expected < 0)
        QVERIFY(!imported.layer.skipVerify);
    else
        QCOMPARE(imported.layer.skipVerify, std::optional<bool>(expected == 1));
    QCOMPARE(!imported.warnings.isEmpty(), warns);
    if (warns) {
        QVERIFY(imported.warnings.first().contains(u"NOMAD_SKIP_VERIFY=\""_s + value));
        QVERIFY(imported.warnings.first().contains(u"verification stays on"_s));
    }
}

void TestConnectionProfile::environmentEmptyVariablesAreSilent()
{
    QProcessEnvironment env;
    env.insert(u"NOMAD_ADDR"_s, QString());
    env.insert(u"NOMAD_TOKEN"_s, QString());
    const EnvironmentImport imported = importEnvironment(env);
    QVERIFY(imported.layer.isEmpty());
    // So the profile below shows through, as with Go's client.
    ConnectionProfile p = good();
    const auto r = resolveConnection({}, imported.layer, layerFromProfile(p));
    QCOMPARE(r.values.address, p.address);
    QCOMPARE(r.sourceOf(ConnectionField::Address), FieldSource::Profile);
}

void TestConnectionProfile::environmentProfileCanBeSaved()
{
    QProcessEnvironment env;
    env.insert(u"NOMAD_ADDR"_s, u"http://127.0.0.1:4646"_s);
    ConnectionProfile p = importEnvironment(env).profile();
    QVERIFY(profileProblems(p).isEmpty());
    p.name = u"local"_s;
    QVERIFY(profileProblems(p).isEmpty());
}

// One row per combination of sources for one field: which layers set it and
// which value wins.
void TestConnectionProfile::precedence_data()
{
    QTest::addColumn<ConnectionField>("field");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<FieldSource>("source");

    const auto A = ConnectionField::Address;
    QTest::newRow("address: nothing -> default")
        << A << QString() << QString() << QString() << u"http://127.0.0.1:4646"_s
        << FieldSource::Default;
    QTest::newRow("address: profile") << A << QString() << QString() << u"https://p:4646"_s
                                      << u"https://p:4646"_s << FieldSource::Profile;
    QTest::newRow("address: env beats profile")
        << A << QString() << u"https://e:4646"_s << u"https://p:4646"_s << u"https://e:4646"_s
        << FieldSource::Environment;
    QTest::newRow("address: flag beats all")
        << A << u"https://f:4646"_s << u"https://e:4646"_s << u"https://p:4646"_s
        << u"https://f:4646"_s << FieldSource::Flag;
    QTest::newRow("address: flag beats default")
        << A << u"https://f:4646"_s << QString() << QString() << u"https://f:4646"_s
        << FieldSource::Flag;
    const auto R = ConnectionField::Region;
    QTest::newRow("region: nothing, no default")
        << R << QString() << QString() << QString() << QString() << FieldSource::None;
    QTest::newRow("region: env over profile")
        << R << QString() << u"eu"_s << u"us"_s << u"eu"_s << FieldSource::Environment;
    QTest::newRow("region: flag over env")
        << R << u"ap"_s << u"eu"_s << QString() << u"ap"_s << FieldSource::Flag;
    const auto T = ConnectionField::Token;
    QTest::newRow("token: profile's (from keychain)")
        << T << QString() << QString() << u"kt"_s << u"kt"_s << FieldSource::Profile;
    QTest::newRow("token: NOMAD_TOKEN over profile")
        << T << QString() << u"et"_s << u"kt"_s << u"et"_s << FieldSource::Environment;
    QTest::newRow("token: -token over all")
        << T << u"ft"_s << u"et"_s << u"kt"_s << u"ft"_s << FieldSource::Flag;
    const auto S = ConnectionField::SkipVerify;
    QTest::newRow("skip: default false")
        << S << QString() << QString() << QString() << u"false"_s << FieldSource::Default;
    QTest::newRow("skip: profile true")
        << S << QString() << QString() << u"true"_s << u"true"_s << FieldSource::Profile;
    QTest::newRow("skip: env false beats profile true")
        << S << QString() << u"false"_s << u"true"_s << u"false"_s << FieldSource::Environment;
    QTest::newRow("skip: flag false beats env true")
        << S << u"false"_s << u"true"_s << QString() << u"false"_s << FieldSource::Flag;
    const auto N = ConnectionField::TlsServerName;
    QTest::newRow("server name: profile") << N << QString() << QString() << u"server.global.nomad"_s
                                          << u"server.global.nomad"_s << FieldSource::Profile;
    QTest::newRow("server name: env") << N << QString() << u"e.nomad"_s << u"p.nomad"_s
                                      << u"e.nomad"_s << FieldSource::Environment;
    const auto C = ConnectionField::CaPath;
    QTest::newRow("ca path: flag")
        << C << u"/f"_s << QString() << u"/p"_s << u"/f"_s << FieldSource::Flag;
}

static void set(ConnectionLayer &layer, ConnectionField field, const QString &value)
{
    if (value.isEmpty())
        return;
    switch (field) {
    case ConnectionField::Address:
        layer.address = value;
        break;
    case ConnectionField::Region:
        layer.region = value;
        break;
    case ConnectionField::Namespace:
        layer.nameSpace = value;
        break;
    case ConnectionField::CaFile:
        layer.caFile = value;
        break;
    case ConnectionField::CaPath:
        layer.caPath = value;
        break;
    case ConnectionField::ClientCert:
        layer.clientCert = value;
        break;
    case ConnectionField::ClientKey:
        layer.clientKey = value;
        break;
    case ConnectionField::TlsServerName:
        layer.tlsServerName = value;
        break;
    case ConnectionField::SkipVerify:
        layer.skipVerify = value == u"true";
        break;
    case ConnectionField::Token:
        layer.token = value;
        break;
    }
}

void TestConnectionProfile::precedence()
{
    QFETCH(ConnectionField, field);
    QFETCH(QString, flag);
    QFETCH(QString, env);
    QFETCH(QString, profile);
    QFETCH(QString, expected);
    QFETCH(FieldSource, source);
    ConnectionLayer f, e, p;
    set(f, field, flag);
    set(e, field, env);
    set(p, field, profile);
    const ResolvedConnection r = resolveConnection(f, e, p);
    QCOMPARE(r.values.text(field).value_or(QString()), expected);
    QCOMPARE(r.sourceOf(field), source);
}

void TestConnectionProfile::precedenceEveryFieldIndependent()
{
    // Each field from a different source in one resolution: nothing is all-or-nothing.
    ConnectionLayer flags, env, profile;
    flags.region = u"flag-region"_s;
    env.address = u"https://env:4646"_s;
    env.token = u"env-token"_s;
    profile.address = u"https://profile:4646"_s;
    profile.nameSpace = u"profile-ns"_s;
    profile.region = u"profile-region"_s;
    profile.skipVerify = true;
    const ResolvedConnection r = resolveConnection(flags, env, profile);
    QCOMPARE(r.values.region, u"flag-region"_s);
    QCOMPARE(r.values.address, u"https://env:4646"_s);
    QCOMPARE(r.values.token, u"env-token"_s);
    QCOMPARE(r.values.nameSpace, u"profile-ns"_s);
    QCOMPARE(r.values.skipVerify, std::optional<bool>(true));
    QVERIFY(!r.values.caFile);
    QCOMPARE(r.sourceOf(ConnectionField::Region), FieldSource::Flag);
    QCOMPARE(r.sourceOf(ConnectionField::Address), FieldSource::Environment);
    QCOMPARE(r.sourceOf(ConnectionField::Namespace), FieldSource::Profile);
    QCOMPARE(r.sourceOf(ConnectionField::CaFile), FieldSource::None);
}

// Nomad's variable names, from NOMAD-API-FACTS.md, written out again here so
// that a typo in connectionFieldVariable() cannot hide in the test.
static QString nomadVariable(ConnectionField field)
{
    switch (field) {
    case ConnectionField::Address:
        return u"NOMAD_ADDR"_s;
    case ConnectionField::Region:
        return u"NOMAD_REGION"_s;
    case ConnectionField::Namespace:
        return u"NOMAD_NAMESPACE"_s;
    case ConnectionField::CaFile:
        return u"NOMAD_CACERT"_s;
    case ConnectionField::CaPath:
        return u"NOMAD_CAPATH"_s;
    case ConnectionField::ClientCert:
        return u"NOMAD_CLIENT_CERT"_s;
    case ConnectionField::ClientKey:
        return u"NOMAD_CLIENT_KEY"_s;
    case ConnectionField::TlsServerName:
        return u"NOMAD_TLS_SERVER_NAME"_s;
    case ConnectionField::SkipVerify:
        return u"NOMAD_SKIP_VERIFY"_s;
    case ConnectionField::Token:
        return u"NOMAD_TOKEN"_s;
    }
    return {};
}

// Every field, with each of flag, environment and profile present or absent:
// the highest present layer wins, else Nomad's default, else nothing.
void TestConnectionProfile::layeredConnection_data()
{
    QTest::addColumn<ConnectionField>("field");
    QTest::addColumn<QString>("flag");    // empty: the layer is silent
    QTest::addColumn<QString>("env");     // the variable's text
    QTest::addColumn<QString>("profile"); // empty: the layer is silent
    QTest::addColumn<QString>("expected");
    QTest::addColumn<FieldSource>("source");
    for (ConnectionField field : kAllConnectionFields) {
        const bool isBool = field == ConnectionField::SkipVerify;
        const QString flag = isBool ? u"true"_s : u"flag-"_s + connectionFieldFlag(field);
        // Go's ParseBool spelling in the variable; the layer holds the boolean.
        const QString env = isBool ? u"0"_s : u"env-"_s + connectionFieldFlag(field);
        const QString envValue = isBool ? u"false"_s : env;
        const QString profile = isBool ? u"true"_s : u"profile-"_s + connectionFieldFlag(field);
        for (int mask = 0; mask < 8; ++mask) {
            const bool hasFlag = mask & 4, hasEnv = mask & 2, hasProfile = mask & 1;
            QString expected;
            FieldSource source = FieldSource::None;
            if (hasFlag) {
                expected = flag;
                source = FieldSource::Flag;
            } else if (hasEnv) {
                expected = envValue;
                source = FieldSource::Environment;
            } else if (hasProfile) {
                expected = profile;
                source = FieldSource::Profile;
            } else if (field == ConnectionField::Address) {
                expected = u"http://127.0.0.1:4646"_s;
                source = FieldSource::Default;
            } else if (isBool) {
                expected = u"false"_s;
                source = FieldSource::Default;
            }
            const QString name = connectionFieldFlag(field) + u": flag "_s +
                                 (hasFlag ? u"yes"_s : u"no"_s) + u", env "_s +
                                 (hasEnv ? u"yes"_s : u"no"_s) + u", profile "_s +
                                 (hasProfile ? u"yes"_s : u"no"_s);
            QTest::newRow(qPrintable(name))
                << field << (hasFlag ? flag : QString()) << (hasEnv ? env : QString())
                << (hasProfile ? profile : QString()) << expected << source;
        }
    }
}

void TestConnectionProfile::layeredConnection()
{
    QFETCH(ConnectionField, field);
    QFETCH(QString, flag);
    QFETCH(QString, env);
    QFETCH(QString, profile);
    QFETCH(QString, expected);
    QFETCH(FieldSource, source);
    ConnectionLayer f, p;
    set(f, field, flag);
    set(p, field, profile);
    QProcessEnvironment e;
    // A variable that is set but empty is as good as unset (Go's client).
    e.insert(nomadVariable(field), env);
    e.insert(u"UNRELATED"_s, u"x"_s);
    const ResolvedConnection r = dd::layeredConnection(f, e, p);
    QCOMPARE(r.values.text(field).value_or(QString()), expected);
    QCOMPARE(r.sourceOf(field), source);
    QVERIFY(r.warnings.isEmpty());
    // The other fields are left alone: only their defaults show.
    for (ConnectionField other : kAllConnectionFields) {
        if (other == field)
            continue;
        QCOMPARE(r.sourceOf(other),
                 other == ConnectionField::Address || other == ConnectionField::SkipVerify
                     ? FieldSource::Default
                     : FieldSource::None);
    }
}

// An unparsable NOMAD_SKIP_VERIFY is ignored (as Nomad does) and said, in
// words that tell what holds instead; a flag that decides makes it moot.
void TestConnectionProfile::layeredSkipVerifyWarning_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<int>("flag");    // -1: not given, else 0/1
    QTest::addColumn<int>("profile"); // -1: no profile, else its skipVerify
    QTest::addColumn<bool>("skip");
    QTest::addColumn<FieldSource>("source");
    QTest::addColumn<QString>("warning"); // words the one warning must contain; empty: none
    const QString on = u"it was ignored and TLS verification stays on."_s;
    const QString off = u"it was ignored, and TLS verification stays off as the profile says."_s;
    QTest::newRow("bad, alone") << u"yes"_s << -1 << -1 << false << FieldSource::Default << on;
    QTest::newRow("bad, profile verifies")
        << u"yes"_s << -1 << 0 << false << FieldSource::Profile << on;
    QTest::newRow("bad, profile skips")
        << u"sure"_s << -1 << 1 << true << FieldSource::Profile << off;
    QTest::newRow("bad, flag skips")
        << u"yes"_s << 1 << -1 << true << FieldSource::Flag << QString();
    QTest::newRow("bad, flag verifies")
        << u"yes"_s << 0 << 1 << false << FieldSource::Flag << QString();
    QTest::newRow("bad, lower case y") << u"y"_s << -1 << -1 << false << FieldSource::Default << on;
    QTest::newRow("good T") << u"T"_s << -1 << 0 << true << FieldSource::Environment << QString();
    QTest::newRow("good FALSE") << u"FALSE"_s << -1 << 1 << false << FieldSource::Environment
                                << QString();
    QTest::newRow("empty") << QString() << -1 << -1 << false << FieldSource::Default << QString();
}

void TestConnectionProfile::layeredSkipVerifyWarning()
{
    QFETCH(QString, env);
    QFETCH(int, flag);
    QFETCH(int, profile);
    QFETCH(bool, skip);
    QFETCH(FieldSource, source);
    QFETCH(QString, warning);
    ConnectionLayer f, p;
    if (flag >= 0)
        f.skipVerify = flag == 1;
    if (profile >= 0) {
        ConnectionProfile saved = good();
        saved.skipVerify = profile == 1;
        p = layerFromProfile(saved);
    }
    QProcessEnvironment e;
    e.insert(u"NOMAD_SKIP_VERIFY"_s, env);
    const ResolvedConnection r = dd::layeredConnection(f, e, p);
    QCOMPARE(r.values.skipVerify, std::optional<bool>(skip));
    QCOMPARE(r.sourceOf(ConnectionField::SkipVerify), source);
    if (warning.isEmpty()) {
        QCOMPARE(r.warnings, QStringList());
        return;
    }
    QCOMPARE(r.warnings.size(), 1);
    QCOMPARE(r.warnings.first(), u"NOMAD_SKIP_VERIFY=\""_s + env +
                                     u"\" is not a boolean (use true or false); "_s + warning);
    // Read alone (the profile dialog's "Fill from Environment"), the same words.
    if (flag < 0 && !skip)
        QCOMPARE(importEnvironment(e).warnings, r.warnings);
}

void TestConnectionProfile::jsonRoundTripHasNoSecrets()
{
    ConnectionProfile a = good();
    a.region = u"eu"_s;
    a.nameSpace = u"batch"_s;
    a.caFile = u"/ca.pem"_s;
    a.clientCert = u"/c.pem"_s;
    a.clientKey = u"/k.pem"_s;
    a.tlsServerName = u"server.eu.nomad"_s;
    a.label = u"PRODUCTION"_s;
    a.color = u"#d9534f"_s;
    a.tokenRef = tokenRefForProfile(a.name);
    ConnectionProfile b;
    b.name = u"dev"_s;
    b.address = u"http://127.0.0.1:4646"_s;
    b.skipVerify = true;

    const QByteArray json = profilesToJson({a, b});
    QVERIFY(!json.contains("token"));
    QVERIFY(!json.contains("profile/prod"));
    auto back = profilesFromJson(json);
    QVERIFY(back);
    QVERIFY(back->issues.isEmpty());
    QCOMPARE(back->profiles.size(), 2);
    ConnectionProfile expected = a;
    expected.tokenRef.clear();
    QCOMPARE(back->profiles.at(0), expected);
    QCOMPARE(back->profiles.at(1), b);
}

void TestConnectionProfile::jsonImportReportsBadEntries()
{
    const QByteArray json = R"({"dispatchDeskProfiles": 1, "profiles": [
        {"name": "ok", "address": "https://ok:4646", "token": "leaked", "colour": "#fff"},
        {"name": "broken", "address": "nomad:4646", "skipVerify": "yes"},
        {"address": "https://nameless:4646"},
        42
    ]})";
    auto r = profilesFromJson(json);
    QVERIFY(r);
    QCOMPARE(r->profiles.size(), 1);
    QCOMPARE(r->profiles.first().name, u"ok"_s);
    QVERIFY(r->profiles.first().tokenRef.isEmpty());
    QCOMPARE(r->issues.size(), 4);
    QCOMPARE(r->issues.at(0).name, u"ok"_s);
    QVERIFY(r->issues.at(0).problems.isEmpty());
    QVERIFY(r->issues.at(0).warnings.join(u' ').contains(u"\"token\" field was ignored"_s));
    QVERIFY(r->issues.at(0).warnings.join(u' ').contains(u"unknown field \"colour\""_s));
    QCOMPARE(r->issues.at(1).name, u"broken"_s);
    QVERIFY(r->issues.at(1).problems.join(u' ').contains(u"has no scheme"_s));
    QVERIFY(r->issues.at(1).problems.join(u' ').contains(u"skipVerify"_s));
    QCOMPARE(r->issues.at(2).name, u"#3"_s);
    QVERIFY(r->issues.at(2).problems.join(u' ').contains(u"needs a name"_s));
    QCOMPARE(r->issues.at(3).name, u"#4"_s);
}

void TestConnectionProfile::jsonImportRejectsNonsense_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("words");
    QTest::newRow("not json") << QByteArray("{nope") << u"not valid JSON"_s;
    QTest::newRow("no list") << QByteArray(R"({"x":1})") << u"no \"profiles\" list"_s;
    QTest::newRow("newer") << QByteArray(R"({"dispatchDeskProfiles":9,"profiles":[]})")
                           << u"newer Dispatch Desk"_s;
}

void TestConnectionProfile::jsonImportRejectsNonsense()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, words);
    auto r = profilesFromJson(json);
    QVERIFY(!r);
    QVERIFY2(r.error().contains(words), qPrintable(r.error()));
}

DD_TEST_GUILESS_MAIN(TestConnectionProfile)
#include "tst_connectionprofile.moc"
