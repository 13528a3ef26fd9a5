// After the dispatch, on the server side: stopping one allocation
// (POST /v1/allocation/<id>/stop) and the forced garbage collection of
// PUT /v1/system/gc, as Nomad 1.0's Alloc.Stop and core scheduler do them.
#include "sim/jobservice.h"

#include "sim/idgenerator.h"
#include "sim/scheduler.h"
#include "sim/simclock.h"

#include <set>

using namespace Qt::StringLiterals;

namespace dd::sim {

QJsonObject AllocStopResult::toJson() const
{
    return QJsonObject{{"EvalID"_L1, evalId}, {"Index"_L1, qint64(index)}};
}

std::expected<AllocStopResult, ApiError> JobService::stopAllocation(const QString &allocId)
{
    const SimAlloc *found = m_state.alloc(allocId);
    if (!found)
        return std::unexpected(ApiError{404, u"Unknown allocation \"%1\""_s.arg(allocId)});
    AllocStopResult result;
    result.index = m_state.apply([&](ApplyContext &ctx) {
        SimAlloc *a = m_state.alloc(allocId);
        a->migrate = true;
        a->modifyIndex = ctx.index();
        a->modifyTime = m_clock.nowNs();
        ctx.touch(Table::Allocs);
        ctx.allocEvent(*a, u"AllocationUpdateDesiredStatus"_s);
        SimJob subject;
        if (const SimJob *job = m_state.job(a->ns, a->jobId)) {
            subject = *job;
        } else {
            subject.ns = a->ns;
            subject.id = a->jobId;
            subject.spec = a->job;
        }
        SimEval eval = m_scheduler.newEval(subject, u"alloc-stop"_s, ctx.index(), m_clock.nowNs());
        result.evalId = eval.id;
        ctx.touch(Table::Evals);
        ctx.evalEvent(m_state.insertEval(eval), u"EvaluationUpdated"_s);
    });
    m_scheduler.enqueue(result.evalId);
    return result;
}

namespace {

// Nomad's jobIsGCable.
bool collectable(const SimJob &job)
{
    if (job.isParameterized() || job.isPeriodic())
        return job.stop;
    if (job.status != "dead"_L1)
        return false;
    return job.stop || job.type() == "batch"_L1;
}

} // namespace

void JobService::collectGarbage()
{
    std::set<QString> evals, allocs;
    QList<JobKey> jobs;
    // Jobs: collectable, with every evaluation and allocation terminal.
    for (const auto &[key, job] : m_state.jobs()) {
        if (!collectable(job))
            continue;
        bool done = true;
        for (const SimEval *e : m_state.evalsForJob(job.ns, job.id))
            done = done && e->isTerminal();
        for (const SimAlloc *a : m_state.allocsForJob(job.ns, job.id))
            done = done && a->isTerminal();
        if (!done)
            continue;
        jobs << key;
        for (const SimEval *e : m_state.evalsForJob(job.ns, job.id))
            evals.insert(e->id);
        for (const SimAlloc *a : m_state.allocsForJob(job.ns, job.id))
            allocs.insert(a->id);
    }
    // Evaluations: terminal with terminal allocations, unless they belong to
    // a batch job that still exists and is not dead (its allocations would run again).
    for (const auto &[id, e] : m_state.evals()) {
        if (!e.isTerminal() || evals.count(id))
            continue;
        const SimJob *job = m_state.job(e.ns, e.jobId);
        if (job && e.type == "batch"_L1 && job->status != "dead"_L1)
            continue;
        const QList<const SimAlloc *> own = m_state.allocsForEval(id);
        if (!std::all_of(own.begin(), own.end(), [](const SimAlloc *a) { return a->isTerminal(); }))
            continue;
        evals.insert(id);
        for (const SimAlloc *a : own)
            allocs.insert(a->id);
    }
    if (jobs.isEmpty() && evals.empty() && allocs.empty())
        return;
    m_state.apply([&](ApplyContext &ctx) {
        QSet<JobKey> parents;
        for (const JobKey &key : jobs) {
            const SimJob *job = m_state.job(key.first, key.second);
            if (!job->parentId.isEmpty())
                parents.insert(JobKey(key.first, job->parentId));
            StateEvent e;
            e.topic = u"Job"_s;
            e.type = u"JobDeregistered"_s;
            e.key = key.second;
            e.ns = key.first;
            ctx.events() << e;
            m_state.eraseJob(key.first, key.second);
        }
        // Erased from the tables directly: the state's indexes rebuild when sizes change.
        for (const QString &id : allocs)
            m_state.allocs().erase(id);
        for (const QString &id : evals)
            m_state.evals().erase(id);
        for (const JobKey &parent : parents) {
            if (m_state.job(parent.first, parent.second))
                m_state.refreshJob(ctx, parent.first, parent.second, u"JobDeregistered"_s);
        }
        ctx.touch(Table::Jobs);
        ctx.touch(Table::JobSummary);
        ctx.touch(Table::Evals);
        ctx.touch(Table::Allocs);
    });
}

} // namespace dd::sim
