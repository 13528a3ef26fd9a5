#include "secrets/fallbacksecretstore.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
// Keys nobody writes: reading one tells whether the keychain answers at all.
const QString kProbeKey = u"dispatch-desk/probe"_s;
} // namespace

FallbackSecretStore::FallbackSecretStore(SecretStore *keychain, SecretStore *session,
                                         SecretStore *weakerFile, QObject *parent)
    : SecretStore(parent)
    , m_keychain(keychain)
    , m_session(session)
    , m_weakerFile(weakerFile)
{
    Q_ASSERT(keychain && session);
}

void FallbackSecretStore::setWeakerFileAllowed(bool allowed)
{
    if (m_weakerFileAllowed == allowed)
        return;
    m_weakerFileAllowed = allowed;
    Q_EMIT statusChanged();
}

FallbackSecretStore::Status FallbackSecretStore::status() const
{
    Status s;
    s.keychain = m_state;
    s.keychainProblem = m_problem;
    if (m_state == KeychainState::Unavailable) {
        s.writesTo = m_weakerFileAllowed && m_weakerFile ? SecretLocation::WeakerFile
                                                         : SecretLocation::Session;
    }
    return s;
}

QString FallbackSecretStore::statusText() const
{
    const Status s = status();
    switch (s.keychain) {
    case KeychainState::Unknown:
        return tr("Tokens are saved in the system keychain.");
    case KeychainState::Available:
        return tr("Tokens are saved in the system keychain.");
    case KeychainState::Unavailable:
        break;
    }
    if (s.weaker()) {
        return tr("No keychain service is running (%1). Tokens are saved in a weaker file "
                  "readable by your user account, not encrypted, as you chose.")
            .arg(s.keychainProblem);
    }
    return tr("No keychain service is running (%1). Tokens are kept for this session only and "
              "must be entered again next time; start a keychain service (e.g. "
              "gnome-keyring or KWallet), or choose the weaker token file.")
        .arg(s.keychainProblem);
}

void FallbackSecretStore::noteKeychain(KeychainState state, const QString &problem)
{
    if (state == m_state && problem == m_problem)
        return;
    m_state = state;
    m_problem = problem;
    Q_EMIT statusChanged();
}

void FallbackSecretStore::probe(QObject *context, std::function<void(Status)> done)
{
    QPointer<QObject> guard(context);
    m_keychain->read(kProbeKey, this, [this, guard, done](SecretResult<StoredSecret> r) {
        if (r || r.error().kind != SecretError::Kind::NoBackend)
            noteKeychain(KeychainState::Available);
        else
            noteKeychain(KeychainState::Unavailable, r.error().message);
        if (guard)
            done(status());
    });
}

void FallbackSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    QPointer<QObject> guard(context);
    m_keychain->read(key, this, [this, key, guard, done](SecretResult<StoredSecret> r) {
        if (r) {
            noteKeychain(KeychainState::Available);
            if (guard)
                done(std::move(r));
            return;
        }
        if (r.error().kind == SecretError::Kind::NoBackend)
            noteKeychain(KeychainState::Unavailable, r.error().message);
        else if (r.error().kind == SecretError::Kind::NotFound)
            noteKeychain(KeychainState::Available);
        // A token saved while the keychain was down may sit in a fallback.
        readFallbacks(key, r.error(), guard, done);
    });
}

void FallbackSecretStore::readFallbacks(const QString &key, const SecretError &keychainError,
                                        QPointer<QObject> guard, ReadCallback done)
{
    m_session->read(
        key, this, [this, key, keychainError, guard, done](SecretResult<StoredSecret> r) {
            if (r) {
                if (guard)
                    done(std::move(r));
                return;
            }
            auto finish = [keychainError, guard, done]() {
                if (guard)
                    done(std::unexpected(keychainError));
            };
            if (!m_weakerFile) {
                finish();
                return;
            }
            m_weakerFile->read(key, this, [guard, done, finish](SecretResult<StoredSecret> f) {
                if (f) {
                    if (guard)
                        done(std::move(f));
                    return;
                }
                // A damaged or unreadable file is worth reporting over "not found".
                if (f.error().kind != SecretError::Kind::NotFound) {
                    if (guard)
                        done(std::move(f));
                    return;
                }
                finish();
            });
        });
}

void FallbackSecretStore::write(const QString &key, const QString &secret, QObject *context,
                                WriteCallback done)
{
    QPointer<QObject> guard(context);
    m_keychain->write(
        key, secret, this, [this, key, secret, guard, done](SecretResult<SecretLocation> r) {
            if (r) {
                noteKeychain(KeychainState::Available);
                // No weaker copy may outlive the keychain entry.
                m_session->remove(key, this, [](SecretResult<void>) {});
                if (m_weakerFile)
                    m_weakerFile->remove(key, this, [](SecretResult<void>) {});
                if (guard)
                    done(std::move(r));
                return;
            }
            if (r.error().kind != SecretError::Kind::NoBackend) {
                // The user refused, or the keychain broke: do not quietly downgrade.
                if (guard)
                    done(std::move(r));
                return;
            }
            noteKeychain(KeychainState::Unavailable, r.error().message);
            SecretStore *target = m_weakerFileAllowed && m_weakerFile ? m_weakerFile : m_session;
            qCInfo(lcSecrets) << "no keychain; keeping the token for" << key << "in"
                              << (target == m_session ? "session memory" : "the weaker file");
            target->write(key, secret, this, [guard, done](SecretResult<SecretLocation> w) {
                if (guard)
                    done(std::move(w));
            });
        });
}

void FallbackSecretStore::remove(const QString &key, QObject *context, RemoveCallback done)
{
    QPointer<QObject> guard(context);
    // Remove everywhere; a missing keychain is not a failure to remove.
    m_keychain->remove(key, this, [this, key, guard, done](SecretResult<void> k) {
        std::optional<SecretError> failure;
        if (!k && k.error().kind != SecretError::Kind::NoBackend &&
            k.error().kind != SecretError::Kind::NotFound)
            failure = k.error();
        m_session->remove(key, this, [this, key, guard, done, failure](SecretResult<void>) {
            auto finish = [guard, done](std::optional<SecretError> failure) {
                if (!guard)
                    return;
                if (failure)
                    done(std::unexpected(*failure));
                else
                    done({});
            };
            if (!m_weakerFile) {
                finish(failure);
                return;
            }
            m_weakerFile->remove(key, this, [finish, failure](SecretResult<void> f) {
                if (!failure && !f && f.error().kind != SecretError::Kind::NotFound)
                    finish(f.error());
                else
                    finish(failure);
            });
        });
    });
}

} // namespace dd
