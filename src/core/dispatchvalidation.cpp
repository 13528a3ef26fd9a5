#include "core/dispatchvalidation.h"

namespace dd {

namespace {
QString bracketList(QStringList keys)
{
    keys.sort();
    return u'[' + keys.join(u' ') + u']';
}
} // namespace

QList<DispatchProblem> validateDispatch(const Job &job, const DispatchRequest &request)
{
    QList<DispatchProblem> problems;
    const ParameterizedConfig config = job.parameterized.value_or(ParameterizedConfig{});
    const bool hasPayload = !request.payload.isEmpty();
    if (config.payload == PayloadRule::Required && !hasPayload) {
        problems.append(
            {DispatchProblemKind::PayloadRequired,
             QStringLiteral("Payload is not provided but required by parameterized job"),
             {}});
    }
    if (config.payload == PayloadRule::Forbidden && hasPayload) {
        problems.append({DispatchProblemKind::PayloadForbidden,
                         QStringLiteral("Payload provided but forbidden by parameterized job"),
                         {}});
    }
    if (request.payload.size() > kMaxPayloadBytes) {
        problems.append({DispatchProblemKind::PayloadTooLarge,
                         u"Payload exceeds maximum size; " +
                             QString::number(request.payload.size()) + u" > " +
                             QString::number(kMaxPayloadBytes),
                         {}});
    }
    QStringList unpermitted;
    for (auto it = request.meta.begin(); it != request.meta.end(); ++it) {
        if (it.key().isEmpty()) {
            problems.append({DispatchProblemKind::MetaKeyEmpty,
                             QStringLiteral("A meta key cannot be empty"),
                             {}});
        } else if (!config.allowsKey(it.key())) {
            unpermitted.append(it.key());
        }
    }
    if (!unpermitted.isEmpty()) {
        problems.append(
            {DispatchProblemKind::MetaKeyNotAllowed,
             u"Dispatch request included unpermitted metadata keys: " + bracketList(unpermitted),
             unpermitted});
    }
    QStringList missing;
    for (const QString &key : config.metaRequired) {
        if (!request.meta.contains(key))
            missing.append(key);
    }
    if (!missing.isEmpty()) {
        problems.append({DispatchProblemKind::MetaRequiredMissing,
                         u"Dispatch did not provide required meta keys: " + bracketList(missing),
                         missing});
    }
    if (request.priority < 0 || request.priority > 100) {
        problems.append({DispatchProblemKind::PriorityOutOfRange,
                         u"Priority must be between 1 and 100 (0 inherits the job's), not " +
                             QString::number(request.priority),
                         {}});
    }
    return problems;
}

MetaMap mergedMeta(const Job &parent, const MetaMap &requestMeta)
{
    MetaMap merged = parent.meta;
    for (auto it = requestMeta.begin(); it != requestMeta.end(); ++it)
        merged.insert(it.key(), it.value());
    return merged;
}

QStringList describeSchema(const Job &job)
{
    QStringList lines;
    if (!job.parameterized) {
        lines.append(u"Job \"" + job.id + u"\" is not parameterized and cannot be dispatched.");
        return lines;
    }
    const ParameterizedConfig &c = *job.parameterized;
    lines.append(u"Job \"" + job.id + u"\" accepts:");
    switch (c.payload) {
    case PayloadRule::Required:
        lines.append(u"  payload:       required (at most " + QString::number(kMaxPayloadBytes) +
                     u" bytes)");
        break;
    case PayloadRule::Optional:
        lines.append(u"  payload:       optional (at most " + QString::number(kMaxPayloadBytes) +
                     u" bytes)");
        break;
    case PayloadRule::Forbidden:
        lines.append(QStringLiteral("  payload:       forbidden (give no input source)"));
        break;
    }
    auto describeKeys = [&](const QStringList &keys) {
        if (keys.isEmpty())
            return QStringLiteral("none");
        QStringList parts;
        for (const QString &key : keys) {
            const auto def = job.meta.constFind(key);
            parts.append(def == job.meta.cend() ? key : key + u" (default \"" + *def + u"\")");
        }
        return parts.join(u", ");
    };
    lines.append(u"  required meta: " + describeKeys(c.metaRequired));
    lines.append(u"  optional meta: " + describeKeys(c.metaOptional));
    return lines;
}

} // namespace dd
