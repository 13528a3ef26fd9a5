#include "core/types.h"

namespace dd {

QString payloadRuleName(PayloadRule rule)
{
    switch (rule) {
    case PayloadRule::Optional:
        return QStringLiteral("optional");
    case PayloadRule::Required:
        return QStringLiteral("required");
    case PayloadRule::Forbidden:
        return QStringLiteral("forbidden");
    }
    return QStringLiteral("optional");
}

std::optional<PayloadRule> payloadRuleFromName(const QString &name)
{
    // Nomad treats an empty value as optional.
    if (name.isEmpty() || name == u"optional")
        return PayloadRule::Optional;
    if (name == u"required")
        return PayloadRule::Required;
    if (name == u"forbidden")
        return PayloadRule::Forbidden;
    return std::nullopt;
}

std::optional<TaskEvent> Allocation::lastEvent() const
{
    std::optional<TaskEvent> newest;
    for (const TaskState &state : taskStates) {
        for (const TaskEvent &event : state.events) {
            if (!newest || event.time >= newest->time)
                newest = event;
        }
    }
    return newest;
}

} // namespace dd
