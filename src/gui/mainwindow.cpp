#include "gui/mainwindow.h"

#include "core/presetstore.h"
#include "core/profilestore.h"
#include "gui/blockingwatcher.h"
#include "gui/bulkdispatchdialog.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/connection.h"
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

MainWindow::MainWindow(const MainWindowDeps &deps, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_deps(deps)
    , m_connection(new Connection(deps.network, this))
{
    initResources();
    m_ui->setupUi(this);
    setWindowIcon(icon(QStringLiteral("app")));
    m_connection->setRetryInterval(deps.tuning.reconnectInterval);
    m_ui->dispatchPanel->setPrompter(deps.prompter);
    m_ui->actionRefresh->setIcon(icon(QStringLiteral("refresh")));
    m_ui->actionDispatch->setIcon(icon(QStringLiteral("dispatch")));
    m_ui->actionLoadPayload->setIcon(icon(QStringLiteral("open")));
    m_ui->mainSplitter->setStretchFactor(0, 1);
    m_ui->mainSplitter->setStretchFactor(1, 3);
    // A taller window gives the form room first; the monitor keeps its height.
    m_ui->rightSplitter->setStretchFactor(0, 1);
    m_ui->rightSplitter->setStretchFactor(1, 0);
    m_ui->mainSplitter->setSizes({380, 1060});
    m_ui->rightSplitter->setSizes({560, 300});
    buildToolBar();
    buildStatusBar();

    m_dispatcher = new DispatchController(m_connection, m_ui->dispatchPanel, m_ui->monitorArea,
                                          deps.prompter, deps.tuning, this);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_ui->actionDispatch, &QAction::triggered, m_ui->dispatchPanel,
            &DispatchPanel::requestDispatch);
    connect(m_ui->dispatchPanel, &DispatchPanel::readinessChanged, m_ui->actionDispatch,
            &QAction::setEnabled);
    m_ui->actionDispatch->setEnabled(false);
    connect(m_ui->actionFind, &QAction::triggered, m_ui->jobListPanel, &JobListPanel::focusFilter);
    connect(m_ui->actionLoadPayload, &QAction::triggered, this, [this]() {
        m_ui->centralTabs->setCurrentWidget(m_ui->dispatchPanel);
        if (m_deps.prompter && m_ui->dispatchPanel->job()) {
            const QString path = m_deps.prompter->payloadFileToOpen(this);
            if (!path.isEmpty())
                m_ui->dispatchPanel->payloadSection()->loadFile(path);
        }
    });
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this]() {
        QMessageBox::about(
            this, tr("About Dispatch Desk"),
            tr("<b>Dispatch Desk</b> %1<br>Dispatch HashiCorp Nomad parameterized jobs "
               "and follow them to the end.<br>GPL-3.0-or-later.")
                .arg(QStringLiteral(DD_VERSION_STRING)));
    });

    connect(m_ui->jobListPanel, &JobListPanel::jobSelected, this, &MainWindow::onJobSelected);
    connect(m_ui->jobListPanel, &JobListPanel::selectionCleared, this, [this]() {
        m_ui->dispatchPanel->clearJob();
        m_ui->childrenPanel->clear();
    });
    connect(m_ui->childrenPanel, &ChildrenPanel::countChanged, this, [this](int n) {
        m_ui->centralTabs->setTabText(m_ui->centralTabs->indexOf(m_ui->childrenPanel),
                                      n > 0 ? tr("Dispatched jobs (%1)").arg(n)
                                            : tr("Dispatched jobs"));
    });
    connect(m_ui->childrenPanel, &ChildrenPanel::dispatchAgainRequested, this,
            [this](const Job &child) {
                m_ui->dispatchPanel->fillFrom(child);
                m_ui->centralTabs->setCurrentWidget(m_ui->dispatchPanel);
            });
    connect(m_ui->monitorArea, &MonitorArea::showChildRequested, this, &MainWindow::showChild);
    buildConveniences();

    connect(m_connection, &Connection::stateChanged, this, &MainWindow::onConnectionState);
    connect(m_connection, &Connection::namespacesChanged, this, [this](const QStringList &list) {
        m_updatingCombos = true;
        m_namespaceCombo->clear();
        m_namespaceCombo->addItems(list);
        m_namespaceCombo->setCurrentText(m_connection->nameSpace());
        m_updatingCombos = false;
    });
    connect(m_connection, &Connection::regionsChanged, this, [this](const QStringList &list) {
        m_updatingCombos = true;
        m_regionCombo->clear();
        m_regionCombo->addItems(list);
        m_regionCombo->setCurrentText(m_connection->region());
        m_regionCombo->setEnabled(list.size() > 1);
        m_updatingCombos = false;
    });
    if (deps.profiles)
        connect(deps.profiles, &ProfileSource::profilesChanged, this, &MainWindow::reloadProfiles);

    restoreLayout();
    reloadProfiles();
}

MainWindow::~MainWindow() = default;

JobListPanel *MainWindow::jobList() const
{
    return m_ui->jobListPanel;
}
DispatchPanel *MainWindow::dispatchPanel() const
{
    return m_ui->dispatchPanel;
}
ChildrenPanel *MainWindow::childrenPanel() const
{
    return m_ui->childrenPanel;
}
MonitorArea *MainWindow::monitorArea() const
{
    return m_ui->monitorArea;
}
HistoryPanel *MainWindow::historyPanel() const
{
    return m_ui->historyPanel;
}

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
    auto *dialog = new BulkDispatchDialog(
        m_connection->client(), *job, job->nameSpace, m_connection->profile().name,
        m_connection->serverVersion(), m_connection->versionKnown(), m_deps.journal,
        m_deps.fileDialogs, m_deps.prompter, this);
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

void MainWindow::buildToolBar()
{
    QToolBar *bar = m_ui->mainToolBar;
    auto addLabelled = [bar](const QString &text, const QString &name, QComboBox *combo) {
        auto *label = new QLabel(text, bar);
        label->setBuddy(combo);
        label->setContentsMargins(8, 0, 4, 0);
        combo->setObjectName(name);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setMinimumContentsLength(10);
        bar->addWidget(label);
        bar->addWidget(combo);
    };
    m_profileCombo = new QComboBox(bar);
    m_profileCombo->setToolTip(tr("The Nomad cluster to work with"));
    addLabelled(tr("&Profile:"), QStringLiteral("profileCombo"), m_profileCombo);
    // Colour and label next to the selector, so prod is hard to mistake for dev.
    m_profileBadge = new QLabel(bar);
    m_profileBadge->setObjectName(QStringLiteral("profileBadge"));
    m_badgeAction = bar->addWidget(m_profileBadge);
    m_badgeAction->setVisible(false);
    m_profilesAction = new QAction(icon(QStringLiteral("add")), tr("P&rofiles…"), this);
    m_profilesAction->setObjectName(QStringLiteral("actionProfiles"));
    m_profilesAction->setToolTip(tr("Create, edit, test, import and export connection profiles"));
    m_profilesAction->setVisible(m_deps.profileStore != nullptr);
    connect(m_profilesAction, &QAction::triggered, this,
            [this]() { openProfileDialog(m_connection->profile().name); });
    bar->addAction(m_profilesAction);
    if (auto *button = bar->widgetForAction(m_profilesAction))
        button->setObjectName(QStringLiteral("profilesButton"));
    m_ui->menuFile->insertAction(m_ui->actionQuit, m_profilesAction);
    m_ui->menuFile->insertSeparator(m_ui->actionQuit);
    m_skipVerifyLabel = new QLabel(bar);
    m_skipVerifyLabel->setObjectName(QStringLiteral("skipVerifyWarning"));
    m_namespaceCombo = new QComboBox(bar);
    m_namespaceCombo->setEditable(true);
    m_namespaceCombo->setInsertPolicy(QComboBox::NoInsert);
    m_namespaceCombo->setToolTip(tr("The namespace to list jobs from; * lists all of them"));
    addLabelled(tr("&Namespace:"), QStringLiteral("namespaceCombo"), m_namespaceCombo);
    m_regionCombo = new QComboBox(bar);
    m_regionCombo->setToolTip(tr("The region to send requests to"));
    addLabelled(tr("Re&gion:"), QStringLiteral("regionCombo"), m_regionCombo);
    bar->addSeparator();
    bar->addAction(m_ui->actionRefresh);
    bar->addAction(m_ui->actionDispatch);
    bar->addSeparator();
    m_skipVerifyAction = bar->addWidget(m_skipVerifyLabel);
    m_skipVerifyAction->setVisible(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this]() {
        if (!m_updatingCombos)
            selectProfile(m_profileCombo->currentText());
    });
    connect(m_namespaceCombo, &QComboBox::textActivated, this, [this](const QString &ns) {
        if (!m_updatingCombos)
            selectNamespace(ns);
    });
    // A namespace the token cannot list can still be typed.
    connect(m_namespaceCombo->lineEdit(), &QLineEdit::returnPressed, this, [this]() {
        if (!m_updatingCombos)
            selectNamespace(m_namespaceCombo->currentText().trimmed());
    });
    connect(m_regionCombo, &QComboBox::textActivated, this, [this](const QString &region) {
        if (m_updatingCombos)
            return;
        m_connection->setRegion(region);
        startJobWatch();
    });
}

void MainWindow::buildStatusBar()
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("connectionStateLabel"));
    m_versionLabel = new QLabel(this);
    m_versionLabel->setObjectName(QStringLiteral("serverVersionLabel"));
    m_leaderLabel = new QLabel(this);
    m_leaderLabel->setObjectName(QStringLiteral("leaderLabel"));
    statusBar()->addWidget(m_stateLabel, 1);
    // Where tokens go when no keychain runs: session only, or the weaker file.
    m_secretStatusLabel = new QLabel(this);
    m_secretStatusLabel->setObjectName(QStringLiteral("secretStatusLabel"));
    statusBar()->addPermanentWidget(m_secretStatusLabel);
    if (m_deps.profileStore) {
        connect(m_deps.profileStore->secrets(), &FallbackSecretStore::statusChanged, this,
                &MainWindow::updateSecretStatus);
    }
    updateSecretStatus();
    statusBar()->addPermanentWidget(m_versionLabel);
    statusBar()->addPermanentWidget(m_leaderLabel);
}

void MainWindow::reloadProfiles()
{
    const QList<Profile> profiles =
        m_deps.profiles ? m_deps.profiles->profiles() : QList<Profile>{};
    const QString current = m_connection->profile().name;
    m_updatingCombos = true;
    m_profileCombo->clear();
    for (const Profile &p : profiles)
        m_profileCombo->addItem(icon(p.isDemo ? QStringLiteral("app") : QStringLiteral("job")),
                                p.name);
    m_updatingCombos = false;
    QString wanted = current;
    if (wanted.isEmpty())
        wanted = m_deps.initialProfile;
    if (wanted.isEmpty() && m_deps.settings)
        wanted = m_deps.settings->value(QStringLiteral("session/profile")).toString();
    if (m_profileCombo->findText(wanted) < 0 && !profiles.isEmpty())
        wanted = profiles.first().name;
    const auto fresh = m_deps.profiles ? m_deps.profiles->profile(wanted) : std::nullopt;
    const ClientConfig &now = m_connection->profile().config;
    // A token read from the keychain after start, or an edited profile, applies at once.
    const bool changed =
        fresh && wanted == current &&
        (fresh->config.token != now.token || fresh->config.address != now.address ||
         fresh->config.tls != now.tls || fresh->config.region != now.region ||
         fresh->config.nameSpace != now.nameSpace ||
         fresh->label != m_connection->profile().label ||
         fresh->color != m_connection->profile().color);
    if (!wanted.isEmpty() && (wanted != current || !m_connection->hasProfile() || changed))
        selectProfile(wanted);
    else if (!wanted.isEmpty())
        m_profileCombo->setCurrentText(wanted);
    if (profiles.isEmpty())
        onConnectionState();
}

void MainWindow::selectProfile(const QString &name)
{
    const auto profile = m_deps.profiles ? m_deps.profiles->profile(name) : std::nullopt;
    if (!profile)
        return;
    m_updatingCombos = true;
    m_profileCombo->setCurrentText(name);
    m_updatingCombos = false;
    m_jobCall.cancel();
    m_ui->jobListPanel->clear();
    m_ui->dispatchPanel->clearJob();
    m_connection->setProfile(*profile);
    if (m_deps.settings) {
        const QString ns = m_deps.settings->value(u"session/namespace/" + name).toString();
        if (!ns.isEmpty())
            m_connection->setNamespace(ns);
        m_pendingJobKey = m_deps.settings->value(u"session/job/" + name).toString();
    }
    m_namespaceCombo->setCurrentText(m_connection->nameSpace());
    m_ui->dispatchPanel->setProfileName(name);
    m_ui->childrenPanel->setClient(m_connection->client(), name, m_deps.tuning);
    updateProfileBadge();
    startJobWatch();
}

void MainWindow::updateProfileBadge()
{
    const Profile &p = m_connection->profile();
    const QString text = p.label.isEmpty() && !p.color.isEmpty() ? p.name : p.label;
    m_badgeAction->setVisible(!text.isEmpty());
    m_profileBadge->setText(text);
    m_profileBadge->setProperty("plainText", text);
    m_profileBadge->setStyleSheet(
        p.color.isEmpty()
            ? QStringLiteral("QLabel { border: 1px solid palette(mid); border-radius: 3px; "
                             "padding: 2px 6px; font-weight: bold; }")
            : QStringLiteral("QLabel { background-color: %1; color: white; border-radius: 3px; "
                             "padding: 2px 6px; font-weight: bold; }")
                  .arg(p.color));
    // The toolbar's warning stays as long as the profile is active.
    if (p.config.tls.skipVerify) {
        const QString warning = tr("TLS verification is off for “%1”").arg(p.name);
        m_skipVerifyLabel->setText(
            u"<img src=\":/icons/warning.svg\" width=\"14\" height=\"14\"/> <b>" +
            warning.toHtmlEscaped() + u"</b>");
        m_skipVerifyLabel->setProperty("plainText", warning);
        m_skipVerifyLabel->setToolTip(
            tr("The server's certificate is not checked: anyone on the network path can "
               "read the traffic and the token. Set a CA file in the profile instead."));
    }
    m_skipVerifyAction->setVisible(p.config.tls.skipVerify);
}

void MainWindow::updateSecretStatus()
{
    if (!m_deps.profileStore) {
        m_secretStatusLabel->hide();
        return;
    }
    const FallbackSecretStore *secrets = m_deps.profileStore->secrets();
    const auto status = secrets->status();
    const bool flag = status.keychain == FallbackSecretStore::KeychainState::Unavailable;
    m_secretStatusLabel->setVisible(flag);
    const QString text = status.sessionOnly() ? tr("Tokens kept for this session only")
                                              : tr("Tokens in an unencrypted file");
    m_secretStatusLabel->setText(u"<img src=\":/icons/warning.svg\" width=\"12\" height=\"12\"/> " +
                                 text.toHtmlEscaped());
    m_secretStatusLabel->setProperty("plainText", text);
    m_secretStatusLabel->setToolTip(secrets->statusText());
}

ProfileDialog *MainWindow::openProfileDialog(const QString &name)
{
    if (!m_deps.profileStore)
        return nullptr;
    if (!m_profileDialog) {
        m_profileDialog = new ProfileDialog(m_deps.profileStore, m_deps.network, m_deps.fileDialogs,
                                            m_deps.environment, this);
        m_profileDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    // The demo and the environment are not saved profiles: start a new one then.
    m_profileDialog->editProfile(m_deps.profileStore->store()->contains(name) ? name : QString());
    m_profileDialog->show();
    m_profileDialog->raise();
    m_profileDialog->activateWindow();
    return m_profileDialog;
}

void MainWindow::selectNamespace(const QString &nameSpace)
{
    if (nameSpace.isEmpty() || nameSpace == m_connection->nameSpace())
        return;
    m_connection->setNamespace(nameSpace);
    m_namespaceCombo->setCurrentText(nameSpace);
    m_jobCall.cancel();
    m_ui->jobListPanel->clear();
    m_ui->dispatchPanel->clearJob();
    m_ui->childrenPanel->clear();
    startJobWatch();
}

bool MainWindow::selectJob(const QString &nameSpace, const QString &id)
{
    if (m_ui->jobListPanel->selectJob(nameSpace, id))
        return true;
    m_pendingJobKey = models::JobListModel::keyFor(nameSpace, id);
    return false;
}

void MainWindow::refresh()
{
    m_connection->refresh();
    if (m_jobWatcher)
        m_jobWatcher->refresh();
    else
        startJobWatch();
    const QString ns = m_ui->jobListPanel->currentNamespace();
    const QString id = m_ui->jobListPanel->currentId();
    if (!id.isEmpty())
        onJobSelected(ns, id);
    m_ui->childrenPanel->refresh();
}

void MainWindow::startJobWatch()
{
    delete m_jobWatcher;
    m_jobWatcher = nullptr;
    NomadClient *client = m_connection->client();
    if (!client)
        return;
    const QString nameSpace = m_connection->nameSpace();
    const QString profile = m_connection->profile().name;
    m_ui->jobListPanel->setShowNamespace(nameSpace == u"*");
    m_ui->jobListPanel->showStatus(MessageKind::Info, tr("Reading jobs…"));
    // The job the last session had open, once it is in the list.
    const auto selectPending = [this]() {
        if (m_pendingJobKey.isEmpty())
            return;
        const QString key = m_pendingJobKey;
        if (m_ui->jobListPanel->selectJob(key.section(u'\n', 0, 0), key.section(u'\n', 1)))
            m_pendingJobKey.clear();
    };
    m_jobWatcher = new BlockingWatcher(
        [this, client, nameSpace, selectPending](const QueryOptions &o, QObject *ctx,
                                                 BlockingWatcher::Done done) {
            // Children are dropped while decoding, on the worker thread.
            return client->parameterizedJobs(
                o, ctx, [this, done, nameSpace, selectPending](Result<Reply<QList<JobStub>>> r) {
                    if (!r)
                        return done(std::unexpected(r.error()));
                    QList<JobStub> parents = std::move(r->value);
                    // Nomad 1.0's stubs carry no Namespace: they are in the one asked for.
                    // (Looked for first: changing a list still shared is a deep copy.)
                    const auto noNamespace = [](const JobStub &s) { return s.nameSpace.isEmpty(); };
                    if (std::any_of(parents.cbegin(), parents.cend(), noNamespace)) {
                        for (JobStub &s : parents) {
                            if (s.nameSpace.isEmpty())
                                s.nameSpace =
                                    nameSpace == u"*" ? QStringLiteral("default") : nameSpace;
                        }
                    }
                    const bool none = parents.isEmpty();
                    // A large list is applied later, off the GUI thread (listUpdated).
                    m_ui->jobListPanel->setJobs(std::move(parents));
                    m_ui->jobListPanel->showStatus(
                        MessageKind::Info,
                        none ? tr("No parameterized jobs in namespace “%1”.").arg(nameSpace)
                             : QString());
                    selectPending();
                    done(r->meta.index);
                });
        },
        m_connection->queryOptions(), this);
    connect(m_ui->jobListPanel, &JobListPanel::listUpdated, m_jobWatcher, selectPending);
    m_jobWatcher->setBlockingWait(m_deps.tuning.blockingWait);
    m_jobWatcher->setRetryPolicy(m_deps.tuning.retry);
    connect(m_jobWatcher, &BlockingWatcher::failed, this,
            [this, profile, nameSpace](const ApiError &e, bool willRetry) {
                m_connection->reportError(e);
                QString text = failureText(tr("Could not list the jobs on “%1”").arg(profile), e,
                                           Capability::ListJobs, nameSpace);
                if (willRetry)
                    text += u' ' + tr("Retrying…");
                m_ui->jobListPanel->showStatus(MessageKind::Error, text);
            });
    m_jobWatcher->start();
}

void MainWindow::onJobSelected(const QString &nameSpace, const QString &id)
{
    m_jobCall.cancel();
    NomadClient *client = m_connection->client();
    if (!client)
        return;
    if (m_deps.settings)
        m_deps.settings->setValue(u"session/job/" + m_connection->profile().name,
                                  models::JobListModel::keyFor(nameSpace, id));
    m_ui->childrenPanel->setJob(nameSpace, id);
    QueryOptions o = m_connection->queryOptions();
    o.nameSpace = nameSpace;
    const QString profile = m_connection->profile().name;
    m_jobCall = client->job(id, o, this, [this, id, nameSpace, profile](Result<Reply<Job>> r) {
        if (!r) {
            if (r.error().kind == ApiError::Kind::Cancelled)
                return;
            m_ui->dispatchPanel->clearJob(
                failureText(tr("Could not read “%1” on “%2”").arg(id, profile), r.error(),
                            Capability::ReadJob, nameSpace));
            return;
        }
        m_ui->dispatchPanel->setJob(r->value);
    });
}

void MainWindow::showChild(const QString &nameSpace, const QString &parentId,
                           const QString &childId)
{
    if (m_ui->jobListPanel->currentId() != parentId ||
        m_ui->jobListPanel->currentNamespace() != nameSpace) {
        if (m_connection->nameSpace() != u"*" && m_connection->nameSpace() != nameSpace)
            selectNamespace(nameSpace);
        selectJob(nameSpace, parentId);
    }
    m_ui->centralTabs->setCurrentWidget(m_ui->childrenPanel);
    m_ui->childrenPanel->selectChild(childId);
}

void MainWindow::onConnectionState()
{
    const Profile &p = m_connection->profile();
    const bool connected = m_connection->state() == Connection::State::Connected;
    m_ui->dispatchPanel->setConnected(connected);
    m_ui->dispatchPanel->setServerVersion(m_connection->serverVersion(),
                                          m_connection->versionKnown());
    QString state;
    QString iconName = QStringLiteral("connecting");
    QString banner;
    switch (m_connection->state()) {
    case Connection::State::NoProfile:
        state = tr("No connection profile");
        iconName = QStringLiteral("disconnected");
        banner = tr("There is no connection profile yet. Start the app with --demo to try it on a "
                    "built-in demo cluster, or set NOMAD_ADDR.");
        break;
    case Connection::State::Connecting:
        state = tr("Connecting to “%1” at %2…").arg(p.name, p.config.address.toString());
        break;
    case Connection::State::Connected:
        state = tr("Connected to “%1” at %2").arg(p.name, p.config.address.toString());
        iconName = QStringLiteral("connected");
        if (!m_jobWatcher || !m_jobWatcher->isRunning())
            startJobWatch();
        break;
    case Connection::State::Unreachable: {
        state = tr("Cannot reach “%1”").arg(p.name);
        iconName = QStringLiteral("disconnected");
        const ApiError e = m_connection->lastError().value_or(ApiError{});
        banner = failureText(tr("Cannot reach “%1” at %2").arg(p.name, p.config.address.toString()),
                             e, Capability::None, m_connection->nameSpace()) +
                 u' ' + tr("Trying again every few seconds.");
        break;
    }
    }
    m_stateLabel->setText(u"<img src=\":/icons/" + iconName +
                          u".svg\" width=\"12\" height=\"12\"/> " + state.toHtmlEscaped());
    m_stateLabel->setProperty("plainText", state);
    if (!m_connection->versionText().isEmpty()) {
        m_versionLabel->setText(tr("Nomad %1").arg(m_connection->versionText()));
        m_versionLabel->setToolTip({});
    } else if (connected && m_connection->versionKnown()) {
        // agent/self refused: the token lacks agent:read. Options then stay conservative.
        m_versionLabel->setText(tr("Nomad version unknown"));
        m_versionLabel->setToolTip(
            tr("The token may not read /v1/agent/self, so options that need a "
               "newer Nomad stay off."));
    } else {
        m_versionLabel->clear();
    }
    m_leaderLabel->setText(
        m_connection->leader().isEmpty() ? QString() : tr("Leader %1").arg(m_connection->leader()));
    showMessage(m_ui->connectionBanner, MessageKind::Error, banner);
}

void MainWindow::restoreLayout()
{
    if (!m_deps.settings)
        return;
    QSettings &s = *m_deps.settings;
    restoreGeometry(s.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_ui->mainSplitter->restoreState(
        s.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray());
    m_ui->rightSplitter->restoreState(
        s.value(QStringLiteral("mainWindow/rightSplitter")).toByteArray());
    m_ui->jobListPanel->restoreHeaderState(
        s.value(QStringLiteral("mainWindow/jobListHeader")).toByteArray());
}

void MainWindow::saveLayout()
{
    if (!m_deps.settings)
        return;
    QSettings &s = *m_deps.settings;
    s.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainWindow/state"), saveState());
    s.setValue(QStringLiteral("mainWindow/mainSplitter"), m_ui->mainSplitter->saveState());
    s.setValue(QStringLiteral("mainWindow/rightSplitter"), m_ui->rightSplitter->saveState());
    s.setValue(QStringLiteral("mainWindow/jobListHeader"), m_ui->jobListPanel->saveHeaderState());
    const QString profile = m_connection->profile().name;
    if (!profile.isEmpty()) {
        s.setValue(QStringLiteral("session/profile"), profile);
        s.setValue(u"session/namespace/" + profile, m_connection->nameSpace());
    }
    s.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

} // namespace dd::gui
