#include "sim/aclstore.h"

#include "sim/clusterstate.h"
#include "sim/idgenerator.h"
#include "sim/nomadformat.h"
#include "sim/simclock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

QStringList expand(const QStringList &capabilities)
{
    QStringList out;
    for (const QString &c : capabilities) {
        if (c == "read"_L1) {
            out << u"list-jobs"_s << u"read-job"_s << u"csi-list-volume"_s << u"csi-read-volume"_s
                << u"read-job-scaling"_s << u"list-scaling-policies"_s << u"read-scaling-policy"_s;
        } else if (c == "write"_L1) {
            out << u"list-jobs"_s << u"read-job"_s << u"submit-job"_s << u"dispatch-job"_s
                << u"read-logs"_s << u"read-fs"_s << u"alloc-exec"_s << u"alloc-lifecycle"_s
                << u"csi-write-volume"_s << u"csi-mount-volume"_s << u"csi-list-volume"_s
                << u"csi-read-volume"_s << u"list-scaling-policies"_s << u"read-scaling-policy"_s
                << u"read-job-scaling"_s << u"scale-job"_s;
        } else {
            out << c;
        }
    }
    return out;
}

bool namespaceMatches(const QString &pattern, const QString &ns)
{
    if (pattern == ns)
        return true;
    if (!pattern.contains(u'*'))
        return false;
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
        pattern, QRegularExpression::UnanchoredWildcardConversion));
    return re.match(ns).hasMatch() && re.match(ns).capturedLength() == ns.size();
}

} // namespace

QJsonObject AclToken::toJson() const
{
    QJsonValue policyList = QJsonValue::Null;
    if (type != "management"_L1)
        policyList = QJsonArray::fromStringList(policies);
    return QJsonObject{{"AccessorID"_L1, accessorId},
                       {"CreateIndex"_L1, qint64(createIndex)},
                       {"CreateTime"_L1, rfc3339Nano(createTime)},
                       {"Global"_L1, global},
                       {"Hash"_L1, hash},
                       {"ModifyIndex"_L1, qint64(modifyIndex)},
                       {"Name"_L1, name},
                       {"Policies"_L1, policyList},
                       {"SecretID"_L1, secretId},
                       {"Type"_L1, type}};
}

AclIdentity::AclIdentity(const AclToken *token, QList<AclPolicy> policies)
    : m_token(token)
    , m_policies(std::move(policies))
    , m_management(token && token->type == "management"_L1)
{}

bool AclIdentity::allowNamespace(const QString &ns, const QString &capability) const
{
    if (m_management)
        return true;
    // An exact namespace rule wins over globs, and deny wins within a rule set, as in Nomad.
    QStringList exact, globbed;
    for (const AclPolicy &p : m_policies) {
        for (auto it = p.namespaces.begin(); it != p.namespaces.end(); ++it) {
            if (it.key() == ns)
                exact << expand(it.value());
            else if (namespaceMatches(it.key(), ns))
                globbed << expand(it.value());
        }
    }
    const QStringList &caps = exact.isEmpty() ? globbed : exact;
    return !caps.contains(u"deny"_s) && caps.contains(capability);
}

bool AclIdentity::allowAgentRead() const
{
    return m_management || std::any_of(m_policies.begin(), m_policies.end(),
                                       [](const AclPolicy &p) { return p.agentRead; });
}

bool AclIdentity::allowNodeRead() const
{
    return m_management || std::any_of(m_policies.begin(), m_policies.end(),
                                       [](const AclPolicy &p) { return p.nodeRead; });
}

AclStore::AclStore(ClusterState &state, SimClock &clock, IdGenerator &ids)
    : m_state(state)
    , m_clock(clock)
    , m_ids(ids)
{}

const AclToken &AclStore::enable(const std::optional<QString> &bootstrapSecret)
{
    m_enabled = true;
    if (const AclToken *existing = managementToken())
        return *existing;
    return createToken(u"Bootstrap Token"_s, {}, u"management"_s, bootstrapSecret);
}

const AclToken *AclStore::managementToken() const
{
    for (const AclToken &t : m_tokens) {
        if (t.type == "management"_L1)
            return &t;
    }
    return nullptr;
}

void AclStore::upsertPolicy(const AclPolicy &policy)
{
    m_state.apply([&](ApplyContext &ctx) {
        m_policies.insert(policy.name, policy);
        ctx.touch(Table::AclPolicies);
    });
}

const AclToken &AclStore::createToken(const QString &name, const QStringList &policies,
                                      const QString &type, const std::optional<QString> &secretId)
{
    AclToken t;
    t.accessorId = m_ids.uuid();
    t.secretId = secretId.value_or(m_ids.uuid());
    t.name = name;
    t.type = type;
    t.policies = policies;
    t.global = type == "management"_L1;
    t.createTime = m_clock.nowNs();
    t.hash = QString::fromLatin1(
        QCryptographicHash::hash((t.name + t.type + policies.join(u',') + t.secretId).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toBase64());
    m_state.apply([&](ApplyContext &ctx) {
        t.createIndex = t.modifyIndex = ctx.index();
        ctx.touch(Table::AclTokens);
        m_tokens.push_back(t);
    });
    return m_tokens.back();
}

const AclToken *AclStore::tokenBySecret(const QString &secret) const
{
    for (const AclToken &t : m_tokens) {
        if (t.secretId.compare(secret, Qt::CaseInsensitive) == 0)
            return &t;
    }
    return nullptr;
}

std::expected<AclIdentity, ApiError> AclStore::resolve(const QString &secret) const
{
    if (secret.isEmpty())
        return AclIdentity(nullptr, {}); // anonymous: no policies
    if (const QString error = uuidFormatError(secret); !error.isEmpty())
        return std::unexpected(ApiError{500, u"acl token lookup failed: index error: "_s + error});
    const AclToken *token = tokenBySecret(secret);
    if (!token)
        return std::unexpected(ApiError{403, u"ACL token not found"_s});
    QList<AclPolicy> policies;
    for (const QString &name : token->policies) {
        if (m_policies.contains(name))
            policies << m_policies.value(name);
    }
    return AclIdentity(token, policies);
}

} // namespace dd::sim
