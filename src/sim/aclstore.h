#pragma once
// ACLs as a Nomad server with `acl { enabled = true }` applies them: a
// bootstrap management token, client tokens bound to policies that grant
// capabilities per namespace, and Nomad's exact answers for missing,
// unknown and malformed tokens.

#include "sim/jobservice.h" // ApiError

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <expected>
#include <list>
#include <optional>

namespace dd::sim {

class ClusterState;
class IdGenerator;
class SimClock;

struct AclPolicy
{
    QString name;
    QString description;
    // Namespace name (or glob such as "*" or "team-*") -> capabilities:
    // "list-jobs", "read-job", "submit-job", "dispatch-job", ..., or the
    // shorthands "read" / "write" / "deny".
    QMap<QString, QStringList> namespaces;
    bool agentRead = false;
    bool nodeRead = false;
};

struct AclToken
{
    QString accessorId;
    QString secretId;
    QString name;
    QString type = QStringLiteral("client"); // or "management"
    QStringList policies;
    bool global = false;
    qint64 createTime = 0;
    QString hash;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    QJsonObject toJson() const;
};

// Who a request is. Management tokens may do anything.
class AclIdentity
{
public:
    AclIdentity() = default;
    AclIdentity(const AclToken *token, QList<AclPolicy> policies);
    bool isManagement() const { return m_management; }
    const AclToken *token() const { return m_token; }
    bool allowNamespace(const QString &ns, const QString &capability) const;
    bool allowAgentRead() const;
    bool allowNodeRead() const;

private:
    const AclToken *m_token = nullptr;
    QList<AclPolicy> m_policies;
    bool m_management = false;
};

class AclStore
{
public:
    AclStore(ClusterState &state, SimClock &clock, IdGenerator &ids);

    bool isEnabled() const { return m_enabled; }
    // Turns ACLs on and bootstraps the management token (with this secret, if given).
    const AclToken &enable(const std::optional<QString> &bootstrapSecret = std::nullopt);
    const AclToken *managementToken() const;

    void upsertPolicy(const AclPolicy &policy);
    const AclToken &createToken(const QString &name, const QStringList &policies,
                                const QString &type = QStringLiteral("client"),
                                const std::optional<QString> &secretId = std::nullopt);
    const AclToken *tokenBySecret(const QString &secret) const;

    // Resolves a token as Nomad does: "" is anonymous (no rights); an unknown
    // well-formed UUID is 403 "ACL token not found"; anything else is 500
    // "acl token lookup failed: index error: ...".
    std::expected<AclIdentity, ApiError> resolve(const QString &secret) const;

private:
    ClusterState &m_state;
    SimClock &m_clock;
    IdGenerator &m_ids;
    bool m_enabled = false;
    QMap<QString, AclPolicy> m_policies;
    std::list<AclToken> m_tokens; // a list: callers keep references to tokens
};

} // namespace dd::sim
