#pragma once
// Turns a job as clients submit it (PUT /v1/jobs bodies, like
// jobs/*.register.json: unset fields are null) into the job Nomad stores and
// returns, with Nomad's defaults filled in, and validates it.

#include <QJsonObject>
#include <QString>

#include <expected>

namespace dd::sim {

// fallbackNamespace is the request's ?namespace=, used when the job names none.
QJsonObject canonicalizeJob(const QJsonObject &job, const QString &fallbackNamespace,
                            const QString &region);
// Nomad's Job.Validate in its multierror form; empty when the job is valid.
QString validateJob(const QJsonObject &canonicalJob);

} // namespace dd::sim
