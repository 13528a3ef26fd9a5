#pragma once
// The words for a failed call, in the house form: what failed (naming the job
// and the profile), Nomad's own answer, and what to do.
//   Could not dispatch “video-encode” on “prod”: Nomad answered 403 Permission
//   denied. The token needs the dispatch-job capability in namespace “default”.
// The hints themselves are ApiError's (hintFor, dispatchHint), shared with the CLI.

#include "api/apierror.h"

#include <QString>

namespace dd::gui {

// lead: "Could not dispatch “video-encode” on “prod”" (no final punctuation).
QString failureText(const QString &lead, const ApiError &error, Capability capability,
                    const QString &nameSpace);

} // namespace dd::gui
