#pragma once
// Evaluations, allocations and nodes in Nomad's JSON shapes. Nomad's HTTP
// encoder drops empty top-level fields of evaluations and single allocations
// (omitempty) and writes null for zero times; the event stream writes every
// field and Go's zero time. Flavor picks which.

#include "sim/model.h"
#include "sim/nomadformat.h"

#include <QJsonObject>

namespace dd::sim {

QJsonObject encodeEval(const SimEval &eval, Flavor flavor);
// GET /v1/allocation/<id> (Api) and event payloads (Event), with or without
// the job snapshot the allocation carries.
QJsonObject encodeAlloc(const SimAlloc &alloc, bool withJob, Flavor flavor);
// An element of allocation lists.
QJsonObject encodeAllocStub(const SimAlloc &alloc, const SimJob *job, bool withTaskStates = true);
QJsonValue encodeTaskStates(const SimAlloc &alloc, Flavor flavor);
QJsonObject encodeNodeStub(const SimNode &node);
QJsonObject encodeNode(const SimNode &node);

// AllocMetric with every field present, as Nomad writes it.
QJsonObject emptyAllocMetric();

} // namespace dd::sim
