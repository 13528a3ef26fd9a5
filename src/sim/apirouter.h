#pragma once
// Routes HTTP requests to Nomad's API the way a Nomad agent does: its routes
// and status codes, ACL checks, region forwarding errors, blocking-query meta
// headers, and the faults a test has switched on.

#include "sim/agentendpoints.h"
#include "sim/readendpoints.h"

#include <QObject>

namespace dd::sim {

class AclStore;
class BlockingQueries;
class ClusterState;
class EventBroker;
class FaultInjector;
class HttpExchange;
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
};

class ApiRouter : public QObject
{
    Q_OBJECT
public:
    explicit ApiRouter(const SimServices &services, QObject *parent = nullptr);
    void handle(HttpExchange *exchange);

private:
    struct Call; // one request being routed
    void route(HttpExchange *exchange, quint64 sequence);
    void answer(Call &call, HttpResponse response);
    void answerRead(Call &call, const ReadPlan &plan);
    void handleJob(Call &call, const QString &rest);
    void handleWrite(Call &call, const QString &kind, const QString &jobId);
    void handleEventStream(Call &call);
    bool resolveIdentity(Call &call);

    SimServices m_s;
};

} // namespace dd::sim
