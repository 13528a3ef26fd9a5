#include "api/connectiontest.h"

#include "api/nomadclient.h"
#include "api/profileclient.h"

using namespace Qt::Literals::StringLiterals;

namespace dd {

ConnectionTest::ConnectionTest(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

ConnectionTest::~ConnectionTest() = default;

void ConnectionTest::answered()
{
    --m_findings.pending;
    Q_EMIT changed();
    if (m_findings.pending == 0)
        Q_EMIT finished();
}

void ConnectionTest::start(const ConnectionProfile &profile, const QString &token)
{
    delete m_context; // answers of an earlier test are dropped
    m_context = new QObject(this);
    m_findings = Findings{};
    Findings *t = &m_findings;
    t->profileName = profile.name.isEmpty() ? profile.address : profile.name;
    t->nameSpace = profile.nameSpace.isEmpty() ? u"default"_s : profile.nameSpace;
    auto config = clientConfigFor(profile, token);
    if (!config) {
        t->problems << config.error().message();
        Q_EMIT changed();
        Q_EMIT finished();
        return;
    }
    auto *client = new NomadClient(m_network, *config, m_context);
    QObject *ctx = m_context;
    auto failed = [t](const QString &what, const ApiError &e) {
        if (e.isPermissionDenied())
            t->warnings << tr("The token may not %1 (Nomad answered 403 %2).")
                               .arg(what, e.nomadText.trimmed());
        else
            t->problems << tr("Could not %1: %2").arg(what, e.message());
    };
    auto done = [this]() { answered(); };
    t->pending = 6;
    client->agentSelf(ctx, [=](Result<AgentSelf> r) {
        if (r)
            t->version = r->version;
        else
            failed(tr("read the agent (agent:read)"), r.error());
        done();
    });
    client->leader(ctx, [=](Result<QString> r) {
        if (r)
            t->leader = *r;
        else
            failed(tr("read the leader"), r.error());
        done();
    });
    client->regions(ctx, [=](Result<QStringList> r) {
        if (r)
            t->regions = r->join(u", ");
        else
            failed(tr("list the regions"), r.error());
        done();
    });
    client->namespaces(ctx, [=](Result<QList<NamespaceInfo>> r) {
        if (r) {
            QStringList names;
            for (const NamespaceInfo &n : *r)
                names << n.name;
            t->namespaces = names.join(u", ");
        } else {
            failed(tr("list the namespaces"), r.error());
        }
        done();
    });
    client->tokenSelf(ctx, [=](Result<AclTokenInfo> r) {
        if (r) {
            t->token = tr("“%1” (%2), policies: %3")
                           .arg(r->name, r->type,
                                r->policies.isEmpty() ? tr("none") : r->policies.join(u", "));
        } else if (r.error().kind == ApiError::Kind::Http && r.error().httpStatus == 400) {
            t->token = tr("ACLs are off on this cluster: no token is needed.");
        } else {
            failed(tr("read itself (acl/token/self)"), r.error());
        }
        done();
    });
    // Listing and reading jobs is what the job list, dispatching and monitoring start with.
    QueryOptions options;
    options.nameSpace = t->nameSpace;
    client->jobs({}, {}, options, ctx, [=](Result<Reply<QList<JobStub>>> r) {
        if (!r)
            failed(tr("list the jobs in namespace “%1” (list-jobs), which dispatching and "
                      "monitoring need")
                       .arg(t->nameSpace),
                   r.error());
        done();
    });
}

} // namespace dd
