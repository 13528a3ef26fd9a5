#pragma once
// Stopping and purging dispatched children: the answer to DELETE /v1/job/<id>,
// and which children "Purge finished children" takes from a job list.

#include "core/decode.h"
#include "core/types.h"

#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace dd {

// DELETE /v1/job/<id>[?purge=true]. Purging a job already purged still answers
// 200 with a new evaluation, so the answer never says whether the job existed.
struct JobStopResponse
{
    QString evalId;
    quint64 evalCreateIndex = 0;
    quint64 jobModifyIndex = 0;
};

Decoded<JobStopResponse> decodeJobStopResponse(const QByteArray &json);

// The children of `parentId` that finished (Status "dead"), oldest first. With
// `olderThan`, only those submitted more than that long before `nowNs` (Unix
// nanoseconds, as SubmitTime): the job list carries no finish time, and a
// child submitted that long ago that is dead now is at least that old.
QList<JobStub> selectFinishedChildren(const QList<JobStub> &jobs, const QString &parentId,
                                      std::optional<std::chrono::nanoseconds> olderThan,
                                      qint64 nowNs);

} // namespace dd
