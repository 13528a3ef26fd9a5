// MainWindow's stop, stop-and-purge and purge-finished wiring: the monitor's
// buttons, the children table, the Job menu, and the History tab that records them.
#include "gui/mainwindow.h"

#include "api/connection.h"
#include "gui/childrenpanel.h"
#include "gui/historypanel.h"
#include "gui/joblistpanel.h"
#include "gui/monitorarea.h"
#include "gui/stopactions.h"
#include "ui_mainwindow.h"

#include <QStatusBar>

namespace dd::gui {

void MainWindow::buildStopActions()
{
    m_stopActions = new StopActions(m_deps.prompter, this, this);
    m_stopActions->setJournal(m_deps.journal);
    connect(m_stopActions, &StopActions::journalBegun, m_ui->historyPanel, &HistoryPanel::markOwn);
    connect(m_stopActions, &StopActions::journalChanged, m_ui->historyPanel, &HistoryPanel::reload);
    connect(m_stopActions, &StopActions::stopFinished, this,
            [this](const QString &childId, bool ok, const QString &message) {
                statusBar()->showMessage(message, 15000);
                // Inline where the child shows, if it does.
                if (m_ui->childrenPanel->parentId() == parentOfChild(childId))
                    m_ui->childrenPanel->showStopResult(message, ok);
                if (ok)
                    m_ui->childrenPanel->refresh();
            });
    connect(m_ui->childrenPanel, &ChildrenPanel::stopRequested, this,
            [this](const QStringList &ids, StopMode mode) {
                stopChildren(m_ui->childrenPanel->nameSpace(), m_ui->childrenPanel->parentId(), ids,
                             mode);
            });
    connect(m_ui->childrenPanel, &ChildrenPanel::purgeFinishedRequested, this,
            &MainWindow::purgeFinishedChildren);
    connect(m_ui->actionPurgeFinished, &QAction::triggered, this,
            &MainWindow::purgeFinishedChildren);
    connect(m_ui->monitorArea, &MonitorArea::stopRequested, this,
            [this](const QString &profileName, const QString &nameSpace, const QString &childId,
                   StopMode mode) {
                // The monitor may outlive a profile switch: never send its stop to another cluster.
                if (profileName != m_connection->profile().name) {
                    statusBar()->showMessage(
                        tr("“%1” was dispatched on “%2”: switch to that profile to stop it.")
                            .arg(childId, profileName),
                        15000);
                    return;
                }
                stopChildren(nameSpace, parentOfChild(childId), {childId}, mode);
            });
}

void MainWindow::stopChildren(const QString &nameSpace, const QString &parentId,
                              const QStringList &childIds, StopMode mode)
{
    if (!m_connection->client() || childIds.isEmpty())
        return;
    m_stopActions->setClient(m_connection->client(), m_connection->profile().name);
    m_stopActions->stopChildren(nameSpace, parentId, childIds, mode);
}

void MainWindow::purgeFinishedChildren()
{
    const QString parentId = m_ui->jobListPanel->currentId();
    if (parentId.isEmpty() || !m_connection->client()) {
        statusBar()->showMessage(tr("Pick a job on the left first."), 8000);
        return;
    }
    const QString nameSpace = m_ui->jobListPanel->currentNamespace();
    // The children panel follows the selected job; its list is the one to choose from.
    const QList<JobStub> children = m_ui->childrenPanel->parentId() == parentId
                                        ? m_ui->childrenPanel->children()
                                        : QList<JobStub>{};
    m_stopActions->setClient(m_connection->client(), m_connection->profile().name);
    m_stopActions->purgeFinished(nameSpace, parentId, children);
}

} // namespace dd::gui
