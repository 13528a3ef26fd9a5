#include "gui/allocationtools.h"

#include "gui/desktop.h"
#include "gui/filedialogs.h"

namespace dd::gui {

AllocationTools withFallbacks(AllocationTools tools)
{
    // Stateless: one of each serves every window.
    static NoFileDialogs noFileDialogs;
    static NoDesktop noDesktop;
    if (!tools.fileDialogs)
        tools.fileDialogs = &noFileDialogs;
    if (!tools.desktop)
        tools.desktop = &noDesktop;
    return tools;
}

} // namespace dd::gui
