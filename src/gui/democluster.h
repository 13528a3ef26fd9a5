#pragma once
// The in-process demo cluster, behind an interface so the app and the tests
// choose how it is made (the simulator on its own thread, usually).

#include "gui/profilesource.h"

#include <expected>
#include <functional>
#include <memory>

namespace dd::gui {

class DemoCluster
{
public:
    virtual ~DemoCluster() = default;
    // Starts it and says how to connect, or why it could not start.
    virtual std::expected<Profile, QString> start() = 0;
};

using DemoClusterFactory = std::function<std::unique_ptr<DemoCluster>()>;

} // namespace dd::gui
