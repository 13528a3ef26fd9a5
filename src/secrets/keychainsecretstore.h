#pragma once
// The OS keychain through QtKeychain (Secret Service or KWallet over D-Bus on
// Linux). Without a D-Bus session or a keychain daemon, QtKeychain answers
// NoBackendAvailable, or OtherError with a D-Bus message: both become
// SecretError::Kind::NoBackend, which FallbackSecretStore acts on.

#include "secrets/secretstore.h"

namespace dd {

class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    // `service` groups the app's entries in the keychain ("dispatch-desk").
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr);

    QString service() const { return m_service; }

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, RemoveCallback done) override;

private:
    QString m_service;
};

// Maps a QKeychain::Error code and its text to our kinds; pure, for tests.
SecretError secretErrorFromKeychain(int keychainError, const QString &errorString);

} // namespace dd
