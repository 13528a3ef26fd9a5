#pragma once
// The simulated cluster's state store: Nomad's go-memdb tables plus the Raft
// index. Every change goes through apply(), which hands out the next index,
// remembers which tables it touched (blocking queries watch table indexes, as
// Nomad's do) and publishes the change's events.

#include "sim/model.h"

#include <QObject>

#include <functional>
#include <map>

namespace dd::sim {

enum class Table { Jobs, JobSummary, Evals, Allocs, Nodes, Namespaces, AclTokens, AclPolicies };

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
    QJsonObject payload;
    quint64 index = 0;
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

    SimJob *job(const QString &ns, const QString &id);
    const SimJob *job(const QString &ns, const QString &id) const;
    SimEval *eval(const QString &id);
    SimAlloc *alloc(const QString &id);
    const SimNode *node(const QString &id) const;

    QList<const SimAlloc *> allocsForJob(const QString &ns, const QString &jobId) const;
    QList<const SimAlloc *> allocsForEval(const QString &evalId) const;
    QList<const SimEval *> evalsForJob(const QString &ns, const QString &jobId) const;
    QList<const SimJob *> childrenOf(const QString &ns, const QString &parentId) const;

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
    void encodePayloads(QList<StateEvent> &events) const;

    QString m_region = QStringLiteral("global");
    quint64 m_index = 0;
    std::map<Table, quint64> m_tableIndex;
    std::map<QString, SimNamespace> m_namespaces;
    std::map<JobKey, SimJob> m_jobs;
    std::map<QString, SimEval> m_evals;
    std::map<QString, SimAlloc> m_allocs;
    std::map<QString, SimNode> m_nodes;
};

} // namespace dd::sim
