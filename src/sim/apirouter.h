#pragma once
// Routes HTTP requests to Nomad's API the way a Nomad agent does: its routes
// and status codes, ACL checks, region forwarding errors, blocking-query meta
// headers, and the faults a test has switched on.

#include "sim/agentendpoints.h"
#include "sim/httpconnection.h"
#include "sim/readendpoints.h"

#include <QObject>
#include <QPointer>

namespace dd::sim {

class AclStore;
class BlockingQueries;
class ClientFiles;
class ClusterState;
class EventBroker;
class FaultInjector;
class IdGenerator;
class JobService;
class RequestLog;
class SimClock;

struct SimServices
{
    ClusterState &state;
    SimClock &clock;
    IdGenerator &ids;
    JobService &jobs;
    AclStore &acl;
    EventBroker &events;
    FaultInjector &faults;
    RequestLog &log;
    BlockingQueries &blocking;
    const SimulatorOptions &options;
    const AgentFacts &agent;
    ClientFiles &files;
};

class ApiRouter : public QObject
{
    Q_OBJECT
public:
    explicit ApiRouter(const SimServices &services, QObject *parent = nullptr);
    void handle(HttpExchange *exchange);

private:
    struct Call // one request being routed
    {
        QPointer<HttpExchange> exchange;
        quint64 sequence = 0;
        HttpRequest request;
        QString method;
        QString ns;
        QString secret;
        std::optional<AclIdentity> identity;
        bool pretty = false;

        bool allow(const QString &n, const QString &capability) const
        {
            return !identity || identity->allowNamespace(n, capability);
        }
    };
    void route(HttpExchange *exchange, quint64 sequence);
    void answer(Call &call, HttpResponse response);
    void answerRead(Call &call, const ReadPlan &plan);
    void handleJob(Call &call, const QString &rest);
    void handleWrite(Call &call, const QString &kind, const QString &jobId);
    void handleEventStream(Call &call);
    // After the dispatch (apirouterclient.cpp): /v1/client/fs/*, /v1/client/allocation/<id>/stats,
    // /v1/allocation/<id>/stop and /v1/system/gc.
    void handleClient(Call &call, const QString &rest);
    void handleLogs(Call &call, const QString &allocId);
    bool resolveIdentity(Call &call);

    SimServices m_s;
};

} // namespace dd::sim
