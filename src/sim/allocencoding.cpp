#include "sim/allocencoding.h"

#include "sim/jobencoding.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

QJsonValue nullIfEmpty(const QJsonObject &o)
{
    return o.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(o);
}

QJsonObject encodeEvent(const TaskEvent &e)
{
    return QJsonObject{
        {"Type"_L1, e.type},
        {"Time"_L1, e.time},
        {"Message"_L1, e.message},
        {"DisplayMessage"_L1, e.displayMessage},
        {"Details"_L1, e.details},
        {"FailsTask"_L1, e.failsTask},
        {"RestartReason"_L1, e.restartReason},
        {"SetupError"_L1, QString()},
        {"DriverError"_L1, e.driverError},
        {"ExitCode"_L1, e.exitCode},
        {"Signal"_L1, e.signal},
        {"KillTimeout"_L1, 0},
        {"KillError"_L1, QString()},
        {"KillReason"_L1, e.killReason},
        {"StartDelay"_L1, e.startDelay},
        {"DownloadError"_L1, QString()},
        {"ValidationError"_L1, QString()},
        {"DiskLimit"_L1, 0},
        {"FailedSibling"_L1, QString()},
        {"VaultError"_L1, QString()},
        {"TaskSignalReason"_L1, QString()},
        {"TaskSignal"_L1, QString()},
        {"DriverMessage"_L1, QString()},
        {"GenericSource"_L1, QString()},
    };
}

QJsonObject legacyResources(int cpu, int memory, int disk)
{
    return QJsonObject{
        {"CPU"_L1, cpu}, {"MemoryMB"_L1, memory},           {"DiskMB"_L1, disk},
        {"IOPS"_L1, 0},  {"Networks"_L1, QJsonValue::Null}, {"Devices"_L1, QJsonValue::Null}};
}

QJsonObject driverInfo(const QString &name, bool detected, qint64 updateTime)
{
    QJsonValue attributes = QJsonValue::Null;
    QString health;
    if (detected) {
        const QString key = name == "mock_driver"_L1 ? u"driver.mock"_s : u"driver."_s + name;
        QJsonObject a{{key, u"true"_s}};
        if (name == "java"_L1) {
            a.insert("driver.java.version"_L1, u"17.0.15"_s);
            a.insert("driver.java.runtime"_L1, u"OpenJDK Runtime Environment (build 17.0.15+6)"_s);
            a.insert("driver.java.vm"_L1,
                     u"OpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode, sharing)"_s);
        }
        attributes = a;
        health = u"Healthy"_s;
    } else if (name == "docker"_L1) {
        health = u"Failed to connect to docker daemon"_s;
    }
    return QJsonObject{{"Attributes"_L1, attributes},
                       {"Detected"_L1, detected},
                       {"HealthDescription"_L1, health},
                       {"Healthy"_L1, detected},
                       {"UpdateTime"_L1, rfc3339Nano(updateTime)}};
}

} // namespace

QJsonObject emptyAllocMetric()
{
    // Built once: every placement starts from it, and building it cost more
    // than placing the allocation. Copies share it (Qt's implicit sharing).
    static const QJsonObject metric{
        {"NodesEvaluated"_L1, 0},
        {"NodesFiltered"_L1, 0},
        {"NodesAvailable"_L1, QJsonValue::Null},
        {"ClassFiltered"_L1, QJsonValue::Null},
        {"ConstraintFiltered"_L1, QJsonValue::Null},
        {"NodesExhausted"_L1, 0},
        {"ClassExhausted"_L1, QJsonValue::Null},
        {"DimensionExhausted"_L1, QJsonValue::Null},
        {"QuotaExhausted"_L1, QJsonValue::Null},
        {"Scores"_L1, QJsonValue::Null},
        {"ScoreMetaData"_L1, QJsonValue::Null},
        {"AllocationTime"_L1, 0},
        {"CoalescedFailures"_L1, 0},
    };
    return metric;
}

QJsonObject encodeEval(const SimEval &eval, Flavor flavor)
{
    QJsonObject queued;
    for (auto it = eval.queuedAllocations.begin(); it != eval.queuedAllocations.end(); ++it)
        queued.insert(it.key(), it.value());
    const QJsonObject o{
        {"ID"_L1, eval.id},
        {"Namespace"_L1, eval.ns},
        {"Priority"_L1, eval.priority},
        {"Type"_L1, eval.type},
        {"TriggeredBy"_L1, eval.triggeredBy},
        {"JobID"_L1, eval.jobId},
        {"JobModifyIndex"_L1, qint64(eval.jobModifyIndex)},
        {"NodeID"_L1, QString()},
        {"NodeModifyIndex"_L1, 0},
        {"DeploymentID"_L1, QString()},
        {"Status"_L1, eval.status},
        {"StatusDescription"_L1, eval.statusDescription},
        {"Wait"_L1, 0},
        {"WaitUntil"_L1, timeValue(eval.waitUntil, flavor)},
        {"NextEval"_L1, eval.nextEval},
        {"PreviousEval"_L1, eval.previousEval},
        {"BlockedEval"_L1, eval.blockedEval},
        {"FailedTGAllocs"_L1, nullIfEmpty(eval.failedTgAllocs)},
        {"ClassEligibility"_L1, nullIfEmpty(eval.classEligibility)},
        {"QuotaLimitReached"_L1, QString()},
        {"EscapedComputedClass"_L1, false},
        {"AnnotatePlan"_L1, false},
        {"QueuedAllocations"_L1, eval.hasQueuedAllocations ? QJsonValue(queued) : QJsonValue::Null},
        {"LeaderACL"_L1, QString()},
        {"SnapshotIndex"_L1, qint64(eval.snapshotIndex)},
        {"CreateIndex"_L1, qint64(eval.createIndex)},
        {"ModifyIndex"_L1, qint64(eval.modifyIndex)},
        {"CreateTime"_L1, eval.createTime},
        {"ModifyTime"_L1, eval.modifyTime},
    };
    if (flavor == Flavor::Event)
        return o;
    // QueuedAllocations {"g": 0} is not empty to Go (a non-empty map), so keep it.
    QJsonObject api = omitEmpty(o, {u"QueuedAllocations"_s});
    if (!eval.hasQueuedAllocations)
        api.remove("QueuedAllocations"_L1);
    return api;
}

QJsonValue encodeTaskStates(const SimAlloc &alloc, Flavor flavor)
{
    if (alloc.taskStates.isEmpty())
        return QJsonValue::Null;
    QJsonObject states;
    for (auto it = alloc.taskStates.begin(); it != alloc.taskStates.end(); ++it) {
        const TaskState &s = it.value();
        QJsonArray events;
        for (const TaskEvent &e : s.events)
            events.append(encodeEvent(e));
        states.insert(it.key(), QJsonObject{
                                    {"State"_L1, s.state},
                                    {"Failed"_L1, s.failed},
                                    {"Restarts"_L1, s.restarts},
                                    {"LastRestart"_L1, timeValue(s.lastRestart, flavor)},
                                    {"StartedAt"_L1, timeValue(s.startedAt, flavor)},
                                    {"FinishedAt"_L1, timeValue(s.finishedAt, flavor)},
                                    {"Events"_L1, events},
                                });
    }
    return states;
}

QJsonObject encodeAlloc(const SimAlloc &alloc, bool withJob, Flavor flavor)
{
    QJsonObject taskResources;
    QJsonObject allocatedTasks;
    QJsonObject lifecycles;
    for (auto it = alloc.taskResources.begin(); it != alloc.taskResources.end(); ++it) {
        taskResources.insert(it.key(), legacyResources(it->cpu, it->memoryMb, 0));
        allocatedTasks.insert(it.key(),
                              QJsonObject{
                                  {"Cpu"_L1, QJsonObject{{"CpuShares"_L1, it->cpu}}},
                                  {"Memory"_L1, QJsonObject{{"MemoryMB"_L1, it->memoryMb}}},
                                  {"Networks"_L1, QJsonValue::Null},
                                  {"Devices"_L1, QJsonValue::Null},
                              });
        lifecycles.insert(it.key(), QJsonValue::Null);
    }
    QJsonValue networkStatus = QJsonValue::Null;
    if (alloc.networkStatusSet) {
        networkStatus = QJsonObject{{"InterfaceName"_L1, QString()},
                                    {"Address"_L1, QString()},
                                    {"DNS"_L1, QJsonValue::Null}};
    }
    QJsonObject reschedule;
    if (!alloc.rescheduleEvents.isEmpty())
        reschedule.insert("Events"_L1, alloc.rescheduleEvents);
    const QJsonObject o{
        {"ID"_L1, alloc.id},
        {"Namespace"_L1, alloc.ns},
        {"EvalID"_L1, alloc.evalId},
        {"Name"_L1, alloc.name},
        {"NodeID"_L1, alloc.nodeId},
        {"NodeName"_L1, alloc.nodeName},
        {"JobID"_L1, alloc.jobId},
        {"Job"_L1,
         withJob && !alloc.job.isEmpty() ? QJsonValue(alloc.job) : QJsonValue(QJsonValue::Null)},
        {"TaskGroup"_L1, alloc.taskGroup},
        {"Resources"_L1, legacyResources(alloc.cpu(), alloc.memoryMb(), alloc.diskMb)},
        {"SharedResources"_L1, legacyResources(0, 0, alloc.diskMb)},
        {"TaskResources"_L1, taskResources},
        {"AllocatedResources"_L1,
         QJsonObject{{"Tasks"_L1, allocatedTasks},
                     {"TaskLifecycles"_L1, lifecycles},
                     {"Shared"_L1, QJsonObject{{"Networks"_L1, QJsonValue::Null},
                                               {"DiskMB"_L1, alloc.diskMb},
                                               {"Ports"_L1, QJsonValue::Null}}}}},
        {"Metrics"_L1, alloc.metrics.isEmpty() ? emptyAllocMetric() : alloc.metrics},
        {"DesiredStatus"_L1, alloc.desiredStatus},
        {"DesiredDescription"_L1, alloc.desiredDescription},
        {"DesiredTransition"_L1,
         QJsonObject{
             {"Migrate"_L1, alloc.migrate ? QJsonValue(true) : QJsonValue(QJsonValue::Null)},
             {"Reschedule"_L1, QJsonValue::Null},
             {"ForceReschedule"_L1, QJsonValue::Null}}},
        {"ClientStatus"_L1, alloc.clientStatus},
        {"ClientDescription"_L1, alloc.clientDescription},
        {"TaskStates"_L1, encodeTaskStates(alloc, flavor)},
        {"AllocStates"_L1, QJsonValue::Null},
        {"PreviousAllocation"_L1, alloc.previousAllocation},
        {"NextAllocation"_L1, alloc.nextAllocation},
        {"DeploymentID"_L1, QString()},
        {"DeploymentStatus"_L1, QJsonValue::Null},
        {"RescheduleTracker"_L1, nullIfEmpty(reschedule)},
        {"NetworkStatus"_L1, networkStatus},
        {"FollowupEvalID"_L1, alloc.followupEvalId},
        {"PreemptedAllocations"_L1, QJsonValue::Null},
        {"PreemptedByAllocation"_L1, QString()},
        {"CreateIndex"_L1, qint64(alloc.createIndex)},
        {"ModifyIndex"_L1, qint64(alloc.modifyIndex)},
        {"AllocModifyIndex"_L1, qint64(alloc.allocModifyIndex)},
        {"CreateTime"_L1, alloc.createTime},
        {"ModifyTime"_L1, alloc.modifyTime},
    };
    if (flavor == Flavor::Event)
        return o;
    // A set NetworkStatus is a non-nil pointer to Go, so omitempty keeps it.
    return omitEmpty(o, alloc.networkStatusSet ? QStringList{u"NetworkStatus"_s} : QStringList{});
}

QJsonObject encodeAllocStub(const SimAlloc &alloc, const SimJob *job, bool withTaskStates)
{
    QJsonObject reschedule;
    if (!alloc.rescheduleEvents.isEmpty())
        reschedule.insert("Events"_L1, alloc.rescheduleEvents);
    return QJsonObject{
        {"ClientDescription"_L1, alloc.clientDescription},
        {"ClientStatus"_L1, alloc.clientStatus},
        {"CreateIndex"_L1, qint64(alloc.createIndex)},
        {"CreateTime"_L1, alloc.createTime},
        {"DeploymentStatus"_L1, QJsonValue::Null},
        {"DesiredDescription"_L1, alloc.desiredDescription},
        {"DesiredStatus"_L1, alloc.desiredStatus},
        {"DesiredTransition"_L1,
         QJsonObject{
             {"ForceReschedule"_L1, QJsonValue::Null},
             {"Migrate"_L1, alloc.migrate ? QJsonValue(true) : QJsonValue(QJsonValue::Null)},
             {"Reschedule"_L1, QJsonValue::Null}}},
        {"EvalID"_L1, alloc.evalId},
        {"FollowupEvalID"_L1, alloc.followupEvalId},
        {"ID"_L1, alloc.id},
        {"JobID"_L1, alloc.jobId},
        {"JobType"_L1, job ? job->type() : u"batch"_s},
        {"JobVersion"_L1, qint64(alloc.jobVersion)},
        {"ModifyIndex"_L1, qint64(alloc.modifyIndex)},
        {"ModifyTime"_L1, alloc.modifyTime},
        {"Name"_L1, alloc.name},
        {"Namespace"_L1, alloc.ns},
        {"NodeID"_L1, alloc.nodeId},
        {"NodeName"_L1, alloc.nodeName},
        {"PreemptedAllocations"_L1, QJsonValue::Null},
        {"PreemptedByAllocation"_L1, QString()},
        {"RescheduleTracker"_L1, nullIfEmpty(reschedule)},
        {"TaskGroup"_L1, alloc.taskGroup},
        {"TaskStates"_L1, withTaskStates ? encodeTaskStates(alloc, Flavor::Api) : QJsonValue::Null},
    };
}

QJsonObject encodeNodeStub(const SimNode &node)
{
    QJsonObject drivers;
    QStringList names = node.drivers;
    for (const QString &known :
         {u"raw_exec"_s, u"exec"_s, u"mock_driver"_s, u"java"_s, u"docker"_s, u"qemu"_s}) {
        if (!names.contains(known))
            names.append(known);
    }
    for (const QString &name : names)
        drivers.insert(name, driverInfo(name, node.drivers.contains(name), node.registeredAt));
    return QJsonObject{
        {"Address"_L1, node.address},
        {"CreateIndex"_L1, qint64(node.createIndex)},
        {"Datacenter"_L1, node.datacenter},
        {"Drain"_L1, node.drain},
        {"Drivers"_L1, drivers},
        {"HostVolumes"_L1, QJsonValue::Null},
        {"ID"_L1, node.id},
        {"ModifyIndex"_L1, qint64(node.modifyIndex)},
        {"Name"_L1, node.name},
        {"NodeClass"_L1, node.nodeClass},
        {"SchedulingEligibility"_L1, node.eligibility},
        {"Status"_L1, node.status},
        {"StatusDescription"_L1, QString()},
        {"Version"_L1, node.version},
    };
}

QJsonObject encodeNode(const SimNode &node)
{
    QJsonObject o = encodeNodeStub(node);
    QJsonObject attributes;
    for (auto it = node.attributes.begin(); it != node.attributes.end(); ++it)
        attributes.insert(it.key(), it.value());
    QJsonObject meta;
    for (auto it = node.meta.begin(); it != node.meta.end(); ++it)
        meta.insert(it.key(), it.value());
    o.insert("Attributes"_L1, attributes);
    o.insert("Meta"_L1, meta);
    o.insert("HTTPAddr"_L1, QString(node.address + u":4646"_s));
    o.insert("TLSEnabled"_L1, false);
    o.insert("NodeResources"_L1,
             QJsonObject{{"Cpu"_L1, QJsonObject{{"CpuShares"_L1, node.cpuMhz}}},
                         {"Memory"_L1, QJsonObject{{"MemoryMB"_L1, node.memoryMb}}},
                         {"Disk"_L1, QJsonObject{{"DiskMB"_L1, node.diskMb}}},
                         {"Networks"_L1, QJsonValue::Null},
                         {"Devices"_L1, QJsonValue::Null}});
    o.insert("Resources"_L1, legacyResources(node.cpuMhz, node.memoryMb, node.diskMb));
    o.insert("StatusUpdatedAt"_L1, node.registeredAt / kNsPerSecond);
    return o;
}

} // namespace dd::sim
