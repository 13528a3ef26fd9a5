// `dispatch-desk-cli profile ...` over a temporary settings file, a keychain
// fake and a weaker token file: save from flags and environment, tokens to
// the keychain or (without one) not stored with a warning, show never prints
// the token, list marks the current profile, and every error says what to do.
#include "cli/profilecommand.h"
#include "core/profilestore.h"
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using namespace dd::cli;
using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCommandToken = u"6f1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;
}

class TestProfileCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void saveFromFlagsPutsTokenInKeychain();
    void saveFromEnvironmentFlagsWin();
    void saveIgnoreEnv();
    void optionsAfterTheName();
    void updateKeepsOtherFields();
    void saveWithoutKeychainWarnsAndStoresNoToken();
    void weakerTokenFileByChoice();
    void showNeverPrintsTheToken();
    void showSaysWhenTokenCannotBeRead();
    void showCurrentProfile();
    void skipVerifyIsWarned();
    void listMarksCurrent();
    void listReportsBrokenProfiles();
    void deleteRemovesToken();
    void exportImport();
    void connectionLayerForOtherCommands();
    void errors_data();
    void errors();

private:
    int run(const QStringList &args);
    QByteArray settingsBytes() const
    {
        QFile f(m_dir->filePath(u"settings.ini"_s));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_session;
    std::unique_ptr<FileSecretStore> m_file;
    std::unique_ptr<FallbackSecretStore> m_secrets;
    QProcessEnvironment m_env;
    QString m_out, m_err;
};

void TestProfileCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings =
        std::make_unique<QSettings>(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
    m_keychain = std::make_unique<MemorySecretStore>(SecretLocation::Keychain);
    m_session = std::make_unique<MemorySecretStore>();
    m_file = std::make_unique<FileSecretStore>(m_dir->filePath(u"data/tokens-weaker.json"_s));
    m_secrets =
        std::make_unique<FallbackSecretStore>(m_keychain.get(), m_session.get(), m_file.get());
    m_env = QProcessEnvironment();
}

void TestProfileCommand::cleanup()
{
    m_secrets.reset();
    m_store.reset();
    m_settings.reset();
}

int TestProfileCommand::run(const QStringList &args)
{
    m_out.clear();
    m_err.clear();
    QTextStream out(&m_out), err(&m_err);
    ProfileCommandContext ctx;
    ctx.out = &out;
    ctx.err = &err;
    ctx.profiles = m_store.get();
    ctx.secrets = m_secrets.get();
    ctx.env = m_env;
    ctx.secretTimeout = std::chrono::seconds(5);
    const int code = runProfileCommand(args, ctx);
    return code;
}

void TestProfileCommand::saveFromFlagsPutsTokenInKeychain()
{
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-region"_s, u"eu"_s,
                  u"-namespace=batch"_s, u"-ca-cert=/etc/nomad/ca.pem"_s,
                  u"-tls-server-name=server.eu.nomad"_s, u"-token"_s, kCommandToken,
                  u"-label=PRODUCTION"_s, u"-color=#d9534f"_s, u"prod"_s}),
             0);
    QCOMPARE(m_out, u"Saved profile \"prod\" (https://nomad.example:4646): token stored in the "
                    "system keychain.\n"_s);
    QVERIFY2(m_err.isEmpty(), qPrintable(m_err));
    const ConnectionProfile p = *m_store->profile(u"prod"_s);
    QCOMPARE(p.region, u"eu"_s);
    QCOMPARE(p.nameSpace, u"batch"_s);
    QCOMPARE(p.caFile, u"/etc/nomad/ca.pem"_s);
    QCOMPARE(p.tlsServerName, u"server.eu.nomad"_s);
    QCOMPARE(p.label, u"PRODUCTION"_s);
    QCOMPARE(p.color, u"#d9534f"_s);
    QCOMPARE(p.tokenRef, tokenRefForProfile(u"prod"_s));
    QCOMPARE(m_keychain->value(p.tokenRef), kCommandToken);
    // The settings file, as written to disk, never holds the token.
    m_settings->sync();
    const QByteArray bytes = settingsBytes();
    QVERIFY(bytes.contains("nomad.example"));
    QVERIFY(!bytes.contains(kCommandToken.toUtf8()));
    QVERIFY(!bytes.contains("6f1b2c3d"));
    QVERIFY(!m_out.contains(kCommandToken) && !m_err.contains(kCommandToken));
}

void TestProfileCommand::saveFromEnvironmentFlagsWin()
{
    m_env.insert(u"NOMAD_ADDR"_s, u"https://env.example:4646"_s);
    m_env.insert(u"NOMAD_REGION"_s, u"eu"_s);
    m_env.insert(u"NOMAD_TOKEN"_s, kCommandToken);
    m_env.insert(u"NOMAD_SKIP_VERIFY"_s, u"nonsense"_s);
    QCOMPARE(run({u"save"_s, u"-region=ap"_s, u"staging"_s}), 0);
    const ConnectionProfile p = *m_store->profile(u"staging"_s);
    QCOMPARE(p.address, u"https://env.example:4646"_s);
    QCOMPARE(p.region, u"ap"_s); // the flag beats NOMAD_REGION
    QVERIFY(!p.skipVerify);
    QVERIFY(m_out.contains(u"address from NOMAD_ADDR"_s));
    QVERIFY(m_out.contains(u"token from NOMAD_TOKEN"_s));
    QVERIFY(!m_out.contains(u"region from"_s));
    QCOMPARE(m_keychain->value(p.tokenRef), kCommandToken);
    QVERIFY(m_err.contains(u"NOMAD_SKIP_VERIFY=\"nonsense\" is not a boolean"_s));
}

void TestProfileCommand::saveIgnoreEnv()
{
    m_env.insert(u"NOMAD_ADDR"_s, u"https://env.example:4646"_s);
    m_env.insert(u"NOMAD_TOKEN"_s, kCommandToken);
    QCOMPARE(run({u"save"_s, u"-ignore-env"_s, u"-address=http://127.0.0.1:4646"_s, u"local"_s}),
             0);
    QCOMPARE(m_store->profile(u"local"_s)->address, u"http://127.0.0.1:4646"_s);
    QVERIFY(m_store->profile(u"local"_s)->tokenRef.isEmpty());
    QCOMPARE(m_keychain->size(), 0);
}

void TestProfileCommand::optionsAfterTheName()
{
    QCOMPARE(run({u"save"_s, u"dev"_s, u"-address"_s, u"http://10.0.0.2:4646"_s, u"-region=us"_s}),
             0);
    QCOMPARE(m_store->profile(u"dev"_s)->region, u"us"_s);
}

void TestProfileCommand::updateKeepsOtherFields()
{
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-region=eu"_s,
                  u"-token="_s + kCommandToken, u"prod"_s}),
             0);
    QCOMPARE(run({u"save"_s, u"-label=PROD"_s, u"prod"_s}), 0);
    QVERIFY(m_out.startsWith(u"Updated profile \"prod\""_s));
    const ConnectionProfile p = *m_store->profile(u"prod"_s);
    QCOMPARE(p.region, u"eu"_s);
    QCOMPARE(p.label, u"PROD"_s);
    QCOMPARE(p.tokenRef, tokenRefForProfile(u"prod"_s)); // the token stays linked
}

void TestProfileCommand::saveWithoutKeychainWarnsAndStoresNoToken()
{
    m_keychain->setFailure(MemorySecretStore::noBackendError());
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-token="_s + kCommandToken,
                  u"prod"_s}),
             0);
    QVERIFY(m_out.startsWith(u"Saved profile \"prod\""_s));
    QVERIFY2(m_err.contains(u"Warning: the token was NOT stored: no keychain service is running"_s),
             qPrintable(m_err));
    QVERIFY(m_err.contains(u"-weaker-token-file"_s));
    QVERIFY(m_store->profile(u"prod"_s)->tokenRef.isEmpty());
    QCOMPARE(m_session->size(), 0);
    QVERIFY(!QFile::exists(m_file->path()));
    m_settings->sync();
    QVERIFY(!settingsBytes().contains(kCommandToken.toUtf8()));
    QVERIFY(!m_err.contains(kCommandToken));
}

void TestProfileCommand::weakerTokenFileByChoice()
{
    m_keychain->setFailure(MemorySecretStore::noBackendError());
    QCOMPARE(run({u"save"_s, u"-weaker-token-file"_s, u"-address=https://nomad.example:4646"_s,
                  u"-token="_s + kCommandToken, u"prod"_s}),
             0);
    QVERIFY2(m_err.contains(u"no keychain service is running, so the token is stored in the weaker "
                            "token file (readable by your user account, not encrypted)"_s),
             qPrintable(m_err));
    QVERIFY(m_store->weakerTokenFileAllowed());
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(m_file->path()).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QCOMPARE(readSecretBlocking(*m_file, tokenRefForProfile(u"prod"_s))->value, kCommandToken);
    // The file is apart from the settings, which still never see the token.
    QVERIFY(m_file->path() != m_store->fileName());
    m_settings->sync();
    QVERIFY(!settingsBytes().contains(kCommandToken.toUtf8()));

    QCOMPARE(run({u"show"_s, u"prod"_s}), 0);
    QVERIFY(m_out.contains(u"Token           = stored in the weaker token file"_s));
    QVERIFY(!m_out.contains(kCommandToken));
}

void TestProfileCommand::showNeverPrintsTheToken()
{
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-token="_s + kCommandToken,
                  u"-label=PRODUCTION"_s, u"prod"_s}),
             0);
    QCOMPARE(run({u"show"_s, u"prod"_s}), 0);
    QVERIFY(m_out.contains(u"Name            = prod\n"_s));
    QVERIFY(m_out.contains(u"Label           = PRODUCTION\n"_s));
    QVERIFY(m_out.contains(u"Address         = https://nomad.example:4646\n"_s));
    QVERIFY(m_out.contains(u"TLS verify      = on\n"_s));
    QVERIFY(m_out.contains(u"Token           = stored in the system keychain\n"_s));
    QVERIFY(!m_out.contains(kCommandToken) && !m_err.contains(kCommandToken));
    QVERIFY(m_err.isEmpty());

    QCOMPARE(run({u"save"_s, u"-address=https://x:4646"_s, u"notoken"_s}), 0);
    QCOMPARE(run({u"show"_s, u"notoken"_s}), 0);
    QVERIFY(m_out.contains(u"Token           = none saved\n"_s));
}

void TestProfileCommand::showSaysWhenTokenCannotBeRead()
{
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-token="_s + kCommandToken,
                  u"prod"_s}),
             0);
    m_keychain->setFailure(MemorySecretStore::noBackendError());
    QCOMPARE(run({u"show"_s, u"prod"_s}), 0);
    QVERIFY2(m_out.contains(u"Token           = cannot be read: no keychain service is running"_s),
             qPrintable(m_out));
}

void TestProfileCommand::showCurrentProfile()
{
    QCOMPARE(run({u"show"_s}), 1);
    QVERIFY(m_err.contains(u"no profile named and no current profile"_s));
    QVERIFY(m_err.contains(u"profile use NAME"_s));
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s, u"a"_s}), 0);
    QCOMPARE(run({u"use"_s, u"a"_s}), 0);
    QCOMPARE(m_out, u"Now using profile \"a\" (https://a:4646).\n"_s);
    QCOMPARE(run({u"show"_s}), 0);
    QVERIFY(m_out.contains(u"Name            = a\n"_s));
    QVERIFY(m_out.contains(u"Current         = yes\n"_s));
}

void TestProfileCommand::skipVerifyIsWarned()
{
    QCOMPARE(run({u"save"_s, u"-address=https://lab:4646"_s, u"-tls-skip-verify"_s, u"lab"_s}), 0);
    QVERIFY(m_err.contains(u"Warning: TLS verification is OFF for the profile \"lab\""_s));
    QCOMPARE(run({u"show"_s, u"lab"_s}), 0);
    QVERIFY(m_out.contains(u"TLS verify      = OFF (skip-verify)\n"_s));
    QVERIFY(m_err.contains(u"TLS verification is OFF"_s));
    QCOMPARE(run({u"list"_s}), 0);
    QVERIFY(m_out.contains(u"(TLS verification OFF)"_s));
}

void TestProfileCommand::listMarksCurrent()
{
    QCOMPARE(run({u"list"_s}), 0);
    QVERIFY(m_out.startsWith(u"No profiles are saved."_s));
    QCOMPARE(run({u"save"_s, u"-address=https://prod.example:4646"_s, u"-label=PRODUCTION"_s,
                  u"prod"_s}),
             0);
    QCOMPARE(run({u"save"_s, u"-address=http://127.0.0.1:4646"_s, u"-namespace=dev"_s, u"dev"_s}),
             0);
    QCOMPARE(run({u"use"_s, u"dev"_s}), 0);
    QCOMPARE(run({u"list"_s}), 0);
    const QStringList lines = m_out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"  Name"_s));
    QVERIFY2(lines.at(1).startsWith(u"* dev "_s), qPrintable(lines.at(1)));
    QVERIFY(lines.at(1).contains(u"http://127.0.0.1:4646"_s));
    QVERIFY(lines.at(2).startsWith(u"  prod "_s));
    QVERIFY(lines.at(2).contains(u"PRODUCTION"_s));
}

void TestProfileCommand::listReportsBrokenProfiles()
{
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s, u"good"_s}), 0);
    m_settings->setValue(u"profiles/broken/address"_s, u"nomad:4646"_s);
    m_settings->sync();
    QCOMPARE(run({u"list"_s}), 0);
    QVERIFY(m_out.contains(u"good"_s));
    QVERIFY(!m_out.contains(u"broken"_s));
    QVERIFY2(m_err.contains(u"Warning: the profile \"broken\" in "_s + m_store->fileName() +
                            u" cannot be used: the address \"nomad:4646\" has no scheme"_s),
             qPrintable(m_err));
}

void TestProfileCommand::deleteRemovesToken()
{
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s, u"-token="_s + kCommandToken, u"a"_s}),
             0);
    QCOMPARE(run({u"use"_s, u"a"_s}), 0);
    QCOMPARE(m_keychain->size(), 1);
    QCOMPARE(run({u"delete"_s, u"a"_s}), 0);
    QCOMPARE(m_out, u"Deleted profile \"a\".\n"_s);
    QCOMPARE(m_keychain->size(), 0);
    QVERIFY(!m_store->contains(u"a"_s));
    QVERIFY(m_store->currentProfileName().isEmpty());
}

void TestProfileCommand::exportImport()
{
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s, u"-token="_s + kCommandToken, u"a"_s}),
             0);
    QCOMPARE(run({u"export"_s}), 0);
    QVERIFY(m_out.contains(u"\"address\": \"https://a:4646\""_s));
    QVERIFY(!m_out.contains(kCommandToken));
    QVERIFY(!m_out.contains(u"token"_s, Qt::CaseInsensitive));
    QFile file(m_dir->filePath(u"export.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_out.toUtf8());
    file.close();

    QCOMPARE(run({u"delete"_s, u"a"_s}), 0);
    QCOMPARE(run({u"import"_s, file.fileName()}), 0);
    QVERIFY(m_out.startsWith(u"Imported 1 profile(s)."_s));
    QCOMPARE(m_store->profile(u"a"_s)->address, u"https://a:4646"_s);
    QCOMPARE(run({u"import"_s, file.fileName()}), 0);
    QVERIFY(m_err.contains(u"Skipped existing profiles (use -replace to overwrite): a."_s));
    QCOMPARE(run({u"import"_s, u"-replace"_s, file.fileName()}), 0);
    QVERIFY(m_out.startsWith(u"Imported 1 profile(s)."_s));
}

void TestProfileCommand::connectionLayerForOtherCommands()
{
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s, u"-region=eu"_s,
                  u"-token="_s + kCommandToken, u"a"_s}),
             0);
    QTextStream out(&m_out), err(&m_err);
    ProfileCommandContext ctx{&out, &err, m_store.get(), m_secrets.get(), m_env};
    QStringList warnings;
    auto none = profileConnectionLayer(QString(), ctx, &warnings);
    QVERIFY(none);
    QVERIFY(!none->address); // no current profile: nothing to layer
    QCOMPARE(run({u"use"_s, u"a"_s}), 0);
    auto current = profileConnectionLayer(QString(), ctx, &warnings);
    QVERIFY(current);
    QCOMPARE(current->address, u"https://a:4646"_s);
    QCOMPARE(current->region, u"eu"_s);
    QCOMPARE(current->token, kCommandToken);
    QVERIFY(warnings.isEmpty());

    m_keychain->setFailure(MemorySecretStore::noBackendError());
    auto noKeychain = profileConnectionLayer(u"a"_s, ctx, &warnings);
    QVERIFY(noKeychain);
    QVERIFY(!noKeychain->token);
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(u"give it with -token or NOMAD_TOKEN"_s));

    auto missing = profileConnectionLayer(u"nope"_s, ctx, &warnings);
    QVERIFY(!missing);
    QVERIFY(missing.error().contains(u"There is no profile \"nope\""_s));
}

void TestProfileCommand::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("words");
    QTest::newRow("no subcommand") << QStringList() << u"profile needs a subcommand"_s;
    QTest::newRow("unknown") << QStringList{u"frobnicate"_s}
                             << u"unknown profile subcommand \"frobnicate\""_s;
    QTest::newRow("save no name") << QStringList{u"save"_s, u"-address=https://a:4646"_s}
                                  << u"takes one profile name (got none)"_s;
    QTest::newRow("save two names") << QStringList{u"save"_s, u"a"_s, u"b"_s} << u"got a b"_s;
    QTest::newRow("save bad flag") << QStringList{u"save"_s, u"-bogus"_s, u"a"_s}
                                   << u"flag provided but not defined: -bogus"_s;
    QTest::newRow("save bad name") << QStringList{u"save"_s, u"-address=https://a:4646"_s, u"a/b"_s}
                                   << u"may only use letters"_s;
    QTest::newRow("save no address") << QStringList{u"save"_s, u"a"_s}
                                     << u"the profile \"a\" was not saved: it has no address"_s;
    QTest::newRow("save bad address") << QStringList{u"save"_s, u"-address=nomad:4646"_s, u"a"_s}
                                      << u"\"nomad:4646\" has no scheme (write http://"_s;
    QTest::newRow("save bad colour")
        << QStringList{u"save"_s, u"-address=https://a:4646"_s, u"-color=red"_s, u"a"_s}
        << u"#rrggbb"_s;
    QTest::newRow("save key without cert")
        << QStringList{u"save"_s, u"-address=https://a:4646"_s, u"-client-key=/k.pem"_s, u"a"_s}
        << u"needs its key, and a key its certificate"_s;
    QTest::newRow("show missing") << QStringList{u"show"_s, u"nope"_s}
                                  << u"There is no profile \"nope\": no profiles are saved yet"_s;
    QTest::newRow("use missing") << QStringList{u"use"_s, u"nope"_s}
                                 << u"There is no profile \"nope\""_s;
    QTest::newRow("use no name") << QStringList{u"use"_s}
                                 << u"profile use takes one profile name"_s;
    QTest::newRow("delete missing")
        << QStringList{u"delete"_s, u"nope"_s} << u"There is no profile \"nope\""_s;
    QTest::newRow("list extra") << QStringList{u"list"_s, u"x"_s} << u"takes no arguments"_s;
    QTest::newRow("import missing file") << QStringList{u"import"_s, u"/nonexistent/x.json"_s}
                                         << u"cannot read /nonexistent/x.json"_s;
}

void TestProfileCommand::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, words);
    QCOMPARE(run(args), 1);
    QVERIFY2(m_err.contains(words), qPrintable(m_err));
    QVERIFY(m_err.startsWith(u"Error: "_s));
    QVERIFY(m_out.isEmpty());
}

DD_TEST_GUILESS_MAIN(TestProfileCommand)
#include "tst_profilecommand.moc"
