// Decoding the stop answer and choosing the finished children to purge.
#include "core/jobstop.h"

#include "core/jsonreader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace dd {

Decoded<JobStopResponse> decodeJobStopResponse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(DecodeError{u"the stop answer is not a JSON object"_s});
    JsonReader r(doc.object(), u"stop answer"_s);
    JobStopResponse s;
    s.evalId = r.str("EvalID"_L1);
    s.evalCreateIndex = r.index("EvalCreateIndex"_L1);
    s.jobModifyIndex = r.index("JobModifyIndex"_L1);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return s;
}

QList<JobStub> selectFinishedChildren(const QList<JobStub> &jobs, const QString &parentId,
                                      std::optional<std::chrono::nanoseconds> olderThan,
                                      qint64 nowNs)
{
    QList<JobStub> chosen;
    for (const JobStub &job : jobs) {
        if (parentId.isEmpty() || job.parentId != parentId || job.status != u"dead")
            continue;
        // No submit time: its age is unknown, so an age limit keeps it.
        if (olderThan && (job.submitTime <= 0 || nowNs - job.submitTime <= olderThan->count()))
            continue;
        chosen.append(job);
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const JobStub &a, const JobStub &b) {
        return a.submitTime < b.submitTime;
    });
    return chosen;
}

} // namespace dd
