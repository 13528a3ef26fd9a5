#pragma once
// One dispatch's allocations as lanes over time, for AllocationTimeline to
// draw: the states each allocation went through (pending, running, then
// complete, failed or lost) from its task events and times, the lanes in the
// order they were placed, and the span of time they cover.

#include <QList>
#include <QString>

namespace dd {
struct Allocation;
}

namespace dd::models {

struct TimelineSegment
{
    QString state; // pending, running, complete, failed, lost
    qint64 startNs = 0;
    qint64 endNs = 0; // 0: open, up to the right edge (now, or after the last end)
};

struct TimelineLane
{
    QString allocationId;
    QString label; // short ID and task group
    QString clientStatus;
    QList<TimelineSegment> segments;
};

struct AllocationLanes
{
    QList<TimelineLane> lanes;
    // The time the axis spans, unix nanoseconds, with room after the last change.
    qint64 startNs = 0;
    qint64 endNs = 0;
    // A lane is still pending or running: it grows with the clock.
    bool anyOpen = false;

    // The lanes of the allocations that have reported any time, as of nowNs.
    static AllocationLanes of(const QList<Allocation> &allocations, qint64 nowNs);
    // The states an allocation went through, from its task events (or, when
    // a server sends none, its tasks' start and finish times).
    static QList<TimelineSegment> segmentsOf(const Allocation &allocation, qint64 nowNs);
    // "1c2d3e4f  encode[0]": the short ID, the task group and the index.
    static QString laneLabel(const Allocation &allocation);
};

} // namespace dd::models
