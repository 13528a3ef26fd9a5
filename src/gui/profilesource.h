#pragma once
// Where the app's connection profiles come from. The main window only reads
// this interface, so the profile store (QSettings + secret store) and the
// demo cluster plug in without it knowing.

#include "api/profile.h"

#include <QList>
#include <QObject>
#include <QString>

namespace dd::gui {

class ProfileSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual QList<Profile> profiles() const = 0;
    std::optional<Profile> profile(const QString &name) const;

Q_SIGNALS:
    void profilesChanged();
};

// Profiles held in memory: the environment's, the demo cluster's, tests'.
class StaticProfileSource : public ProfileSource
{
    Q_OBJECT
public:
    using ProfileSource::ProfileSource;
    QList<Profile> profiles() const override { return m_profiles; }
    // Replaces a profile of the same name, or appends it.
    void setProfile(const Profile &profile);
    void removeProfile(const QString &name);

private:
    QList<Profile> m_profiles;
};

} // namespace dd::gui
