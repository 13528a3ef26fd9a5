#include "secrets/profiletokens.h"

#include <QCoreApplication>
#include <QPointer>

namespace dd {

namespace {
QString trTokens(const char *text)
{
    return QCoreApplication::translate("ProfileTokens", text);
}

void finish(ProfileStore &store, SavedProfile saved, const QPointer<QObject> &context,
            const SaveProfileCallback &done)
{
    auto ok = store.save(saved.profile);
    if (!context)
        return;
    if (!ok)
        done(std::unexpected(ok.error().message));
    else
        done(std::move(saved));
}
} // namespace

void saveProfileWithToken(ProfileStore &store, SecretStore &secrets, ConnectionProfile profile,
                          std::optional<QString> token, QObject *context, SaveProfileCallback done)
{
    QPointer<QObject> guard(context);
    if (const QStringList problems = profileProblems(profile); !problems.isEmpty()) {
        const QString message =
            trTokens("The profile \"%1\" was not saved: %2.")
                .arg(elidedForMessage(profile.name), problems.join(QStringLiteral("; ")));
        QMetaObject::invokeMethod(
            context, [done, message]() { done(std::unexpected(message)); }, Qt::QueuedConnection);
        return;
    }
    if (!token) {
        QMetaObject::invokeMethod(
            context,
            [&store, profile, guard, done]() {
                finish(store, {profile, std::nullopt}, guard, done);
            },
            Qt::QueuedConnection);
        return;
    }
    const QString ref = tokenRefForProfile(profile.name);
    if (token->isEmpty()) {
        secrets.remove(ref, context, [&store, profile, guard, done](SecretResult<void> r) mutable {
            if (!r) {
                done(std::unexpected(trTokens("The token of \"%1\" could not be removed: %2.")
                                         .arg(profile.name, r.error().message)));
                return;
            }
            profile.tokenRef.clear();
            finish(store, {profile, std::nullopt}, guard, done);
        });
        return;
    }
    secrets.write(
        ref, *token, context,
        [&store, profile, ref, guard, done](SecretResult<SecretLocation> r) mutable {
            if (!r) {
                done(std::unexpected(
                    trTokens("The profile \"%1\" was not saved because its token could not be "
                             "stored: %2.")
                        .arg(profile.name, r.error().message)));
                return;
            }
            profile.tokenRef = ref;
            finish(store, {profile, *r}, guard, done);
        });
}

} // namespace dd
