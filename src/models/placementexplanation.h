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

} // namespace dd::models
