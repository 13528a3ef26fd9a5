#pragma once
// One dispatch, followed live: the verdict banner, the timeline of what
// happened, the allocations (as a table and as lanes over time) and the
// evaluations.

#include "api/jobstopper.h"
#include "gui/allocationtools.h"
#include "gui/dispatchtracker.h"
#include "gui/logpanel.h"

#include <QWidget>

#include <memory>

namespace Ui {
class MonitorPanel;
}

class QAbstractItemView;

namespace dd::gui {

class AllocationChooser;
class AllocationTabs;
class AllocationTimeline;
class VerdictBanner;

class MonitorPanel : public QWidget
{
    Q_OBJECT
public:
    // The panel owns the tracker from here on. The tools' file pickers and
    // desktop must outlive the panel.
    MonitorPanel(DispatchTracker *tracker, const AllocationTools &tools, QWidget *parent = nullptr);
    ~MonitorPanel() override;

    DispatchTracker *tracker() const { return m_tracker; }
    VerdictBanner *banner() const;
    QAbstractItemView *timelineView() const;
    QAbstractItemView *allocationsView() const;
    AllocationTimeline *allocationTimeline() const;
    // Brings the allocation timeline's tab to the front.
    void showAllocationTimeline();
    LogPanel *logPanel() const { return m_logs; }
    // Brings the Logs tab to the front, on `target` when it is offered.
    void showLogs(const LogTarget &target = {}, LogStream stream = LogStream::Stdout);
    // The Files and Usage tabs, and which allocation they show.
    AllocationTabs *allocationTabs() const { return m_allocationTabs; }
    AllocationChooser *allocationChooser() const { return m_chooser; }

Q_SIGNALS:
    void showChildRequested(const QString &nameSpace, const QString &parentId,
                            const QString &childId);
    // "Stop job" / "Stop and purge": the dispatched child, on the profile it was dispatched on.
    void stopRequested(const QString &profileName, const QString &nameSpace, const QString &childId,
                       dd::StopMode mode);

private:
    void onVerdict(const VerdictInfo &verdict);
    void quoteFailure();
    void quoteLog(const LogTarget &target, bool stderrStream);

    std::unique_ptr<Ui::MonitorPanel> m_ui;
    DispatchTracker *m_tracker;
    LogPanel *m_logs = nullptr;
    AllocationChooser *m_chooser = nullptr;
    AllocationTabs *m_allocationTabs = nullptr;
    bool m_quoted = false;
    LogTarget m_quotedTarget;
    LogStream m_quotedStream = LogStream::Stderr;
};

} // namespace dd::gui
