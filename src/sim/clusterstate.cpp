#include "sim/clusterstate.h"

#include "sim/allocencoding.h"
#include "sim/jobencoding.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

void ApplyContext::jobEvent(const SimJob &job, const QString &type)
{
    StateEvent e;
    e.topic = u"Job"_s;
    e.type = type;
    e.key = job.id;
    e.ns = job.ns;
    m_events.append(e);
}

void ApplyContext::evalEvent(const SimEval &eval, const QString &type)
{
    StateEvent e;
    e.topic = u"Evaluation"_s;
    e.type = type;
    e.key = eval.id;
    e.ns = eval.ns;
    e.filterKeys = {eval.jobId, QString()}; // job ID and deployment ID
    e.hasFilterKeys = true;
    m_events.append(e);
}

void ApplyContext::allocEvent(const SimAlloc &alloc, const QString &type, bool withJob)
{
    StateEvent e;
    e.topic = u"Allocation"_s;
    e.type = type;
    e.key = alloc.id;
    e.ns = alloc.ns;
    e.filterKeys = {alloc.jobId, QString()};
    e.hasFilterKeys = true;
    e.withJob = withJob;
    m_events.append(e);
}

void ApplyContext::nodeEvent(const SimNode &node, const QString &type)
{
    StateEvent e;
    e.topic = u"Node"_s;
    e.type = type;
    e.key = node.id;
    e.ns = QString();
    m_events.append(e);
}

ClusterState::ClusterState(QObject *parent)
    : QObject(parent)
{}

quint64 ClusterState::tableIndex(Table table) const
{
    const auto it = m_tableIndex.find(table);
    return it == m_tableIndex.end() ? 1 : it->second;
}

quint64 ClusterState::maxTableIndex(std::initializer_list<Table> tables) const
{
    quint64 best = 1;
    for (Table t : tables)
        best = std::max(best, tableIndex(t));
    return best;
}

quint64 ClusterState::apply(const std::function<void(ApplyContext &)> &fn)
{
    ApplyContext ctx(++m_index);
    fn(ctx);
    for (unsigned t = 0; t <= unsigned(Table::AclPolicies); ++t) {
        if (ctx.touched(Table(t)))
            m_tableIndex[Table(t)] = ctx.index();
    }
    encodePayloads(ctx.events());
    Q_EMIT committed(ctx.index(), ctx.events());
    return ctx.index();
}

void ClusterState::encodePayloads(QList<StateEvent> &events) const
{
    for (StateEvent &e : events) {
        e.index = m_index;
        if (e.topic == "Job"_L1) {
            if (const SimJob *j = job(e.ns, e.key))
                e.payload = QJsonObject{{"Job"_L1, encodeJob(*j, m_region)}};
        } else if (e.topic == "Evaluation"_L1) {
            const auto it = m_evals.find(e.key);
            if (it != m_evals.end())
                e.payload = QJsonObject{{"Evaluation"_L1, encodeEval(it->second, Flavor::Event)}};
        } else if (e.topic == "Allocation"_L1) {
            const auto it = m_allocs.find(e.key);
            if (it != m_allocs.end()) {
                e.payload = QJsonObject{
                    {"Allocation"_L1, encodeAlloc(it->second, e.withJob, Flavor::Event)}};
            }
        } else if (e.topic == "Node"_L1) {
            if (const SimNode *n = node(e.key))
                e.payload = QJsonObject{{"Node"_L1, encodeNode(*n)}};
        }
    }
}

void ClusterState::resetIndexes(quint64 newIndex)
{
    newIndex = std::max<quint64>(1, newIndex);
    m_index = newIndex;
    for (auto &entry : m_tableIndex)
        entry.second = newIndex;
    auto clamp = [newIndex](quint64 &value) { value = std::min(value, newIndex); };
    for (auto &[name, ns] : m_namespaces) {
        clamp(ns.createIndex);
        clamp(ns.modifyIndex);
    }
    for (auto &[key, job] : m_jobs) {
        clamp(job.createIndex);
        clamp(job.modifyIndex);
        clamp(job.jobModifyIndex);
        clamp(job.summary.createIndex);
        clamp(job.summary.modifyIndex);
    }
    for (auto &[id, eval] : m_evals) {
        clamp(eval.createIndex);
        clamp(eval.modifyIndex);
        clamp(eval.snapshotIndex);
        clamp(eval.jobModifyIndex);
    }
    for (auto &[id, alloc] : m_allocs) {
        clamp(alloc.createIndex);
        clamp(alloc.modifyIndex);
        clamp(alloc.allocModifyIndex);
    }
    for (auto &[id, node] : m_nodes) {
        clamp(node.createIndex);
        clamp(node.modifyIndex);
    }
    Q_EMIT committed(m_index, {});
}

SimJob *ClusterState::job(const QString &ns, const QString &id)
{
    const auto it = m_jobs.find(JobKey(ns, id));
    return it == m_jobs.end() ? nullptr : &it->second;
}

const SimJob *ClusterState::job(const QString &ns, const QString &id) const
{
    const auto it = m_jobs.find(JobKey(ns, id));
    return it == m_jobs.end() ? nullptr : &it->second;
}

SimEval *ClusterState::eval(const QString &id)
{
    const auto it = m_evals.find(id);
    return it == m_evals.end() ? nullptr : &it->second;
}

SimAlloc *ClusterState::alloc(const QString &id)
{
    const auto it = m_allocs.find(id);
    return it == m_allocs.end() ? nullptr : &it->second;
}

const SimNode *ClusterState::node(const QString &id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : &it->second;
}

QList<const SimAlloc *> ClusterState::allocsForJob(const QString &ns, const QString &jobId) const
{
    QList<const SimAlloc *> out;
    for (const auto &[id, a] : m_allocs) {
        if (a.ns == ns && a.jobId == jobId)
            out.append(&a);
    }
    return out;
}

QList<const SimAlloc *> ClusterState::allocsForEval(const QString &evalId) const
{
    QList<const SimAlloc *> out;
    for (const auto &[id, a] : m_allocs) {
        if (a.evalId == evalId)
            out.append(&a);
    }
    return out;
}

QList<const SimEval *> ClusterState::evalsForJob(const QString &ns, const QString &jobId) const
{
    QList<const SimEval *> out;
    for (const auto &[id, e] : m_evals) {
        if (e.ns == ns && e.jobId == jobId)
            out.append(&e);
    }
    return out;
}

QList<const SimJob *> ClusterState::childrenOf(const QString &ns, const QString &parentId) const
{
    QList<const SimJob *> out;
    // Children sort right after their parent: "<parent>/dispatch-..." or "<parent>/periodic-...".
    for (auto it = m_jobs.lower_bound(JobKey(ns, parentId + u'/')); it != m_jobs.end(); ++it) {
        if (it->first.first != ns || !it->first.second.startsWith(parentId + u'/'))
            break;
        if (it->second.parentId == parentId)
            out.append(&it->second);
    }
    return out;
}

// Nomad's getJobStatus: a live allocation means running, a live evaluation
// (pending or blocked) means pending, otherwise dead once anything happened.
QString ClusterState::computeStatus(const SimJob &job) const
{
    if (job.isParameterized() || job.isPeriodic())
        return job.stop ? u"dead"_s : u"running"_s;
    const auto allocs = allocsForJob(job.ns, job.id);
    for (const SimAlloc *a : allocs) {
        if (!a->isTerminal())
            return u"running"_s;
    }
    const auto evals = evalsForJob(job.ns, job.id);
    for (const SimEval *e : evals) {
        if (!e->isTerminal())
            return u"pending"_s;
    }
    if (!allocs.isEmpty() || !evals.isEmpty() || job.stop)
        return u"dead"_s;
    return u"pending"_s;
}

JobSummary ClusterState::computeSummary(const SimJob &job) const
{
    JobSummary s = job.summary;
    s.groups.clear();
    const auto allocs = allocsForJob(job.ns, job.id);
    bool scheduled = false;
    for (const SimEval *e : evalsForJob(job.ns, job.id))
        scheduled = scheduled || e->hasQueuedAllocations;
    for (const QJsonValue &tgValue : job.taskGroups()) {
        const QJsonObject tg = tgValue.toObject();
        const QString name = tg.value("Name"_L1).toString();
        TaskGroupSummary g;
        int live = 0;
        for (const SimAlloc *a : allocs) {
            if (a->taskGroup != name)
                continue;
            if (a->nextAllocation.isEmpty())
                ++live;
            if (a->clientStatus == "pending"_L1)
                ++g.starting;
            else if (a->clientStatus == "running"_L1)
                ++g.running;
            else if (a->clientStatus == "complete"_L1)
                ++g.complete;
            else if (a->clientStatus == "failed"_L1)
                ++g.failed;
            else if (a->clientStatus == "lost"_L1)
                ++g.lost;
        }
        if (scheduled && !job.stop && !job.isParameterized())
            g.queued = std::max(0, tg.value("Count"_L1).toInt(1) - live);
        s.groups.insert(name, g);
    }
    s.childrenPending = s.childrenRunning = s.childrenDead = 0;
    for (const SimJob *child : childrenOf(job.ns, job.id)) {
        if (child->status == "pending"_L1)
            ++s.childrenPending;
        else if (child->status == "running"_L1)
            ++s.childrenRunning;
        else
            ++s.childrenDead;
    }
    return s;
}

void ClusterState::refreshJob(ApplyContext &ctx, const QString &ns, const QString &id,
                              const QString &eventType)
{
    SimJob *j = job(ns, id);
    if (!j)
        return;
    const QString status = computeStatus(*j);
    if (status != j->status) {
        j->status = status;
        j->modifyIndex = ctx.index();
        ctx.touch(Table::Jobs);
        ctx.jobEvent(*j, eventType);
    }
    const JobSummary summary = computeSummary(*j);
    if (!summary.sameCounts(j->summary)) {
        j->summary = summary;
        j->summary.modifyIndex = ctx.index();
        ctx.touch(Table::JobSummary);
    }
    if (!j->parentId.isEmpty()) {
        if (SimJob *parent = job(ns, j->parentId)) {
            const JobSummary ps = computeSummary(*parent);
            if (!ps.sameCounts(parent->summary)) {
                parent->summary = ps;
                parent->summary.modifyIndex = ctx.index();
                ctx.touch(Table::JobSummary);
            }
        }
    }
}

} // namespace dd::sim
