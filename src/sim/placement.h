#pragma once
// Nomad's feasibility and bin-packing for one task group, reduced to what the
// simulator models: datacenters, node readiness, constraints (job, group and
// task), drivers, and CPU/memory/disk capacity. It also writes the AllocMetric
// Nomad reports, so placement failures read exactly like a real cluster's.

#include "sim/clusterstate.h"

#include <QJsonObject>

namespace dd::sim {

class IdGenerator;

struct Placement
{
    QString nodeId;
    QString nodeName;
    QJsonObject metrics;
};

struct GroupPlacement
{
    QList<Placement> placed;
    int failed = 0;
    QJsonObject failureMetrics; // set when failed > 0
};

// Resources an allocation of this group asks for.
struct GroupResources
{
    QMap<QString, TaskResources> tasks;
    int diskMb = 0;
    int cpu() const;
    int memoryMb() const;
};
GroupResources groupResources(const QJsonObject &group);

// Places `count` allocations of `group`, counting allocations already placed in
// this plan (extraUsage: node ID -> resources) against node capacity.
GroupPlacement placeGroup(const ClusterState &state, const SimJob &job, const QJsonObject &group,
                          int count, QMap<QString, GroupResources> &extraUsage,
                          IdGenerator &random);

// `${attr.kernel.name} = windows`: how Nomad names a constraint in metrics.
QString constraintKey(const QJsonObject &constraint);
// Whether node satisfies one constraint.
bool constraintHolds(const QJsonObject &constraint, const SimNode &node);

} // namespace dd::sim
