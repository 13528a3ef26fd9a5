#include "secrets/keychainsecretstore.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
QString trKeychain(const char *text)
{
    return QCoreApplication::translate("KeychainSecretStore", text);
}

// Without a D-Bus session bus no keychain daemon can be reached, and QtKeychain
// then says only "Unknown error" on some systems: say what is really missing.
bool sessionBusReachable()
{
    const QString addresses = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    if (addresses.isEmpty()) {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        return !runtime.isEmpty() && QFileInfo::exists(runtime + u"/bus"_s);
    }
    // "unix:path=/run/user/1000/bus;tcp:host=..." — a socket file that does not
    // exist cannot be connected to; other transports are given the benefit of the doubt.
    for (const QString &address : addresses.split(u';', Qt::SkipEmptyParts)) {
        if (!address.startsWith(u"unix:"_s))
            return true;
        bool hasPath = false;
        for (const QString &pair : address.mid(5).split(u',')) {
            if (pair.startsWith(u"path="_s)) {
                hasPath = true;
                if (QFileInfo::exists(pair.mid(5)))
                    return true;
            }
        }
        if (!hasPath)
            return true;
    }
    return false;
}

// The texts QtKeychain passes on when the session bus or the keychain daemon is missing.
bool mentionsMissingService(const QString &text)
{
    static const QStringList markers = {
        u"dbus"_s,
        u"d-bus"_s,
        u"org.freedesktop"_s,
        u"secret service"_s,
        u"secrets service"_s,
        u"kwallet"_s,
        u"autolaunch"_s,
        u"libsecret"_s,
        u"no keychain"_s,
        u"not connected"_s,
        u"could not connect"_s, // GDBus when the bus address leads nowhere
        u".service files"_s,    // the bus runs, but no keyring daemon can be activated
    };
    const QString lower = text.toLower();
    return std::any_of(markers.begin(), markers.end(),
                       [&](const QString &m) { return lower.contains(m); });
}

template<typename Job> Job *newJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new Job(service, parent);
    job->setAutoDelete(true);
    // QtKeychain's own fallback writes the secret into a QSettings file in
    // plain text: exactly what must never happen.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}
} // namespace

SecretError secretErrorFromKeychain(int code, const QString &text)
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return {SecretError::Kind::NotFound,
                trKeychain("the keychain holds no entry for this profile")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {SecretError::Kind::NoBackend,
                trKeychain("no keychain service is available (%1)").arg(text)};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {SecretError::Kind::AccessDenied,
                trKeychain("the keychain refused access (%1)").arg(text)};
    case QKeychain::OtherError:
        if (mentionsMissingService(text))
            return {SecretError::Kind::NoBackend,
                    trKeychain("no keychain service is running (%1)").arg(text)};
        if (!sessionBusReachable())
            return {
                SecretError::Kind::NoBackend,
                trKeychain("no keychain service is available: there is no D-Bus session bus (%1)")
                    .arg(text)};
        return {SecretError::Kind::Other, trKeychain("the keychain failed: %1").arg(text)};
    default:
        return {SecretError::Kind::Other, trKeychain("the keychain failed: %1").arg(text)};
    }
}

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, context,
            [done = std::move(done), key](QKeychain::Job *j) {
                if (j->error() != QKeychain::NoError) {
                    const SecretError e = secretErrorFromKeychain(j->error(), j->errorString());
                    if (e.kind != SecretError::Kind::NotFound)
                        qCInfo(lcSecrets) << "keychain read failed for" << key << ":" << e.message;
                    done(std::unexpected(e));
                    return;
                }
                done(StoredSecret{static_cast<QKeychain::ReadPasswordJob *>(j)->textData(),
                                  SecretLocation::Keychain});
            });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context,
                                WriteCallback done)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key, this);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, context,
            [done = std::move(done), key](QKeychain::Job *j) {
                if (j->error() != QKeychain::NoError) {
                    const SecretError e = secretErrorFromKeychain(j->error(), j->errorString());
                    qCInfo(lcSecrets) << "keychain write failed for" << key << ":" << e.message;
                    done(std::unexpected(e));
                    return;
                }
                done(SecretLocation::Keychain);
            });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, RemoveCallback done)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound) {
            done({});
            return;
        }
        done(std::unexpected(secretErrorFromKeychain(j->error(), j->errorString())));
    });
    job->start();
}

} // namespace dd
