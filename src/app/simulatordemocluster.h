#pragma once
// The demo cluster of `dispatch-desk --demo`: the Nomad API simulator with
// its demo jobs, on its own thread, so the GUI never waits on it.

#include "gui/democluster.h"

namespace dd::app {

gui::DemoClusterFactory simulatorDemoFactory();

} // namespace dd::app
