// dispatch-desk: the desktop app. Thin: parse the command line, build the
// objects the main window is handed, and start.
//
// Hidden options for tests/bench/bench_app (not in --help):
//   --report-ready      print one line to stdout once the window is shown and
//                       the job list has painted its first rows (or said the
//                       namespace has none):
//                         ready <ms> ms since=main-entry before-main=<ms> rows=<n>
//                               vmhwm_kb=<peak RSS> vmrss_kb=<RSS>
//                       <ms> is measured by a QElapsedTimer started first thing
//                       in main(); before-main is the time from the process's
//                       start (/proc/self/stat starttime, 10 ms resolution) to
//                       main(), i.e. exec and dynamic linking.
//   --idle-seconds N    then wait N seconds and print
//                         idle <N> s vmrss_kb=<RSS> vmhwm_kb=<peak RSS>
//   --quit-when-ready   then quit (after the idle line, if one was asked for).

#include "api/profileclient.h"
#include "app/simulatordemocluster.h"
#include "core/profilestore.h"
#include "core/settingspaths.h"
#include "gui/filedialogs.h"
#include "gui/launcher.h"
#include "gui/mainwindow.h"
#include "gui/prompter.h"
#include "gui/storeprofilesource.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"

#include "gui/connection.h"
#include "gui/joblistpanel.h"
#include "models/joblistmodel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>
#include <QTreeView>
#include <QWindow>

#include <cstdio>
#include <ctime>
#include <unistd.h>

#include "ddversion.h"

namespace {

// One field of /proc/self/status in kB (VmRSS, VmHWM), or -1.
qint64 statusKb(QByteArrayView field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line.at(field.size()) == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Milliseconds from the process's start (exec) to now; -1 when unknown.
// starttime counts clock ticks (usually 10 ms) since boot.
double msSinceProcessStart()
{
    QFile file(QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Field 2 (comm) may hold spaces; the fields after it start past the last ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startTicks = fields.at(19).toDouble(); // field 22 of the whole line
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

// --report-ready: watches the window from outside (MainWindow knows nothing of
// it). Ready = the window is exposed and the job list's viewport has painted
// rows, or the list's status line says the namespace has no jobs.
class ReadyReporter : public QObject
{
public:
    ReadyReporter(dd::gui::MainWindow *window, const QElapsedTimer &sinceMain, double beforeMainMs,
                  int idleSeconds, bool quit)
        : m_window(window)
        , m_sinceMain(sinceMain)
        , m_beforeMainMs(beforeMainMs)
        , m_idleSeconds(idleSeconds)
        , m_quit(quit)
    {
        dd::gui::JobListPanel *panel = window->jobList();
        m_view = panel->view();
        m_status = panel->findChild<QLabel *>(QStringLiteral("jobListStatusLabel"));
        m_view->viewport()->installEventFilter(this);
        if (m_status)
            m_status->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // Paint events arrive before the painting: report on the next turn of
        // the event loop, once this paint is on screen.
        if (!m_done && event->type() == QEvent::Paint)
            QTimer::singleShot(0, this, [this, watched]() { check(watched); });
        return QObject::eventFilter(watched, event);
    }

private:
    void check(QObject *painted)
    {
        if (m_done)
            return;
        const QWindow *handle = m_window->windowHandle();
        if (!m_window->isVisible() || !handle || !handle->isExposed())
            return;
        const int rows = m_view->model() ? m_view->model()->rowCount() : 0;
        bool ready = painted == m_view->viewport() && rows > 0;
        if (!ready && painted == m_status && rows == 0) {
            // The window's own words for an empty namespace (MainWindow::startJobWatch).
            const QString empty =
                QCoreApplication::translate("dd::gui::MainWindow",
                                            "No parameterized jobs in namespace “%1”.")
                    .arg(m_window->connection()->nameSpace());
            ready = m_status->property("plainText").toString() == empty;
        }
        if (!ready)
            return;
        m_done = true;
        std::printf("ready %.1f ms since=main-entry before-main=%.0f rows=%d vmhwm_kb=%lld "
                    "vmrss_kb=%lld\n",
                    double(m_sinceMain.nsecsElapsed()) / 1e6, m_beforeMainMs, rows,
                    statusKb("VmHWM"), statusKb("VmRSS"));
        std::fflush(stdout);
        if (m_idleSeconds > 0) {
            QTimer::singleShot(m_idleSeconds * 1000, this, [this]() {
                std::printf("idle %d s vmrss_kb=%lld vmhwm_kb=%lld\n", m_idleSeconds,
                            statusKb("VmRSS"), statusKb("VmHWM"));
                std::fflush(stdout);
                if (m_quit)
                    QCoreApplication::quit();
            });
        } else if (m_quit) {
            QCoreApplication::quit();
        }
    }

    dd::gui::MainWindow *m_window;
    QTreeView *m_view;
    QLabel *m_status = nullptr;
    const QElapsedTimer &m_sinceMain;
    double m_beforeMainMs;
    int m_idleSeconds;
    bool m_quit;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    // First thing: --report-ready measures from here.
    QElapsedTimer sinceMain;
    sinceMain.start();
    const double beforeMainMs = msSinceProcessStart();

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dispatch-desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Dispatch Desk"));
    QApplication::setOrganizationName(QStringLiteral("DispatchDesk"));
    QApplication::setApplicationVersion(QStringLiteral(DD_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Dispatch HashiCorp Nomad parameterized jobs and follow them live.\n"
                "Connects to NOMAD_ADDR (default http://127.0.0.1:4646) with NOMAD_TOKEN."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Start a demo Nomad cluster inside the app "
                                        "(with example jobs) and connect to it."));
    parser.addOption(demo);
    // For tests/bench/bench_app; described at the top of this file. Hidden from
    // --help and never shown to users, so their descriptions are not translated.
    QCommandLineOption reportReady(QStringLiteral("report-ready"),
                                   QStringLiteral("Print a line when the window is ready."));
    reportReady.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption quitWhenReady(QStringLiteral("quit-when-ready"),
                                     QStringLiteral("Quit once ready."));
    quitWhenReady.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption idleSeconds(QStringLiteral("idle-seconds"),
                                   QStringLiteral("Once ready, wait and print the memory."),
                                   QStringLiteral("seconds"));
    idleSeconds.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(reportReady);
    parser.addOption(quitWhenReady);
    parser.addOption(idleSeconds);
    parser.process(app);

    QNetworkAccessManager network;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The same settings file and secret stores as dispatch-desk-cli, so a
    // profile saved in one is there in the other.
    const auto settingsFile = dd::openSettings(env);
    QSettings &settings = *settingsFile;
    dd::ProfileStore store(&settings);
    dd::KeychainSecretStore keychain(QStringLiteral("dispatch-desk"));
    dd::MemorySecretStore session;
    dd::FileSecretStore weaker(dd::FileSecretStore::defaultPath());
    dd::FallbackSecretStore secrets(&keychain, &session, &weaker);
    secrets.setWeakerFileAllowed(store.weakerTokenFileAllowed());
    dd::gui::DialogPrompter prompter;
    dd::gui::RealFileDialogs fileDialogs;
    dd::gui::StoreProfileSource profiles(&store, &secrets);
    dd::gui::Launcher launcher(&profiles, &settings, &prompter, dd::app::simulatorDemoFactory());

    // "Environment": NOMAD_* read the way Nomad's own client reads them, over its defaults.
    const dd::EnvironmentImport imported = dd::importEnvironment(env);
    dd::gui::Profile local;
    local.name = dd::kEnvironmentProfileName;
    const auto resolved = dd::resolveConnection({}, imported.layer, {});
    if (auto config = dd::clientConfigFor(resolved.values, local.name))
        local.config = *config;
    profiles.setProfile(local);
    // Known before the first token is saved, so the status bar can say so.
    secrets.probe(&profiles, [](dd::FallbackSecretStore::Status) {});

    // The demo cluster starts before the window, so the window opens on it.
    QString initialProfile;
    if (parser.isSet(demo)) {
        const auto started = launcher.startDemo();
        if (!started) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Demo cluster"),
                QApplication::translate("main", "The demo cluster could not start: %1")
                    .arg(started.error()));
            return 1;
        }
        initialProfile = started->name;
    }

    dd::gui::MainWindowDeps deps;
    deps.network = &network;
    deps.profiles = &profiles;
    deps.settings = &settings;
    deps.prompter = &prompter;
    deps.initialProfile = initialProfile;
    deps.profileStore = &profiles;
    deps.fileDialogs = &fileDialogs;
    deps.environment = env;
    dd::gui::MainWindow window(deps);
    QObject::connect(&launcher, &dd::gui::Launcher::demoStarted, &window,
                     [&window](const dd::gui::Profile &p) { window.selectProfile(p.name); });
    std::unique_ptr<ReadyReporter> ready;
    if (parser.isSet(reportReady)) {
        ready = std::make_unique<ReadyReporter>(&window, sinceMain, beforeMainMs,
                                                parser.value(idleSeconds).toInt(),
                                                parser.isSet(quitWhenReady));
    }
    window.show();
    if (!parser.isSet(demo)) {
        QTimer::singleShot(0, &window,
                           [&]() { launcher.offerDemoIfNothingAnswers(&network, local, &window); });
    }
    return app.exec();
}
