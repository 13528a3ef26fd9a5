// The routes of what follows a dispatch: task logs and the allocation's files
// (/v1/client/fs/logs|ls|stat|cat|readat/<alloc>), resource usage
// (/v1/client/allocation/<alloc>/stats), stopping an allocation
// (/v1/allocation/<alloc>/stop) and the garbage collector (/v1/system/gc),
// with Nomad 1.0's parameter errors, lookups and ACL capabilities.
#include "sim/apirouter.h"

#include "sim/allocstats.h"
#include "sim/clientfiles.h"
#include "sim/faultinjector.h"
#include "sim/jobservice.h"
#include "sim/requestlog.h"
#include "sim/simclock.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

HttpResponse withContentType(HttpResponse r, const QByteArray &contentType)
{
    r.setHeader("Content-Type", contentType);
    return r;
}

// Go's strconv.ParseBool.
std::optional<bool> parseGoBool(const QString &s)
{
    static const QStringList yes = {u"1"_s, u"t"_s, u"T"_s, u"TRUE"_s, u"true"_s, u"True"_s};
    static const QStringList no = {u"0"_s, u"f"_s, u"F"_s, u"FALSE"_s, u"false"_s, u"False"_s};
    if (yes.contains(s))
        return true;
    if (no.contains(s))
        return false;
    return std::nullopt;
}

HttpResponse parseError(const QString &what, const QString &function, const QString &value)
{
    return HttpResponse::text(
        500, u"%1: strconv.%2: parsing \"%3\": invalid syntax"_s.arg(what, function, value));
}

} // namespace

void ApiRouter::handleClient(Call &call, const QString &rest)
{
    const bool write = call.method == "PUT"_L1 || call.method == "POST"_L1;
    if (rest == "system/gc"_L1) {
        if (!write)
            return answer(call, HttpResponse::text(405, u"Invalid method"_s));
        if (!resolveIdentity(call))
            return;
        if (call.identity && !call.identity->isManagement())
            return answer(call, permissionDenied());
        m_s.jobs.collectGarbage();
        return answer(call, HttpResponse{}); // 200, no body, no Content-Type, as recorded
    }
    if (rest.startsWith(u"allocation/"_s)) { // allocation/<id>/stop
        if (!write)
            return answer(call, HttpResponse::text(405, u"Invalid method"_s));
        const QString id = percentDecode(rest.mid(11).chopped(5).toUtf8());
        if (!resolveIdentity(call))
            return;
        const auto it = m_s.state.allocs().find(id);
        if (it != m_s.state.allocs().end() && !call.allow(it->second.ns, u"alloc-lifecycle"_s))
            return answer(call, permissionDenied());
        const auto result = m_s.jobs.stopAllocation(id);
        if (!result)
            return answer(call, HttpResponse::text(result.error().status, result.error().message));
        HttpResponse r = HttpResponse::json(200, result->toJson(), call.pretty);
        r.setHeader("X-Nomad-Index", QByteArray::number(result->index));
        return answer(call, r);
    }
    const QString sub = rest.mid(7); // after "client/"
    if (sub.startsWith(u"allocation/"_s) && sub.endsWith(u"/stats"_s)) {
        const auto alloc = m_s.files.lookup(percentDecode(sub.mid(11).chopped(6).toUtf8()));
        if (!alloc)
            return answer(call, alloc.error());
        if (!resolveIdentity(call))
            return;
        if (!call.allow((*alloc)->ns, u"read-job"_s))
            return answer(call, permissionDenied());
        return answer(call, HttpResponse::json(200, allocationStats(**alloc, m_s.clock.nowNs()),
                                               call.pretty));
    }
    const QString kind = sub.section(u'/', 1, 1);
    static const QStringList kinds = {u"logs"_s, u"ls"_s, u"stat"_s, u"cat"_s, u"readat"_s};
    if (!sub.startsWith(u"fs/"_s) || !kinds.contains(kind) || sub.size() <= 4 + kind.size()) {
        HttpResponse r;
        r.status = 404;
        return answer(call, r);
    }
    const QString allocId = percentDecode(sub.mid(4 + kind.size()).toUtf8());
    if (allocId.isEmpty())
        return answer(call, HttpResponse::text(400, u"must provide a valid alloc id"_s));
    if (kind == "logs"_L1)
        return handleLogs(call, allocId);

    const HttpRequest &q = call.request;
    QString path = q.queryValue(u"path");
    if (kind == "ls"_L1 && path.isEmpty())
        path = u"/"_s;
    if (path.isEmpty())
        return answer(call, HttpResponse::text(400, u"must provide a file name"_s));
    qint64 offset = 0;
    qint64 limit = -1;
    if (kind == "readat"_L1) {
        bool ok = false;
        offset = q.queryValue(u"offset").toLongLong(&ok);
        if (!ok)
            return answer(call, parseError(u"error parsing offset"_s, u"ParseInt"_s,
                                           q.queryValue(u"offset")));
        limit = q.queryValue(u"limit").toLongLong(&ok);
        if (!ok)
            return answer(
                call, parseError(u"error parsing limit"_s, u"ParseInt"_s, q.queryValue(u"limit")));
    }
    const auto alloc = m_s.files.lookup(allocId);
    if (!alloc)
        return answer(call, alloc.error());
    if (!resolveIdentity(call))
        return;
    if (!call.allow((*alloc)->ns, u"read-fs"_s))
        return answer(call, permissionDenied());
    const SimAlloc &a = **alloc;
    if (kind == "ls"_L1)
        return answer(call, m_s.files.list(a, path));
    if (kind == "stat"_L1)
        return answer(call, m_s.files.stat(a, path));
    if (kind == "cat"_L1)
        return answer(call, m_s.files.cat(a, path));
    return answer(call, m_s.files.readAt(a, path, offset, limit));
}

void ApiRouter::handleLogs(Call &call, const QString &allocId)
{
    // The checks of Nomad 1.0's HTTP handler, in its order; their errors carry
    // Go's sniffed content type. Later errors carry the stream's.
    const HttpRequest &q = call.request;
    LogRequest request;
    request.task = q.queryValue(u"task");
    if (request.task.isEmpty())
        return answer(call, HttpResponse::text(400, u"must provide task name"_s));
    for (const auto &[name, flag] :
         {std::pair(u"follow"_s, &request.follow), std::pair(u"plain"_s, &request.plain)}) {
        const QString value = q.queryValue(name);
        if (value.isEmpty())
            continue;
        const auto parsed = parseGoBool(value);
        if (!parsed)
            return answer(call, parseError(u"failed to parse %1 field to boolean"_s.arg(name),
                                           u"ParseBool"_s, value));
        *flag = *parsed;
    }
    const QString type = q.queryValue(u"type");
    if (type != "stdout"_L1 && type != "stderr"_L1)
        return answer(call, HttpResponse::text(400, u"must provide log type (stdout/stderr)"_s));
    request.fd = type == "stderr"_L1 ? 2 : 1;
    if (const QString offset = q.queryValue(u"offset"); !offset.isEmpty()) {
        bool ok = false;
        request.offset = offset.toLongLong(&ok);
        if (!ok)
            return answer(call, parseError(u"error parsing offset"_s, u"ParseInt"_s, offset));
    }
    const QString origin = q.queryValue(u"origin");
    if (!origin.isEmpty() && origin != "start"_L1 && origin != "end"_L1)
        return answer(call, HttpResponse::text(400, u"origin must be start or end"_s));
    request.fromEnd = origin == "end"_L1;

    const QByteArray contentType = request.plain ? "text/plain" : "application/json";
    const auto alloc = m_s.files.lookup(allocId);
    if (!alloc)
        return answer(call, withContentType(alloc.error(), contentType));
    if (!resolveIdentity(call))
        return;
    const SimAlloc &a = **alloc;
    if (!call.allow(a.ns, u"read-logs"_s) && !call.allow(a.ns, u"read-fs"_s))
        return answer(call, withContentType(permissionDenied(), contentType));
    const auto state = a.taskStates.constFind(request.task);
    if (state == a.taskStates.constEnd())
        return answer(call,
                      withContentType(
                          HttpResponse::text(400, u"unknown task name \"%1\""_s.arg(request.task)),
                          contentType));
    if (state->startedAt == 0)
        return answer(
            call, withContentType(HttpResponse::text(
                                      404, u"task \"%1\" not started yet. No logs available"_s.arg(
                                               request.task)),
                                  contentType));
    std::optional<FaultRule> fault;
    for (FaultKind kind : {FaultKind::LogCutMidFrame, FaultKind::LogStall, FaultKind::LogReset}) {
        if (!fault)
            fault = m_s.faults.take(kind, q);
    }
    m_s.log.setStatus(call.sequence, 200);
    m_s.files.streamLogs(call.exchange, a, request, fault);
}

} // namespace dd::sim
