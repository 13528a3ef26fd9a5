#pragma once
// One logging category per layer. Tokens are never logged: requests are
// logged by method and URL only, and the token travels in a header.
#include <QLoggingCategory>

namespace dd {
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcMonitor)
} // namespace dd
