#pragma once
// Where tokens are kept. Every call is asynchronous, because the OS keychain
// answers over D-Bus: the callback runs later, on the context's thread, and
// never after the context is destroyed. Secret values are never logged; keys
// are not secret and may be.

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>

namespace dd {

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

enum class SecretLocation {
    Keychain,   // the OS keychain (Secret Service, KWallet, macOS Keychain...)
    WeakerFile, // a 0600 file in the app's data folder: not encrypted, opted into by the user
    Session,    // memory only: gone when the program exits
};
// "the system keychain", ... for messages.
QString secretLocationText(SecretLocation location);
// True for storage a UI should flag as weaker than the keychain.
inline bool isWeaker(SecretLocation location)
{
    return location == SecretLocation::WeakerFile;
}

struct SecretError
{
    enum class Kind {
        NotFound,     // nothing stored under that key
        NoBackend,    // no keychain service runs (headless machine, no D-Bus session)
        AccessDenied, // the user or the system refused
        Timeout,      // the keychain did not answer in time
        Other,
    };
    Kind kind = Kind::Other;
    QString message; // why, in words; never holds the secret
    friend bool operator==(const SecretError &, const SecretError &) = default;
};

// Runs f on context's thread from the event loop: stores answer asynchronously
// even when they know the answer at once, as the interface promises.
template<typename F> void deliverLater(QObject *context, F f)
{
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}

struct StoredSecret
{
    QString value;
    SecretLocation location = SecretLocation::Keychain;
};

template<typename T> using SecretResult = std::expected<T, SecretError>;

class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    using ReadCallback = std::function<void(SecretResult<StoredSecret>)>;
    using WriteCallback = std::function<void(SecretResult<SecretLocation>)>;
    using RemoveCallback = std::function<void(SecretResult<void>)>;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    // Says where the secret went, so callers can tell the user.
    virtual void write(const QString &key, const QString &secret, QObject *context,
                       WriteCallback done) = 0;
    // Removing a key that is not there succeeds.
    virtual void remove(const QString &key, QObject *context, RemoveCallback done) = 0;
};

} // namespace dd
