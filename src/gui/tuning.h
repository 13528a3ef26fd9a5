#pragma once
// How long blocking queries wait and how failed reads back off. The app uses
// Nomad-friendly defaults; tests shorten them.

#include "api/retrypolicy.h"

#include <chrono>

namespace dd::gui {

struct Tuning
{
    std::chrono::milliseconds blockingWait{300000};
    RetryPolicy retry;
    std::chrono::milliseconds reconnectInterval{5000};
    // Two identical dispatches closer than this ask first.
    std::chrono::milliseconds repeatWindow{10000};
};

} // namespace dd::gui
