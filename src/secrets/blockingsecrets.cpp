#include "secrets/blockingsecrets.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace dd {

namespace {
// Starts a call with a context that dies on return, so a late answer is dropped.
template<typename T, typename Start>
SecretResult<T> wait(Start start, std::chrono::milliseconds timeout)
{
    QObject context;
    QEventLoop loop;
    std::optional<SecretResult<T>> result;
    start(&context, [&](SecretResult<T> r) {
        result = std::move(r);
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    if (!result) {
        return std::unexpected(
            SecretError{SecretError::Kind::Timeout,
                        QCoreApplication::translate("SecretStore",
                                                    "the keychain did not answer within %1 seconds")
                            .arg(timeout.count() / 1000.0)});
    }
    return std::move(*result);
}
} // namespace

SecretResult<StoredSecret> readSecretBlocking(SecretStore &store, const QString &key,
                                              std::chrono::milliseconds timeout)
{
    return wait<StoredSecret>([&](QObject *context, auto done) { store.read(key, context, done); },
                              timeout);
}

SecretResult<SecretLocation> writeSecretBlocking(SecretStore &store, const QString &key,
                                                 const QString &secret,
                                                 std::chrono::milliseconds timeout)
{
    return wait<SecretLocation>(
        [&](QObject *context, auto done) { store.write(key, secret, context, done); }, timeout);
}

SecretResult<void> removeSecretBlocking(SecretStore &store, const QString &key,
                                        std::chrono::milliseconds timeout)
{
    return wait<void>([&](QObject *context, auto done) { store.remove(key, context, done); },
                      timeout);
}

} // namespace dd
