#include "sim/readendpoints.h"

#include "sim/allocencoding.h"
#include "sim/jobencoding.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

ReadPlan planEvalList(const ReadScope &scope)
{
    if (scope.ns != "*"_L1 && !scope.allow(scope.ns, u"read-job"_s))
        return std::unexpected(permissionDenied());
    auto controls = ListControls::parse(scope);
    if (!controls)
        return std::unexpected(controls.error());
    const QStringList namespaces = scope.namespacesFor(u"read-job"_s);
    return [scope, namespaces, controls = *controls]() -> ReadAnswer {
        const QString prefix = scope.request.queryValue(u"prefix");
        const QString jobFilter = scope.request.queryValue(u"job");
        const QString statusFilter = scope.request.queryValue(u"status");
        QList<ListItem> items;
        for (const auto &[id, e] : scope.state->evals()) {
            if (!namespaces.contains(e.ns) || !id.startsWith(prefix))
                continue;
            if ((!jobFilter.isEmpty() && e.jobId != jobFilter) ||
                (!statusFilter.isEmpty() && e.status != statusFilter)) {
                continue;
            }
            const QJsonObject json = encodeEval(e, Flavor::Api);
            items << ListItem{id, json,
                              controls.filters() ? encodeEval(e, Flavor::Event) : QJsonObject()};
        }
        return ReadAnswer{scope.state->tableIndex(Table::Evals), controls.apply(scope, items)};
    };
}

ReadPlan planEvalRead(const ReadScope &scope, const QString &evalId, bool allocations)
{
    if (!scope.allow(scope.ns, u"read-job"_s))
        return std::unexpected(permissionDenied());
    return [scope, evalId, allocations]() -> ReadAnswer {
        const ClusterState &state = *scope.state;
        const auto it = state.evals().find(evalId);
        if (allocations) {
            QJsonArray out;
            for (const SimAlloc *a : state.allocsForEval(evalId)) {
                if (scope.allow(a->ns, u"read-job"_s))
                    out.append(encodeAllocStub(*a, state.job(a->ns, a->jobId)));
            }
            return ReadAnswer{state.tableIndex(Table::Allocs), scope.json(out)};
        }
        if (it == state.evals().end())
            return ReadAnswer{state.tableIndex(Table::Evals),
                              HttpResponse::text(404, u"eval not found"_s)};
        if (!scope.allow(it->second.ns, u"read-job"_s))
            return ReadAnswer{0, permissionDenied(), true};
        return ReadAnswer{it->second.modifyIndex, scope.json(encodeEval(it->second, Flavor::Api))};
    };
}

ReadPlan planAllocList(const ReadScope &scope)
{
    if (scope.ns != "*"_L1 && !scope.allow(scope.ns, u"read-job"_s))
        return std::unexpected(permissionDenied());
    auto controls = ListControls::parse(scope);
    if (!controls)
        return std::unexpected(controls.error());
    const QStringList namespaces = scope.namespacesFor(u"read-job"_s);
    return [scope, namespaces, controls = *controls]() -> ReadAnswer {
        const QString prefix = scope.request.queryValue(u"prefix");
        const bool taskStates = scope.request.queryValue(u"task_states") != "false"_L1;
        QList<ListItem> items;
        for (const auto &[id, a] : scope.state->allocs()) {
            if (!namespaces.contains(a.ns) || !id.startsWith(prefix))
                continue;
            const SimJob *job = scope.state->job(a.ns, a.jobId);
            items << ListItem{id, encodeAllocStub(a, job, taskStates),
                              controls.filters() ? encodeAlloc(a, false, Flavor::Event)
                                                 : QJsonObject()};
        }
        return ReadAnswer{scope.state->tableIndex(Table::Allocs), controls.apply(scope, items)};
    };
}

ReadPlan planAllocRead(const ReadScope &scope, const QString &allocId)
{
    return [scope, allocId]() -> ReadAnswer {
        const ClusterState &state = *scope.state;
        const auto it = state.allocs().find(allocId);
        if (it == state.allocs().end()) {
            if (!scope.allow(scope.ns, u"read-job"_s))
                return ReadAnswer{0, permissionDenied(), true};
            return ReadAnswer{state.tableIndex(Table::Allocs),
                              HttpResponse::text(404, u"alloc not found"_s)};
        }
        const SimAlloc &a = it->second;
        if (!scope.allow(a.ns, u"read-job"_s))
            return ReadAnswer{0, permissionDenied(), true};
        return ReadAnswer{a.modifyIndex, scope.json(encodeAlloc(a, true, Flavor::Api))};
    };
}

ReadPlan planNodeList(const ReadScope &scope)
{
    if (scope.identity && !scope.identity->allowNodeRead())
        return std::unexpected(permissionDenied());
    auto controls = ListControls::parse(scope);
    if (!controls)
        return std::unexpected(controls.error());
    return [scope, controls = *controls]() -> ReadAnswer {
        const QString prefix = scope.request.queryValue(u"prefix");
        QList<ListItem> items;
        for (const auto &[id, n] : scope.state->nodes()) {
            if (id.startsWith(prefix))
                items << ListItem{id, encodeNodeStub(n),
                                  controls.filters() ? encodeNode(n) : QJsonObject()};
        }
        return ReadAnswer{scope.state->tableIndex(Table::Nodes), controls.apply(scope, items)};
    };
}

ReadPlan planNodeRead(const ReadScope &scope, const QString &nodeId)
{
    if (scope.identity && !scope.identity->allowNodeRead())
        return std::unexpected(permissionDenied());
    return [scope, nodeId]() -> ReadAnswer {
        const SimNode *n = scope.state->node(nodeId);
        if (!n)
            return ReadAnswer{scope.state->tableIndex(Table::Nodes),
                              HttpResponse::text(404, u"node not found"_s)};
        return ReadAnswer{n->modifyIndex, scope.json(encodeNode(*n))};
    };
}

ReadPlan planNamespaceList(const ReadScope &scope)
{
    return [scope]() -> ReadAnswer {
        const QString prefix = scope.request.queryValue(u"prefix");
        QJsonArray out;
        for (const auto &[name, n] : scope.state->namespaces()) {
            if (!name.startsWith(prefix))
                continue;
            // Nomad lists only the namespaces a token has some capability in.
            if (scope.identity && !scope.identity->isManagement()) {
                bool any = false;
                for (const QString &cap :
                     {u"list-jobs"_s, u"read-job"_s, u"submit-job"_s, u"dispatch-job"_s})
                    any = any || scope.identity->allowNamespace(name, cap);
                if (!any)
                    continue;
            }
            out.append(encodeNamespace(n));
        }
        return ReadAnswer{scope.state->tableIndex(Table::Namespaces), scope.json(out)};
    };
}

ReadPlan planNamespaceRead(const ReadScope &scope, const QString &name)
{
    return [scope, name]() -> ReadAnswer {
        const auto it = scope.state->namespaces().find(name);
        if (it == scope.state->namespaces().end()) {
            return ReadAnswer{scope.state->tableIndex(Table::Namespaces),
                              HttpResponse::text(404, u"Namespace not found"_s)};
        }
        return ReadAnswer{it->second.modifyIndex, scope.json(encodeNamespace(it->second))};
    };
}

ReadPlan planTokenSelf(const ReadScope &scope, const AclStore &acl, const QString &secret)
{
    if (!acl.isEnabled())
        return std::unexpected(HttpResponse::text(400, u"ACL support disabled"_s));
    return [scope, &acl, secret]() -> ReadAnswer {
        const AclToken *token = secret.isEmpty() ? nullptr : acl.tokenBySecret(secret);
        if (!token) {
            return ReadAnswer{scope.state->tableIndex(Table::AclTokens),
                              HttpResponse::text(404, u"ACL token not found"_s), true};
        }
        return ReadAnswer{token->modifyIndex, scope.json(token->toJson())};
    };
}

} // namespace dd::sim
