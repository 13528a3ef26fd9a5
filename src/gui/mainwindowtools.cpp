// MainWindow, continued: History, presets, copy as a command, the web UI, bulk
// dispatch and notifications. (mainwindow.cpp has the profile, namespace and job flow.)
#include "gui/mainwindow.h"

#include "api/blockingfollower.h"
#include "api/connection.h"
#include "core/presetstore.h"
#include "core/profilestore.h"
#include "gui/bulkdispatchdialog.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/desktop.h"
#include "gui/dispatchactions.h"
#include "gui/dispatchcontroller.h"
#include "gui/dispatchpanel.h"
#include "gui/dispatchtracker.h"
#include "gui/errortext.h"
#include "gui/historypanel.h"
#include "gui/icons.h"
#include "gui/joblistpanel.h"
#include "gui/monitorarea.h"
#include "gui/payloadsection.h"
#include "gui/profiledialog.h"
#include "gui/profilesource.h"
#include "gui/prompter.h"
#include "gui/storeprofilesource.h"
#include "models/joblistmodel.h"
#include "secrets/fallbacksecretstore.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

#include "ddversion.h"

namespace dd::gui {

void MainWindow::buildConveniences()
{
    auto status = [this](const QString &text) { statusBar()->showMessage(text, 8000); };
    // History: the journal shared with the CLI.
    m_dispatcher->setJournal(m_deps.journal);
    m_ui->historyPanel->setJournalPath(m_deps.journal ? m_deps.journal->path() : QString());
    connect(m_dispatcher, &DispatchController::journalBegun, m_ui->historyPanel,
            &HistoryPanel::markOwn);
    connect(m_dispatcher, &DispatchController::journalChanged, m_ui->historyPanel,
            &HistoryPanel::reload);
    connect(m_dispatcher, &DispatchController::warning, this, status);
    connect(m_dispatcher, &DispatchController::trackerStarted, this,
            &MainWindow::watchForNotification);
    connect(m_ui->historyPanel, &HistoryPanel::showChildRequested, this,
            &MainWindow::showHistoryChild);
    connect(m_ui->historyPanel, &HistoryPanel::openUrlRequested, this, [this](const QUrl &url) {
        if (m_deps.desktop)
            m_deps.desktop->openUrl(url);
    });
    connect(m_ui->actionHistory, &QAction::triggered, this,
            [this]() { m_ui->centralTabs->setCurrentWidget(m_ui->historyPanel); });
    // The CLI may have created the journal since: read it whenever it is shown.
    connect(m_ui->centralTabs, &QTabWidget::currentChanged, this, [this]() {
        if (m_ui->centralTabs->currentWidget() == m_ui->historyPanel)
            m_ui->historyPanel->reload();
    });

    // Presets, shared with `dispatch-desk-cli job dispatch -preset`.
    if (m_deps.settings) {
        m_presets = std::make_unique<PresetStore>(m_deps.settings);
        m_ui->dispatchPanel->setPresetStore(m_presets.get());
    }

    // Copy as a command, open in the web UI.
    m_actions = new DispatchActions(m_connection, m_ui->dispatchPanel, m_deps.desktop, this);
    connect(m_actions, &DispatchActions::status, this, status);
    auto needJob = [this, status]() {
        if (m_ui->dispatchPanel->job())
            return true;
        status(tr("Pick a job on the left first."));
        return false;
    };
    connect(m_ui->actionCopyCommand, &QAction::triggered, this, [this, needJob]() {
        if (needJob())
            m_actions->copyCommand(CommandKind::Nomad);
    });
    connect(m_ui->actionCopyCurl, &QAction::triggered, this, [this, needJob]() {
        if (needJob())
            m_actions->copyCommand(CommandKind::Curl);
    });
    connect(m_ui->actionOpenWebUi, &QAction::triggered, this, [this, needJob]() {
        if (needJob())
            m_actions->openInWebUi(m_ui->dispatchPanel->job()->id,
                                   m_ui->dispatchPanel->job()->nameSpace);
    });
    connect(m_ui->childrenPanel->detail(), &ChildDetailPanel::openInWebUiRequested, m_actions,
            &DispatchActions::openInWebUi);
    connect(m_ui->actionBulkDispatch, &QAction::triggered, this, &MainWindow::openBulkDispatch);
}

void MainWindow::openBulkDispatch()
{
    const auto job = m_ui->dispatchPanel->job();
    if (!job || !m_connection->client()) {
        statusBar()->showMessage(tr("Pick a job on the left first."), 8000);
        return;
    }
    BulkDispatchDialog::Context context;
    context.client = m_connection->client();
    context.profileName = m_connection->profile().name;
    context.serverVersion = m_connection->serverVersion();
    context.versionKnown = m_connection->versionKnown();
    context.journal = m_deps.journal;
    context.files = m_deps.fileDialogs;
    context.prompter = m_deps.prompter;
    auto *dialog = new BulkDispatchDialog(*job, job->nameSpace, context, this);
    dialog->setObjectName(QStringLiteral("bulkDispatchDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkDispatchDialog::runFinished, this, [this]() {
        m_ui->childrenPanel->refresh();
        m_ui->historyPanel->reload();
    });
    dialog->show();
}

void MainWindow::watchForNotification(DispatchTracker *tracker)
{
    connect(tracker, &DispatchTracker::verdictChanged, this,
            [this, tracker](const VerdictInfo &info) {
                if (!info.final || !m_deps.desktop)
                    return;
                if (info.verdict != Verdict::Completed && info.verdict != Verdict::Failed &&
                    info.verdict != Verdict::NotPlaced)
                    return;
                const DispatchContext &c = tracker->context();
                Notification n;
                n.failure = info.verdict != Verdict::Completed;
                n.title = info.title;
                n.text = tr("%1 on “%2”").arg(c.response.dispatchedJobId, c.profileName);
                if (!info.detail.isEmpty())
                    n.text += u'\n' + info.detail;
                m_deps.desktop->notify(this, n);
            });
}

void MainWindow::showHistoryChild(const QString &profile, const QString &nameSpace,
                                  const QString &parentId, const QString &childId)
{
    if (!profile.isEmpty() && profile != m_connection->profile().name) {
        if (!m_deps.profiles || !m_deps.profiles->profile(profile)) {
            statusBar()->showMessage(
                tr("The profile “%1” this job was dispatched on no longer exists.").arg(profile),
                8000);
            return;
        }
        selectProfile(profile);
    }
    showChild(nameSpace, parentId, childId);
}

} // namespace dd::gui
