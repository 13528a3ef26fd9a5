#pragma once
// The dispatched children of the selected job, kept live with a blocking
// query on the job list (prefix "<parent>/dispatch-"), filterable by status,
// with the opened child's details below. The list shows as a table or as a
// chart of outcome and run time (ChildrenChart).

#include "api/jobstopper.h"
#include "api/nomadclient.h"
#include "gui/allocationtools.h"
#include "gui/tuning.h"

#include <QSet>
#include <QWidget>

#include <memory>

namespace Ui {
class ChildrenPanel;
}

class QTableView;

namespace dd::models {
class ChildJobModel;
class StatusFilterProxy;
} // namespace dd::models

namespace dd {
class BlockingFollower;
}

namespace dd::gui {

class ChildDetailPanel;
class ChildrenChart;

class ChildrenPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChildrenPanel(QWidget *parent = nullptr);
    ~ChildrenPanel() override;

    void setAllocationTools(const AllocationTools &tools);
    void setClient(NomadClient *client, const QString &profileName, const Tuning &tuning);
    void setJob(const QString &nameSpace, const QString &parentId);
    void clear();
    void refresh();
    bool selectChild(const QString &childId);
    // "all", "pending", "running", "complete", "failed"
    void setStatusFilter(const QString &status);

    models::ChildJobModel *model() const { return m_model; }
    QTableView *view() const;
    ChildDetailPanel *detail() const;
    ChildrenChart *chart() const;
    // The table or the chart.
    void showChart(bool chart);
    bool isChartShown() const;
    int visibleCount() const;
    QString parentId() const { return m_parentId; }
    QString nameSpace() const { return m_nameSpace; }
    // The selected rows' child IDs, in the table's order.
    QStringList selectedChildIds() const;
    // Every child the list holds (for "Purge finished children…").
    QList<JobStub> children() const;
    // A stop's outcome, inline above the table.
    void showStopResult(const QString &text, bool ok);

Q_SIGNALS:
    void countChanged(int total);
    void dispatchAgainRequested(const dd::Job &child);
    void stopRequested(const QStringList &childIds, dd::StopMode mode);
    void purgeFinishedRequested();

private:
    void onCurrentChanged();
    void loadMissingMeta();
    void loadFinishTimes();
    void updateCount();
    // The detail's header says what the selected child's row says (one source).
    void syncDetailOutcome();
    void setUpStopActions(); // childrenpanelstop.cpp
    void updateStopButtons();
    void showContextMenu(const QPoint &position);

    std::unique_ptr<Ui::ChildrenPanel> m_ui;
    models::ChildJobModel *m_model;
    models::StatusFilterProxy *m_proxy;
    NomadClient *m_client = nullptr;
    QString m_profileName;
    Tuning m_tuning;
    QString m_nameSpace;
    QString m_parentId;
    BlockingFollower *m_watcher = nullptr;
    QSet<QString> m_metaInFlight;
    QSet<QString> m_finishInFlight;
    QString m_pendingSelection;
    QList<int> m_tableSplit; // the splitter while the table showed
};

} // namespace dd::gui
