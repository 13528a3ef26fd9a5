#pragma once
// The active profile and what the app knows about its cluster: the client to
// call it with, the namespace and region chosen, the server's version and
// leader. Switching profile is instant: each profile keeps its own client, so
// monitors started on another profile carry on.

#include "api/nomadclient.h"
#include "api/profile.h"
#include "core/serverversion.h"

#include <QHash>
#include <QObject>
#include <QTimer>

class QNetworkAccessManager;

namespace dd {

class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { NoProfile, Connecting, Connected, Unreachable };

    Connection(QNetworkAccessManager *network, QObject *parent = nullptr);

    // The follow lane for the clients made from now on: their blocking queries
    // and one event stream per namespace (ChangeFeed) use it, so a live view
    // never holds a connection a user's request waits for. Without one, the
    // clients follow with blocking queries on `network`.
    void setFollowNetwork(QNetworkAccessManager *network) { m_followNetwork = network; }
    // How live updates arrive for the current profile (the status bar's tooltip).
    QString liveUpdatesText() const;

    void setProfile(const Profile &profile);
    const Profile &profile() const { return m_profile; }
    bool hasProfile() const { return !m_profile.name.isEmpty(); }
    NomadClient *client() const { return m_client; }

    void setNamespace(const QString &nameSpace);
    QString nameSpace() const { return m_nameSpace; }
    void setRegion(const QString &region);
    QString region() const { return m_region; }
    // Namespace and region for a read of the current view.
    QueryOptions queryOptions() const;

    State state() const { return m_state; }
    std::optional<ServerVersion> serverVersion() const { return m_version; }
    bool versionKnown() const { return m_versionKnown; }
    QString versionText() const { return m_agent.version; }
    QString leader() const { return m_leader; }
    std::optional<ApiError> lastError() const { return m_error; }
    QStringList namespaces() const { return m_namespaces; }
    QStringList regions() const { return m_regions; }

    // Re-reads the agent, leader, namespaces and regions.
    void refresh();
    // A watcher saw the cluster go away or come back.
    void reportError(const ApiError &error);

    void setRetryInterval(std::chrono::milliseconds interval) { m_retryInterval = interval; }

Q_SIGNALS:
    void profileChanged();
    void stateChanged();
    void namespacesChanged(const QStringList &namespaces);
    void regionsChanged(const QStringList &regions);
    void liveUpdatesChanged();

private:
    void setState(State state);
    void probe();

    QNetworkAccessManager *m_network;
    QNetworkAccessManager *m_followNetwork = nullptr;
    QHash<QString, NomadClient *> m_clients;
    NomadClient *m_client = nullptr;
    Profile m_profile;
    QString m_nameSpace = QStringLiteral("default");
    QString m_region;
    State m_state = State::NoProfile;
    AgentSelf m_agent;
    std::optional<ServerVersion> m_version;
    bool m_versionKnown = false;
    QString m_leader;
    std::optional<ApiError> m_error;
    QStringList m_namespaces;
    QStringList m_regions;
    int m_generation = 0;
    QTimer m_retry;
    std::chrono::milliseconds m_retryInterval{5000};
};

} // namespace dd
