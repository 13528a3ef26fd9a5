#pragma once
// Nomad's event stream (/v1/event/stream, 1.0+) reduced to what a follower
// needs: which object changed, at which index. The payloads (whole jobs,
// evaluations, allocations) are not kept: a follower re-reads what it shows.
// Pure functions, safe on a worker thread and on hostile input.

#include <QByteArray>
#include <QList>
#include <QString>

namespace dd {

struct ChangeEvent
{
    quint64 index = 0;
    QString topic; // Job, Evaluation, Allocation, Deployment, Node...
    QString type;  // JobRegistered, AllocationUpdated...
    QString key;   // the object's ID
    QString nameSpace;
    QString jobId; // the job the object belongs to (empty for nodes)
    // The line could not be read (too long, not JSON): anything may have changed.
    bool unknown = false;
};

// A line (one frame) longer than this is not parsed: its changes are unknown.
inline constexpr qsizetype kMaxEventLineBytes = 32 << 20;

// The parent of a dispatched child ("report/dispatch-1700000000-abcd1234" ->
// "report"), or empty for any other job ID.
QString dispatchParentOf(const QString &jobId);

// One line of the stream: a frame ({"Index":n,"Events":[...]}), a heartbeat
// ({}, no events) or something unreadable (one event with unknown = true).
QList<ChangeEvent> decodeEventLine(QByteArrayView line);

// Complete lines ('\n'-separated; a trailing part without '\n' is ignored).
QList<ChangeEvent> decodeEventLines(const QByteArray &lines);

} // namespace dd
