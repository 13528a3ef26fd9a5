#pragma once
// What a dispatch's monitor and a child's detail need to show more of an
// allocation than its status (its task logs, its files): the file pickers and
// the desktop, injected by the window. withFallbacks() fills what was not
// given with stateless stand-ins that cancel every file question and copy nothing.

#include <chrono>

namespace dd::gui {

class Desktop;
class FileDialogs;

struct AllocationTools
{
    FileDialogs *fileDialogs = nullptr;
    Desktop *desktop = nullptr;
    // A log stream silent this long is reopened (Tuning::logIdleTimeout).
    std::chrono::milliseconds logIdleTimeout{10000};
};

AllocationTools withFallbacks(AllocationTools tools);

} // namespace dd::gui
