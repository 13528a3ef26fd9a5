#pragma once
// The monitor pane: one tab per dispatch, each following it live. Tabs show
// their verdict's icon, so several dispatches can be watched at once.

#include "api/jobstopper.h"
#include "gui/allocationtools.h"

#include <QWidget>

#include <memory>

namespace Ui {
class MonitorArea;
}

class QTabWidget;

namespace dd::gui {

class DispatchTracker;
class MonitorPanel;

class MonitorArea : public QWidget
{
    Q_OBJECT
public:
    explicit MonitorArea(QWidget *parent = nullptr);
    ~MonitorArea() override;

    // What the monitors use to show logs and files (the window's file pickers
    // and desktop). Without it they cancel every file question and copy nothing.
    void setAllocationTools(const AllocationTools &tools);
    // Opens a tab for the tracker (the tab owns it) and starts it.
    MonitorPanel *addMonitor(DispatchTracker *tracker);
    int count() const;
    MonitorPanel *monitor(int index) const;
    MonitorPanel *currentMonitor() const;
    QTabWidget *tabs() const;

Q_SIGNALS:
    void showChildRequested(const QString &nameSpace, const QString &parentId,
                            const QString &childId);
    void stopRequested(const QString &profileName, const QString &nameSpace, const QString &childId,
                       dd::StopMode mode);
    // The first tab opened, or the last one closed.
    void emptyChanged(bool empty);

private:
    void closeTab(int index);
    void updateStack();

    std::unique_ptr<Ui::MonitorArea> m_ui;
    AllocationTools m_tools;
    bool m_empty = true;
};

} // namespace dd::gui
