#pragma once
// The app's profiles: the saved ones (ProfileStore, tokens from the secret
// store) followed by the in-memory ones (Environment, demo cluster). Tokens
// arrive asynchronously; the list is announced again when they do, so
// switching stays instant and a token is picked up as soon as it is read.

#include "gui/profilesource.h"

#include <QHash>

namespace dd {
class FallbackSecretStore;
class ProfileStore;
struct ConnectionProfile;
} // namespace dd

namespace dd::gui {

class StoreProfileSource : public StaticProfileSource
{
    Q_OBJECT
public:
    // Neither is owned.
    StoreProfileSource(ProfileStore *store, FallbackSecretStore *secrets,
                       QObject *parent = nullptr);

    QList<Profile> profiles() const override;
    ProfileStore *store() const { return m_store; }
    FallbackSecretStore *secrets() const { return m_secrets; }

    // Re-reads the store and the tokens of its profiles.
    void reload();
    // After a save: the token is known already, no need to ask the keychain.
    void rememberToken(const QString &profileName, const QString &token);
    // The token last read for a saved profile (empty: none).
    QString token(const QString &profileName) const { return m_tokens.value(profileName); }

    static Profile toProfile(const ConnectionProfile &profile, const QString &token);

private:
    ProfileStore *m_store;
    FallbackSecretStore *m_secrets;
    QList<ConnectionProfile> m_saved;
    QHash<QString, QString> m_tokens; // by profile name; never logged
};

} // namespace dd::gui
