#pragma once
// GET /v1/client/allocation/<id>/stats: the resource usage a Nomad client
// reports for an allocation's tasks and their processes, as recorded from
// Nomad 1.0 (ResourceUsage.CpuStats/MemoryStats, Tasks.<task>.Pids, Timestamp).
// Values are plausible and deterministic: they follow the allocation ID, the
// task's resources and the simulated time. A task that is not running reports
// nothing, as a client's task runner does once its process is gone.

#include "sim/model.h"

#include <QJsonObject>

namespace dd::sim {

QJsonObject allocationStats(const SimAlloc &alloc, qint64 nowNs);

} // namespace dd::sim
