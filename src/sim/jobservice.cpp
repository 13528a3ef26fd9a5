#include "sim/jobservice.h"

#include "sim/clientsimulator.h"
#include "sim/idgenerator.h"
#include "sim/jobspec.h"
#include "sim/scheduler.h"
#include "sim/simclock.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

// Go prints a []string as "[a b]"; Nomad builds these lists from maps, so
// their order is random there. Sorted here, which is one of Go's orders.
QString goList(QStringList items)
{
    items.sort();
    return u'[' + items.join(u' ') + u']';
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

JobSummary freshSummary(const SimJob &job, quint64 index)
{
    JobSummary s;
    for (const QJsonValue &g : job.taskGroups())
        s.groups.insert(g.toObject().value("Name"_L1).toString(), TaskGroupSummary{});
    s.createIndex = s.modifyIndex = index;
    return s;
}

} // namespace

QJsonObject DispatchResult::toJson() const
{
    return QJsonObject{{"DispatchedJobID"_L1, dispatchedJobId},
                       {"EvalCreateIndex"_L1, qint64(evalCreateIndex)},
                       {"EvalID"_L1, evalId},
                       {"Index"_L1, qint64(index)},
                       {"JobCreateIndex"_L1, qint64(jobCreateIndex)}};
}

QJsonObject WriteResult::toJson() const
{
    return QJsonObject{{"EvalCreateIndex"_L1, qint64(evalCreateIndex)},
                       {"EvalID"_L1, evalId},
                       {"Index"_L1, qint64(index)},
                       {"JobModifyIndex"_L1, qint64(jobModifyIndex)},
                       {"KnownLeader"_L1, false},
                       {"LastContact"_L1, 0},
                       {"Warnings"_L1, QString()}};
}

JobService::JobService(ClusterState &state, SimClock &clock, IdGenerator &ids, Scheduler &scheduler,
                       ClientSimulator &client)
    : m_state(state)
    , m_clock(clock)
    , m_ids(ids)
    , m_scheduler(scheduler)
    , m_client(client)
{}

std::expected<DispatchResult, ApiError> JobService::dispatch(const DispatchRequest &request)
{
    if (request.jobId.isEmpty())
        return std::unexpected(ApiError{500, u"missing parameterized job ID"_s});
    const SimJob *parentPtr = m_state.job(request.ns, request.jobId);
    if (!parentPtr)
        return std::unexpected(ApiError{500, u"parameterized job not found"_s});
    if (!parentPtr->isParameterized()) {
        return std::unexpected(
            ApiError{500, u"Specified job \"%1\" is not a parameterized job"_s.arg(request.jobId)});
    }
    if (parentPtr->stop) {
        return std::unexpected(ApiError{
            500,
            u"Constructing a dispatched job from a stopped parameterized job is not allowed"_s});
    }
    const SimJob parent = *parentPtr;
    const QJsonObject schema = parent.spec.value("ParameterizedJob"_L1).toObject();
    const QString payloadRule = schema.value("Payload"_L1).toString(u"optional"_s);
    const bool hasPayload = !request.payload.isEmpty();
    if (payloadRule == "required"_L1 && !hasPayload)
        return std::unexpected(
            ApiError{500, u"Payload is not provided but required by parameterized job"_s});
    if (payloadRule == "forbidden"_L1 && hasPayload)
        return std::unexpected(
            ApiError{500, u"Payload provided but forbidden by parameterized job"_s});
    if (request.payload.size() > kDispatchPayloadLimit) {
        return std::unexpected(
            ApiError{500, u"Payload exceeds maximum size; %1 > %2"_s.arg(request.payload.size())
                              .arg(kDispatchPayloadLimit)});
    }
    const QStringList required = strings(schema.value("MetaRequired"_L1));
    const QStringList optional = strings(schema.value("MetaOptional"_L1));
    QStringList unpermitted;
    for (auto it = request.meta.begin(); it != request.meta.end(); ++it) {
        if (!required.contains(it.key()) && !optional.contains(it.key()))
            unpermitted << it.key();
    }
    if (!unpermitted.isEmpty()) {
        return std::unexpected(ApiError{
            500, u"Dispatch request included unpermitted metadata keys: "_s + goList(unpermitted)});
    }
    QStringList missing;
    for (const QString &key : required) {
        if (!request.meta.contains(key))
            missing << key;
    }
    if (!missing.isEmpty()) {
        return std::unexpected(
            ApiError{500, u"Dispatch did not provide required meta keys: "_s + goList(missing)});
    }
    if (request.priority != 0 && (request.priority < 1 || request.priority > 100))
        return std::unexpected(ApiError{500, u"job priority must be between [1, 100]"_s});

    if (!request.idempotencyToken.isEmpty()) {
        if (const SimJob *child =
                m_state.childWithToken(parent.ns, parent.id, request.idempotencyToken)) {
            DispatchResult r;
            r.dispatchedJobId = child->id;
            r.jobCreateIndex = child->createIndex;
            r.index = child->modifyIndex;
            return r;
        }
    }

    SimJob child;
    child.ns = parent.ns;
    const QString suffix = u"%1-%2"_s.arg(m_clock.nowNs() / 1'000'000'000).arg(m_ids.hex(8));
    child.id = request.idPrefixTemplate.isEmpty()
                   ? u"%1/dispatch-%2"_s.arg(parent.id, suffix)
                   : u"%1/dispatch-%2-%3"_s.arg(parent.id, request.idPrefixTemplate, suffix);
    child.spec = parent.spec;
    child.spec.insert("ID"_L1, child.id);
    child.spec.insert("Name"_L1, child.id);
    QJsonObject meta = parent.meta();
    for (auto it = request.meta.begin(); it != request.meta.end(); ++it)
        meta.insert(it.key(), it.value());
    child.spec.insert("Meta"_L1, meta.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(meta));
    if (request.priority != 0)
        child.spec.insert("Priority"_L1, request.priority);
    child.parentId = parent.id;
    child.dispatched = true;
    child.payload = request.payload;
    child.idempotencyToken = request.idempotencyToken;
    child.submitTime = m_clock.nowNs();

    DispatchResult result;
    result.dispatchedJobId = child.id;
    result.jobCreateIndex = m_state.apply([&](ApplyContext &ctx) {
        child.createIndex = child.modifyIndex = child.jobModifyIndex = ctx.index();
        child.summary = freshSummary(child, ctx.index());
        const SimJob &stored = m_state.putJob(child);
        ctx.touch(Table::Jobs);
        ctx.touch(Table::JobSummary);
        ctx.jobEvent(stored, u"JobRegistered"_s);
        m_state.refreshJob(ctx, child.ns, child.id, u"JobRegistered"_s);
    });
    result.evalCreateIndex = result.index = m_state.apply([&](ApplyContext &ctx) {
        const SimJob *stored = m_state.job(child.ns, child.id);
        SimEval eval =
            m_scheduler.newEval(*stored, u"job-register"_s, ctx.index(), m_clock.nowNs());
        result.evalId = eval.id;
        ctx.touch(Table::Evals);
        ctx.evalEvent(m_state.insertEval(eval), u"EvaluationUpdated"_s);
    });
    m_scheduler.enqueue(result.evalId);
    return result;
}

std::expected<WriteResult, ApiError> JobService::registerJob(const QJsonObject &input,
                                                             const QString &fallbackNamespace)
{
    const QJsonObject spec = canonicalizeJob(input, fallbackNamespace, m_state.region());
    if (const QString error = validateJob(spec); !error.isEmpty())
        return std::unexpected(ApiError{500, error});
    const QString ns = spec.value("Namespace"_L1).toString();
    const QString id = spec.value("ID"_L1).toString();
    if (!m_state.namespaces().contains(ns)) {
        return std::unexpected(
            ApiError{500, u"job \"%1\" is in nonexistent namespace \"%2\""_s.arg(id, ns)});
    }
    WriteResult result;
    bool needsEval = false;
    result.index = m_state.apply([&](ApplyContext &ctx) {
        SimJob *existing = m_state.job(ns, id);
        SimJob job = existing ? *existing : SimJob{};
        const bool changed = !existing || existing->spec != spec || existing->stop;
        job.ns = ns;
        job.id = id;
        if (existing && changed)
            job.version += 1;
        job.spec = spec;
        job.stop = false;
        job.submitTime = m_clock.nowNs();
        if (!existing) {
            job.createIndex = ctx.index();
            job.summary = freshSummary(job, ctx.index());
        } else {
            for (const QJsonValue &g : job.taskGroups()) {
                const QString name = g.toObject().value("Name"_L1).toString();
                if (!job.summary.groups.contains(name))
                    job.summary.groups.insert(name, TaskGroupSummary{});
            }
        }
        if (changed)
            job.jobModifyIndex = ctx.index();
        job.modifyIndex = ctx.index();
        job.status = u"pending"_s;
        const SimJob &stored = m_state.putJob(job);
        ctx.touch(Table::Jobs);
        ctx.touch(Table::JobSummary);
        ctx.jobEvent(stored, u"JobRegistered"_s);
        result.jobModifyIndex = stored.jobModifyIndex;
        // Parameterized and periodic jobs are templates: nothing runs until dispatched.
        needsEval = !stored.isParameterized() && !stored.isPeriodic();
        if (needsEval) {
            SimEval eval =
                m_scheduler.newEval(stored, u"job-register"_s, ctx.index(), m_clock.nowNs());
            result.evalId = eval.id;
            result.evalCreateIndex = ctx.index();
            ctx.touch(Table::Evals);
            ctx.evalEvent(m_state.insertEval(eval), u"JobRegistered"_s);
        }
        SimJob *mutableJob = m_state.job(ns, id);
        m_state.setJobStatus(*mutableJob, m_state.statusOf(*mutableJob));
        m_state.refreshJob(ctx, ns, id, u"JobRegistered"_s);
    });
    if (needsEval)
        m_scheduler.enqueue(result.evalId);
    return result;
}

std::expected<WriteResult, ApiError> JobService::deregister(const QString &ns, const QString &id,
                                                            bool purge)
{
    const SimJob *existing = m_state.job(ns, id);
    // Nomad 1.0 creates a deregister evaluation unless the job is periodic or
    // parameterized: also when purging, and when there is no such job.
    const bool needsEval = !existing || (!existing->isParameterized() && !existing->isPeriodic());
    WriteResult result;
    QStringList toStop;
    result.index = m_state.apply([&](ApplyContext &ctx) {
        SimJob subject;
        subject.ns = ns;
        subject.id = id;
        if (SimJob *job = m_state.job(ns, id)) {
            subject = *job;
            if (purge) {
                for (const SimAlloc *a : m_state.allocsForJob(ns, id)) {
                    if (!a->isTerminal() && !needsEval)
                        toStop << a->id;
                }
                m_state.eraseJob(ns, id);
                ctx.touch(Table::Jobs);
                StateEvent e;
                e.topic = u"Job"_s;
                e.type = u"JobDeregistered"_s;
                e.key = id;
                e.ns = ns;
                ctx.events() << e;
                if (!subject.parentId.isEmpty())
                    m_state.refreshJob(ctx, ns, subject.parentId, u"JobDeregistered"_s);
            } else {
                job->stop = true;
                job->jobModifyIndex = job->modifyIndex = ctx.index();
                // Evaluations still waiting for capacity are moot once the job stops.
                for (auto &[evalId, e] : m_state.evals()) {
                    if (e.ns == ns && e.jobId == id && e.status == "blocked"_L1) {
                        e.status = u"canceled"_s;
                        e.statusDescription = u"job stopped"_s;
                        e.modifyIndex = ctx.index();
                        e.modifyTime = m_clock.nowNs();
                        ctx.touch(Table::Evals);
                        ctx.evalEvent(e, u"EvaluationUpdated"_s);
                    }
                }
                ctx.touch(Table::Jobs);
                ctx.jobEvent(*job, u"JobDeregistered"_s);
                subject = *job;
            }
        }
        result.jobModifyIndex = ctx.index();
        if (needsEval) {
            SimEval eval =
                m_scheduler.newEval(subject, u"job-deregister"_s, ctx.index(), m_clock.nowNs());
            result.evalId = eval.id;
            result.evalCreateIndex = ctx.index();
            ctx.touch(Table::Evals);
            ctx.evalEvent(m_state.insertEval(eval), u"JobDeregistered"_s);
        }
        if (existing && !purge)
            m_state.refreshJob(ctx, ns, id, u"JobDeregistered"_s);
    });
    if (needsEval)
        m_scheduler.enqueue(result.evalId);
    for (const QString &allocId : toStop)
        m_client.stop(allocId);
    return result;
}

} // namespace dd::sim
