#pragma once
// Prints an EvaluationMonitor's events in the reference CLI's words.

#include "api/monitorevent.h"
#include "cli/terminal.h"

namespace dd::cli {

class MonitorPrinter
{
public:
    MonitorPrinter(Terminal &terminal, bool verbose)
        : m_terminal(terminal)
        , m_verbose(verbose)
    {}

    void print(const MonitorEvent &event);

private:
    QString id(const QString &value) const;
    void printFailedAllocations(const Evaluation &evaluation);

    Terminal &m_terminal;
    bool m_verbose;
};

// formatAllocMetrics: one "* ..." line per reason, each with `prefix` before it.
QStringList formatAllocMetrics(const AllocationMetric &metric, const QString &prefix);

} // namespace dd::cli
