// `dispatch-desk-cli profile import` as an attacker's file would use it
// (issue 16): importing "prod" with a new address and skipVerify must not
// leave prod's keychain token attached, so the next `-profile prod` sends no
// token to the new host; -keep-tokens keeps it, said loudly; skip-verify
// turned on is warned about; the file is read bounded (FIFO, /dev/zero) and
// over-long fields are refused with their limit.
#include "cli/profilecommand.h"
#include "core/profilestore.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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
const QString kToken = u"6f1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;
// Not a raw string: moc misreads one that spans lines before the class.
const QByteArray kMovedProd =
    "{\"dispatchDeskProfiles\":1,\"profiles\":["
    "{\"name\":\"prod\",\"address\":\"https://evil.example:4646\",\"skipVerify\":true},"
    "{\"name\":\"dev\",\"address\":\"https://dev.example:4646\",\"label\":\"dev box\"}]}";
} // namespace

class TestCliProfileImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void replaceWithAnotherHostDropsTheToken();
    void keepTokensKeepsItLoudly();
    void sameClusterKeepsTheToken();
    void unreadableFiles_data();
    void unreadableFiles();
    void longFieldsAreRefused();

private:
    int run(const QStringList &args);
    QString writeImport(const QByteArray &json)
    {
        const QString path = m_dir->filePath(u"import.json"_s);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(json);
        return path;
    }
    std::optional<QString> tokenOfProfile(const QString &name)
    {
        QTextStream out(&m_out), err(&m_err);
        ProfileCommandContext ctx{&out, &err, m_store.get(), m_secrets.get(), {}};
        ctx.secretTimeout = std::chrono::seconds(5);
        auto layer = profileConnectionLayer(name, ctx);
        return layer ? layer->token : std::nullopt;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<MemorySecretStore> m_keychain, m_session;
    std::unique_ptr<FallbackSecretStore> m_secrets;
    QString m_out, m_err;
};

void TestCliProfileImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings =
        std::make_unique<QSettings>(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
    m_keychain = std::make_unique<MemorySecretStore>(SecretLocation::Keychain);
    m_session = std::make_unique<MemorySecretStore>();
    m_secrets = std::make_unique<FallbackSecretStore>(m_keychain.get(), m_session.get(), nullptr);
    QCOMPARE(run({u"save"_s, u"-address=https://nomad.example:4646"_s, u"-token="_s + kToken,
                  u"prod"_s}),
             0);
    QCOMPARE(
        run({u"save"_s, u"-address=https://dev.example:4646"_s, u"-token=dev-token"_s, u"dev"_s}),
        0);
    QCOMPARE(tokenOfProfile(u"prod"_s), kToken);
}

void TestCliProfileImport::cleanup()
{
    m_secrets.reset();
    m_store.reset();
    m_settings.reset();
}

int TestCliProfileImport::run(const QStringList &args)
{
    m_out.clear();
    m_err.clear();
    QTextStream out(&m_out), err(&m_err);
    ProfileCommandContext ctx{&out, &err, m_store.get(), m_secrets.get(), {}};
    ctx.secretTimeout = std::chrono::seconds(5);
    return runProfileCommand(args, ctx);
}

void TestCliProfileImport::replaceWithAnotherHostDropsTheToken()
{
    const QString ref = tokenRefForProfile(u"prod"_s);
    QCOMPARE(m_keychain->value(ref), kToken);
    QCOMPARE(run({u"import"_s, u"-replace"_s, writeImport(kMovedProd)}), 0);
    QVERIFY2(m_out.startsWith(u"Imported 2 profile(s)."_s), qPrintable(m_out));
    QVERIFY2(m_err.contains(u"Warning: the saved token of \"prod\" was removed: the profile now "
                            "points at https://evil.example:4646 instead of "
                            "https://nomad.example:4646 (the host changes from nomad.example to "
                            "evil.example), and a token is only sent to the cluster it was saved "
                            "for."_s),
             qPrintable(m_err));
    QVERIFY(m_err.contains(u"-keep-tokens"_s));
    QVERIFY2(m_err.contains(u"Warning: \"prod\" turns TLS verification OFF"_s), qPrintable(m_err));
    QVERIFY(!m_err.contains(u"\"dev\" turns"_s));
    QVERIFY(!m_err.contains(u"token of \"dev\""_s));
    // Not linked, not in the keychain, and not sent by the next `-profile prod`.
    QCOMPARE(m_store->profile(u"prod"_s)->address, u"https://evil.example:4646"_s);
    QVERIFY(m_store->profile(u"prod"_s)->tokenRef.isEmpty());
    QVERIFY(m_keychain->value(ref).isEmpty());
    QCOMPARE(tokenOfProfile(u"prod"_s), std::nullopt);
    // "dev" stays on its cluster: its token stays.
    QCOMPARE(tokenOfProfile(u"dev"_s), u"dev-token"_s);
    QCOMPARE(m_store->profile(u"dev"_s)->label, u"dev box"_s);
    QVERIFY(!m_out.contains(kToken) && !m_err.contains(kToken));
}

void TestCliProfileImport::keepTokensKeepsItLoudly()
{
    QCOMPARE(run({u"import"_s, u"-replace"_s, u"-keep-tokens"_s, writeImport(kMovedProd)}), 0);
    QVERIFY2(m_err.contains(u"Warning: \"prod\" keeps its saved token (-keep-tokens) although it "
                            "now points at https://evil.example:4646 instead of "
                            "https://nomad.example:4646"_s),
             qPrintable(m_err));
    QCOMPARE(tokenOfProfile(u"prod"_s), kToken);
}

void TestCliProfileImport::sameClusterKeepsTheToken()
{
    const QByteArray json = R"({"profiles":[{"name":"prod",
        "address":"https://NOMAD.example:4646/", "label":"PRODUCTION"}]})";
    QCOMPARE(run({u"import"_s, u"-replace"_s, writeImport(json)}), 0);
    QVERIFY2(!m_err.contains(u"token"_s), qPrintable(m_err));
    QCOMPARE(m_store->profile(u"prod"_s)->label, u"PRODUCTION"_s);
    QCOMPARE(tokenOfProfile(u"prod"_s), kToken);
    // Without -replace nothing changes at all.
    QCOMPARE(run({u"import"_s, writeImport(kMovedProd)}), 0);
    QCOMPARE(m_store->profile(u"prod"_s)->address, u"https://NOMAD.example:4646/"_s);
    QCOMPARE(tokenOfProfile(u"prod"_s), kToken);
}

void TestCliProfileImport::unreadableFiles_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("words");
    QTest::newRow("/dev/zero") << u"/dev/zero"_s << u"not a regular file"_s;
    QTest::newRow("FIFO") << u"fifo"_s << u"not a regular file"_s;
    QTest::newRow("2 MB") << u"big"_s << u"larger than 1048576 bytes"_s;
    QTest::newRow("folder") << u"folder"_s << u"is a directory"_s;
}

void TestCliProfileImport::unreadableFiles()
{
    QFETCH(QString, source);
    QFETCH(QString, words);
    if (source == u"fifo") {
        source = m_dir->filePath(u"fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(source).constData(), 0600), 0);
    } else if (source == u"big") {
        source = writeImport(QByteArray(2 * 1024 * 1024, ' '));
    } else if (source == u"folder") {
        source = m_dir->path();
    }
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(run({u"import"_s, u"-replace"_s, source}), 1);
    QVERIFY2(clock.elapsed() < 5000, "import hung");
    QVERIFY2(m_err.startsWith(u"Error: cannot read "_s + source), qPrintable(m_err));
    QVERIFY2(m_err.contains(words), qPrintable(m_err));
    QVERIFY(m_err.contains(u"Nothing was imported"_s));
    QCOMPARE(m_store->names(), (QStringList{u"dev"_s, u"prod"_s}));
}

// A 60 MB label made a 62 MB settings file and a 446 MB `profile list`.
void TestCliProfileImport::longFieldsAreRefused()
{
    const QByteArray label(300, 'L');
    const QByteArray json =
        R"({"profiles":[{"name":"big","address":"https://a:4646","label":")" + label + "\"}]}";
    QCOMPARE(run({u"import"_s, writeImport(json)}), 0);
    QVERIFY2(m_err.contains(u"Warning: \"big\" was not imported: the label is longer than 256 "
                            "characters (it has 300)."_s),
             qPrintable(m_err));
    QVERIFY(!m_err.contains(QString::fromLatin1(label)));
    QVERIFY(!m_store->contains(u"big"_s));
    QCOMPARE(run({u"save"_s, u"-address=https://a:4646"_s,
                  u"-label="_s + QString::fromLatin1(label), u"big"_s}),
             1);
    QVERIFY2(m_err.contains(u"the label is longer than 256 characters (it has 300)"_s),
             qPrintable(m_err));
    QVERIFY(QFileInfo(m_dir->filePath(u"settings.ini"_s)).size() < 4096);
}

DD_TEST_GUILESS_MAIN(TestCliProfileImport)
#include "tst_cliprofileimport.moc"
