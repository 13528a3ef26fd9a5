#pragma once
// Nomad's times are unix nanoseconds; people read local wall-clock times.

#include <QDateTime>
#include <QString>

namespace dd::models {

QDateTime fromNanos(qint64 nanos);
// "2026-11-23 14:05:07", or empty for an unset time.
QString formatNanos(qint64 nanos);
QString formatTime(const QDateTime &time);

} // namespace dd::models
