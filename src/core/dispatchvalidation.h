#pragma once
// Client-side checks of a dispatch against the job's parameterized schema.
// Texts match Nomad's own, so what the form shows before sending is what the
// server would answer after.

#include "core/types.h"

namespace dd {

inline constexpr qsizetype kMaxPayloadBytes = 16384; // Nomad's DispatchPayloadSizeLimit

enum class DispatchProblemKind {
    PayloadRequired,
    PayloadForbidden,
    PayloadTooLarge,
    MetaKeyNotAllowed,
    MetaRequiredMissing,
    MetaKeyEmpty,
    PriorityOutOfRange,
};

struct DispatchProblem
{
    DispatchProblemKind kind;
    QString message;  // Nomad's wording
    QStringList keys; // the keys concerned, when any
};

QList<DispatchProblem> validateDispatch(const Job &job, const DispatchRequest &request);

// The meta a dispatched child will carry: the parent's defaults overridden by the request.
MetaMap mergedMeta(const Job &parent, const MetaMap &requestMeta);

// One paragraph describing what a job accepts, for help after a refused dispatch.
QStringList describeSchema(const Job &job);

} // namespace dd
