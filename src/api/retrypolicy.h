#pragma once
// Capped exponential backoff with jitter for reads and blocking queries.

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>

namespace dd {

struct RetryPolicy
{
    std::chrono::milliseconds initial{250};
    std::chrono::milliseconds maximum{8000};
    // A watch gives up only after failing this long in a row; the user sees the countdown.
    std::chrono::milliseconds giveUpAfter{60000};

    std::chrono::milliseconds delayFor(int attempt) const
    {
        const qint64 base = initial.count() << std::min(attempt, 16);
        const qint64 capped = std::min<qint64>(base, maximum.count());
        // Full jitter in the upper half keeps many watchers from retrying in step.
        const qint64 jitter = QRandomGenerator::global()->bounded(capped / 2 + 1);
        return std::chrono::milliseconds(capped / 2 + jitter);
    }
};

} // namespace dd
