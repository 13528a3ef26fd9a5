#pragma once
// The read endpoints. Each plan checks parameters and ACLs up front (an error
// answers at once) and returns a ReadFn the blocking-query machinery re-runs
// until the index it reports passes the client's ?index=.

#include "sim/aclstore.h"
#include "sim/blockingqueries.h"
#include "sim/clusterstate.h"
#include "sim/filterexpression.h"
#include "sim/httpmessage.h"

#include <expected>
#include <optional>

namespace dd::sim {

struct ReadScope
{
    const ClusterState *state = nullptr;
    std::optional<AclIdentity> identity; // empty when ACLs are off
    HttpRequest request;
    QString ns = QStringLiteral("default"); // ?namespace=, defaulted
    QString serverVersion;
    bool pretty = false;

    bool allow(const QString &ns, const QString &capability) const;
    // Namespaces a wildcard read covers: those the token may use `capability` in.
    QStringList namespacesFor(const QString &capability) const;
    HttpResponse json(const QJsonValue &value) const
    {
        return HttpResponse::json(200, value, pretty);
    }
};

using ReadPlan = std::expected<ReadFn, HttpResponse>;

HttpResponse permissionDenied();

// Job reads: /v1/jobs, /v1/job/<id>[/summary|/evaluations|/allocations|/versions|/deployments]
ReadPlan planJobList(const ReadScope &scope);
ReadPlan planJobRead(const ReadScope &scope, const QString &jobId, const QString &suffix);

// Cluster reads: evaluations, allocations, nodes, namespaces, the ACL token.
ReadPlan planEvalList(const ReadScope &scope);
ReadPlan planEvalRead(const ReadScope &scope, const QString &evalId, bool allocations);
ReadPlan planAllocList(const ReadScope &scope);
ReadPlan planAllocRead(const ReadScope &scope, const QString &allocId);
ReadPlan planNodeList(const ReadScope &scope);
ReadPlan planNodeRead(const ReadScope &scope, const QString &nodeId);
ReadPlan planNamespaceList(const ReadScope &scope);
ReadPlan planNamespaceRead(const ReadScope &scope, const QString &name);
ReadPlan planTokenSelf(const ReadScope &scope, const AclStore &acl, const QString &secret);

// ?filter= (Nomad 1.3+) and ?per_page=/&next_token= over a sorted list. Older
// servers ignore these parameters, and so does the simulator when emulating one.
struct ListItem
{
    QString token;       // pagination token (e.g. "default.video-encode")
    QJsonObject json;    // what the list returns
    QJsonObject subject; // what the filter sees (Nomad filters the stored object)
};
class ListControls
{
public:
    static std::expected<ListControls, HttpResponse> parse(const ReadScope &scope);
    // Filters need the full object; without one, callers skip building it.
    bool filters() const { return m_filter.has_value(); }
    // Fills response body and X-Nomad-NextToken.
    HttpResponse apply(const ReadScope &scope, const QList<ListItem> &items) const;

private:
    std::optional<FilterExpression> m_filter;
    int m_perPage = 0;
    QString m_nextToken;
};

} // namespace dd::sim
