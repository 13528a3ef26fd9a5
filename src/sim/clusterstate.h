#pragma once
// The simulated cluster's state store: Nomad's go-memdb tables plus the Raft
// index. Every change goes through apply(), which hands out the next index,
// remembers which tables it touched (blocking queries watch table indexes, as
// Nomad's do) and publishes the change's events.

#include "sim/model.h"

#include <QHashFunctions>
#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <variant>

namespace dd::sim {

enum class Table { Jobs, JobSummary, Evals, Allocs, Nodes, Namespaces, AclTokens, AclPolicies };

// The object an event carries, copied as it is at the end of its apply (a cheap
// copy: the fields share their data). It is encoded to JSON only when a stream
// needs it, once, however many streams and replays send it.
class EventPayloadSource
{
public:
    using Object = std::variant<std::monostate, SimJob, SimEval, SimAlloc, SimNode>;
    EventPayloadSource(Object object, QString region, bool withJob)
        : m_object(std::move(object))
        , m_region(std::move(region))
        , m_withJob(withJob)
    {}
    const QJsonObject &json() const;

private:
    Object m_object;
    QString m_region;
    bool m_withJob = false;
    mutable std::once_flag m_once;
    mutable QJsonObject m_json;
};

// One event of the event stream, before encoding. The payload is encoded from the
// object as it is at the end of its apply, as Nomad publishes the applied state.
struct StateEvent
{
    QString topic; // Job, Evaluation, Allocation, Node
    QString type;  // JobRegistered, EvaluationUpdated, PlanResult, AllocationUpdated, ...
    QString key;
    QString ns;
    QStringList filterKeys;
    bool hasFilterKeys = false;
    bool withJob = false; // allocation payloads carry their job on PlanResult only
    std::shared_ptr<const EventPayloadSource> payloadSource; // set when the apply commits
    quint64 index = 0;

    // {"Job":{...}}, {"Evaluation":{...}}, ...; empty when the object was gone.
    QJsonObject payload() const;
};

class ApplyContext
{
public:
    explicit ApplyContext(quint64 index)
        : m_index(index)
    {}
    quint64 index() const { return m_index; }
    void touch(Table table) { m_touched |= 1u << unsigned(table); }
    bool touched(Table table) const { return m_touched & (1u << unsigned(table)); }
    void jobEvent(const SimJob &job, const QString &type);
    void evalEvent(const SimEval &eval, const QString &type);
    void allocEvent(const SimAlloc &alloc, const QString &type, bool withJob = false);
    void nodeEvent(const SimNode &node, const QString &type);
    const QList<StateEvent> &events() const { return m_events; }
    QList<StateEvent> &events() { return m_events; }

private:
    quint64 m_index;
    unsigned m_touched = 0;
    QList<StateEvent> m_events;
};

using JobKey = std::pair<QString, QString>; // namespace, ID: the jobs table's order

struct JobKeyHash
{
    std::size_t operator()(const JobKey &key) const noexcept { return qHash(key); }
};

class ClusterState : public QObject
{
    Q_OBJECT
public:
    explicit ClusterState(QObject *parent = nullptr);

    QString region() const { return m_region; }
    void setRegion(const QString &region) { m_region = region; }

    quint64 index() const { return m_index; }
    quint64 tableIndex(Table table) const;
    quint64 maxTableIndex(std::initializer_list<Table> tables) const;

    // One Raft apply: everything fn changes shares one new index.
    quint64 apply(const std::function<void(ApplyContext &)> &fn);

    // Simulates a server restart that lost the Raft log: objects are kept but
    // every index restarts from newIndex, so X-Nomad-Index goes backwards.
    void resetIndexes(quint64 newIndex);

    std::map<QString, SimNamespace> &namespaces() { return m_namespaces; }
    const std::map<QString, SimNamespace> &namespaces() const { return m_namespaces; }
    std::map<JobKey, SimJob> &jobs() { return m_jobs; }
    const std::map<JobKey, SimJob> &jobs() const { return m_jobs; }
    std::map<QString, SimEval> &evals() { return m_evals; }
    const std::map<QString, SimEval> &evals() const { return m_evals; }
    std::map<QString, SimAlloc> &allocs() { return m_allocs; }
    const std::map<QString, SimAlloc> &allocs() const { return m_allocs; }
    std::map<QString, SimNode> &nodes() { return m_nodes; }
    const std::map<QString, SimNode> &nodes() const { return m_nodes; }

    // Inserting, replacing and removing go through these, which keep the
    // secondary indexes (jobs by parent, evaluations and allocations by job)
    // up to date, as go-memdb's indexes are. Objects are never re-keyed.
    SimJob &putJob(const SimJob &job);
    void eraseJob(const QString &ns, const QString &id);
    SimEval &insertEval(const SimEval &eval);
    SimAlloc &insertAlloc(const SimAlloc &alloc);
    // A job's status; children's statuses are counted per parent.
    void setJobStatus(SimJob &job, const QString &status);

    SimJob *job(const QString &ns, const QString &id);
    const SimJob *job(const QString &ns, const QString &id) const;
    SimEval *eval(const QString &id);
    SimAlloc *alloc(const QString &id);
    const SimNode *node(const QString &id) const;

    QList<const SimAlloc *> allocsForJob(const QString &ns, const QString &jobId) const;
    QList<const SimAlloc *> allocsForEval(const QString &evalId) const;
    QList<const SimEval *> evalsForJob(const QString &ns, const QString &jobId) const;
    QList<const SimJob *> childrenOf(const QString &ns, const QString &parentId) const;
    // The first child (in ID order) dispatched with this idempotency token.
    const SimJob *childWithToken(const QString &ns, const QString &parentId,
                                 const QString &token) const;
    // Calls fn for every allocation that is not terminal, in ID order.
    void forEachLiveAlloc(const std::function<void(const SimAlloc &)> &fn) const;
    // Calls fn for every blocked evaluation, in ID order.
    void forEachBlockedEval(const std::function<void(const SimEval &)> &fn) const;

    // Recomputes a job's status and summary (and its parent's children counts)
    // inside an apply; a status change emits a Job event of eventType.
    QString statusOf(const SimJob &job) const { return computeStatus(job); }
    void refreshJob(ApplyContext &ctx, const QString &ns, const QString &id,
                    const QString &eventType);

Q_SIGNALS:
    // After every apply (and after resetIndexes, with no events).
    void committed(quint64 index, const QList<dd::sim::StateEvent> &events);

private:
    QString computeStatus(const SimJob &job) const;
    JobSummary computeSummary(const SimJob &job) const;
    void snapshotPayloads(QList<StateEvent> &events) const;

    struct Children
    {
        std::map<QString, const SimJob *> jobs;                        // by ID
        std::map<std::pair<QString, QString>, const SimJob *> byToken; // (token, ID)
        int pending = 0;
        int running = 0;
        int dead = 0;
    };
    static void countChild(Children &c, const QString &status, int delta);
    void indexJob(SimJob &job) const;
    void unindexJob(const SimJob &job) const;
    void indexEval(const SimEval &eval) const;
    void indexAlloc(const SimAlloc &alloc) const;
    // Rebuilds the indexes if the tables were changed around the methods above.
    void ensureIndexes() const;
    QString m_region = QStringLiteral("global");
    quint64 m_index = 0;
    std::map<Table, quint64> m_tableIndex;
    std::map<QString, SimNamespace> m_namespaces;
    std::map<JobKey, SimJob> m_jobs;
    std::map<QString, SimEval> m_evals;
    std::map<QString, SimAlloc> m_allocs;
    std::map<QString, SimNode> m_nodes;

    // Secondary indexes over the tables above (pointers into them: std::map
    // nodes never move). Rebuilt when a table's size shows they are stale.
    // Hashed: child IDs share a long prefix, which makes ordered lookups slow.
    mutable std::unordered_map<JobKey, SimJob *, JobKeyHash> m_jobIndex;
    mutable std::unordered_map<JobKey, std::map<QString, const SimAlloc *>, JobKeyHash>
        m_allocsByJob;
    mutable std::unordered_map<QString, std::map<QString, const SimAlloc *>> m_allocsByEval;
    mutable std::unordered_map<JobKey, std::map<QString, const SimEval *>, JobKeyHash> m_evalsByJob;
    mutable std::unordered_map<JobKey, Children, JobKeyHash> m_children; // by parent
    // Every allocation and evaluation until it is seen terminal, then dropped
    // lazily: terminal is final for both, so the live ones are always here.
    mutable std::map<QString, const SimAlloc *> m_liveAllocs;
    mutable std::map<QString, const SimEval *> m_liveEvals;
    mutable std::size_t m_indexedJobs = 0;
    mutable std::size_t m_indexedEvals = 0;
    mutable std::size_t m_indexedAllocs = 0;
};

} // namespace dd::sim
