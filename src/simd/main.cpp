// nomad-api-sim: a thin main() over the simulator library.
#include "sim/commandline.h"
#include "sim/simulator.h"

#include "ddversion.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

void print(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nomad-api-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DD_VERSION_STRING));

    auto parsed = dd::sim::parseSimulatorArguments(QCoreApplication::arguments());
    if (!parsed) {
        print(stderr, QStringLiteral("nomad-api-sim: ") + parsed.error());
        print(stderr, QStringLiteral("Try nomad-api-sim --help."));
        return 2;
    }
    if (parsed->showHelp) {
        std::fputs(qPrintable(parsed->helpText), stdout);
        return 0;
    }
    if (parsed->showVersion) {
        print(stdout, QStringLiteral("nomad-api-sim %1 (emulates Nomad %2 by default)")
                          .arg(QStringLiteral(DD_VERSION_STRING),
                               dd::sim::SimulatorOptions{}.serverVersion));
        return 0;
    }

    dd::sim::Simulator simulator(parsed->options);
    for (const dd::sim::FaultRule &rule : parsed->faults)
        simulator.faults().add(rule);
    simulator.setKnownLeader(parsed->knownLeader);
    if (auto started = simulator.start(); !started) {
        print(stderr, QStringLiteral("nomad-api-sim: ") + started.error());
        return 1;
    }
    for (const QString &warning : std::as_const(parsed->warnings))
        print(stderr, QStringLiteral("nomad-api-sim: warning: ") + warning);
    // Machine-readable on stdout (eval-able in a shell); the rest on stderr.
    print(stdout, QStringLiteral("NOMAD_ADDR=") + simulator.baseUrl().toString());
    if (parsed->options.acl)
        print(stdout, QStringLiteral("NOMAD_TOKEN=") + simulator.managementToken());
    print(stderr,
          QStringLiteral("nomad-api-sim: emulating Nomad %1 with %2 job(s); Ctrl-C stops it")
              .arg(parsed->options.serverVersion)
              .arg(simulator.state().jobs().size()));

    if (parsed->restartAfterMs > 0) {
        QTimer::singleShot(parsed->restartAfterMs, &simulator, [&simulator] {
            print(stderr, QStringLiteral("nomad-api-sim: simulating a restart (index reset)"));
            simulator.restart();
        });
    }

    // SIGINT/SIGTERM end the event loop cleanly (a self-pipe: signal-safe).
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        QCoreApplication::quit();
    });
    return app.exec();
}
