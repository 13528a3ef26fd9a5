#pragma once
// Text forms Nomad (Go) uses on the wire: RFC 3339 times with trimmed
// nanoseconds, time.Duration strings, and the JSON that "omitempty" produces.
// The client has its own Go-duration code (core/goduration) on purpose: the
// simulator links no product library, so a mistake in the client's parsing or
// formatting cannot be mirrored here and pass the tests unseen.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace dd::sim {

constexpr qint64 kNsPerMs = 1'000'000;
constexpr qint64 kNsPerSecond = 1'000'000'000;

// Go's time.Time.Format(time.RFC3339Nano) in UTC; 0 is Go's zero time.
QString rfc3339Nano(qint64 unixNs);
// How a zero-able time is written: Nomad's HTTP encoder writes null for the zero
// time, the event stream (encoding/json) writes "0001-01-01T00:00:00Z".
enum class Flavor { Api, Event };
QJsonValue timeValue(qint64 unixNs, Flavor flavor);

// time.Duration.String(): "15s", "24h0m0s", "1.5s", "250ms".
QString goDuration(qint64 ns);
// time.ParseDuration: needs a unit ("10s", "1m30s", "250ms"); "0" alone is allowed.
std::optional<qint64> parseGoDuration(const QString &text);

// Drops the top-level members Go's omitempty would drop ("", 0, false, null,
// empty arrays and objects, all-empty structs), except those named in keep.
QJsonObject omitEmpty(const QJsonObject &object, const QStringList &keep = {});
bool isEmptyJson(const QJsonValue &value);

// RFC 7231 date for the Date header.
QByteArray httpDate(qint64 unixMs);

} // namespace dd::sim
