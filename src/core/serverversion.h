#pragma once
// Nomad's version decides which dispatch features a server understands. Older
// servers silently ignore unknown parameters, so a client must ask first: an
// ignored idempotency token turns a retry into a second dispatch.

#include <QString>

#include <compare>
#include <optional>

namespace dd {

struct ServerVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;

    static std::optional<ServerVersion> parse(const QString &text);
    QString toString() const;
    auto operator<=>(const ServerVersion &) const = default;
};

enum class ServerFeature {
    IdempotencyToken, // 1.2
    ListFilter,       // 1.3
    IdPrefixTemplate, // 1.4
    BearerToken,      // 1.4
    Priority,         // 1.10
};

ServerVersion minimumVersion(ServerFeature feature);
QString featureName(ServerFeature feature);
bool supports(const std::optional<ServerVersion> &server, ServerFeature feature);

} // namespace dd
