#pragma once
// The words for a failed look into an allocation: listing a folder, opening
// or saving a file (read-fs), reading its resource usage (read-job). One
// place, so the app and the CLI say the same:
//   Could not list “/alloc/logs” of allocation 73b63cd8: Nomad answered 403
//   Permission denied. The token needs the read-fs capability in namespace “default”.

#include "api/apierror.h"

#include <QString>

namespace dd {

enum class AllocFsAction { List, Open, Save, Stats };

// The capability the action needs: read-fs for files, read-job for usage.
Capability capabilityFor(AllocFsAction action);

// Nomad's answer means the allocation is gone from its client (garbage-collected,
// or the client itself is gone): nothing of it can be read any more.
bool isAllocationGone(const ApiError &error);

// What failed, Nomad's words, and what to do. `path` is ignored for Stats.
QString allocFsFailureText(const ApiError &error, AllocFsAction action, const QString &path,
                           const QString &allocId, const QString &nameSpace,
                           HintQuotes quotes = HintQuotes::Typographic);

} // namespace dd
