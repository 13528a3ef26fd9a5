#include "sim/jobencoding.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

QJsonObject encodeJob(const SimJob &job, const QString &region)
{
    QJsonObject o = job.spec;
    o.insert("Region"_L1, o.value("Region"_L1).toString(region));
    o.insert("Namespace"_L1, job.ns);
    o.insert("ID"_L1, job.id);
    o.insert("ParentID"_L1, job.parentId);
    o.insert("Dispatched"_L1, job.dispatched);
    o.insert("Payload"_L1, job.payload.isEmpty()
                               ? QJsonValue(QJsonValue::Null)
                               : QJsonValue(QString::fromLatin1(job.payload.toBase64())));
    o.insert("Status"_L1, job.status);
    o.insert("StatusDescription"_L1, QString());
    o.insert("Stop"_L1, job.stop);
    o.insert("Stable"_L1, false);
    o.insert("Version"_L1, qint64(job.version));
    o.insert("SubmitTime"_L1, job.submitTime);
    o.insert("CreateIndex"_L1, qint64(job.createIndex));
    o.insert("ModifyIndex"_L1, qint64(job.modifyIndex));
    o.insert("JobModifyIndex"_L1, qint64(job.jobModifyIndex));
    return o;
}

QJsonObject encodeJobSummary(const SimJob &job)
{
    QJsonObject groups;
    for (auto it = job.summary.groups.begin(); it != job.summary.groups.end(); ++it) {
        const TaskGroupSummary &s = it.value();
        groups.insert(it.key(), QJsonObject{{"Complete"_L1, s.complete},
                                            {"Failed"_L1, s.failed},
                                            {"Lost"_L1, s.lost},
                                            {"Queued"_L1, s.queued},
                                            {"Running"_L1, s.running},
                                            {"Starting"_L1, s.starting}});
    }
    return QJsonObject{
        {"Children"_L1, QJsonObject{{"Dead"_L1, job.summary.childrenDead},
                                    {"Pending"_L1, job.summary.childrenPending},
                                    {"Running"_L1, job.summary.childrenRunning}}},
        {"CreateIndex"_L1, qint64(job.summary.createIndex)},
        {"JobID"_L1, job.id},
        {"ModifyIndex"_L1, qint64(job.summary.modifyIndex)},
        {"Namespace"_L1, job.ns},
        {"Summary"_L1, groups},
    };
}

QJsonObject encodeJobStub(const SimJob &job, bool withNamespace)
{
    QJsonObject stub{
        {"CreateIndex"_L1, qint64(job.createIndex)},
        {"Datacenters"_L1, job.spec.value("Datacenters"_L1)},
        {"ID"_L1, job.id},
        {"JobModifyIndex"_L1, qint64(job.jobModifyIndex)},
        {"JobSummary"_L1, encodeJobSummary(job)},
        {"ModifyIndex"_L1, qint64(job.modifyIndex)},
        {"Multiregion"_L1, job.spec.value("Multiregion"_L1)},
        {"Name"_L1, job.spec.value("Name"_L1).toString(job.id)},
        {"ParameterizedJob"_L1, job.isParameterized()},
        {"ParentID"_L1, job.parentId},
        {"Periodic"_L1, job.isPeriodic()},
        {"Priority"_L1, job.priority()},
        {"Status"_L1, job.status},
        {"StatusDescription"_L1, QString()},
        {"Stop"_L1, job.stop},
        {"SubmitTime"_L1, job.submitTime},
        {"Type"_L1, job.type()},
    };
    if (withNamespace)
        stub.insert("Namespace"_L1, job.ns);
    return stub;
}

QJsonObject encodeNamespace(const SimNamespace &ns)
{
    return QJsonObject{
        {"CreateIndex"_L1, qint64(ns.createIndex)},
        {"Description"_L1, ns.description},
        {"Hash"_L1, ns.hash},
        {"ModifyIndex"_L1, qint64(ns.modifyIndex)},
        {"Name"_L1, ns.name},
        {"Quota"_L1, QString()},
    };
}

} // namespace dd::sim
