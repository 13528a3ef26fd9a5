#include "models/timeaxis.h"

#include <algorithm>
#include <iterator>

namespace dd::models {

TimeAxis timeAxisFor(qint64 minMs, qint64 maxMs, int maxTicks)
{
    static constexpr qint64 kSecond = 1000;
    static constexpr qint64 kSteps[] = {
        kSecond,          2 * kSecond,     5 * kSecond,     10 * kSecond,     15 * kSecond,
        30 * kSecond,     60 * kSecond,    120 * kSecond,   300 * kSecond,    600 * kSecond,
        900 * kSecond,    1800 * kSecond,  3600 * kSecond,  7200 * kSecond,   10800 * kSecond,
        21600 * kSecond,  43200 * kSecond, 86400 * kSecond, 172800 * kSecond, 604800 * kSecond,
        2592000 * kSecond};
    const qint64 span = std::max<qint64>(maxMs - minMs, kSecond);
    const qint64 pad = std::max<qint64>(span / 20, kSecond / 2);
    qint64 step = kSteps[std::size(kSteps) - 1];
    qint64 from = 0;
    qint64 to = 0;
    for (qint64 candidate : kSteps) {
        from = (minMs - pad) / candidate * candidate;
        to = (maxMs + pad + candidate - 1) / candidate * candidate;
        if ((to - from) / candidate + 1 <= maxTicks) {
            step = candidate;
            break;
        }
    }
    from = (minMs - pad) / step * step;
    to = std::max(from + step, (maxMs + pad + step - 1) / step * step);
    TimeAxis axis;
    axis.first = QDateTime::fromMSecsSinceEpoch(from);
    axis.last = QDateTime::fromMSecsSinceEpoch(to);
    axis.tickCount = int((to - from) / step) + 1;
    axis.format = step < 60 * kSecond ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    if (axis.first.date() != axis.last.date())
        axis.format = step >= 86400 * kSecond ? QStringLiteral("MMM d") : u"MMM d " + axis.format;
    return axis;
}

} // namespace dd::models
