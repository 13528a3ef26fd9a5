#include "api/logging.h"

namespace dd {
Q_LOGGING_CATEGORY(lcApi, "dd.api", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMonitor, "dd.monitor", QtWarningMsg)
} // namespace dd
