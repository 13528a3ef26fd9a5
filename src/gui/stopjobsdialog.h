#pragma once
// Stopping or purging several dispatched jobs at once, and "Purge finished
// children…". The dialog is the confirmation: it names the job and profile,
// counts and lists what will stop, and sends nothing before its Start button.
// Then it shows progress and each job's result, and Cancel stops sending.

#include "api/jobstopper.h"

#include <QDialog>

#include <memory>

namespace Ui {
class StopJobsDialog;
}

namespace dd {
class DispatchJournal;
}

class QTreeWidgetItem;

namespace dd::gui {

class StopJobsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Context
    {
        NomadClient *client = nullptr;
        QString profileName;
        QString nameSpace;
        QString parentId;
        DispatchJournal *journal = nullptr; // may be null
    };

    // Stops (or purges) exactly `childIds`.
    StopJobsDialog(const Context &context, StopMode mode, const QStringList &childIds,
                   QWidget *parent = nullptr);
    // Purges the finished (dead) ones among `children`, optionally older than an age.
    StopJobsDialog(const Context &context, const QList<JobStub> &children,
                   QWidget *parent = nullptr);
    ~StopJobsDialog() override;

    QStringList plannedIds() const { return m_ids; }
    bool isRunning() const { return m_stopper && m_stopper->isRunning(); }
    // The ages offered: 0 is any age.
    void setAgeChoice(int index);

    void start();
    void cancel();

Q_SIGNALS:
    void journalBegun(const QString &id);
    void journalChanged();
    void runFinished(const dd::StopSummary &summary);

protected:
    void reject() override;

private:
    void setUp();
    void updatePlan();
    void onItemChanged(const StopItemResult &result);
    void onFinished(const StopSummary &summary);

    std::unique_ptr<Ui::StopJobsDialog> m_ui;
    Context m_context;
    StopMode m_mode = StopMode::Stop;
    bool m_finishedChildren = false;
    QList<JobStub> m_candidates;
    QStringList m_ids;
    QList<JournalEntry> m_entries;
    JobStopper *m_stopper = nullptr;
    QString m_firstFailure;
};

} // namespace dd::gui
