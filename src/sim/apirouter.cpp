#include "sim/apirouter.h"

#include "sim/aclstore.h"
#include "sim/eventbroker.h"
#include "sim/faultinjector.h"
#include "sim/jobservice.h"
#include "sim/nomadformat.h"
#include "sim/requestlog.h"
#include "sim/writeendpoints.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace dd::sim {

ApiRouter::ApiRouter(const SimServices &services, QObject *parent)
    : QObject(parent)
    , m_s(services)
{}

namespace {
void actOn(HttpExchange *exchange, FaultKind kind)
{
    switch (kind) {
    case FaultKind::CloseBeforeAnswer:
        exchange->closeWithoutAnswer();
        break;
    case FaultKind::ResetAfterRequest:
        exchange->resetConnection();
        break;
    case FaultKind::CloseMidHeaders:
        exchange->closeMidHeaders();
        break;
    default:
        exchange->neverAnswer();
        break;
    }
}
} // namespace

void ApiRouter::handle(HttpExchange *exchange)
{
    const quint64 sequence = m_s.log.record(exchange->request());
    if (auto f = m_s.faults.takeTransport(exchange->request(), true)) {
        actOn(exchange, f->kind); // the request is dropped unprocessed
        return;
    }
    const int latency = m_s.faults.takeLatency(exchange->request());
    if (latency <= 0) {
        route(exchange, sequence);
        return;
    }
    QPointer<HttpExchange> guard(exchange);
    QTimer::singleShot(latency, this, [this, guard, sequence] {
        if (guard)
            route(guard, sequence);
    });
}

void ApiRouter::answer(Call &call, HttpResponse response)
{
    if (!call.exchange)
        return;
    const HttpRequest &request = call.request;
    if (response.status == 200 && response.isJson()) {
        if (m_s.faults.take(FaultKind::MalformedJson, request))
            response.body =
                response.body.size() > 2 ? response.body.left(response.body.size() / 2) : "{\"";
    }
    if (auto f = m_s.faults.takeTransport(request, false)) {
        actOn(call.exchange, f->kind); // carried out, but its answer is lost
        return;
    }
    Delivery delivery;
    if (auto f = m_s.faults.take(FaultKind::CloseMidResponse, request))
        delivery.cutAfterBodyBytes =
            f->cutAfterBytes >= 0 ? f->cutAfterBytes : response.body.size() / 2;
    if (auto f = m_s.faults.take(FaultKind::SlowLoris, request)) {
        delivery.trickleBytes = f->trickleBytes;
        delivery.trickleIntervalMs = f->trickleIntervalMs;
    }
    call.exchange->setDelivery(delivery);
    m_s.log.setStatus(call.sequence, response.status);
    call.exchange->respond(std::move(response));
}

bool ApiRouter::resolveIdentity(Call &call)
{
    if (!m_s.acl.isEnabled())
        return true;
    auto identity = m_s.acl.resolve(call.secret);
    if (!identity) {
        answer(call, HttpResponse::text(identity.error().status, identity.error().message));
        return false;
    }
    call.identity = *identity;
    return true;
}

void ApiRouter::answerRead(Call &call, const ReadPlan &plan)
{
    if (!plan) {
        answer(call, plan.error());
        return;
    }
    BlockingOptions options;
    if (call.request.hasQuery(u"wait")) {
        const auto wait = parseGoDuration(call.request.queryValue(u"wait"));
        if (!wait) {
            answer(call, HttpResponse::text(400, u"Invalid wait time"_s));
            return;
        }
        options.waitNs = *wait;
    }
    if (call.request.hasQuery(u"index")) {
        bool ok = false;
        options.minIndex = call.request.queryValue(u"index").toULongLong(&ok);
        if (!ok) {
            answer(call, HttpResponse::text(400, u"Invalid index"_s));
            return;
        }
    }
    if (options.minIndex > 0 && m_s.faults.take(FaultKind::StallBlockingQuery, call.request))
        return; // never answers; the client's own timeout must fire
    auto shared = std::make_shared<Call>(call);
    m_s.blocking.run(
        call.exchange, options, *plan, [this, shared](HttpExchange *, const ReadAnswer &a) {
            HttpResponse r = a.response;
            // Errors raised before Nomad sets the query meta carry no index headers.
            if (r.status != 403) {
                r.setHeader("X-Nomad-Index", QByteArray::number(std::max<quint64>(1, a.index)));
                r.setHeader("X-Nomad-Knownleader", m_s.faults.knownLeader() ? "true" : "false");
                r.setHeader("X-Nomad-Lastcontact", "0");
            }
            answer(*shared, std::move(r));
        });
}

void ApiRouter::route(HttpExchange *exchange, quint64 sequence)
{
    Call call;
    call.exchange = exchange;
    call.sequence = sequence;
    call.request = exchange->request();
    call.method = QString::fromLatin1(call.request.method);
    const HttpRequest &req = call.request;
    if (auto f = m_s.faults.take(FaultKind::Status, req)) {
        answer(call, HttpResponse::text(f->status, f->body));
        return;
    }
    call.ns = req.queryValue(u"namespace");
    if (call.ns.isEmpty())
        call.ns = u"default"_s;
    call.secret = QString::fromUtf8(req.header("X-Nomad-Token"));
    const QByteArray auth = req.header("Authorization");
    if (call.secret.isEmpty() && auth.toLower().startsWith("bearer ") &&
        versionAtLeast(m_s.options.serverVersion, 1, 4)) {
        call.secret = QString::fromUtf8(auth.mid(7).trimmed());
    }
    if (req.hasQuery(u"pretty")) {
        const QString p = req.queryValue(u"pretty");
        call.pretty = p.isEmpty() || p == "true"_L1 || p == "1"_L1;
    }

    const QString path = QString::fromUtf8(req.rawPath);
    const bool get = call.method == "GET"_L1;
    const bool write = call.method == "PUT"_L1 || call.method == "POST"_L1;
    auto invalidMethod = [&] { answer(call, HttpResponse::text(405, u"Invalid method"_s)); };
    auto notFound = [&] {
        HttpResponse r;
        r.status = 404; // Nomad's root fallthrough: an empty 404
        answer(call, r);
    };
    if (!path.startsWith(u"/v1/"_s)) {
        notFound();
        return;
    }
    const QString rest = path.mid(4);
    const QString region = req.queryValue(u"region");
    if (!region.isEmpty() && region != m_s.options.region && !rest.startsWith(u"agent/"_s)) {
        answer(call, HttpResponse::text(500, u"No path to region"_s));
        return;
    }
    ReadScope scope;
    scope.state = &m_s.state;
    scope.request = req;
    scope.ns = call.ns;
    scope.serverVersion = m_s.options.serverVersion;
    scope.pretty = call.pretty;
    auto read = [&](auto plan) {
        if (!get) {
            invalidMethod();
            return;
        }
        if (!resolveIdentity(call))
            return;
        scope.identity = call.identity;
        answerRead(call, plan(scope));
    };
    auto simple = [&](auto body, bool aclCheck) {
        if (!get) {
            invalidMethod();
            return;
        }
        if (!resolveIdentity(call))
            return;
        if (aclCheck && call.identity && !call.identity->allowAgentRead()) {
            answer(call, permissionDenied());
            return;
        }
        answer(call, HttpResponse::json(200, body(), call.pretty));
    };

    if (rest == "agent/self"_L1)
        return simple([&] { return QJsonValue(agentSelf(m_s.agent)); }, true);
    if (rest == "agent/members"_L1) {
        if (!get)
            return invalidMethod();
        if (!resolveIdentity(call))
            return;
        if (call.identity && !call.identity->allowNodeRead())
            return answer(call, permissionDenied());
        return answer(call, HttpResponse::json(200, agentMembers(m_s.agent), call.pretty));
    }
    if (rest == "status/leader"_L1)
        return simple([&] { return QJsonValue(leaderAddress(m_s.agent)); }, false);
    if (rest == "status/peers"_L1)
        return simple([&] { return QJsonValue(QJsonArray{leaderAddress(m_s.agent)}); }, false);
    if (rest == "regions"_L1)
        return simple([&] { return QJsonValue(QJsonArray{m_s.options.region}); }, false);
    if (rest == "namespaces"_L1)
        return read([](const ReadScope &s) { return planNamespaceList(s); });
    if (rest.startsWith(u"namespace/"_s)) {
        const QString name = percentDecode(rest.mid(10).toUtf8());
        return read([name](const ReadScope &s) { return planNamespaceRead(s, name); });
    }
    if (rest == "jobs"_L1) {
        if (write)
            return handleWrite(call, u"register"_s, QString());
        return read([](const ReadScope &s) { return planJobList(s); });
    }
    if (rest.startsWith(u"job/"_s))
        return handleJob(call, rest.mid(4));
    if (rest == "evaluations"_L1)
        return read([](const ReadScope &s) { return planEvalList(s); });
    if (rest.startsWith(u"evaluation/"_s)) {
        QString id = rest.mid(11);
        const bool allocations = id.endsWith(u"/allocations"_s);
        if (allocations)
            id.chop(12);
        id = percentDecode(id.toUtf8());
        return read(
            [id, allocations](const ReadScope &s) { return planEvalRead(s, id, allocations); });
    }
    if (rest.startsWith(u"client/"_s) || rest == "system/gc"_L1 ||
        (rest.startsWith(u"allocation/"_s) && rest.endsWith(u"/stop"_s)))
        return handleClient(call, rest);
    if (rest == "allocations"_L1)
        return read([](const ReadScope &s) { return planAllocList(s); });
    if (rest.startsWith(u"allocation/"_s)) {
        const QString id = percentDecode(rest.mid(11).toUtf8());
        return read([id](const ReadScope &s) { return planAllocRead(s, id); });
    }
    if (rest == "nodes"_L1)
        return read([](const ReadScope &s) { return planNodeList(s); });
    if (rest.startsWith(u"node/"_s)) {
        const QString id = percentDecode(rest.mid(5).toUtf8());
        return read([id](const ReadScope &s) { return planNodeRead(s, id); });
    }
    if (rest == "acl/token/self"_L1) {
        if (!get)
            return invalidMethod();
        if (!m_s.acl.isEnabled())
            return answer(call, HttpResponse::text(400, u"ACL support disabled"_s));
        if (!call.secret.isEmpty() && !resolveIdentity(call))
            return;
        scope.identity = call.identity;
        return answerRead(call, planTokenSelf(scope, m_s.acl, call.secret));
    }
    if (rest == "event/stream"_L1) {
        if (!get)
            return invalidMethod();
        return handleEventStream(call);
    }
    notFound();
}

void ApiRouter::handleJob(Call &call, const QString &rest)
{
    // The ID is the first raw segment; a child's "/" arrives as %2F. An
    // unescaped child path therefore has an unknown suffix: 404, as in Nomad.
    const qsizetype slash = rest.indexOf(u'/');
    const QString jobId = percentDecode((slash < 0 ? rest : rest.left(slash)).toUtf8());
    const QString suffix = slash < 0 ? QString() : rest.mid(slash + 1);
    static const QStringList readSuffixes = {QString(),        u"summary"_s,  u"evaluations"_s,
                                             u"allocations"_s, u"versions"_s, u"deployments"_s,
                                             u"deployment"_s};
    const bool get = call.method == "GET"_L1;
    const bool write = call.method == "PUT"_L1 || call.method == "POST"_L1;
    if (suffix == "dispatch"_L1) {
        if (!write)
            return answer(call, HttpResponse::text(405, u"Invalid method"_s));
        return handleWrite(call, u"dispatch"_s, jobId);
    }
    if (suffix.isEmpty() && (write || call.method == "DELETE"_L1))
        return handleWrite(call, write ? u"update"_s : u"deregister"_s, jobId);
    if (!readSuffixes.contains(suffix)) {
        if (!resolveIdentity(call))
            return;
        if (!call.allow(call.ns, u"read-job"_s))
            return answer(call, permissionDenied());
        const ClusterState *state = &m_s.state;
        return answerRead(call, ReadFn([state] {
                              return ReadAnswer{state->tableIndex(Table::Jobs),
                                                HttpResponse::text(404, u"job not found"_s)};
                          }));
    }
    if (!get)
        return answer(call, HttpResponse::text(405, u"Invalid method"_s));
    if (!resolveIdentity(call))
        return;
    ReadScope scope;
    scope.state = &m_s.state;
    scope.identity = call.identity;
    scope.request = call.request;
    scope.ns = call.ns;
    scope.serverVersion = m_s.options.serverVersion;
    scope.pretty = call.pretty;
    answerRead(call, planJobRead(scope, jobId, suffix));
}

void ApiRouter::handleWrite(Call &call, const QString &kind, const QString &jobId)
{
    WriteScope scope{m_s.jobs, call.request, call.ns, m_s.options.serverVersion, call.pretty, {}};
    scope.resolveIdentity = [this,
                             &call]() -> std::expected<std::optional<AclIdentity>, HttpResponse> {
        if (!m_s.acl.isEnabled())
            return std::optional<AclIdentity>();
        auto identity = m_s.acl.resolve(call.secret);
        if (!identity)
            return std::unexpected(
                HttpResponse::text(identity.error().status, identity.error().message));
        return std::optional<AclIdentity>(*identity);
    };
    if (kind == "dispatch"_L1)
        answer(call, writeDispatch(scope, jobId));
    else if (kind == "deregister"_L1)
        answer(call, writeDeregister(scope, jobId));
    else
        answer(call, writeRegister(scope, kind == "update"_L1 ? jobId : QString()));
}

void ApiRouter::handleEventStream(Call &call)
{
    if (!resolveIdentity(call))
        return;
    const TopicFilter filter = TopicFilter::fromQuery(call.request.queryValues(u"topic"), call.ns);
    if (call.identity && !call.identity->isManagement()) {
        for (auto it = filter.topics.begin(); it != filter.topics.end(); ++it) {
            const QString &t = it.key();
            bool allowed = false;
            if (t == "Job"_L1 || t == "Evaluation"_L1 || t == "Allocation"_L1 ||
                t == "Deployment"_L1)
                allowed = call.allow(call.ns, u"read-job"_s);
            else if (t == "Node"_L1)
                allowed = call.identity->allowNodeRead();
            if (!allowed)
                return answer(call, permissionDenied());
        }
    }
    quint64 from = 0;
    if (call.request.hasQuery(u"index")) {
        bool ok = false;
        from = call.request.queryValue(u"index").toULongLong(&ok);
        if (!ok)
            return answer(call, HttpResponse::text(400, u"Invalid index"_s));
    }
    m_s.log.setStatus(call.sequence, 200);
    m_s.events.subscribe(call.exchange, filter, from);
}

} // namespace dd::sim
