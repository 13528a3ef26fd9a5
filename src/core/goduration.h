#pragma once
// Go's time.Duration text, which Nomad uses for `wait` and prints in the CLI.

#include <QString>

#include <chrono>
#include <optional>

namespace dd {

// "10s", "1m30s", "250ms", "1.5h"; a bare number is rejected, as Go does.
std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text);
// time.Duration.String(): "1m30s", "250ms", "0s".
QString formatGoDuration(std::chrono::nanoseconds duration);

} // namespace dd
