#pragma once
// One dispatch, followed live: the verdict banner, the timeline of what
// happened, the allocations (as a table and as lanes over time) and the
// evaluations.

#include "api/jobstopper.h"
#include "gui/dispatchtracker.h"

#include <QWidget>

#include <memory>

namespace Ui {
class MonitorPanel;
}

class QAbstractItemView;

namespace dd::gui {

class AllocationTimeline;
class VerdictBanner;

class MonitorPanel : public QWidget
{
    Q_OBJECT
public:
    // The panel owns the tracker from here on.
    explicit MonitorPanel(DispatchTracker *tracker, QWidget *parent = nullptr);
    ~MonitorPanel() override;

    DispatchTracker *tracker() const { return m_tracker; }
    VerdictBanner *banner() const;
    QAbstractItemView *timelineView() const;
    QAbstractItemView *allocationsView() const;
    AllocationTimeline *allocationTimeline() const;
    // Brings the allocation timeline's tab to the front.
    void showAllocationTimeline();

Q_SIGNALS:
    void showChildRequested(const QString &nameSpace, const QString &parentId,
                            const QString &childId);
    // "Stop job" / "Stop and purge": the dispatched child, on the profile it was dispatched on.
    void stopRequested(const QString &profileName, const QString &nameSpace, const QString &childId,
                       dd::StopMode mode);

private:
    void onVerdict(const VerdictInfo &verdict);

    std::unique_ptr<Ui::MonitorPanel> m_ui;
    DispatchTracker *m_tracker;
};

} // namespace dd::gui
