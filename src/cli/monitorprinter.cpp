#include "cli/monitorprinter.h"

#include "cli/terminal.h"
#include "core/goduration.h"
#include "core/ids.h"

namespace dd::cli {

QString MonitorPrinter::id(const QString &value) const
{
    return shortId(value, m_verbose);
}

QStringList formatAllocMetrics(const AllocationMetric &m, const QString &prefix)
{
    QStringList out;
    if (m.nodesEvaluated == 0)
        out.append(prefix + u"* No nodes were eligible for evaluation");
    for (auto it = m.nodesAvailable.begin(); it != m.nodesAvailable.end(); ++it) {
        if (it.value() == 0)
            out.append(prefix + u"* No nodes are available in datacenter " + q(it.key()));
    }
    for (auto it = m.classFiltered.begin(); it != m.classFiltered.end(); ++it) {
        out.append(prefix + u"* Class " + q(it.key()) + u": " + QString::number(it.value()) +
                   u" nodes excluded by filter");
    }
    for (auto it = m.constraintFiltered.begin(); it != m.constraintFiltered.end(); ++it) {
        out.append(prefix + u"* Constraint " + q(it.key()) + u": " + QString::number(it.value()) +
                   u" nodes excluded by filter");
    }
    if (m.nodesExhausted > 0) {
        out.append(prefix + u"* Resources exhausted on " + QString::number(m.nodesExhausted) +
                   u" nodes");
    }
    for (auto it = m.classExhausted.begin(); it != m.classExhausted.end(); ++it) {
        out.append(prefix + u"* Class " + q(it.key()) + u" exhausted on " +
                   QString::number(it.value()) + u" nodes");
    }
    for (auto it = m.dimensionExhausted.begin(); it != m.dimensionExhausted.end(); ++it) {
        out.append(prefix + u"* Dimension " + q(it.key()) + u" exhausted on " +
                   QString::number(it.value()) + u" nodes");
    }
    for (const QString &dim : m.quotaExhausted)
        out.append(prefix + u"* Quota limit hit " + q(dim));
    return out;
}

void MonitorPrinter::printFailedAllocations(const Evaluation &e)
{
    for (auto it = e.failedTgAllocs.begin(); it != e.failedTgAllocs.end(); ++it) {
        const int failed = it->coalescedFailures + 1;
        const QString noun = it->coalescedFailures > 0 ? QStringLiteral("allocations")
                                                       : QStringLiteral("allocation");
        m_terminal.output(u"    Task Group " + q(it.key()) + u" (failed to place " +
                          QString::number(failed) + u' ' + noun + u"):");
        for (const QString &line : formatAllocMetrics(*it, QStringLiteral("  ")))
            m_terminal.output(u"    " + line);
    }
}

void MonitorPrinter::print(const MonitorEvent &e)
{
    using Kind = MonitorEvent::Kind;
    switch (e.kind) {
    case Kind::MonitoringEvaluation:
        m_terminal.output(u"==> Monitoring evaluation " + q(id(e.evalId)));
        break;
    case Kind::TriggeredByNode:
        m_terminal.output(u"    Evaluation triggered by node " + q(id(e.text)));
        break;
    case Kind::TriggeredByJob:
        m_terminal.output(u"    Evaluation triggered by job " + q(e.text));
        break;
    case Kind::AllocationCreated:
    case Kind::AllocationModified:
        m_terminal.output(
            u"    Allocation " + q(id(e.allocation.id)) +
            (e.kind == Kind::AllocationCreated ? u" created: node " : u" modified: node ") +
            q(id(e.allocation.nodeId)) + u", group " + q(e.allocation.taskGroup));
        break;
    case Kind::AllocationStatusChanged: {
        QString line = u"    Allocation " + q(id(e.allocation.id)) + u" status changed: " +
                       q(e.from) + u" -> " + q(e.to);
        if (!e.allocation.clientDescription.isEmpty())
            line += u" (" + e.allocation.clientDescription + u')';
        m_terminal.output(line);
        break;
    }
    case Kind::EvaluationStatusChanged:
        m_terminal.output(u"    Evaluation status changed: " + q(e.from) + u" -> " + q(e.to));
        break;
    case Kind::EvaluationFinished:
        if (e.evaluation.failedTgAllocs.isEmpty()) {
            m_terminal.output(u"==> Evaluation " + q(id(e.evaluation.id)) +
                              u" finished with status " + q(e.evaluation.status));
        } else {
            m_terminal.output(u"==> Evaluation " + q(id(e.evaluation.id)) +
                              u" finished with status " + q(e.evaluation.status) +
                              u" but failed to place all allocations:");
            printFailedAllocations(e.evaluation);
        }
        break;
    case Kind::WaitingForCapacity:
        m_terminal.output(u"    Evaluation " + q(id(e.text)) +
                          u" waiting for additional capacity to place remainder");
        break;
    case Kind::NextEvaluation:
        m_terminal.output(u"==> Monitoring next evaluation " + q(id(e.text)) + u" in " +
                          formatGoDuration(e.delay));
        break;
    case Kind::Reconnecting:
        m_terminal.hint(u"    Lost contact with Nomad (" +
                        (e.error ? e.error->message() : QString()) + u"); retrying in " +
                        formatGoDuration(e.delay) + u" (attempt " + QString::number(e.attempt) +
                        u')');
        break;
    case Kind::Reconnected:
        m_terminal.hint(QStringLiteral("    Reconnected to Nomad"));
        break;
    }
}

} // namespace dd::cli
