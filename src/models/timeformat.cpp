#include "models/timeformat.h"

namespace dd::models {

QDateTime fromNanos(qint64 nanos)
{
    if (nanos <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(nanos / 1000000).toLocalTime();
}

QString formatNanos(qint64 nanos)
{
    return formatTime(fromNanos(nanos));
}

QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace dd::models
