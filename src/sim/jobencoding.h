#pragma once
// Jobs, job list stubs, job summaries and namespaces in Nomad's JSON shapes
// (as recorded from a Nomad agent: same field names and value types).

#include "sim/model.h"

#include <QJsonObject>

namespace dd::sim {

// GET /v1/job/<id>, and the Job of allocations and events.
QJsonObject encodeJob(const SimJob &job, const QString &region);
// An element of GET /v1/jobs; a wildcard (?namespace=*) list names each job's namespace.
QJsonObject encodeJobStub(const SimJob &job, bool withNamespace = false);
// GET /v1/job/<id>/summary, and the JobSummary of a stub.
QJsonObject encodeJobSummary(const SimJob &job);
QJsonObject encodeNamespace(const SimNamespace &ns);

} // namespace dd::sim
