#pragma once
// The Nomad HTTP API simulator: a simulated Nomad cluster (jobs, dispatch,
// scheduler, clients, ACLs, event stream) behind an HTTP/1.1 (or TLS) server
// on a loopback port. Tests and the desktop app's demo mode run it in-process;
// nomad-api-sim wraps it in an executable. Lives in one thread; to run it on a
// worker thread use SimulatorHost.
//
//   dd::sim::Simulator sim;               // demo cluster, ephemeral port
//   sim.start();                          // sim.baseUrl() is http://127.0.0.1:<port>
//   sim.clock().pause(); ... sim.clock().advance(1500);
//   sim.requests().last().rawPath         // what the client sent
//
// After a dispatch the tasks write logs (their scripts interpreted on the
// simulated clock) that /v1/client/fs/logs streams and /v1/client/fs/* lists.

#include "sim/aclstore.h"
#include "sim/clusterstate.h"
#include "sim/faultinjector.h"
#include "sim/jobservice.h"
#include "sim/requestlog.h"
#include "sim/simclock.h"
#include "sim/simulatoroptions.h"

#include <QObject>
#include <QUrl>

#include <expected>
#include <memory>

namespace dd::sim {

class ApiRouter;
class BlockingQueries;
class ClientFiles;
class ClientSimulator;
class EventBroker;
class HttpServer;
class IdGenerator;
class Scheduler;
struct AgentFacts;

class Simulator : public QObject
{
    Q_OBJECT
public:
    explicit Simulator(const SimulatorOptions &options = {}, QObject *parent = nullptr);
    ~Simulator() override;

    // Loads the configured jobs and starts listening.
    std::expected<void, QString> start();
    void stop();
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const;            // http(s)://127.0.0.1:<port>
    QString managementToken() const; // empty unless ACLs are on
    const SimulatorOptions &options() const { return m_options; }
    void setServerVersion(const QString &version);

    SimClock &clock() { return *m_clock; }
    FaultInjector &faults() { return *m_faults; }
    RequestLog &requests() { return *m_requests; }
    ClusterState &state() { return *m_state; }
    const ClusterState &state() const { return *m_state; }
    EventBroker &events() { return *m_events; }
    // Task logs and allocation directories (rotation size, open log streams).
    ClientFiles &files() { return *m_files; }
    quint64 index() const { return m_state->index(); }

    // Cluster set-up.
    void addNamespace(const QString &name, const QString &description = {});
    std::expected<WriteResult, ApiError> registerJob(const QJsonObject &job,
                                                     const QString &ns = {});
    std::expected<void, QString> loadJobs(const QString &directory); // *.register.json
    void loadDemoJobs();
    QString addNode(const NodeSpec &spec); // returns the node ID; blocked evaluations retry
    std::expected<DispatchResult, ApiError> dispatch(const DispatchRequest &request);
    std::expected<WriteResult, ApiError> stopJob(const QString &ns, const QString &id,
                                                 bool purge = false);

    // ACLs.
    const AclToken &enableAcl(); // bootstraps the management token
    void addPolicy(const AclPolicy &policy);
    const AclToken &createTokenWithPolicies(const QString &name, const QStringList &policies);
    // A token whose own policy (named like the token) grants these capabilities per namespace.
    const AclToken &createToken(const QString &name, const QMap<QString, QStringList> &capabilities,
                                const std::optional<QString> &secretId = std::nullopt);

    // Questions tests ask.
    int childCount(const QString &parentId, const QString &ns = QStringLiteral("default")) const;
    QStringList childIds(const QString &parentId,
                         const QString &ns = QStringLiteral("default")) const;
    const SimJob *job(const QString &id, const QString &ns = QStringLiteral("default")) const;
    const SimEval *eval(const QString &id) const;
    const SimAlloc *alloc(const QString &id) const;
    QList<const SimAlloc *> allocsOfJob(const QString &id,
                                        const QString &ns = QStringLiteral("default")) const;
    int pendingBlockingQueries() const;
    int openEventStreams() const;
    // TCP connections: open now, the most open at once, accepted (since the reset).
    int openConnections() const;
    int peakConnections() const;
    int acceptedConnections() const;
    void resetConnectionCounts();
    // Every open connection is closed, as a restarted proxy would; the state stays.
    void dropConnections();
    int openLogStreams() const;
    // POST /v1/allocation/<id>/stop and PUT /v1/system/gc without HTTP.
    std::expected<QString, ApiError> stopAllocation(const QString &allocId); // the evaluation ID
    void collectGarbage();

    // Faults beyond FaultInjector: a restart that loses the Raft log (every
    // index restarts from newIndex and event history is gone), and leadership.
    void restart(quint64 newIndex = 1, bool dropConnections = true);
    void setKnownLeader(bool known) { m_faults->setKnownLeader(known); }

private:
    SimulatorOptions m_options;
    std::unique_ptr<SimClock> m_clock;
    std::unique_ptr<IdGenerator> m_ids;
    std::unique_ptr<ClusterState> m_state;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<ClientSimulator> m_client;
    std::unique_ptr<JobService> m_jobs;
    std::unique_ptr<AclStore> m_acl;
    std::unique_ptr<EventBroker> m_events;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<ClientFiles> m_files;
    std::unique_ptr<RequestLog> m_requests;
    std::unique_ptr<BlockingQueries> m_blocking;
    std::unique_ptr<AgentFacts> m_agent;
    std::unique_ptr<ApiRouter> m_router;
    std::unique_ptr<HttpServer> m_server;
    QString m_loadError;
};

} // namespace dd::sim
