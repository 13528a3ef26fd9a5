#include "sim/scheduler.h"

#include "sim/clientsimulator.h"
#include "sim/idgenerator.h"
#include "sim/jobencoding.h"
#include "sim/placement.h"
#include "sim/simclock.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

struct Scheduler::Plan
{
    struct NewAlloc
    {
        QString group;
        int index = 0;
        Placement placement;
        QString replaces; // a failed allocation being rescheduled, or one being migrated
        bool migrated = false;
    };
    QList<NewAlloc> allocs;
    QMap<QString, int> queued;  // unplaced per group
    QJsonObject failedTgAllocs; // group -> metrics
    QStringList stops;          // allocations to stop (job stopped)
    QStringList migrations;     // allocations stopped through the API, to be replaced
};

Scheduler::Scheduler(ClusterState &state, SimClock &clock, IdGenerator &ids, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_clock(clock)
    , m_ids(ids)
{}

SimEval Scheduler::newEval(const SimJob &job, const QString &triggeredBy, quint64 index, qint64 now)
{
    SimEval e;
    e.id = m_ids.uuid();
    e.ns = job.ns;
    e.jobId = job.id;
    e.type = job.type();
    e.priority = job.priority();
    e.triggeredBy = triggeredBy;
    e.jobModifyIndex = job.jobModifyIndex;
    e.createIndex = e.modifyIndex = index;
    e.createTime = e.modifyTime = now;
    return e;
}

void Scheduler::enqueue(const QString &evalId, qint64 delayMs)
{
    m_clock.callAfter(delayMs, this, [this, evalId] { process(evalId); });
}

void Scheduler::capacityChanged()
{
    if (m_retryQueued)
        return;
    m_retryQueued = true;
    m_clock.callAfter(0, this, [this] {
        m_retryQueued = false;
        retryBlocked();
    });
}

Scheduler::Plan Scheduler::computePlan(const SimEval &eval, const SimJob &job)
{
    Plan plan;
    const auto allocs = m_state.allocsForJob(job.ns, job.id);
    if (job.stop) {
        for (const SimAlloc *a : allocs) {
            if (a->desiredStatus == "run"_L1 && !a->isTerminal())
                plan.stops << a->id;
        }
        return plan;
    }
    QMap<QString, GroupResources> extra;
    for (const QJsonValue &v : job.taskGroups()) {
        const QJsonObject group = v.toObject();
        const QString name = group.value("Name"_L1).toString();
        const int count = group.value("Count"_L1).toInt(1);
        QList<const SimAlloc *> reschedule;
        QList<int> usedIndexes;
        int live = 0;
        int migrating = 0;
        for (const SimAlloc *a : allocs) {
            if (a->taskGroup != name || !a->nextAllocation.isEmpty())
                continue;
            if (a->migrate && !a->isTerminal()) {
                ++migrating;
                // Stopped through the API: stopped now and replaced by a new allocation.
                plan.migrations << a->id;
                reschedule << a;
                usedIndexes << a->name.section(u'[', -1).chopped(1).toInt();
                continue;
            }
            ++live;
            usedIndexes << a->name.section(u'[', -1).chopped(1).toInt();
            if (a->followupEvalId == eval.id && a->clientStatus == "failed"_L1)
                reschedule << a;
        }
        const int fresh = std::max(0, count - live - migrating);
        const int wanted = fresh + int(reschedule.size());
        if (wanted == 0) {
            plan.queued.insert(name, 0);
            continue;
        }
        const GroupPlacement placed = placeGroup(m_state, job, group, wanted, extra, m_ids);
        int next = 0;
        for (qsizetype i = 0; i < placed.placed.size(); ++i) {
            Plan::NewAlloc n;
            n.group = name;
            n.placement = placed.placed[i];
            if (i < reschedule.size()) {
                n.replaces = reschedule[i]->id;
                n.migrated = reschedule[i]->migrate;
                n.index = reschedule[i]->name.section(u'[', -1).chopped(1).toInt();
            } else {
                while (usedIndexes.contains(next))
                    ++next;
                n.index = next;
                usedIndexes << next;
            }
            plan.allocs << n;
        }
        plan.queued.insert(name, placed.failed);
        if (placed.failed > 0)
            plan.failedTgAllocs.insert(name, placed.failureMetrics);
    }
    return plan;
}

int Scheduler::process(const QString &evalId)
{
    SimEval *found = m_state.eval(evalId);
    if (!found || found->isTerminal())
        return 0;
    const SimEval eval = *found;
    const SimJob *jobPtr = m_state.job(eval.ns, eval.jobId);
    if (!jobPtr && eval.triggeredBy == "job-deregister"_L1)
        return stopPurged(evalId);
    if (!jobPtr) {
        m_state.apply([&](ApplyContext &ctx) {
            SimEval *e = m_state.eval(evalId);
            e->status = u"canceled"_s;
            e->statusDescription = u"job not found"_s;
            e->modifyIndex = ctx.index();
            e->modifyTime = m_clock.nowNs();
            ctx.touch(Table::Evals);
            ctx.evalEvent(*e, u"EvaluationUpdated"_s);
        });
        return 0;
    }
    const SimJob job = *jobPtr;
    const Plan plan = computePlan(eval, job);
    const bool wasBlocked = eval.status == "blocked"_L1 || eval.triggeredBy == "queued-allocs"_L1;
    QStringList created;

    if (!plan.allocs.isEmpty() || !plan.stops.isEmpty() || !plan.migrations.isEmpty()) {
        m_state.apply([&](ApplyContext &ctx) {
            const qint64 now = m_clock.nowNs();
            SimEval *e = m_state.eval(evalId);
            e->modifyIndex = ctx.index();
            ctx.touch(Table::Evals);
            ctx.evalEvent(*e, u"PlanResult"_s);
            for (const QString &id : plan.stops) {
                SimAlloc *a = m_state.alloc(id);
                a->desiredStatus = u"stop"_s;
                a->desiredDescription = u"alloc not needed due to job update"_s;
                a->modifyIndex = a->allocModifyIndex = ctx.index();
                a->modifyTime = now;
                ctx.allocEvent(*a, u"PlanResult"_s);
            }
            for (const QString &id : plan.migrations) {
                SimAlloc *a = m_state.alloc(id);
                a->desiredStatus = u"stop"_s;
                a->desiredDescription = u"alloc is being migrated"_s;
                a->modifyIndex = a->allocModifyIndex = ctx.index();
                a->modifyTime = now;
                ctx.allocEvent(*a, u"PlanResult"_s);
            }
            for (const Plan::NewAlloc &n : plan.allocs) {
                SimAlloc a;
                a.id = m_ids.uuid();
                a.ns = job.ns;
                a.evalId = evalId;
                a.jobId = job.id;
                a.taskGroup = n.group;
                a.name = u"%1.%2[%3]"_s.arg(job.id, n.group).arg(n.index);
                a.nodeId = n.placement.nodeId;
                a.nodeName = n.placement.nodeName;
                a.metrics = n.placement.metrics;
                a.jobVersion = job.version;
                a.job = encodeJob(job, m_state.region()); // as it was when placed
                for (const QJsonValue &g : job.taskGroups()) {
                    if (g.toObject().value("Name"_L1).toString() == n.group) {
                        const GroupResources r = groupResources(g.toObject());
                        a.taskResources = r.tasks;
                        a.diskMb = r.diskMb;
                    }
                }
                a.createIndex = a.modifyIndex = a.allocModifyIndex = ctx.index();
                a.createTime = a.modifyTime = now;
                if (!n.replaces.isEmpty() && n.migrated) {
                    SimAlloc *old = m_state.alloc(n.replaces);
                    a.previousAllocation = old->id;
                    old->nextAllocation = a.id;
                } else if (!n.replaces.isEmpty()) {
                    SimAlloc *old = m_state.alloc(n.replaces);
                    a.previousAllocation = old->id;
                    a.rescheduleEvents = old->rescheduleEvents;
                    a.rescheduleEvents.append(QJsonObject{
                        {"PrevAllocID"_L1, old->id},
                        {"PrevNodeID"_L1, old->nodeId},
                        {"RescheduleTime"_L1, now},
                        {"Delay"_L1, now - old->modifyTime},
                    });
                    old->nextAllocation = a.id;
                    old->modifyIndex = ctx.index();
                    old->modifyTime = now;
                }
                created << a.id;
                ctx.allocEvent(m_state.insertAlloc(a), u"PlanResult"_s, true);
            }
            ctx.touch(Table::Allocs);
            m_state.refreshJob(ctx, job.ns, job.id, u"PlanResult"_s);
        });
    }

    QString blockedId;
    const bool failures = !plan.failedTgAllocs.isEmpty();
    if (failures && !wasBlocked) {
        m_state.apply([&](ApplyContext &ctx) {
            SimEval b = newEval(job, u"queued-allocs"_s, ctx.index(), m_clock.nowNs());
            b.status = u"blocked"_s;
            b.statusDescription = u"created to place remaining allocations"_s;
            b.previousEval = evalId;
            b.snapshotIndex = eval.createIndex;
            b.jobModifyIndex = eval.jobModifyIndex;
            b.classEligibility = QJsonObject{{u"v1:%1"_s.arg(10871754492427175574ULL), true}};
            blockedId = b.id;
            ctx.touch(Table::Evals);
            ctx.evalEvent(m_state.insertEval(b), u"EvaluationUpdated"_s);
        });
    }

    m_state.apply([&](ApplyContext &ctx) {
        SimEval *e = m_state.eval(evalId);
        if (failures && wasBlocked) {
            e->status = u"blocked"_s; // still waiting for capacity: re-blocked
        } else {
            e->status = u"complete"_s;
            e->failedTgAllocs = plan.failedTgAllocs;
            e->blockedEval = blockedId;
        }
        e->snapshotIndex = e->createIndex;
        e->queuedAllocations = plan.queued;
        e->hasQueuedAllocations = true;
        e->modifyIndex = ctx.index();
        e->modifyTime = m_clock.nowNs();
        ctx.touch(Table::Evals);
        ctx.evalEvent(*e, u"EvaluationUpdated"_s);
        m_state.refreshJob(ctx, job.ns, job.id, u"EvaluationUpdated"_s);
    });

    if (m_client) {
        for (const QString &id : created)
            m_client->start(id);
        for (const QString &id : plan.stops + plan.migrations)
            m_client->stop(id);
    }
    return int(created.size());
}

int Scheduler::stopPurged(const QString &evalId)
{
    // A purged (or never existing) job: its allocations are stopped, the evaluation completes.
    QStringList stops;
    m_state.apply([&](ApplyContext &ctx) {
        SimEval *e = m_state.eval(evalId);
        const qint64 now = m_clock.nowNs();
        for (const SimAlloc *live : m_state.allocsForJob(e->ns, e->jobId)) {
            if (live->isTerminal())
                continue;
            SimAlloc *a = m_state.alloc(live->id);
            a->desiredStatus = u"stop"_s;
            a->desiredDescription = u"alloc not needed due to job update"_s;
            a->modifyIndex = a->allocModifyIndex = ctx.index();
            a->modifyTime = now;
            ctx.allocEvent(*a, u"PlanResult"_s);
            ctx.touch(Table::Allocs);
            stops << a->id;
        }
        e->status = u"complete"_s;
        e->snapshotIndex = e->createIndex;
        e->hasQueuedAllocations = true;
        e->modifyIndex = ctx.index();
        e->modifyTime = now;
        ctx.touch(Table::Evals);
        ctx.evalEvent(*e, u"EvaluationUpdated"_s);
    });
    if (m_client) {
        for (const QString &id : stops)
            m_client->stop(id);
    }
    return 0;
}

void Scheduler::retryBlocked()
{
    QList<const SimEval *> blocked;
    m_state.forEachBlockedEval([&](const SimEval &e) { blocked << &e; });
    std::sort(blocked.begin(), blocked.end(),
              [](const SimEval *a, const SimEval *b) { return a->createIndex < b->createIndex; });
    QMap<QString, GroupResources> extra;
    for (const SimEval *e : blocked) {
        const SimJob *job = m_state.job(e->ns, e->jobId);
        if (!job || job->stop)
            continue;
        // Unblock only when at least one allocation would now fit, so idle
        // clusters do not churn indexes.
        bool fits = false;
        for (const QJsonValue &g : job->taskGroups()) {
            const GroupPlacement p = placeGroup(m_state, *job, g.toObject(), 1, extra, m_ids);
            fits = fits || !p.placed.isEmpty();
        }
        if (!fits)
            continue;
        const QString id = e->id;
        m_state.apply([&](ApplyContext &ctx) {
            SimEval *ev = m_state.eval(id);
            ev->status = u"pending"_s;
            ev->modifyIndex = ctx.index();
            ev->modifyTime = m_clock.nowNs();
            ctx.touch(Table::Evals);
            ctx.evalEvent(*ev, u"EvaluationUpdated"_s);
        });
        // Later blocked evaluations are retried once this plan is in, against
        // what is left; a plan that placed nothing would only loop.
        if (process(id) > 0)
            capacityChanged();
        return;
    }
}

void Scheduler::allocationFailed(ApplyContext &ctx, SimAlloc &alloc)
{
    const SimJob *job = m_state.job(alloc.ns, alloc.jobId);
    if (!job || job->stop)
        return;
    QJsonObject policy;
    for (const QJsonValue &g : job->taskGroups()) {
        if (g.toObject().value("Name"_L1).toString() == alloc.taskGroup)
            policy = g.toObject().value("ReschedulePolicy"_L1).toObject();
    }
    const int attempts = policy.value("Attempts"_L1).toInt();
    const bool unlimited = policy.value("Unlimited"_L1).toBool();
    if (!unlimited && alloc.rescheduleEvents.size() >= attempts)
        return;
    const qint64 delay = policy.value("Delay"_L1).toInteger(5'000'000'000);
    const qint64 now = m_clock.nowNs();
    SimEval e = newEval(*job, u"alloc-failure"_s, ctx.index(), now);
    e.waitUntil = now + delay;
    e.statusDescription = QString();
    alloc.followupEvalId = e.id;
    const QString id = e.id;
    ctx.touch(Table::Evals);
    ctx.evalEvent(m_state.insertEval(e), u"EvaluationUpdated"_s);
    enqueue(id, delay / 1'000'000);
}

} // namespace dd::sim
