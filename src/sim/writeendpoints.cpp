#include "sim/writeendpoints.h"

#include "sim/jobservice.h"
#include "sim/requestbodies.h"
#include "sim/simulatoroptions.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

HttpResponse written(const WriteScope &scope, quint64 index, const QJsonObject &body)
{
    HttpResponse r = HttpResponse::json(200, body, scope.pretty);
    r.setHeader("X-Nomad-Index", QByteArray::number(index));
    return r;
}

HttpResponse error(const ApiError &e)
{
    return HttpResponse::text(e.status, e.message);
}

HttpResponse denied()
{
    return HttpResponse::text(403, u"Permission denied"_s);
}

// Resolves the token and checks one capability; an answer when it fails.
std::optional<HttpResponse> authorize(const WriteScope &scope, const QString &ns,
                                      const QString &capability)
{
    const auto identity = scope.resolveIdentity();
    if (!identity)
        return identity.error();
    if (*identity && !(*identity)->allowNamespace(ns, capability))
        return denied();
    return std::nullopt;
}

} // namespace

HttpResponse writeDispatch(const WriteScope &scope, const QString &jobId)
{
    auto request = decodeDispatchBody(scope.request.body, scope.serverVersion);
    if (!request)
        return HttpResponse::text(400, request.error());
    if (!request->jobId.isEmpty() && request->jobId != jobId)
        return HttpResponse::text(400, u"Job ID does not match"_s);
    if (auto refused = authorize(scope, scope.ns, u"dispatch-job"_s))
        return *refused;
    request->jobId = jobId;
    request->ns = scope.ns;
    // Servers before 1.2 do not know the parameter: a retry dispatches again.
    if (versionAtLeast(scope.serverVersion, 1, 2))
        request->idempotencyToken = scope.request.queryValue(u"idempotency_token");
    const auto result = scope.jobs.dispatch(*request);
    if (!result)
        return error(result.error());
    return written(scope, result->index, result->toJson());
}

HttpResponse writeRegister(const WriteScope &scope, const QString &jobId)
{
    auto body = decodeJsonObject(scope.request.body, u"api.JobRegisterRequest"_s);
    if (!body)
        return HttpResponse::text(400, body.error());
    const QJsonValue job = goField(*body, "Job"_L1);
    if (job.isUndefined() || job.isNull())
        return HttpResponse::text(400, u"Job must be specified"_s);
    if (!job.isObject()) {
        const QString kind = job.isString()  ? u"string"_s
                             : job.isArray() ? u"array"_s
                             : job.isBool()  ? u"bool"_s
                                             : u"number"_s;
        return HttpResponse::text(
            400,
            u"json: cannot unmarshal %1 into Go struct field JobRegisterRequest.Job of type api.Job"_s
                .arg(kind));
    }
    const QJsonObject spec = job.toObject();
    if (!jobId.isEmpty() && spec.value("ID"_L1).toString() != jobId)
        return HttpResponse::text(400, u"Job ID does not match name"_s);
    QString ns = spec.value("Namespace"_L1).toString();
    if (ns.isEmpty())
        ns = scope.ns;
    if (auto refused = authorize(scope, ns, u"submit-job"_s))
        return *refused;
    const auto result = scope.jobs.registerJob(spec, scope.ns);
    if (!result)
        return error(result.error());
    return written(scope, result->index, result->toJson());
}

HttpResponse writeDeregister(const WriteScope &scope, const QString &jobId)
{
    if (auto refused = authorize(scope, scope.ns, u"submit-job"_s))
        return *refused;
    const QString purge = scope.request.queryValue(u"purge");
    const auto result =
        scope.jobs.deregister(scope.ns, jobId, purge == "true"_L1 || purge == "1"_L1);
    if (!result)
        return error(result.error());
    // JobDeregisterResponse: no Warnings, and the CSI volume evaluation (as recorded from 1.0).
    QJsonObject body = result->toJson();
    body.remove("Warnings"_L1);
    body.insert("VolumeEvalID"_L1, QString());
    body.insert("VolumeEvalIndex"_L1, 0);
    return written(scope, result->index, body);
}

} // namespace dd::sim
