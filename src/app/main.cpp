// dispatch-desk: the desktop app. Thin: parse the command line, build the
// objects the main window is handed, and start.

#include "app/simulatordemocluster.h"
#include "gui/launcher.h"
#include "gui/mainwindow.h"
#include "gui/prompter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

#include "ddversion.h"

int main(int argc, char *argv[])
{
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
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Start a demo Nomad cluster inside the app "
                                                                  "(with example jobs) and connect to it."));
    parser.addOption(demo);
    parser.process(app);

    QNetworkAccessManager network;
    QSettings settings;
    dd::gui::DialogPrompter prompter;
    dd::gui::StaticProfileSource profiles;
    dd::gui::Launcher launcher(&profiles, &settings, &prompter, dd::app::simulatorDemoFactory());

    const dd::gui::Profile local = dd::gui::Launcher::environmentProfile(QProcessEnvironment::systemEnvironment());
    profiles.setProfile(local);

    // The demo cluster starts before the window, so the window opens on it.
    QString initialProfile;
    if (parser.isSet(demo)) {
        const auto started = launcher.startDemo();
        if (!started) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Demo cluster"),
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
    dd::gui::MainWindow window(deps);
    QObject::connect(&launcher, &dd::gui::Launcher::demoStarted, &window,
                     [&window](const dd::gui::Profile &p) { window.selectProfile(p.name); });
    window.show();
    if (!parser.isSet(demo)) {
        QTimer::singleShot(0, &window, [&]() { launcher.offerDemoIfNothingAnswers(&network, local, &window); });
    }
    return app.exec();
}
