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
#include <QNetworkAccessManager>
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
    m_connection->setFollowNetwork(deps.followNetwork ? deps.followNetwork
                                                      : new QNetworkAccessManager(this));
    m_ui->dispatchPanel->setPrompter(deps.prompter);
    const AllocationTools tools{deps.fileDialogs, deps.desktop, deps.tuning.logIdleTimeout};
    m_ui->monitorArea->setAllocationTools(tools);
    m_ui->childrenPanel->setAllocationTools(tools);
    m_ui->actionRefresh->setIcon(icon(QStringLiteral("refresh")));
    m_ui->actionDispatch->setIcon(icon(QStringLiteral("dispatch")));
    m_ui->actionLoadPayload->setIcon(icon(QStringLiteral("open")));
    m_ui->mainSplitter->setStretchFactor(0, 1);
    m_ui->mainSplitter->setStretchFactor(1, 3);
    m_ui->mainSplitter->setSizes({380, 1060});
    // Until something is dispatched the monitor is one line (fitMonitor).
    fitMonitor(true);
    connect(m_ui->monitorArea, &MonitorArea::emptyChanged, this, &MainWindow::fitMonitor);
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
    buildStopActions();

    connect(m_connection, &Connection::stateChanged, this, &MainWindow::onConnectionState);
    connect(m_connection, &Connection::liveUpdatesChanged, this,
            [this]() { m_stateLabel->setToolTip(m_connection->liveUpdatesText()); });
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

void MainWindow::reloadProfiles()
{
    const QList<Profile> profiles =
        m_deps.profiles ? m_deps.profiles->profiles() : QList<Profile>{};
    const QString current = m_connection->profile().name;
    m_updatingCombos = true;
    m_profileCombo->clear();
    // The profile's colour in the list too, so prod is told from dev before it is chosen.
    for (const Profile &p : profiles) {
        const QColor color(p.color);
        m_profileCombo->addItem(color.isValid() ? swatchIcon(color)
                                : p.isDemo      ? icon(QStringLiteral("app"))
                                                : icon(QStringLiteral("job")),
                                p.name);
    }
    // Refilled, the selector goes on showing the profile in use: moving its index
    // must not switch profiles (that cleared the job and the child shown).
    m_profileCombo->setCurrentIndex(m_profileCombo->findText(current));
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
    else if (!wanted.isEmpty()) {
        m_updatingCombos = true;
        m_profileCombo->setCurrentText(wanted);
        m_updatingCombos = false;
    }
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

ProfileDialog *MainWindow::openProfileDialog(const QString &name)
{
    if (!m_deps.profileStore)
        return nullptr;
    if (!m_profileDialog) {
        m_profileDialog = new ProfileDialog(m_deps.profileStore, m_deps.network, m_deps.fileDialogs,
                                            m_deps.environment, this);
        m_profileDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_profileDialog->setPrompter(m_deps.prompter);
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
    m_jobWatcher = new BlockingFollower(
        [this, client, nameSpace, selectPending](const BlockingFollower::Round &round) {
            // Children are dropped while decoding, on the worker thread.
            client->parameterizedJobs(
                round.options(), round.context(),
                [this, round, nameSpace, selectPending](Result<Reply<QList<JobStub>>> r) {
                    if (!round.accept(r))
                        return;
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
                    round.next();
                });
        },
        m_connection->queryOptions(), m_deps.tuning.listFollowing(), this);
    if (ChangeFeed *feed = client->changeFeed())
        m_jobWatcher->followChanges(feed, nameSpace, changes::ofAnyJob());
    connect(m_ui->jobListPanel, &JobListPanel::listUpdated, m_jobWatcher, selectPending);
    const auto showFailure = [this, profile, nameSpace](const ApiError &e, bool willRetry) {
        m_connection->reportError(e);
        QString text = failureText(tr("Could not list the jobs on “%1”").arg(profile), e,
                                   Capability::ListJobs, nameSpace);
        if (willRetry)
            text += u' ' + tr("Retrying…");
        m_ui->jobListPanel->showStatus(MessageKind::Error, text);
    };
    connect(m_jobWatcher, &BlockingFollower::retrying, this,
            [showFailure](const ApiError &e) { showFailure(e, true); });
    connect(m_jobWatcher, &BlockingFollower::failed, this,
            [showFailure](const ApiError &e) { showFailure(e, false); });
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
    m_ui->dispatchPanel->showLoading(nameSpace, id);
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
        // A late answer for a job no longer selected never fills the form.
        if (m_ui->jobListPanel->currentId() != id ||
            m_ui->jobListPanel->currentNamespace() != nameSpace)
            return;
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

} // namespace dd::gui
