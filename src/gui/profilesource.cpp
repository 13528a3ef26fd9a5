#include "gui/profilesource.h"

namespace dd::gui {

std::optional<Profile> ProfileSource::profile(const QString &name) const
{
    for (const Profile &p : profiles()) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

void StaticProfileSource::setProfile(const Profile &profile)
{
    for (Profile &p : m_profiles) {
        if (p.name == profile.name) {
            p = profile;
            Q_EMIT profilesChanged();
            return;
        }
    }
    m_profiles.append(profile);
    Q_EMIT profilesChanged();
}

void StaticProfileSource::removeProfile(const QString &name)
{
    const auto removed = m_profiles.removeIf([&](const Profile &p) { return p.name == name; });
    if (removed > 0)
        Q_EMIT profilesChanged();
}

} // namespace dd::gui
