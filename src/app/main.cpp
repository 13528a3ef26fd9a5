// dispatch-desk: the desktop app. Thin: parse the command line, build the
// objects the main window is handed, and start.

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

#include "app/readyreporter.h"
#include "core/dispatchjournal.h"
#include "gui/desktop.h"
#include "gui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include "ddversion.h"

int main(int argc, char *argv[])
{
    // First thing: --report-ready measures from here.
    QElapsedTimer sinceMain;
    sinceMain.start();
    const double beforeMainMs = dd::app::msSinceProcessStart();

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dispatch-desk"));
    QApplication::setApplicationDisplayName(QStringLiteral("Dispatch Desk"));
    QApplication::setOrganizationName(QStringLiteral("DispatchDesk"));
    QApplication::setApplicationVersion(QStringLiteral(DD_VERSION_STRING));

    dd::gui::installTranslations(&app);

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
    // Live views hold their blocking queries and event streams here, never on `network`.
    QNetworkAccessManager followNetwork;
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

    // "Environment": NOMAD_* read the way Nomad's own client (and dispatch-desk-cli)
    // reads them, over its defaults; what was ignored is said as the CLI says it.
    QStringList environmentWarnings;
    const dd::Profile local = dd::gui::Launcher::environmentProfile(env, &environmentWarnings);
    profiles.setProfile(local);
    for (const QString &warning : std::as_const(environmentWarnings))
        QTextStream(stderr) << "Warning: " << warning << '\n';
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
    deps.followNetwork = &followNetwork;
    deps.profiles = &profiles;
    deps.settings = &settings;
    deps.prompter = &prompter;
    deps.initialProfile = initialProfile;
    deps.profileStore = &profiles;
    deps.fileDialogs = &fileDialogs;
    deps.environment = env;
    // The dispatch journal shared with dispatch-desk-cli (History view, `history`).
    std::optional<dd::DispatchJournal> journal;
    if (const QString path = dd::journalFilePath(env); !path.isEmpty())
        journal.emplace(path);
    deps.journal = journal ? &*journal : nullptr;
    dd::gui::SystemDesktop desktop;
    deps.desktop = &desktop;
    dd::gui::MainWindow window(deps);
    QObject::connect(&launcher, &dd::gui::Launcher::demoStarted, &window,
                     [&window](const dd::Profile &p) { window.selectProfile(p.name); });
    std::unique_ptr<dd::app::ReadyReporter> ready;
    if (parser.isSet(reportReady)) {
        ready = std::make_unique<dd::app::ReadyReporter>(&window, sinceMain, beforeMainMs,
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
