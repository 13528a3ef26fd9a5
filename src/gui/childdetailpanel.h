#pragma once
// One dispatched job opened: its meta, its payload (pretty JSON, text or
// hex), its evaluations and allocations kept live, and "Dispatch again".

#include "api/nomadclient.h"
#include "gui/allocationtools.h"
#include "gui/tuning.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class ChildDetailPanel;
}

namespace dd::models {
class AllocationModel;
class EvaluationModel;
} // namespace dd::models

namespace dd {
class BlockingFollower;
}

namespace dd::gui {

class AllocationChooser;
class AllocationTabs;
class LogPanel;
class LogTargetBinder;

class ChildDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChildDetailPanel(QWidget *parent = nullptr);
    ~ChildDetailPanel() override;

    // Before setClient: what the Logs tab saves and copies with.
    void setAllocationTools(const AllocationTools &tools);
    void setClient(NomadClient *client, const QString &profileName, const Tuning &tuning);
    void showChild(const QString &nameSpace, const QString &childId);
    void clear();
    std::optional<Job> child() const { return m_child; }
    // The child's outcome as the children table shows it (its live row): the
    // header then says what the row says. Empty: derive it from the detail.
    void setListedOutcome(const QString &outcome);
    QString childId() const { return m_childId; }
    models::AllocationModel *allocations() const { return m_allocations; }
    models::EvaluationModel *evaluations() const { return m_evaluations; }
    // Null until setClient() gave a client.
    LogPanel *logPanel() const { return m_logs; }
    // Brings the Logs tab to the front.
    void showLogs();
    // The Files and Usage tabs, and which allocation they show.
    AllocationTabs *allocationTabs() const { return m_allocationTabs; }
    AllocationChooser *allocationChooser() const { return m_chooser; }

Q_SIGNALS:
    void dispatchAgainRequested(const dd::Job &child);
    void childLoaded(const dd::Job &child);
    void openInWebUiRequested(const QString &jobId, const QString &nameSpace);

private:
    void showJob(const Job &job);
    void updateTitle();
    void showError(const QString &what, const ApiError &error);
    void stopWatchers();
    void rebuildLogs();

    std::unique_ptr<Ui::ChildDetailPanel> m_ui;
    NomadClient *m_client = nullptr;
    QString m_profileName;
    Tuning m_tuning;
    QString m_nameSpace;
    QString m_childId;
    std::optional<Job> m_child;
    QString m_listedOutcome;
    models::AllocationModel *m_allocations;
    models::EvaluationModel *m_evaluations;
    BlockingFollower *m_allocWatcher = nullptr;
    BlockingFollower *m_evalWatcher = nullptr;
    CallHandle m_jobCall;
    AllocationTools m_tools;
    LogPanel *m_logs = nullptr;
    LogTargetBinder *m_logTargets = nullptr;
    QWidget *m_logsTab = nullptr;
    AllocationChooser *m_chooser = nullptr;
    AllocationTabs *m_allocationTabs = nullptr;
};

} // namespace dd::gui
