#pragma once
// The words for a failed call, in the house form: what failed (naming the job
// and the profile), Nomad's own answer, and what to do.
//   Could not dispatch “video-encode” on “prod”: Nomad answered 403 Permission
//   denied. The token needs the dispatch-job capability in namespace “default”.

#include "api/apierror.h"
#include "core/types.h"

#include <QString>

namespace dd::gui {

// The ACL capability a refused action needs, for the 403 hint.
enum class Capability { None, DispatchJob, ReadJob, ListJobs };

QString capabilityName(Capability capability);

// lead: "Could not dispatch “video-encode” on “prod”" (no final punctuation).
QString failureText(const QString &lead, const ApiError &error, Capability capability,
                    const QString &nameSpace);
// Just the hint part (may be empty).
QString hintFor(const ApiError &error, Capability capability, const QString &nameSpace);
// For a refused dispatch: Nomad's validation texts get the job's schema as help.
QString dispatchHint(const ApiError &error, const Job &job);

} // namespace dd::gui
