// Over 400 lines: the state store's tables, their secondary indexes and the job status
// and summary Nomad derives from them, which all change together inside apply().

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

const QJsonObject &EventPayloadSource::json() const
{
    std::call_once(m_once, [this] {
        if (const auto *j = std::get_if<SimJob>(&m_object))
            m_json = QJsonObject{{"Job"_L1, encodeJob(*j, m_region)}};
        else if (const auto *e = std::get_if<SimEval>(&m_object))
            m_json = QJsonObject{{"Evaluation"_L1, encodeEval(*e, Flavor::Event)}};
        else if (const auto *a = std::get_if<SimAlloc>(&m_object))
            m_json = QJsonObject{{"Allocation"_L1, encodeAlloc(*a, m_withJob, Flavor::Event)}};
        else if (const auto *n = std::get_if<SimNode>(&m_object))
            m_json = QJsonObject{{"Node"_L1, encodeNode(*n)}};
    });
    return m_json;
}

QJsonObject StateEvent::payload() const
{
    return payloadSource ? payloadSource->json() : QJsonObject();
}

quint64 ClusterState::apply(const std::function<void(ApplyContext &)> &fn)
{
    ApplyContext ctx(++m_index);
    fn(ctx);
    for (unsigned t = 0; t <= unsigned(Table::AclPolicies); ++t) {
        if (ctx.touched(Table(t)))
            m_tableIndex[Table(t)] = ctx.index();
    }
    snapshotPayloads(ctx.events());
    Q_EMIT committed(ctx.index(), ctx.events());
    return ctx.index();
}

// Encoding every payload here cost more than the rest of a dispatch; most are
// never streamed. A copy of the object keeps its applied state for later.
void ClusterState::snapshotPayloads(QList<StateEvent> &events) const
{
    for (StateEvent &e : events) {
        e.index = m_index;
        EventPayloadSource::Object object;
        if (e.topic == "Job"_L1) {
            if (const SimJob *j = job(e.ns, e.key))
                object = *j;
        } else if (e.topic == "Evaluation"_L1) {
            const auto it = m_evals.find(e.key);
            if (it != m_evals.end())
                object = it->second;
        } else if (e.topic == "Allocation"_L1) {
            const auto it = m_allocs.find(e.key);
            if (it != m_allocs.end())
                object = it->second;
        } else if (e.topic == "Node"_L1) {
            if (const SimNode *n = node(e.key))
                object = *n;
        }
        if (!std::holds_alternative<std::monostate>(object))
            e.payloadSource =
                std::make_shared<const EventPayloadSource>(std::move(object), m_region, e.withJob);
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
    ensureIndexes();
    const auto it = m_jobIndex.find(JobKey(ns, id));
    return it == m_jobIndex.end() ? nullptr : it->second;
}

const SimJob *ClusterState::job(const QString &ns, const QString &id) const
{
    ensureIndexes();
    const auto it = m_jobIndex.find(JobKey(ns, id));
    return it == m_jobIndex.end() ? nullptr : it->second;
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

SimJob &ClusterState::putJob(const SimJob &job)
{
    ensureIndexes();
    const JobKey key(job.ns, job.id);
    const auto existing = m_jobs.find(key);
    if (existing != m_jobs.end()) {
        unindexJob(existing->second);
        existing->second = job;
        indexJob(existing->second);
        return existing->second;
    }
    SimJob &stored = m_jobs.emplace(key, job).first->second;
    indexJob(stored);
    ++m_indexedJobs;
    return stored;
}

void ClusterState::eraseJob(const QString &ns, const QString &id)
{
    ensureIndexes();
    const auto it = m_jobs.find(JobKey(ns, id));
    if (it == m_jobs.end())
        return;
    unindexJob(it->second);
    m_jobs.erase(it);
    --m_indexedJobs;
}

SimEval &ClusterState::insertEval(const SimEval &eval)
{
    ensureIndexes();
    const auto [it, inserted] = m_evals.emplace(eval.id, eval);
    if (inserted) {
        indexEval(it->second);
        ++m_indexedEvals;
    }
    return it->second;
}

SimAlloc &ClusterState::insertAlloc(const SimAlloc &alloc)
{
    ensureIndexes();
    const auto [it, inserted] = m_allocs.emplace(alloc.id, alloc);
    if (inserted) {
        indexAlloc(it->second);
        ++m_indexedAllocs;
    }
    return it->second;
}

void ClusterState::setJobStatus(SimJob &job, const QString &status)
{
    if (job.status == status)
        return;
    ensureIndexes();
    if (!job.parentId.isEmpty() && job.id.startsWith(job.parentId + u'/')) {
        Children &c = m_children[JobKey(job.ns, job.parentId)];
        countChild(c, job.status, -1);
        countChild(c, status, +1);
    }
    job.status = status;
}

void ClusterState::countChild(Children &c, const QString &status, int delta)
{
    if (status == "pending"_L1)
        c.pending += delta;
    else if (status == "running"_L1)
        c.running += delta;
    else
        c.dead += delta;
}

// childrenOf() has always meant: same namespace, an ID under "<parent>/", and
// the parent recorded on the job.
void ClusterState::indexJob(SimJob &job) const
{
    m_jobIndex.insert_or_assign(JobKey(job.ns, job.id), &job);
    if (job.parentId.isEmpty() || !job.id.startsWith(job.parentId + u'/'))
        return;
    Children &c = m_children[JobKey(job.ns, job.parentId)];
    c.jobs.emplace(job.id, &job);
    if (!job.idempotencyToken.isEmpty())
        c.byToken.emplace(std::pair(job.idempotencyToken, job.id), &job);
    countChild(c, job.status, +1);
}

void ClusterState::unindexJob(const SimJob &job) const
{
    m_jobIndex.erase(JobKey(job.ns, job.id));
    if (job.parentId.isEmpty() || !job.id.startsWith(job.parentId + u'/'))
        return;
    Children &c = m_children[JobKey(job.ns, job.parentId)];
    c.jobs.erase(job.id);
    if (!job.idempotencyToken.isEmpty())
        c.byToken.erase(std::pair(job.idempotencyToken, job.id));
    countChild(c, job.status, -1);
}

void ClusterState::indexEval(const SimEval &eval) const
{
    m_evalsByJob[JobKey(eval.ns, eval.jobId)].emplace(eval.id, &eval);
    if (!eval.isTerminal())
        m_liveEvals.emplace(eval.id, &eval);
}

void ClusterState::indexAlloc(const SimAlloc &alloc) const
{
    m_allocsByJob[JobKey(alloc.ns, alloc.jobId)].emplace(alloc.id, &alloc);
    m_allocsByEval[alloc.evalId].emplace(alloc.id, &alloc);
    if (!alloc.isTerminal())
        m_liveAllocs.emplace(alloc.id, &alloc);
}

void ClusterState::ensureIndexes() const
{
    if (m_indexedJobs == m_jobs.size() && m_indexedEvals == m_evals.size() &&
        m_indexedAllocs == m_allocs.size()) {
        return;
    }
    m_jobIndex.clear();
    m_children.clear();
    m_evalsByJob.clear();
    m_allocsByJob.clear();
    m_allocsByEval.clear();
    m_liveEvals.clear();
    m_liveAllocs.clear();
    for (auto &[key, j] : const_cast<std::map<JobKey, SimJob> &>(m_jobs))
        indexJob(j);
    for (const auto &[id, e] : m_evals)
        indexEval(e);
    for (const auto &[id, a] : m_allocs)
        indexAlloc(a);
    m_indexedJobs = m_jobs.size();
    m_indexedEvals = m_evals.size();
    m_indexedAllocs = m_allocs.size();
}

QList<const SimAlloc *> ClusterState::allocsForJob(const QString &ns, const QString &jobId) const
{
    ensureIndexes();
    QList<const SimAlloc *> out;
    const auto it = m_allocsByJob.find(JobKey(ns, jobId));
    if (it == m_allocsByJob.end())
        return out;
    out.reserve(qsizetype(it->second.size()));
    for (const auto &[id, a] : it->second)
        out.append(a);
    return out;
}

QList<const SimAlloc *> ClusterState::allocsForEval(const QString &evalId) const
{
    ensureIndexes();
    QList<const SimAlloc *> out;
    const auto it = m_allocsByEval.find(evalId);
    if (it == m_allocsByEval.end())
        return out;
    out.reserve(qsizetype(it->second.size()));
    for (const auto &[id, a] : it->second)
        out.append(a);
    return out;
}

QList<const SimEval *> ClusterState::evalsForJob(const QString &ns, const QString &jobId) const
{
    ensureIndexes();
    QList<const SimEval *> out;
    const auto it = m_evalsByJob.find(JobKey(ns, jobId));
    if (it == m_evalsByJob.end())
        return out;
    out.reserve(qsizetype(it->second.size()));
    for (const auto &[id, e] : it->second)
        out.append(e);
    return out;
}

QList<const SimJob *> ClusterState::childrenOf(const QString &ns, const QString &parentId) const
{
    ensureIndexes();
    QList<const SimJob *> out;
    const auto it = m_children.find(JobKey(ns, parentId));
    if (it == m_children.end())
        return out;
    out.reserve(qsizetype(it->second.jobs.size()));
    for (const auto &[id, j] : it->second.jobs)
        out.append(j);
    return out;
}

const SimJob *ClusterState::childWithToken(const QString &ns, const QString &parentId,
                                           const QString &token) const
{
    ensureIndexes();
    const auto it = m_children.find(JobKey(ns, parentId));
    if (it == m_children.end())
        return nullptr;
    const auto &byToken = it->second.byToken;
    const auto found = byToken.lower_bound(std::pair(token, QString()));
    if (found == byToken.end() || found->first.first != token)
        return nullptr;
    return found->second;
}

void ClusterState::forEachLiveAlloc(const std::function<void(const SimAlloc &)> &fn) const
{
    ensureIndexes();
    for (auto it = m_liveAllocs.begin(); it != m_liveAllocs.end();) {
        if (it->second->isTerminal()) {
            it = m_liveAllocs.erase(it);
            continue;
        }
        fn(*it->second);
        ++it;
    }
}

void ClusterState::forEachBlockedEval(const std::function<void(const SimEval &)> &fn) const
{
    ensureIndexes();
    for (auto it = m_liveEvals.begin(); it != m_liveEvals.end();) {
        if (it->second->isTerminal()) {
            it = m_liveEvals.erase(it);
            continue;
        }
        if (it->second->status == "blocked"_L1)
            fn(*it->second);
        ++it;
    }
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
    ensureIndexes();
    if (const auto it = m_children.find(JobKey(job.ns, job.id)); it != m_children.end()) {
        s.childrenPending = it->second.pending;
        s.childrenRunning = it->second.running;
        s.childrenDead = it->second.dead;
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
        setJobStatus(*j, status);
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
