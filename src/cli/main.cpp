// dispatch-desk-cli: a thin main() over the CLI library.
#include "cli/cliapp.h"
#include "cli/safetextdevice.h"
#include "core/profilestore.h"
#include "core/settingspaths.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dispatch-desk"));
    QCoreApplication::setOrganizationName(QStringLiteral("dispatch-desk"));

    // File descriptors, not stdio's FILE*: a piped stdout would otherwise hold
    // every line in stdio's buffer until the process exits.
    QFile out;
    out.open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QFile err;
    err.open(STDERR_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QFile in;
    in.open(STDIN_FILENO, QIODevice::ReadOnly);
    QNetworkAccessManager network;

    // Control characters from servers, files and settings never reach the terminal.
    dd::cli::SafeTextDevice safeOut(&out);
    dd::cli::SafeTextDevice safeErr(&err);

    dd::cli::CliContext context;
    context.out = &safeOut;
    context.err = &safeErr;
    context.in = &in;
    context.env = QProcessEnvironment::systemEnvironment();
    context.network = &network;
    context.stdoutIsTerminal = isatty(STDOUT_FILENO) == 1;
    context.stdinIsTerminal = isatty(STDIN_FILENO) == 1;
    context.journalPath = dd::journalFilePath(context.env);
    auto settings = dd::openSettings(context.env);
    context.settings = settings.get();
    dd::ProfileStore profiles(settings.get());
    dd::KeychainSecretStore keychain(QStringLiteral("dispatch-desk"));
    dd::MemorySecretStore session;
    dd::FileSecretStore weaker(dd::FileSecretStore::defaultPath());
    dd::FallbackSecretStore secrets(&keychain, &session, &weaker);
    context.profiles = &profiles;
    context.secrets = &secrets;
    context.openUrl = [env = context.env](const QUrl &url) {
        const QString browser = env.value(QStringLiteral("BROWSER"), QStringLiteral("xdg-open"));
        return QProcess::startDetached(browser, {url.toString(QUrl::FullyEncoded)});
    };

    dd::cli::CliApp cli(context);
    QObject::connect(&cli, &dd::cli::CliApp::finished, &app,
                     [](int code) { QCoreApplication::exit(code); });
    QStringList args = app.arguments();
    args.removeFirst();
    cli.run(args);
    return app.exec();
}
