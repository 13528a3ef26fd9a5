#pragma once
// Stop and "stop and purge" for dispatched children, from the monitor and the
// children table, and "Purge finished children…" for a job. One child is
// confirmed through the Prompter (naming what stops, and where); several open
// StopJobsDialog, which is its own confirmation. Every stop is recorded in the
// journal, so the History tab (and `dispatch-desk-cli history`) shows it.

#include "api/jobstopper.h"
#include "gui/stopjobsdialog.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace dd {
class DispatchJournal;
}

namespace dd::gui {

class Prompter;

class StopActions : public QObject
{
    Q_OBJECT
public:
    StopActions(Prompter *prompter, QWidget *window, QObject *parent = nullptr);

    void setClient(NomadClient *client, const QString &profileName);
    void setJournal(DispatchJournal *journal) { m_journal = journal; }
    const QString &profileName() const { return m_profileName; }

    // Asks, then stops one child; stopFinished reports the outcome.
    void stopChild(const QString &nameSpace, const QString &childId, StopMode mode);
    // One child: stopChild. Several: the bulk dialog (returned, already shown).
    StopJobsDialog *stopChildren(const QString &nameSpace, const QString &parentId,
                                 const QStringList &childIds, StopMode mode);
    // The dialog choosing the dead ones among `children`.
    StopJobsDialog *purgeFinished(const QString &nameSpace, const QString &parentId,
                                  const QList<JobStub> &children);
    StopJobsDialog *openDialog() const { return m_dialog; }

Q_SIGNALS:
    void stopFinished(const QString &childId, bool ok, const QString &message);
    void journalBegun(const QString &id);
    void journalChanged();

private:
    StopJobsDialog *showDialog(StopJobsDialog *dialog);

    Prompter *m_prompter;
    QWidget *m_window;
    NomadClient *m_client = nullptr;
    QString m_profileName;
    DispatchJournal *m_journal = nullptr;
    QPointer<StopJobsDialog> m_dialog;
};

} // namespace dd::gui
