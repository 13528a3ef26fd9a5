#pragma once
// Value types for the Nomad objects a dispatch client reads and writes.
// Plain data: no QJson here, so models and widgets never see JSON.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace dd {

using MetaMap = QMap<QString, QString>;

enum class PayloadRule { Optional, Required, Forbidden };

QString payloadRuleName(PayloadRule rule);
std::optional<PayloadRule> payloadRuleFromName(const QString &name);

// The `parameterized` block of a job: what a dispatch may carry.
struct ParameterizedConfig
{
    PayloadRule payload = PayloadRule::Optional;
    QStringList metaRequired;
    QStringList metaOptional;

    bool allowsKey(const QString &key) const
    {
        return metaRequired.contains(key) || metaOptional.contains(key);
    }
    friend bool operator==(const ParameterizedConfig &, const ParameterizedConfig &) = default;
};

struct TaskGroupInfo
{
    QString name;
    int count = 1;
    QStringList tasks;
    friend bool operator==(const TaskGroupInfo &, const TaskGroupInfo &) = default;
};

struct Job
{
    QString id;
    QString name;
    QString nameSpace; // `namespace` is a keyword
    QString region;
    QString type;
    QString status;
    QString statusDescription;
    QString parentId;
    QStringList datacenters;
    int priority = 50;
    bool dispatched = false;
    bool stop = false;
    std::optional<ParameterizedConfig> parameterized;
    MetaMap meta;
    QByteArray payload; // decoded bytes
    QList<TaskGroupInfo> taskGroups;
    qint64 submitTime = 0; // unix nanoseconds
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    quint64 jobModifyIndex = 0;
    quint64 version = 0;

    bool isParameterizedParent() const { return parameterized.has_value() && !dispatched; }
};

struct ChildrenSummary
{
    int pending = 0;
    int running = 0;
    int dead = 0;
    int total() const { return pending + running + dead; }
    friend bool operator==(const ChildrenSummary &, const ChildrenSummary &) = default;
};

// Per task group allocation counts of a job summary.
struct TaskGroupSummary
{
    int queued = 0;
    int complete = 0;
    int failed = 0;
    int running = 0;
    int starting = 0;
    int lost = 0;
    TaskGroupSummary &operator+=(const TaskGroupSummary &o)
    {
        queued += o.queued;
        complete += o.complete;
        failed += o.failed;
        running += o.running;
        starting += o.starting;
        lost += o.lost;
        return *this;
    }
    friend bool operator==(const TaskGroupSummary &, const TaskGroupSummary &) = default;
};

struct JobSummary
{
    QString jobId;
    QString nameSpace;
    QMap<QString, TaskGroupSummary> groups;
    ChildrenSummary children;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

// One row of GET /v1/jobs.
struct JobStub
{
    QString id;
    QString parentId;
    QString name;
    QString nameSpace;
    QString type;
    QString status;
    QString statusDescription;
    QStringList datacenters;
    int priority = 50;
    bool parameterized = false;
    bool periodic = false;
    bool stop = false;
    qint64 submitTime = 0;
    ChildrenSummary children;
    TaskGroupSummary allocations; // summed over the task groups, to keep a list of 100,000 small
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    quint64 jobModifyIndex = 0;

    bool isParameterizedParent() const { return parameterized && parentId.isEmpty(); }
    friend bool operator==(const JobStub &, const JobStub &) = default;
};

// Why allocations of one task group could not be placed.
struct AllocationMetric
{
    int nodesEvaluated = 0;
    int nodesFiltered = 0;
    int nodesExhausted = 0;
    int coalescedFailures = 0;
    QMap<QString, int> nodesAvailable;     // datacenter -> count
    QMap<QString, int> classFiltered;      // node class -> count
    QMap<QString, int> constraintFiltered; // constraint text -> count
    QMap<QString, int> classExhausted;
    QMap<QString, int> dimensionExhausted; // "memory", "cpu", ...
    QStringList quotaExhausted;
    friend bool operator==(const AllocationMetric &, const AllocationMetric &) = default;
};

struct Evaluation
{
    QString id;
    QString nameSpace;
    QString jobId;
    QString nodeId;
    QString status; // pending, complete, failed, canceled, blocked
    QString statusDescription;
    QString triggeredBy;
    QString type;
    int priority = 50;
    QString nextEval;
    QString previousEval;
    QString blockedEval;
    qint64 waitNs = 0;
    QMap<QString, AllocationMetric> failedTgAllocs;
    QMap<QString, int> queuedAllocations;
    qint64 createTime = 0; // unix nanoseconds
    qint64 modifyTime = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    bool isTerminal() const
    {
        return status == u"complete" || status == u"failed" || status == u"canceled";
    }
    friend bool operator==(const Evaluation &, const Evaluation &) = default;
};

struct TaskEvent
{
    QString type;
    QString displayMessage;
    qint64 time = 0; // unix nanoseconds
    int exitCode = 0;
    bool failsTask = false;
    friend bool operator==(const TaskEvent &, const TaskEvent &) = default;
};

struct TaskState
{
    QString state; // pending, running, dead
    bool failed = false;
    int restarts = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    QList<TaskEvent> events;
    friend bool operator==(const TaskState &, const TaskState &) = default;
};

struct Allocation
{
    QString id;
    QString evalId;
    QString name;
    QString nameSpace;
    QString nodeId;
    QString nodeName;
    QString jobId;
    QString taskGroup;
    QString desiredStatus; // run, stop, evict
    QString desiredDescription;
    QString clientStatus; // pending, running, complete, failed, lost
    QString clientDescription;
    QString followupEvalId;
    QMap<QString, TaskState> taskStates;
    qint64 createTime = 0;
    qint64 modifyTime = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    bool isTerminal() const
    {
        return clientStatus == u"complete" || clientStatus == u"failed" || clientStatus == u"lost";
    }
    // The newest task event across tasks, for a one-line summary.
    std::optional<TaskEvent> lastEvent() const;
    friend bool operator==(const Allocation &, const Allocation &) = default;
};

struct DispatchRequest
{
    QString jobId;
    QByteArray payload;
    bool hasPayload = false; // an empty file is still a payload for the CLI
    MetaMap meta;
    QString idPrefixTemplate;
    int priority = 0; // 0 = inherit the parent's
    QString idempotencyToken;
};

struct DispatchResponse
{
    QString dispatchedJobId;
    QString evalId;
    quint64 evalCreateIndex = 0;
    quint64 jobCreateIndex = 0;
    quint64 index = 0;
};

struct AgentSelf
{
    QString version; // e.g. "1.0.18"
    QString region;
    QString datacenter;
    QString nodeName;
    bool aclEnabled = false;
    bool isServer = false;
};

struct AclTokenInfo
{
    QString accessorId;
    QString name;
    QString type; // client, management
    QStringList policies;
    bool global = false;
    QDateTime expirationTime;
};

struct NamespaceInfo
{
    QString name;
    QString description;
    friend bool operator==(const NamespaceInfo &, const NamespaceInfo &) = default;
};

struct NodeStub
{
    QString id;
    QString name;
    QString datacenter;
    QString status;
    QString nodeClass;
    bool eligible = true;
};

} // namespace dd
