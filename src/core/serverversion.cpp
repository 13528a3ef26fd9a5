#include "core/serverversion.h"

#include <QRegularExpression>

namespace dd {

std::optional<ServerVersion> ServerVersion::parse(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(R"(^v?(\d+)\.(\d+)(?:\.(\d+))?)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    return ServerVersion{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

QString ServerVersion::toString() const
{
    return QString::number(major) + u'.' + QString::number(minor) + u'.' + QString::number(patch);
}

ServerVersion minimumVersion(ServerFeature feature)
{
    switch (feature) {
    case ServerFeature::IdempotencyToken:
        return {1, 2, 0};
    case ServerFeature::ListFilter:
        return {1, 3, 0};
    case ServerFeature::IdPrefixTemplate:
    case ServerFeature::BearerToken:
        return {1, 4, 0};
    case ServerFeature::Priority:
        return {1, 10, 0};
    }
    return {};
}

QString featureName(ServerFeature feature)
{
    switch (feature) {
    case ServerFeature::IdempotencyToken:
        return QStringLiteral("idempotency tokens");
    case ServerFeature::ListFilter:
        return QStringLiteral("list filters");
    case ServerFeature::IdPrefixTemplate:
        return QStringLiteral("ID prefix templates");
    case ServerFeature::BearerToken:
        return QStringLiteral("bearer tokens");
    case ServerFeature::Priority:
        return QStringLiteral("dispatch priority");
    }
    return {};
}

bool supports(const std::optional<ServerVersion> &server, ServerFeature feature)
{
    return server && *server >= minimumVersion(feature);
}

} // namespace dd
