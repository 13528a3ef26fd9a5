#pragma once
// A time axis that reads well: round times at even steps, few enough labels
// for the room there is, a little space around the points so none sits on an
// axis, and a label format that says as much as the step needs.

#include <QDateTime>
#include <QString>

namespace dd::models {

struct TimeAxis
{
    QDateTime first;
    QDateTime last;
    int tickCount = 2;
    QString format; // for QDateTime::toString: "HH:mm:ss", "HH:mm", "MMM d HH:mm", "MMM d"
};

// The axis for points between minMs and maxMs (unix milliseconds), with at
// most maxTicks labels.
TimeAxis timeAxisFor(qint64 minMs, qint64 maxMs, int maxTicks);

} // namespace dd::models
