#include "sim/readendpoints.h"

#include "sim/allocencoding.h"
#include "sim/jobencoding.h"
#include "sim/simulatoroptions.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

bool ReadScope::allow(const QString &ns, const QString &capability) const
{
    return !identity || identity->allowNamespace(ns, capability);
}

QStringList ReadScope::namespacesFor(const QString &capability) const
{
    QStringList out;
    for (const auto &[name, n] : state->namespaces()) {
        if (ns == "*"_L1 ? allow(name, capability) : name == ns)
            out << name;
    }
    return out;
}

HttpResponse permissionDenied()
{
    return HttpResponse::text(403, u"Permission denied"_s);
}

std::expected<ListControls, HttpResponse> ListControls::parse(const ReadScope &scope)
{
    ListControls c;
    if (!versionAtLeast(scope.serverVersion, 1, 3))
        return c; // older servers ignore filter and pagination
    const QString filter = scope.request.queryValue(u"filter");
    if (!filter.isEmpty()) {
        auto parsed = FilterExpression::parse(filter);
        if (!parsed)
            return std::unexpected(HttpResponse::text(400, parsed.error()));
        c.m_filter = *parsed;
    }
    if (scope.request.hasQuery(u"per_page")) {
        bool ok = false;
        c.m_perPage = scope.request.queryValue(u"per_page").toInt(&ok);
        if (!ok || c.m_perPage < 0) {
            return std::unexpected(HttpResponse::text(
                400,
                u"Invalid per_page value: strconv.ParseInt: parsing \"%1\": invalid syntax"_s.arg(
                    scope.request.queryValue(u"per_page"))));
        }
    }
    c.m_nextToken = scope.request.queryValue(u"next_token");
    return c;
}

HttpResponse ListControls::apply(const ReadScope &scope, const QList<ListItem> &items) const
{
    QJsonArray out;
    QString next;
    bool started = m_nextToken.isEmpty();
    for (const ListItem &item : items) {
        if (!started) {
            if (item.token < m_nextToken)
                continue;
            started = true;
        }
        if (m_filter && !m_filter->matches(item.subject))
            continue;
        if (m_perPage > 0 && out.size() == m_perPage) {
            next = item.token;
            break;
        }
        out.append(item.json);
    }
    HttpResponse r = scope.json(out);
    if (!next.isEmpty())
        r.setHeader("X-Nomad-NextToken", next.toUtf8());
    return r;
}

ReadPlan planJobList(const ReadScope &scope)
{
    if (scope.ns != "*"_L1 && !scope.allow(scope.ns, u"list-jobs"_s))
        return std::unexpected(permissionDenied());
    const QStringList namespaces = scope.namespacesFor(u"list-jobs"_s);
    if (scope.ns == "*"_L1 && scope.identity && namespaces.isEmpty())
        return std::unexpected(permissionDenied());
    auto controls = ListControls::parse(scope);
    if (!controls)
        return std::unexpected(controls.error());
    return [scope, namespaces, controls = *controls]() -> ReadAnswer {
        const QString prefix = scope.request.queryValue(u"prefix");
        QList<ListItem> items;
        for (const auto &[key, job] : scope.state->jobs()) {
            if (!namespaces.contains(key.first) && !(scope.ns != "*"_L1 && key.first == scope.ns))
                continue;
            if (!job.id.startsWith(prefix))
                continue;
            items << ListItem{job.ns + u'.' + job.id, encodeJobStub(job, scope.ns == "*"_L1),
                              controls.filters() ? encodeJob(job, scope.state->region())
                                                 : QJsonObject()};
        }
        return ReadAnswer{scope.state->maxTableIndex({Table::Jobs, Table::JobSummary}),
                          controls.apply(scope, items)};
    };
}

ReadPlan planJobRead(const ReadScope &scope, const QString &jobId, const QString &suffix)
{
    if (!scope.allow(scope.ns, u"read-job"_s))
        return std::unexpected(permissionDenied());
    return [scope, jobId, suffix]() -> ReadAnswer {
        const ClusterState &state = *scope.state;
        const SimJob *job = state.job(scope.ns, jobId);
        if (suffix == "evaluations"_L1) {
            QJsonArray out;
            for (const SimEval *e : state.evalsForJob(scope.ns, jobId))
                out.append(encodeEval(*e, Flavor::Api));
            return ReadAnswer{state.tableIndex(Table::Evals), scope.json(out)};
        }
        if (suffix == "allocations"_L1) {
            QJsonArray out;
            for (const SimAlloc *a : state.allocsForJob(scope.ns, jobId))
                out.append(encodeAllocStub(*a, job));
            return ReadAnswer{state.tableIndex(Table::Allocs), scope.json(out)};
        }
        if (suffix == "deployments"_L1)
            return ReadAnswer{state.tableIndex(Table::Jobs), scope.json(QJsonArray())};
        if (suffix == "deployment"_L1)
            return ReadAnswer{state.tableIndex(Table::Jobs), scope.json(QJsonValue::Null)};
        if (!job) {
            return ReadAnswer{
                state.tableIndex(suffix == "summary"_L1 ? Table::JobSummary : Table::Jobs),
                HttpResponse::text(404, u"job not found"_s)};
        }
        if (suffix == "summary"_L1)
            return ReadAnswer{job->summary.modifyIndex, scope.json(encodeJobSummary(*job))};
        const QJsonObject full = encodeJob(*job, state.region());
        if (suffix == "versions"_L1) {
            return ReadAnswer{job->modifyIndex,
                              scope.json(QJsonObject{{"Versions"_L1, QJsonArray{full}},
                                                     {"Diffs"_L1, QJsonValue::Null}})};
        }
        return ReadAnswer{job->modifyIndex, scope.json(full)};
    };
}

} // namespace dd::sim
