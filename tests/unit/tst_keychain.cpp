// The real QtKeychain against a real Secret Service: a private D-Bus session
// and gnome-keyring started for this test only, with their files in a
// temporary folder. Proves KeychainSecretStore stores, reads and deletes, and
// that the fallback then stays on the keychain. Skips when the daemons are
// not installed.
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip();
    void fallbackStaysOnKeychain();

private:
    QTemporaryDir m_home;
    QProcess m_bus;
    QProcess m_keyring;
    const QString m_service = u"dispatch-desk-test"_s;
};

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString busDaemon = QStandardPaths::findExecutable(u"dbus-daemon"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    if (busDaemon.isEmpty() || keyringDaemon.isEmpty())
        QSKIP("dbus-daemon or gnome-keyring-daemon is not installed");
    QVERIFY(m_home.isValid());

    m_bus.start(busDaemon, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
    QVERIFY(m_bus.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(address.startsWith("unix:"));
    // Before the first D-Bus call of this process, so QtDBus connects here.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, QString::fromUtf8(address));
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, m_home.path());
    m_keyring.setProcessEnvironment(env);
    m_keyring.start(keyringDaemon, {u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    QVERIFY(m_keyring.waitForStarted());
    m_keyring.write("test-keyring-password");
    m_keyring.closeWriteChannel();

    // Wait for the login keyring before the first keychain call: a client
    // that asks earlier caches "no such collection" for the whole process.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_home.filePath(u"data/keyrings/login.keyring"_s)),
                             15000);
    KeychainSecretStore keychain(m_service);
    QString lastError;
    const auto ready = [&] {
        auto w = writeSecretBlocking(keychain, u"probe"_s, u"probe"_s, std::chrono::seconds(5));
        lastError = w ? QString() : w.error().message;
        return w.has_value();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(ready(), qPrintable(lastError), 20000);
    QVERIFY(removeSecretBlocking(keychain, u"probe"_s));
}

void TestKeychain::cleanupTestCase()
{
    for (QProcess *p : {&m_keyring, &m_bus}) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(3000))
                p->kill();
        }
    }
}

void TestKeychain::roundTrip()
{
    KeychainSecretStore keychain(m_service);
    const QString key = u"profile/prod/token"_s;
    const QString token = u"6f1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;
    QCOMPARE(writeSecretBlocking(keychain, key, token),
             SecretResult<SecretLocation>(SecretLocation::Keychain));
    // A second store object, as another run of the program would have.
    KeychainSecretStore again(m_service);
    auto r = readSecretBlocking(again, key);
    QVERIFY(r);
    QCOMPARE(r->value, token);
    QCOMPARE(r->location, SecretLocation::Keychain);
    QVERIFY(removeSecretBlocking(again, key));
    QCOMPARE(readSecretBlocking(again, key).error().kind, SecretError::Kind::NotFound);
    QVERIFY(removeSecretBlocking(again, key)); // already gone: still fine
}

void TestKeychain::fallbackStaysOnKeychain()
{
    KeychainSecretStore keychain(m_service);
    MemorySecretStore session;
    FallbackSecretStore store(&keychain, &session, nullptr);
    QCOMPARE(writeSecretBlocking(store, u"k"_s, u"v"_s),
             SecretResult<SecretLocation>(SecretLocation::Keychain));
    QCOMPARE(store.status().keychain, FallbackSecretStore::KeychainState::Available);
    QVERIFY(!session.contains(u"k"_s));
    QVERIFY(removeSecretBlocking(store, u"k"_s));
}

DD_TEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
