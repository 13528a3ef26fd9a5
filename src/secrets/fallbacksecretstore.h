#pragma once
// The secret store the app and the CLI use: the keychain when it runs, and a
// clear, visible fallback when it does not. By default the fallback is memory
// for this session only; the user may explicitly allow the weaker file
// instead. status() says which is in effect, so a UI can show it.

#include "secrets/secretstore.h"

#include <QPointer>

namespace dd {

class FallbackSecretStore : public SecretStore
{
    Q_OBJECT
public:
    // `weakerFile` may be null: then the weaker file is never offered. None is owned.
    FallbackSecretStore(SecretStore *keychain, SecretStore *session, SecretStore *weakerFile,
                        QObject *parent = nullptr);

    void setWeakerFileAllowed(bool allowed);
    bool weakerFileAllowed() const { return m_weakerFileAllowed; }
    bool hasWeakerFile() const { return m_weakerFile != nullptr; }

    enum class KeychainState { Unknown, Available, Unavailable };
    struct Status
    {
        KeychainState keychain = KeychainState::Unknown;
        QString keychainProblem; // why it is unavailable
        SecretLocation writesTo = SecretLocation::Keychain;
        bool weaker() const { return isWeaker(writesTo); }
        bool sessionOnly() const { return writesTo == SecretLocation::Session; }
    };
    Status status() const;
    // One sentence for a status bar or `profile show`.
    QString statusText() const;

    // Asks the keychain once, so the status is known before the first token is saved.
    void probe(QObject *context, std::function<void(Status)> done);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, RemoveCallback done) override;

Q_SIGNALS:
    void statusChanged();

private:
    void noteKeychain(KeychainState state, const QString &problem = {});
    void readFallbacks(const QString &key, const SecretError &keychainError,
                       QPointer<QObject> context, ReadCallback done);

    SecretStore *m_keychain;
    SecretStore *m_session;
    SecretStore *m_weakerFile;
    bool m_weakerFileAllowed = false;
    KeychainState m_state = KeychainState::Unknown;
    QString m_problem;
};

} // namespace dd
