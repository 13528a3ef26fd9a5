#include "models/timeformat.h"

#include <QCoreApplication>

#include <algorithm>

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

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * kNsPerMs;
}

QString durationText(qint64 ns)
{
    // The context lupdate gives tr() calls in this namespace.
    auto tr = [](const char *text) { return QCoreApplication::translate("dd::models", text); };
    const qint64 ms = std::max<qint64>(0, ns / kNsPerMs);
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace dd::models
