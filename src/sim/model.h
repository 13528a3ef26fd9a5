#pragma once
// The simulated cluster's objects. Jobs keep their canonical Nomad JSON (so
// fields the simulator does not interpret still round-trip); evaluations,
// allocations and nodes are typed, and encoded to Nomad's JSON on the way out.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace dd::sim {

struct SimNamespace
{
    QString name;
    QString description;
    QString hash;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

struct TaskGroupSummary
{
    int queued = 0;
    int complete = 0;
    int failed = 0;
    int running = 0;
    int starting = 0;
    int lost = 0;
    bool operator==(const TaskGroupSummary &) const = default;
};

struct JobSummary
{
    QMap<QString, TaskGroupSummary> groups;
    int childrenPending = 0;
    int childrenRunning = 0;
    int childrenDead = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    bool sameCounts(const JobSummary &o) const
    {
        return groups == o.groups && childrenPending == o.childrenPending &&
               childrenRunning == o.childrenRunning && childrenDead == o.childrenDead;
    }
};

struct SimJob
{
    QString ns;
    QString id;
    QJsonObject spec; // canonical job JSON; the dynamic fields below override it
    QString parentId;
    bool dispatched = false;
    QByteArray payload;
    QString idempotencyToken;
    QString status = QStringLiteral("pending");
    bool stop = false;
    quint64 version = 0;
    qint64 submitTime = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    quint64 jobModifyIndex = 0;
    JobSummary summary;

    bool isParameterized() const;
    bool isPeriodic() const;
    QString type() const;
    int priority() const;
    QJsonArray taskGroups() const;
    QJsonObject meta() const;
};

struct TaskEvent
{
    QString type;
    qint64 time = 0;
    QString message;
    QString displayMessage;
    QJsonObject details;
    bool failsTask = false;
    QString restartReason;
    QString driverError;
    QString killReason;
    int exitCode = 0;
    int signal = 0;
    qint64 startDelay = 0;
};

struct TaskState
{
    QString state = QStringLiteral("pending");
    bool failed = false;
    int restarts = 0;
    qint64 lastRestart = 0;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QList<TaskEvent> events;
};

struct TaskResources
{
    int cpu = 0;
    int memoryMb = 0;
};

struct SimEval
{
    QString id;
    QString ns;
    QString jobId;
    QString type;
    QString triggeredBy;
    QString status = QStringLiteral("pending");
    QString statusDescription;
    QString previousEval;
    QString nextEval;
    QString blockedEval;
    int priority = 50;
    quint64 jobModifyIndex = 0;
    quint64 snapshotIndex = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    qint64 createTime = 0;
    qint64 modifyTime = 0;
    qint64 waitUntil = 0;
    QJsonObject failedTgAllocs;           // task group -> AllocMetric JSON
    QMap<QString, int> queuedAllocations; // set once the scheduler ran
    bool hasQueuedAllocations = false;
    QJsonObject classEligibility;

    bool isTerminal() const;
};

struct SimAlloc
{
    QString id;
    QString ns;
    QString evalId;
    QString name;
    QString nodeId;
    QString nodeName;
    QString jobId;
    QString taskGroup;
    QString desiredStatus = QStringLiteral("run");
    QString desiredDescription;
    QString clientStatus = QStringLiteral("pending");
    QString clientDescription;
    QMap<QString, TaskState> taskStates; // empty until the client reports
    QString previousAllocation;
    QString nextAllocation;
    QString followupEvalId;
    bool migrate = false; // DesiredTransition.Migrate: stopped through /v1/allocation/<id>/stop
    QJsonArray rescheduleEvents;
    QJsonObject metrics;
    QJsonObject job; // the job as it was when the plan placed this allocation, as Nomad stores it
    QMap<QString, TaskResources> taskResources;
    int diskMb = 0;
    bool networkStatusSet = false;
    quint64 jobVersion = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
    quint64 allocModifyIndex = 0;
    qint64 createTime = 0;
    qint64 modifyTime = 0;

    bool isTerminal() const;
    int cpu() const;
    int memoryMb() const;
};

struct SimNode
{
    QString id;
    QString name;
    QString datacenter = QStringLiteral("dc1");
    QString nodeClass;
    QString address = QStringLiteral("127.0.0.1");
    QString status = QStringLiteral("ready");
    QString eligibility = QStringLiteral("eligible");
    bool drain = false;
    int cpuMhz = 4000;
    int memoryMb = 4096;
    int diskMb = 40000;
    QMap<QString, QString> attributes;
    QMap<QString, QString> meta;
    QStringList drivers; // detected and healthy
    QString version;
    qint64 registeredAt = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

// What a test or the demo hands to Simulator::addNode().
struct NodeSpec
{
    QString name;
    QString datacenter = QStringLiteral("dc1");
    QString nodeClass;
    int cpuMhz = 4000;
    int memoryMb = 4096;
    int diskMb = 40000;
    QMap<QString, QString> attributes; // merged over the defaults (kernel.name=linux, ...)
    QMap<QString, QString> meta;
    QStringList drivers = {QStringLiteral("raw_exec"), QStringLiteral("exec"),
                           QStringLiteral("mock_driver"), QStringLiteral("java")};
};

} // namespace dd::sim
