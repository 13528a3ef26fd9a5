#include "api/connection.h"

#include "api/changefeed.h"

namespace dd {

Connection::Connection(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Connection::probe);
}

void Connection::setProfile(const Profile &profile)
{
    m_profile = profile;
    NomadClient *&client = m_clients[profile.name];
    if (!client) {
        client = new NomadClient(m_network, profile.config, this);
        if (m_followNetwork) {
            client->setFollowNetwork(m_followNetwork);
            auto *feed = new ChangeFeed(client, client);
            client->setChangeFeed(feed);
            connect(feed, &ChangeFeed::statusChanged, this, [this, client]() {
                if (client == m_client)
                    Q_EMIT liveUpdatesChanged();
            });
        }
    } else {
        const bool changed = !(client->config() == profile.config);
        client->setConfig(profile.config);
        // A new address or token: the streams open again with it.
        if (ChangeFeed *feed = client->changeFeed(); feed && changed)
            feed->restart();
    }
    m_client = client;
    m_nameSpace =
        profile.config.nameSpace.isEmpty() ? QStringLiteral("default") : profile.config.nameSpace;
    m_region = profile.config.region;
    m_agent = {};
    m_version.reset();
    m_versionKnown = false;
    m_leader.clear();
    m_error.reset();
    m_namespaces = {m_nameSpace};
    m_regions.clear();
    Q_EMIT profileChanged();
    Q_EMIT namespacesChanged(m_namespaces);
    Q_EMIT regionsChanged(m_regions);
    Q_EMIT liveUpdatesChanged();
    setState(State::Connecting);
    probe();
}

QString Connection::liveUpdatesText() const
{
    if (!m_client)
        return {};
    if (const ChangeFeed *feed = m_client->changeFeed())
        return feed->describe();
    return tr("Live updates: blocking queries");
}

void Connection::setNamespace(const QString &nameSpace)
{
    m_nameSpace = nameSpace.isEmpty() ? QStringLiteral("default") : nameSpace;
}

void Connection::setRegion(const QString &region)
{
    m_region = region;
}

QueryOptions Connection::queryOptions() const
{
    QueryOptions o;
    o.nameSpace = m_nameSpace;
    if (!m_region.isEmpty())
        o.region = m_region;
    return o;
}

void Connection::refresh()
{
    if (hasProfile())
        probe();
}

void Connection::reportError(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Transport || error.kind == ApiError::Kind::Tls ||
        error.kind == ApiError::Kind::Timeout || error.kind == ApiError::Kind::Config) {
        m_error = error;
        if (m_state != State::Unreachable)
            setState(State::Unreachable);
        if (!m_retry.isActive())
            m_retry.start(m_retryInterval);
    }
}

void Connection::setState(State state)
{
    // Also on the same state: the version or error may be new.
    m_state = state;
    Q_EMIT stateChanged();
}

void Connection::probe()
{
    m_retry.stop();
    const int generation = ++m_generation;
    NomadClient *client = m_client;
    client->agentSelf(this, [this, generation, client](Result<AgentSelf> agent) {
        if (generation != m_generation)
            return; // the profile changed meanwhile
        if (!agent) {
            m_error = agent.error();
            // A 403 on agent/self still proves a cluster answers; the version stays unknown.
            if (agent.error().kind == ApiError::Kind::Http) {
                m_versionKnown = true;
                setState(State::Connected);
            } else {
                setState(State::Unreachable);
                m_retry.start(m_retryInterval);
                return;
            }
        } else {
            m_error.reset();
            m_agent = *agent;
            m_version = ServerVersion::parse(agent->version);
            m_versionKnown = true;
            if (m_region.isEmpty())
                m_region = agent->region;
            setState(State::Connected);
        }
        client->leader(this, [this, generation](Result<QString> leader) {
            if (generation != m_generation)
                return;
            m_leader = leader ? *leader : QString();
            Q_EMIT stateChanged();
        });
        client->namespaces(this, [this, generation](Result<QList<NamespaceInfo>> list) {
            if (generation != m_generation)
                return;
            QStringList names;
            if (list) {
                for (const NamespaceInfo &ns : *list)
                    names.append(ns.name);
            }
            if (!names.contains(m_nameSpace) && m_nameSpace != u"*")
                names.prepend(m_nameSpace);
            names.sort();
            names.append(QStringLiteral("*"));
            m_namespaces = names;
            Q_EMIT namespacesChanged(m_namespaces);
        });
        client->regions(this, [this, generation](Result<QStringList> list) {
            if (generation != m_generation)
                return;
            QStringList regions = list ? *list : QStringList();
            if (!m_region.isEmpty() && !regions.contains(m_region))
                regions.prepend(m_region);
            m_regions = regions;
            Q_EMIT regionsChanged(m_regions);
        });
    });
}

} // namespace dd
