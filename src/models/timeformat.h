#pragma once
// Nomad's times are unix nanoseconds; people read local wall-clock times.

#include <QDateTime>
#include <QString>

namespace dd::models {

QDateTime fromNanos(qint64 nanos);
// "2026-11-23 14:05:07", or empty for an unset time.
QString formatNanos(qint64 nanos);
QString formatTime(const QDateTime &time);

inline constexpr qint64 kNsPerMs = 1'000'000;
inline constexpr qint64 kNsPerSecond = 1'000'000'000;
// Now, in Nomad's unix nanoseconds.
qint64 nowNs();
// A span for people: "850 ms", "12.5 s", "4 min 10 s", "2 h 5 min".
QString durationText(qint64 ns);

} // namespace dd::models
