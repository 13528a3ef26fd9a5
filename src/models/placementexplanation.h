#pragma once
// Says in words why Nomad could not place allocations, from the metrics an
// evaluation carries (FailedTGAllocs), for people who never read them raw.

#include "core/types.h"

#include <QStringList>

namespace dd::models {

// One sentence per cause, task group by task group.
QStringList explainPlacement(const Evaluation &evaluation);
QStringList explainMetric(const QString &taskGroup, const AllocationMetric &metric);
// One short line for a table cell.
QString placementSummary(const Evaluation &evaluation);
int unplacedCount(const AllocationMetric &metric);
// True when only the job's constraints (or its datacenters, or node classes)
// rule the nodes out, and no node lacked resources: freeing capacity will
// never place it, only a node that matches joining the cluster.
bool placementNeedsMatchingNode(const Evaluation &evaluation);
// What happens next to a dispatch Nomad keeps queued, in one sentence; the
// argument is placementNeedsMatchingNode() of the evaluation that could not place.
QString queuedOutlook(bool needsMatchingNode);

} // namespace dd::models
