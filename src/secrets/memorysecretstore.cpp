#include "secrets/memorysecretstore.h"

#include <QCoreApplication>

namespace dd {

// Answers later (deliverLater), like a real keychain, so callers cannot come to
// rely on synchronous callbacks; dropped if the context is gone by then.

MemorySecretStore::MemorySecretStore(SecretLocation reportAs, QObject *parent)
    : SecretStore(parent)
    , m_location(reportAs)
{}

SecretError MemorySecretStore::noBackendError()
{
    return {SecretError::Kind::NoBackend,
            QCoreApplication::translate("SecretStore",
                                        "no keychain service is running (simulated: Cannot "
                                        "autolaunch D-Bus without X11 $DISPLAY)")};
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    ++m_calls;
    SecretResult<StoredSecret> result;
    if (m_failure)
        result = std::unexpected(*m_failure);
    else if (!m_secrets.contains(key))
        result = std::unexpected(SecretError{
            SecretError::Kind::NotFound,
            QCoreApplication::translate("SecretStore", "nothing is stored under \"%1\"").arg(key)});
    else
        result = StoredSecret{m_secrets.value(key), m_location};
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context,
                              WriteCallback done)
{
    ++m_calls;
    SecretResult<SecretLocation> result = m_location;
    if (m_failure)
        result = std::unexpected(*m_failure);
    else
        m_secrets.insert(key, secret);
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, RemoveCallback done)
{
    ++m_calls;
    SecretResult<void> result;
    if (m_failure)
        result = std::unexpected(*m_failure);
    else
        m_secrets.remove(key);
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

} // namespace dd
