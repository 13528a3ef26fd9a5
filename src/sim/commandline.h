#pragma once
// nomad-api-sim's command line, parsed into SimulatorOptions and faults. In the
// library so that tests can check it without starting a process.

#include "sim/faultinjector.h"
#include "sim/simulatoroptions.h"

#include <QStringList>

#include <expected>

namespace dd::sim {

struct SimulatorCommandLine
{
    SimulatorOptions options;
    QList<FaultRule> faults;
    bool knownLeader = true;
    qint64 restartAfterMs = 0; // simulate a restart (index reset) after this long; 0: never
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    // Said at start: what the user may not have meant (listening on every interface).
    QStringList warnings;
};

// arguments include the program name, as QCoreApplication::arguments() does.
std::expected<SimulatorCommandLine, QString> parseSimulatorArguments(const QStringList &arguments);

} // namespace dd::sim
