// MainWindow, continued: the toolbar, the status bar and what they show, and the
// layout kept across runs. (mainwindow.cpp has the profile, namespace and job flow.)
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
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

#include "ddversion.h"

namespace dd::gui {

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
    m_profileBadge->setTextFormat(
        Qt::PlainText); // names and versions come from settings and servers
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
    m_versionLabel->setTextFormat(
        Qt::PlainText); // names and versions come from settings and servers
    m_versionLabel->setObjectName(QStringLiteral("serverVersionLabel"));
    m_leaderLabel = new QLabel(this);
    m_leaderLabel->setTextFormat(
        Qt::PlainText); // names and versions come from settings and servers
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
        state = tr("Connecting to “%1” at %2…")
                    .arg(p.name, p.config.address.toString(QUrl::RemoveUserInfo));
        break;
    case Connection::State::Connected:
        state = tr("Connected to “%1” at %2")
                    .arg(p.name, p.config.address.toString(QUrl::RemoveUserInfo));
        iconName = QStringLiteral("connected");
        if (!m_jobWatcher || !m_jobWatcher->isRunning())
            startJobWatch();
        break;
    case Connection::State::Unreachable: {
        state = tr("Cannot reach “%1”").arg(p.name);
        iconName = QStringLiteral("disconnected");
        const ApiError e = m_connection->lastError().value_or(ApiError{});
        banner = failureText(tr("Cannot reach “%1” at %2")
                                 .arg(p.name, p.config.address.toString(QUrl::RemoveUserInfo)),
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

void MainWindow::fitMonitor(bool empty)
{
    QSplitter *splitter = m_ui->rightSplitter;
    QList<int> sizes = splitter->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    // Empty, the monitor only says what it is for, and a taller window gives the
    // form room; with tabs it keeps the height it had, or 2/5 of the room at first.
    splitter->setStretchFactor(0, empty ? 1 : 3);
    splitter->setStretchFactor(1, empty ? 0 : 2);
    if (total <= 0) {
        splitter->setSizes({1000, empty ? 1 : 600});
        return;
    }
    if (empty) {
        if (sizes.value(1) > m_ui->monitorArea->minimumSizeHint().height() * 2)
            m_monitorHeight = sizes.value(1);
        const int monitor = std::min(total / 2, m_ui->monitorArea->minimumSizeHint().height());
        splitter->setSizes({total - monitor, monitor});
    } else {
        const int monitor =
            m_monitorHeight > 0 ? std::min(m_monitorHeight, total * 3 / 5) : total * 2 / 5;
        splitter->setSizes({total - monitor, monitor});
    }
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
    // The monitor opens at the height it last had with tabs (fitMonitor).
    m_monitorHeight = s.value(QStringLiteral("mainWindow/monitorHeight")).toInt();
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
    s.setValue(QStringLiteral("mainWindow/monitorHeight"),
               m_ui->monitorArea->count() > 0 ? m_ui->rightSplitter->sizes().value(1)
                                              : m_monitorHeight);
    s.setValue(QStringLiteral("mainWindow/jobListHeader"), m_ui->jobListPanel->saveHeaderState());
    const QString profile = m_connection->profile().name;
    if (!profile.isEmpty()) {
        s.setValue(QStringLiteral("session/profile"), profile);
        s.setValue(u"session/namespace/" + profile, m_connection->nameSpace());
    }
    s.sync();
}

} // namespace dd::gui
