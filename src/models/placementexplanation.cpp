#include "models/placementexplanation.h"

#include <QCoreApplication>

namespace dd::models {

namespace {
QString tr(const char *text)
{
    // The context lupdate gives tr() calls in this namespace.
    return QCoreApplication::translate("dd::models", text);
}

// English plurals without a loaded translation: "1 node", "2 nodes".
QString nodes(int n)
{
    return n == 1 ? tr("1 node") : tr("%1 nodes").arg(n);
}
QString allocations(int n)
{
    return n == 1 ? tr("1 allocation") : tr("%1 allocations").arg(n);
}

QString dimensionWords(const QString &dimension)
{
    if (dimension == u"memory")
        return tr("memory");
    if (dimension == u"cpu")
        return tr("CPU");
    if (dimension == u"disk")
        return tr("disk space");
    if (dimension.startsWith(u"network"))
        return tr("network (%1)").arg(dimension);
    if (dimension.startsWith(u"devices"))
        return tr("devices (%1)").arg(dimension);
    return dimension;
}
} // namespace

int unplacedCount(const AllocationMetric &metric)
{
    return metric.coalescedFailures + 1;
}

QStringList explainMetric(const QString &taskGroup, const AllocationMetric &m)
{
    QStringList lines;
    lines.append(tr("Task group “%1”: %2 could not be placed.")
                     .arg(taskGroup, allocations(unplacedCount(m))));
    if (m.nodesEvaluated == 0) {
        lines.append(tr("No client node was eligible: none is ready in the job's datacenters."));
    }
    for (auto it = m.nodesAvailable.begin(); it != m.nodesAvailable.end(); ++it) {
        if (it.value() == 0)
            lines.append(tr("No nodes are available in datacenter “%1”.").arg(it.key()));
    }
    for (auto it = m.constraintFiltered.begin(); it != m.constraintFiltered.end(); ++it) {
        lines.append(tr("The constraint “%1” ruled out %2.").arg(it.key(), nodes(it.value())));
    }
    for (auto it = m.classFiltered.begin(); it != m.classFiltered.end(); ++it) {
        lines.append(tr("Node class “%1” ruled out %2.").arg(it.key(), nodes(it.value())));
    }
    if (!m.dimensionExhausted.isEmpty()) {
        for (auto it = m.dimensionExhausted.begin(); it != m.dimensionExhausted.end(); ++it) {
            lines.append(tr("Not enough %1: exhausted on %2.")
                             .arg(dimensionWords(it.key()), nodes(it.value())));
        }
    } else if (m.nodesExhausted > 0) {
        lines.append(tr("Resources were exhausted on %1.").arg(nodes(m.nodesExhausted)));
    }
    for (auto it = m.classExhausted.begin(); it != m.classExhausted.end(); ++it) {
        lines.append(
            tr("Node class “%1” ran out of resources on %2.").arg(it.key(), nodes(it.value())));
    }
    for (const QString &quota : m.quotaExhausted)
        lines.append(tr("The namespace quota is used up: %1.").arg(quota));
    return lines;
}

QStringList explainPlacement(const Evaluation &evaluation)
{
    QStringList lines;
    for (auto it = evaluation.failedTgAllocs.begin(); it != evaluation.failedTgAllocs.end(); ++it)
        lines += explainMetric(it.key(), *it);
    return lines;
}

bool placementNeedsMatchingNode(const Evaluation &evaluation)
{
    if (evaluation.failedTgAllocs.isEmpty())
        return false;
    for (const AllocationMetric &m : evaluation.failedTgAllocs) {
        const bool exhausted = m.nodesExhausted > 0 || !m.dimensionExhausted.isEmpty() ||
                               !m.classExhausted.isEmpty() || !m.quotaExhausted.isEmpty();
        if (exhausted)
            return false;
    }
    return true;
}

QString queuedOutlook(bool needsMatchingNode)
{
    if (needsMatchingNode)
        return tr("No node in the cluster matches the job's constraints, so more capacity on "
                  "these nodes will not place it: Nomad keeps it queued until a node that "
                  "matches joins. Stop it if that will not happen.");
    return tr("Nomad keeps the job queued and places it as soon as capacity frees up.");
}

QString placementSummary(const Evaluation &evaluation)
{
    QStringList parts;
    for (auto it = evaluation.failedTgAllocs.begin(); it != evaluation.failedTgAllocs.end(); ++it) {
        const AllocationMetric &m = *it;
        QString cause;
        if (!m.constraintFiltered.isEmpty())
            cause = tr("constraint “%1”").arg(m.constraintFiltered.firstKey());
        else if (!m.dimensionExhausted.isEmpty())
            cause = tr("not enough %1").arg(dimensionWords(m.dimensionExhausted.firstKey()));
        else if (m.nodesEvaluated == 0)
            cause = tr("no eligible nodes");
        else if (m.nodesExhausted > 0)
            cause = tr("resources exhausted");
        const QString count = QString::number(unplacedCount(m));
        parts.append(cause.isEmpty() ? tr("%1 unplaced in “%2”").arg(count, it.key())
                                     : tr("%1 unplaced in “%2”: %3").arg(count, it.key(), cause));
    }
    return parts.join(u"; ");
}

} // namespace dd::models
