#pragma once
// Secrets in memory. The app keeps tokens here for the session when no
// keychain runs; tests use it as the keychain fake, and can make it fail the
// way a missing keychain service does.

#include "secrets/secretstore.h"

#include <QHash>

#include <optional>

namespace dd {

class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    // `reportAs` is the location this store claims: Session normally,
    // Keychain when it stands in for the keychain in tests.
    explicit MemorySecretStore(SecretLocation reportAs = SecretLocation::Session,
                               QObject *parent = nullptr);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, RemoveCallback done) override;

    // Every call fails with this error until cleared (e.g. NoBackend).
    void setFailure(std::optional<SecretError> failure) { m_failure = std::move(failure); }
    // A keychain fake that behaves like a machine without a keychain service.
    static SecretError noBackendError();

    // For tests: what is held, and how often the store was asked.
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QString value(const QString &key) const { return m_secrets.value(key); }
    qsizetype size() const { return m_secrets.size(); }
    int calls() const { return m_calls; }

private:
    QHash<QString, QString> m_secrets;
    SecretLocation m_location;
    std::optional<SecretError> m_failure;
    int m_calls = 0;
};

} // namespace dd
