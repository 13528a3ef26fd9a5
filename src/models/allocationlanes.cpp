#include "models/allocationlanes.h"

#include "core/ids.h"
#include "core/types.h"
#include "models/timeformat.h"

#include <QCollator>
#include <QDateTime>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace dd::models {

namespace {

constexpr qint64 kOpen = std::numeric_limits<qint64>::max();

qint64 nanosOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() * kNsPerMs : 0;
}

// Events after which a task is no longer running (a restart starts it again).
bool endsRun(const TaskEvent &e)
{
    return e.type == u"Terminated" || e.type == u"Killed" || e.type == u"Driver Failure" ||
           e.type == u"Failed Validation" || e.type == u"Setup Failure" ||
           e.type == u"Task hook failed" || e.type == u"Not Restarting";
}

} // namespace

QList<TimelineSegment> AllocationLanes::segmentsOf(const Allocation &a, qint64 now)
{
    const bool terminal = a.isTerminal();
    qint64 created = a.createTime;
    qint64 last = 0; // the latest time anything was reported
    QList<std::pair<qint64, qint64>> runs;
    for (const TaskState &task : a.taskStates) {
        QList<TaskEvent> events = task.events;
        std::stable_sort(events.begin(), events.end(),
                         [](const TaskEvent &x, const TaskEvent &y) { return x.time < y.time; });
        qint64 runStart = 0;
        for (const TaskEvent &e : events) {
            if (e.time <= 0)
                continue;
            if (created <= 0 || e.time < created)
                created = e.time;
            last = std::max(last, e.time);
            if (e.type == u"Started") {
                if (runStart == 0)
                    runStart = e.time;
            } else if (runStart != 0 && endsRun(e)) {
                runs.append({runStart, e.time});
                runStart = 0;
            }
        }
        const qint64 started = nanosOf(task.startedAt);
        const qint64 finished = nanosOf(task.finishedAt);
        last = std::max({last, started, finished});
        if (events.isEmpty() && started > 0) {
            // No events (an old or trimmed reply): the task's own times.
            if (finished > 0)
                runs.append({started, std::max(started, finished)});
            else
                runStart = started;
        }
        if (runStart != 0) {
            if (task.state == u"dead" || terminal) {
                const qint64 end = finished > 0 ? finished : std::max(last, a.modifyTime);
                runs.append({runStart, std::max(runStart, end)});
            } else {
                runs.append({runStart, kOpen});
            }
        }
    }
    if (created <= 0)
        return {};

    // Tasks run side by side: the allocation runs while any of them does.
    std::sort(runs.begin(), runs.end());
    QList<std::pair<qint64, qint64>> merged;
    for (const auto &run : runs) {
        if (!merged.isEmpty() && run.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, run.second);
        else
            merged.append(run);
    }

    QList<TimelineSegment> segments;
    auto add = [&](const QString &state, qint64 from, qint64 to) {
        // A run is shown even when it lasted no time (a script that exits at once).
        if (to != 0 && (to < from || (to == from && state != u"running")))
            return;
        segments.append({state, from, to});
    };
    qint64 t = created;
    for (const auto &[start, end] : merged) {
        // Before the first run: waiting to start; between runs: restarting.
        add(QStringLiteral("pending"), t, std::max(t, start));
        const qint64 from = std::max(t, start);
        if (end == kOpen) {
            add(QStringLiteral("running"), from, 0);
            return segments;
        }
        add(QStringLiteral("running"), from, end);
        t = std::max(from, end);
    }
    if (terminal) {
        const qint64 end = merged.isEmpty() ? std::max({t, last, a.modifyTime}) : t;
        add(QStringLiteral("pending"), t, end);
        add(a.clientStatus, end, 0);
    } else if (a.clientStatus == u"running") {
        // Running, but no event says since when: since the last word.
        add(QStringLiteral("running"), std::min(std::max(t, last), now), 0);
    } else {
        add(QStringLiteral("pending"), t, 0);
    }
    return segments;
}

QString AllocationLanes::laneLabel(const Allocation &a)
{
    // "video-encode/dispatch-….encode[0]" -> "encode[0]"
    QString group = a.taskGroup;
    if (a.name.endsWith(u']')) {
        const qsizetype open = a.name.lastIndexOf(u'[');
        if (open > 0)
            group += a.name.mid(open);
    }
    return shortId(a.id) + u"  " + group;
}

AllocationLanes AllocationLanes::of(const QList<Allocation> &allocations, qint64 now)
{
    QList<TimelineLane> lanes;
    for (const Allocation &a : allocations) {
        TimelineLane lane{a.id, laneLabel(a), a.clientStatus, segmentsOf(a, now)};
        if (lane.segments.isEmpty())
            continue;
        lanes.append(lane);
    }
    // In the order they were placed, then by name: map[0], map[1], ..., reduce[0]. One
    // evaluation places its allocations within moments of each other: one cluster.
    std::stable_sort(lanes.begin(), lanes.end(), [](const TimelineLane &x, const TimelineLane &y) {
        return x.segments.first().startNs < y.segments.first().startNs;
    });
    QList<std::pair<int, TimelineLane>> clustered;
    int cluster = 0;
    for (int i = 0; i < lanes.size(); ++i) {
        if (i > 0 &&
            lanes.at(i).segments.first().startNs - lanes.at(i - 1).segments.first().startNs >
                kNsPerSecond / 2)
            ++cluster;
        clustered.append({cluster, lanes.at(i)});
    }
    QCollator collator;
    collator.setNumericMode(true);
    std::stable_sort(clustered.begin(), clustered.end(), [&](const auto &x, const auto &y) {
        if (x.first != y.first)
            return x.first < y.first;
        return collator.compare(x.second.label.section(u"  "_s, 1),
                                y.second.label.section(u"  "_s, 1)) < 0;
    });
    lanes.clear();
    for (const auto &[c, lane] : clustered)
        lanes.append(lane);

    AllocationLanes result;
    qint64 start = 0;
    qint64 last = 0;
    for (const TimelineLane &lane : lanes) {
        for (const TimelineSegment &s : lane.segments) {
            start = start == 0 ? s.startNs : std::min(start, s.startNs);
            last = std::max({last, s.startNs, s.endNs});
            if (s.endNs == 0 && (s.state == u"pending" || s.state == u"running"))
                result.anyOpen = true;
        }
    }
    if (result.anyOpen) {
        // A little room after "now", so its line and label show.
        last = std::max(last, now);
        result.endNs = last + std::max<qint64>((last - start) / 16, kNsPerSecond / 4);
    } else {
        // Room after the last change for the final states to show.
        const qint64 span = std::max<qint64>(last - start, kNsPerSecond);
        result.endNs = last + std::max<qint64>(span / 8, kNsPerSecond / 2);
    }
    result.startNs = start;
    result.lanes = lanes;
    return result;
}

} // namespace dd::models
