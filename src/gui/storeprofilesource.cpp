#include "gui/storeprofilesource.h"

#include "api/profileclient.h"
#include "core/profilestore.h"
#include "secrets/fallbacksecretstore.h"

namespace dd::gui {

StoreProfileSource::StoreProfileSource(ProfileStore *store, FallbackSecretStore *secrets,
                                       QObject *parent)
    : StaticProfileSource(parent)
    , m_store(store)
    , m_secrets(secrets)
{
    connect(m_store, &ProfileStore::profilesChanged, this, &StoreProfileSource::reload);
    reload();
}

Profile StoreProfileSource::toProfile(const ConnectionProfile &profile, const QString &token)
{
    Profile p;
    p.name = profile.name;
    p.label = profile.label;
    p.color = profile.color;
    if (auto config = clientConfigFor(profile, token)) {
        p.config = *config;
    } else {
        // Still listed, so selecting it shows why it cannot connect.
        p.config.address = QUrl(profile.address);
        p.config.token = token;
        p.config.tls.skipVerify = profile.skipVerify;
    }
    return p;
}

QList<Profile> StoreProfileSource::profiles() const
{
    QList<Profile> list;
    for (const ConnectionProfile &saved : m_saved)
        list.append(toProfile(saved, m_tokens.value(saved.name)));
    for (const Profile &extra : StaticProfileSource::profiles()) {
        // A saved profile wins over an in-memory one of the same name.
        const bool shadowed = std::any_of(list.cbegin(), list.cend(),
                                          [&](const Profile &p) { return p.name == extra.name; });
        if (!shadowed)
            list.append(extra);
    }
    return list;
}

void StoreProfileSource::rememberToken(const QString &profileName, const QString &token)
{
    if (token.isEmpty())
        m_tokens.remove(profileName);
    else
        m_tokens.insert(profileName, token);
    Q_EMIT profilesChanged();
}

void StoreProfileSource::reload()
{
    const QList<ConnectionProfile> before = m_saved;
    m_saved = m_store->profiles();
    // A token known in memory never follows its profile to another cluster
    // (an import, a hand edit): read it again through the profile's tokenRef,
    // or forget it when the profile no longer names one.
    for (const ConnectionProfile &saved : std::as_const(m_saved)) {
        for (const ConnectionProfile &old : before) {
            if (old.name == saved.name &&
                (saved.tokenRef.isEmpty() || addressTargetChange(old.address, saved.address)))
                m_tokens.remove(saved.name);
        }
    }
    Q_EMIT profilesChanged();
    for (const ConnectionProfile &saved : std::as_const(m_saved)) {
        if (saved.tokenRef.isEmpty() || m_tokens.contains(saved.name))
            continue;
        const QString name = saved.name;
        m_secrets->read(saved.tokenRef, this, [this, name](SecretResult<StoredSecret> r) {
            // A missing token is not an error here: the profile connects without one.
            if (r && m_tokens.value(name) != r->value) {
                m_tokens.insert(name, r->value);
                Q_EMIT profilesChanged();
            }
        });
    }
}

} // namespace dd::gui
