#pragma once
// How long blocking queries wait and how failed reads back off. The app uses
// Nomad-friendly defaults; tests shorten them.

#include "api/blockingfollower.h"
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
    std::chrono::milliseconds listChangeInterval{1000};
    // A task log stream silent this long is dead and is reopened (Nomad sends
    // a heartbeat every second).
    std::chrono::milliseconds logIdleTimeout{10000};

    // The app's lists retry for as long as they are shown, and show what a
    // cluster without a known leader answers: a little stale beats an error.
    BlockingFollower::Options listFollowing() const
    {
        BlockingFollower::Options o;
        o.blockingWait = blockingWait;
        o.retry = retry;
        o.giveUp = false;
        o.requireKnownLeader = false;
        // On the event stream, a busy cluster changes every moment: a list is
        // read again at most this often.
        o.minChangeInterval = listChangeInterval;
        return o;
    }
};

} // namespace dd::gui
