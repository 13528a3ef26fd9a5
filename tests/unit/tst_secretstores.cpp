// Secret stores: the in-memory fake, the weaker 0600 file, the fallback that
// keeps tokens for the session when no keychain runs (and the weaker file
// only by choice), the blocking wrappers for the CLI, QtKeychain's errors
// mapped to ours, and the real QtKeychain on a machine without a keychain
// service (forced here with a session bus address that leads nowhere).
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <qt6keychain/keychain.h>

#include <sys/stat.h>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(dd::SecretError::Kind)

namespace {
const QString kKey = u"profile/prod/token"_s;
const QString kSecretToken = u"6f1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;

// A keychain that never answers, for the timeout.
class SilentStore : public SecretStore
{
public:
    void read(const QString &, QObject *, ReadCallback) override {}
    void write(const QString &, const QString &, QObject *, WriteCallback) override {}
    void remove(const QString &, QObject *, RemoveCallback) override {}
};

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}
} // namespace

class TestSecretStores : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void memoryStoreAnswersLater();
    void callbackDroppedWhenContextDies();
    void memoryStoreFailure();
    void fileStoreIsOwnerOnly();
    void fileStoreTightensLoosePermissions();
    void fileStoreDamaged();
    void fallbackUsesKeychainWhenItRuns();
    void fallbackKeepsTokenForSessionWithoutKeychain();
    void fallbackWeakerFileOnlyByChoice();
    void fallbackDoesNotDowngradeOnRefusal();
    void fallbackReadWithoutKeychainAndNoToken();
    void fallbackRemovesEverywhere();
    void probe();
    void blockingWrappers();
    void blockingTimeout();
    void keychainErrorMapping_data();
    void keychainErrorMapping();
    void realKeychainWithoutService();

private:
    QTemporaryDir m_dir;
};

void TestSecretStores::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // No session bus for QtKeychain to find: the situation on a headless
    // machine or in CI, made certain even on a desktop.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dispatch-desk-test-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
}

void TestSecretStores::memoryStoreAnswersLater()
{
    MemorySecretStore store(SecretLocation::Keychain);
    bool called = false;
    store.write(kKey, kSecretToken, this, [&](SecretResult<SecretLocation> r) {
        called = true;
        QCOMPARE(r, SecretResult<SecretLocation>(SecretLocation::Keychain));
    });
    QVERIFY2(!called, "a store must never answer inside the call");
    QTRY_VERIFY(called);
    QCOMPARE(store.value(kKey), kSecretToken);

    std::optional<SecretResult<StoredSecret>> read;
    store.read(kKey, this, [&](SecretResult<StoredSecret> r) { read = r; });
    QTRY_VERIFY(read);
    QCOMPARE((*read)->value, kSecretToken);
    QCOMPARE((*read)->location, SecretLocation::Keychain);

    read.reset();
    store.read(u"other"_s, this, [&](SecretResult<StoredSecret> r) { read = r; });
    QTRY_VERIFY(read);
    QCOMPARE(read->error().kind, SecretError::Kind::NotFound);
}

void TestSecretStores::callbackDroppedWhenContextDies()
{
    MemorySecretStore store;
    bool called = false;
    auto *context = new QObject;
    store.write(kKey, kSecretToken, context, [&](SecretResult<SecretLocation>) { called = true; });
    delete context;
    QTest::qWait(20); // let the queued answer be dropped
    QVERIFY(!called);
}

void TestSecretStores::memoryStoreFailure()
{
    MemorySecretStore store(SecretLocation::Keychain);
    store.setFailure(MemorySecretStore::noBackendError());
    auto r = writeSecretBlocking(store, kKey, kSecretToken);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, SecretError::Kind::NoBackend);
    QVERIFY(!store.contains(kKey));
}

void TestSecretStores::fileStoreIsOwnerOnly()
{
    const QString path = m_dir.filePath(u"data/tokens-weaker.json"_s);
    FileSecretStore store(path);
    auto w = writeSecretBlocking(store, kKey, kSecretToken);
    QCOMPARE(w, SecretResult<SecretLocation>(SecretLocation::WeakerFile));
    QCOMPARE(modeOf(path), 0600);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(root.value("about"_L1).toString().contains(u"NOT encrypted"_s));
    file.close();

    auto r = readSecretBlocking(store, kKey);
    QVERIFY(r);
    QCOMPARE(r->value, kSecretToken);
    QCOMPARE(r->location, SecretLocation::WeakerFile);
    QVERIFY(isWeaker(r->location));

    // A second token, rewritten atomically: still owner-only.
    QVERIFY(writeSecretBlocking(store, u"profile/dev/token"_s, u"dev-token"_s));
    QCOMPARE(modeOf(path), 0600);
    QVERIFY(removeSecretBlocking(store, kKey));
    QCOMPARE(readSecretBlocking(store, kKey).error().kind, SecretError::Kind::NotFound);
    // The last token gone: no file left behind.
    QVERIFY(removeSecretBlocking(store, u"profile/dev/token"_s));
    QVERIFY(!QFile::exists(path));
    QVERIFY(removeSecretBlocking(store, kKey)); // removing nothing succeeds
}

void TestSecretStores::fileStoreTightensLoosePermissions()
{
    const QString path = m_dir.filePath(u"loose.json"_s);
    FileSecretStore store(path);
    QVERIFY(writeSecretBlocking(store, kKey, kSecretToken));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(modeOf(path), 0644);
    QVERIFY(readSecretBlocking(store, kKey));
    QCOMPARE(modeOf(path), 0600);
}

void TestSecretStores::fileStoreDamaged()
{
    const QString path = m_dir.filePath(u"damaged.json"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not json");
    f.close();
    FileSecretStore store(path);
    auto r = readSecretBlocking(store, kKey);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, SecretError::Kind::Other);
    QVERIFY(r.error().message.contains(u"is damaged"_s));
    QVERIFY(r.error().message.contains(path));
}

void TestSecretStores::fallbackUsesKeychainWhenItRuns()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    MemorySecretStore session;
    FileSecretStore file(m_dir.filePath(u"fallback1.json"_s));
    // A token left in the weaker file while the keychain was down...
    QVERIFY(writeSecretBlocking(file, kKey, u"old"_s));
    FallbackSecretStore store(&keychain, &session, &file);
    QSignalSpy status(&store, &FallbackSecretStore::statusChanged);

    QCOMPARE(writeSecretBlocking(store, kKey, kSecretToken),
             SecretResult<SecretLocation>(SecretLocation::Keychain));
    QCOMPARE(store.status().keychain, FallbackSecretStore::KeychainState::Available);
    QCOMPARE(store.status().writesTo, SecretLocation::Keychain);
    QVERIFY(!store.status().weaker());
    QCOMPARE(status.size(), 1);
    QCOMPARE(keychain.value(kKey), kSecretToken);
    // ...is removed once the keychain has it.
    QTRY_COMPARE(readSecretBlocking(file, kKey).error().kind, SecretError::Kind::NotFound);
    auto r = readSecretBlocking(store, kKey);
    QCOMPARE(r->value, kSecretToken);
    QCOMPARE(r->location, SecretLocation::Keychain);
    QVERIFY(store.statusText().contains(u"system keychain"_s));
}

void TestSecretStores::fallbackKeepsTokenForSessionWithoutKeychain()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    keychain.setFailure(MemorySecretStore::noBackendError());
    MemorySecretStore session;
    FileSecretStore file(m_dir.filePath(u"fallback2.json"_s));
    FallbackSecretStore store(&keychain, &session, &file);

    auto w = writeSecretBlocking(store, kKey, kSecretToken);
    QCOMPARE(w, SecretResult<SecretLocation>(SecretLocation::Session));
    const auto s = store.status();
    QCOMPARE(s.keychain, FallbackSecretStore::KeychainState::Unavailable);
    QVERIFY(s.sessionOnly());
    QVERIFY(!s.weaker());
    QVERIFY(s.keychainProblem.contains(u"D-Bus"_s));
    QVERIFY(store.statusText().contains(u"No keychain service is running"_s));
    QVERIFY(store.statusText().contains(u"for this session only"_s));
    // Not on disk without the user's say-so.
    QVERIFY(!QFile::exists(file.path()));
    auto r = readSecretBlocking(store, kKey);
    QVERIFY(r);
    QCOMPARE(r->value, kSecretToken);
    QCOMPARE(r->location, SecretLocation::Session);
}

void TestSecretStores::fallbackWeakerFileOnlyByChoice()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    keychain.setFailure(MemorySecretStore::noBackendError());
    MemorySecretStore session;
    FileSecretStore file(m_dir.filePath(u"fallback3.json"_s));
    FallbackSecretStore store(&keychain, &session, &file);
    QSignalSpy status(&store, &FallbackSecretStore::statusChanged);
    store.setWeakerFileAllowed(true);
    QCOMPARE(status.size(), 1);

    auto w = writeSecretBlocking(store, kKey, kSecretToken);
    QCOMPARE(w, SecretResult<SecretLocation>(SecretLocation::WeakerFile));
    QVERIFY(store.status().weaker());
    QVERIFY(store.statusText().contains(u"weaker file"_s));
    QVERIFY(store.statusText().contains(u"not encrypted"_s));
    QCOMPARE(modeOf(file.path()), 0600);
    QVERIFY(!session.contains(kKey));

    // Another run of the program: memory is empty, the file still answers.
    MemorySecretStore session2;
    FallbackSecretStore later(&keychain, &session2, &file);
    auto r = readSecretBlocking(later, kKey);
    QVERIFY(r);
    QCOMPARE(r->location, SecretLocation::WeakerFile);
    QCOMPARE(r->value, kSecretToken);
}

void TestSecretStores::fallbackDoesNotDowngradeOnRefusal()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    keychain.setFailure(SecretError{SecretError::Kind::AccessDenied, u"denied by user"_s});
    MemorySecretStore session;
    FallbackSecretStore store(&keychain, &session, nullptr);
    auto w = writeSecretBlocking(store, kKey, kSecretToken);
    QVERIFY(!w);
    QCOMPARE(w.error().kind, SecretError::Kind::AccessDenied);
    QVERIFY(!session.contains(kKey));
}

void TestSecretStores::fallbackReadWithoutKeychainAndNoToken()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    keychain.setFailure(MemorySecretStore::noBackendError());
    MemorySecretStore session;
    FileSecretStore file(m_dir.filePath(u"fallback4.json"_s));
    FallbackSecretStore store(&keychain, &session, &file);
    auto r = readSecretBlocking(store, kKey);
    QVERIFY(!r);
    // "No keychain" beats "not found": the token may well be in the keychain.
    QCOMPARE(r.error().kind, SecretError::Kind::NoBackend);
}

void TestSecretStores::fallbackRemovesEverywhere()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    MemorySecretStore session;
    FileSecretStore file(m_dir.filePath(u"fallback5.json"_s));
    QVERIFY(writeSecretBlocking(keychain, kKey, kSecretToken));
    QVERIFY(writeSecretBlocking(session, kKey, kSecretToken));
    QVERIFY(writeSecretBlocking(file, kKey, kSecretToken));
    FallbackSecretStore store(&keychain, &session, &file);
    QVERIFY(removeSecretBlocking(store, kKey));
    QVERIFY(!keychain.contains(kKey));
    QVERIFY(!session.contains(kKey));
    QVERIFY(!QFile::exists(file.path()));
}

void TestSecretStores::probe()
{
    MemorySecretStore keychain(SecretLocation::Keychain);
    MemorySecretStore session;
    FallbackSecretStore store(&keychain, &session, nullptr);
    QCOMPARE(store.status().keychain, FallbackSecretStore::KeychainState::Unknown);
    std::optional<FallbackSecretStore::Status> s;
    store.probe(this, [&](FallbackSecretStore::Status st) { s = st; });
    QTRY_VERIFY(s);
    QCOMPARE(s->keychain, FallbackSecretStore::KeychainState::Available);

    keychain.setFailure(MemorySecretStore::noBackendError());
    s.reset();
    store.probe(this, [&](FallbackSecretStore::Status st) { s = st; });
    QTRY_VERIFY(s);
    QCOMPARE(s->keychain, FallbackSecretStore::KeychainState::Unavailable);
    QVERIFY(s->sessionOnly());
}

void TestSecretStores::blockingWrappers()
{
    MemorySecretStore store(SecretLocation::Keychain);
    QCOMPARE(writeSecretBlocking(store, kKey, kSecretToken),
             SecretResult<SecretLocation>(SecretLocation::Keychain));
    QCOMPARE(readSecretBlocking(store, kKey)->value, kSecretToken);
    QVERIFY(removeSecretBlocking(store, kKey));
    QCOMPARE(readSecretBlocking(store, kKey).error().kind, SecretError::Kind::NotFound);
}

void TestSecretStores::blockingTimeout()
{
    SilentStore store;
    auto r = readSecretBlocking(store, kKey, std::chrono::milliseconds(100));
    QVERIFY(!r);
    QCOMPARE(r.error().kind, SecretError::Kind::Timeout);
    QVERIFY(r.error().message.contains(u"did not answer within 0.1 seconds"_s));
}

void TestSecretStores::keychainErrorMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<SecretError::Kind>("kind");
    QTest::newRow("not found") << int(QKeychain::EntryNotFound) << u"Entry not found"_s
                               << SecretError::Kind::NotFound;
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << u"No backend"_s
                                << SecretError::Kind::NoBackend;
    QTest::newRow("not implemented")
        << int(QKeychain::NotImplemented) << u"x"_s << SecretError::Kind::NoBackend;
    // What QtKeychain 0.13 says on this machine without a session bus.
    QTest::newRow("no dbus autolaunch")
        << int(QKeychain::OtherError) << u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s
        << SecretError::Kind::NoBackend;
    QTest::newRow("no secret service")
        << int(QKeychain::OtherError)
        << u"org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided"_s
        << SecretError::Kind::NoBackend;
    QTest::newRow("bus address leads nowhere")
        << int(QKeychain::OtherError) << u"Could not connect: No such file or directory"_s
        << SecretError::Kind::NoBackend;
    QTest::newRow("kwallet") << int(QKeychain::OtherError)
                             << u"Could not open wallet: KWallet not running"_s
                             << SecretError::Kind::NoBackend;
    QTest::newRow("other") << int(QKeychain::OtherError) << u"Unknown error"_s
                           << SecretError::Kind::Other;
    QTest::newRow("denied by user")
        << int(QKeychain::AccessDeniedByUser) << u"x"_s << SecretError::Kind::AccessDenied;
    QTest::newRow("denied") << int(QKeychain::AccessDenied) << u"x"_s
                            << SecretError::Kind::AccessDenied;
    QTest::newRow("delete failed")
        << int(QKeychain::CouldNotDeleteEntry) << u"x"_s << SecretError::Kind::Other;
}

void TestSecretStores::keychainErrorMapping()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(SecretError::Kind, kind);
    // With a session bus, "Unknown error" is some other failure of the keychain.
    const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-test");
    const SecretError e = secretErrorFromKeychain(code, text);
    qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
    QCOMPARE(e.kind, kind);
    if (kind != SecretError::Kind::NotFound)
        QVERIFY(e.message.contains(text));

    // Without one, no keychain daemon can be reached, whatever QtKeychain says.
    if (code == int(QKeychain::OtherError)) {
        const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        qputenv("XDG_RUNTIME_DIR", "/nonexistent-runtime-dir");
        const SecretError noBus = secretErrorFromKeychain(code, text);
        qputenv("XDG_RUNTIME_DIR", runtime);
        qputenv("DBUS_SESSION_BUS_ADDRESS", bus);
        QCOMPARE(noBus.kind, SecretError::Kind::NoBackend);
        QVERIFY(noBus.message.startsWith(u"no keychain service"_s));
    }
}

void TestSecretStores::realKeychainWithoutService()
{
    KeychainSecretStore keychain(u"dispatch-desk-test"_s);
    auto w = writeSecretBlocking(keychain, kKey, kSecretToken);
    QVERIFY(!w);
    QCOMPARE(w.error().kind, SecretError::Kind::NoBackend);
    QVERIFY2(w.error().message.startsWith(u"no keychain service"_s), qPrintable(w.error().message));
    QVERIFY(!w.error().message.contains(kSecretToken));
    auto r = readSecretBlocking(keychain, kKey);
    QCOMPARE(r.error().kind, SecretError::Kind::NoBackend);

    // Through the fallback: kept for the session, and said so.
    MemorySecretStore session;
    FallbackSecretStore store(&keychain, &session, nullptr);
    QCOMPARE(writeSecretBlocking(store, kKey, kSecretToken),
             SecretResult<SecretLocation>(SecretLocation::Session));
    QVERIFY(store.status().sessionOnly());
    QCOMPARE(readSecretBlocking(store, kKey)->value, kSecretToken);
    // QtKeychain's own plain-text fallback must not have written anything.
    QVERIFY(QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                .entryList({u"*dispatch-desk-test*"_s}, QDir::Files)
                .isEmpty());
}

DD_TEST_GUILESS_MAIN(TestSecretStores)
#include "tst_secretstores.moc"
