#pragma once
// Runs dispatch-desk-cli against an in-process simulator and normalises
// output so it can be compared with what the reference CLI printed.

#include "fixtures.h"
#include "sim/simulator.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace dd::test {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

// Starts the CLI and spins the event loop (which serves the simulator) until it exits.
CliRun runCli(const QStringList &args, const QProcessEnvironment &env,
              const QByteArray &stdinData = {}, int timeoutMs = 30000);

// Runs the CLI on a real pseudo-terminal (stdin, stdout and stderr a tty, as
// in a person's shell) and types `answer` once `prompt` has been printed.
// Everything it wrote comes back in `out` (a terminal mixes both streams).
CliRun runCliOnTerminal(const QStringList &args, const QProcessEnvironment &env,
                        const QByteArray &prompt, const QByteArray &answer, int timeoutMs = 30000);

// An environment with no NOMAD_* leaking in from the machine, pointing at `address`,
// with the journal and settings in `dir`.
QProcessEnvironment cliEnvironment(const QString &address, const QTemporaryDir &dir);

// A simulator loaded like the recorded agent: its jobs (recordedAgentJobs()), plus
// namespace team-a with its own video-encode. The error names a fixture that is
// missing or unreadable, or says why the simulator did not start.
std::expected<std::unique_ptr<dd::sim::Simulator>, QString>
startRecordedCluster(const QString &serverVersion = QStringLiteral("1.0.18"),
                     double timeScale = 20.0);

// IDs become placeholders numbered by first appearance (a full UUID and its
// 8-character short form share a number), child job times become <T>, and
// runs of "Allocation ... created" lines are sorted, since the reference
// prints them in Go's random map order.
QString normalise(const QString &text);

} // namespace dd::test
