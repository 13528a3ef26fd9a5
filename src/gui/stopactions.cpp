// Stopping one child after a confirmation, and opening the bulk dialogs.
#include "gui/stopactions.h"

#include "core/dispatchjournal.h"
#include "gui/prompter.h"
#include "gui/stopjobsdialog.h"

#include <QWidget>

#include <memory>

namespace dd::gui {

namespace {
QString stopQuoted(const QString &s)
{
    return u'“' + s + u'”';
}
} // namespace

StopActions::StopActions(Prompter *prompter, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_prompter(prompter)
    , m_window(window)
{}

void StopActions::setClient(NomadClient *client, const QString &profileName)
{
    m_client = client;
    m_profileName = profileName;
}

void StopActions::stopChild(const QString &nameSpace, const QString &childId, StopMode mode)
{
    if (!m_client || childId.isEmpty())
        return;
    const bool purge = mode == StopMode::Purge;
    const QString text =
        purge ? tr("Stop and purge %1 on %2? Its running allocations are killed, and Nomad "
                   "forgets the job; this cannot be undone.")
                    .arg(stopQuoted(childId), stopQuoted(m_profileName))
              : tr("Stop %1 on %2? Its running allocations are killed.")
                    .arg(stopQuoted(childId), stopQuoted(m_profileName));
    if (!m_prompter ||
        !m_prompter->confirm(m_window, purge ? tr("Stop and Purge Job") : tr("Stop Job"), text))
        return;

    auto entry = std::make_shared<JournalEntry>();
    bool journaled = false;
    if (m_journal) {
        DispatchRecordContext record;
        record.source = QStringLiteral("app");
        record.profile = m_profileName;
        record.address = m_client->config().address.toString();
        record.nameSpace = nameSpace;
        if (auto begun = m_journal->begin(beginStopEntry(mode, childId, record))) {
            *entry = *begun;
            journaled = true;
            Q_EMIT journalBegun(entry->id);
            Q_EMIT journalChanged();
        }
    }
    QueryOptions options;
    options.nameSpace = nameSpace;
    stopJob(m_client, childId, mode, options, this,
            [this, entry, journaled, childId, mode, nameSpace,
             profile = m_profileName](Result<Reply<JobStopResponse>> result) {
                StopItemResult item;
                item.jobId = childId;
                item.status =
                    result ? StopItemResult::Status::Done : StopItemResult::Status::Failed;
                if (result)
                    item.response = result->value;
                else
                    item.error = result.error();
                if (journaled) {
                    completeStopEntry(*entry, item);
                    m_journal->complete(*entry);
                    Q_EMIT journalChanged();
                }
                if (!result) {
                    Q_EMIT stopFinished(
                        childId, false,
                        stopFailureText(result.error(), mode, childId, profile, nameSpace));
                    return;
                }
                Q_EMIT stopFinished(childId, true,
                                    (mode == StopMode::Purge
                                         ? tr("Stopped and purged %1 (evaluation %2).")
                                         : tr("Stopped %1 (evaluation %2)."))
                                        .arg(stopQuoted(childId), result->value.evalId.left(8)));
            });
}

StopJobsDialog *StopActions::stopChildren(const QString &nameSpace, const QString &parentId,
                                          const QStringList &childIds, StopMode mode)
{
    if (childIds.size() == 1) {
        stopChild(nameSpace, childIds.first(), mode);
        return nullptr;
    }
    if (childIds.isEmpty() || !m_client)
        return nullptr;
    StopJobsDialog::Context context{m_client, m_profileName, nameSpace, parentId, m_journal};
    return showDialog(new StopJobsDialog(context, mode, childIds, m_window));
}

StopJobsDialog *StopActions::purgeFinished(const QString &nameSpace, const QString &parentId,
                                           const QList<JobStub> &children)
{
    if (!m_client || parentId.isEmpty())
        return nullptr;
    StopJobsDialog::Context context{m_client, m_profileName, nameSpace, parentId, m_journal};
    return showDialog(new StopJobsDialog(context, children, m_window));
}

StopJobsDialog *StopActions::showDialog(StopJobsDialog *dialog)
{
    // One at a time: a second request raises the first while it runs.
    if (m_dialog && m_dialog->isRunning()) {
        delete dialog;
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    connect(dialog, &StopJobsDialog::journalBegun, this, &StopActions::journalBegun);
    connect(dialog, &StopJobsDialog::journalChanged, this, &StopActions::journalChanged);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    return dialog;
}

} // namespace dd::gui
