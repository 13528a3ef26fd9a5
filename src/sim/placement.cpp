#include "sim/placement.h"

#include "sim/allocencoding.h"
#include "sim/idgenerator.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QVersionNumber>

#include <cmath>

using namespace Qt::StringLiterals;

namespace dd::sim {

int GroupResources::cpu() const
{
    int total = 0;
    for (const TaskResources &t : tasks)
        total += t.cpu;
    return total;
}

int GroupResources::memoryMb() const
{
    int total = 0;
    for (const TaskResources &t : tasks)
        total += t.memoryMb;
    return total;
}

GroupResources groupResources(const QJsonObject &group)
{
    GroupResources r;
    for (const QJsonValue &t : group.value("Tasks"_L1).toArray()) {
        const QJsonObject task = t.toObject();
        const QJsonObject res = task.value("Resources"_L1).toObject();
        r.tasks.insert(
            task.value("Name"_L1).toString(),
            TaskResources{res.value("CPU"_L1).toInt(100), res.value("MemoryMB"_L1).toInt(300)});
    }
    r.diskMb = group.value("EphemeralDisk"_L1).toObject().value("SizeMB"_L1).toInt(300);
    return r;
}

namespace {

std::optional<QString> resolveTarget(const QString &target, const SimNode &node)
{
    if (!target.startsWith(u"${"_s) || !target.endsWith(u'}'))
        return target;
    const QString name = target.mid(2, target.size() - 3);
    if (name.startsWith(u"attr."_s)) {
        const QString key = name.mid(5);
        if (node.attributes.contains(key))
            return node.attributes.value(key);
        return std::nullopt;
    }
    if (name.startsWith(u"meta."_s)) {
        const QString key = name.mid(5);
        if (node.meta.contains(key))
            return node.meta.value(key);
        return std::nullopt;
    }
    if (name == "node.datacenter"_L1)
        return node.datacenter;
    if (name == "node.unique.name"_L1)
        return node.name;
    if (name == "node.unique.id"_L1)
        return node.id;
    if (name == "node.class"_L1)
        return node.nodeClass;
    return std::nullopt;
}

bool versionHolds(const QString &actual, const QString &constraints)
{
    const QVersionNumber have = QVersionNumber::fromString(actual);
    if (have.isNull())
        return false;
    for (const QString &part : constraints.split(u',', Qt::SkipEmptyParts)) {
        static const QRegularExpression re(u"^\\s*(>=|<=|!=|~>|=|>|<)?\\s*v?([0-9][^\\s]*)\\s*$"_s);
        const auto m = re.match(part);
        if (!m.hasMatch())
            return false;
        const QString op = m.captured(1).isEmpty() ? u"="_s : m.captured(1);
        const QVersionNumber want = QVersionNumber::fromString(m.captured(2));
        const int c = QVersionNumber::compare(have, want);
        const bool ok = op == "="_L1    ? c == 0
                        : op == "!="_L1 ? c != 0
                        : op == ">"_L1  ? c > 0
                        : op == ">="_L1 ? c >= 0
                        : op == "<"_L1  ? c < 0
                        : op == "<="_L1 ? c <= 0
                                        : (c >= 0 && have.majorVersion() == want.majorVersion());
        if (!ok)
            return false;
    }
    return true;
}

QStringList setOf(const QString &text)
{
    QStringList out;
    for (const QString &s : text.split(u',', Qt::SkipEmptyParts))
        out << s.trimmed();
    return out;
}

QList<QJsonObject> constraintsOf(const QJsonValue &v)
{
    QList<QJsonObject> out;
    for (const QJsonValue &c : v.toArray())
        out << c.toObject();
    return out;
}

} // namespace

QString constraintKey(const QJsonObject &c)
{
    return c.value("LTarget"_L1).toString() + u' ' + c.value("Operand"_L1).toString(u"="_s) + u' ' +
           c.value("RTarget"_L1).toString();
}

bool constraintHolds(const QJsonObject &c, const SimNode &node)
{
    const QString op = c.value("Operand"_L1).toString(u"="_s);
    if (op == "distinct_hosts"_L1 || op == "distinct_property"_L1)
        return true; // one allocation per node is all the simulator places anyway
    const auto left = resolveTarget(c.value("LTarget"_L1).toString(), node);
    const auto right = resolveTarget(c.value("RTarget"_L1).toString(), node);
    if (op == "is_set"_L1)
        return left.has_value();
    if (op == "is_not_set"_L1)
        return !left.has_value();
    if (!left || !right)
        return false;
    if (op == "="_L1 || op == "=="_L1 || op == "is"_L1 || op.isEmpty())
        return *left == *right;
    if (op == "!="_L1 || op == "not"_L1)
        return *left != *right;
    if (op == "<"_L1)
        return *left < *right;
    if (op == "<="_L1)
        return *left <= *right;
    if (op == ">"_L1)
        return *left > *right;
    if (op == ">="_L1)
        return *left >= *right;
    if (op == "regexp"_L1)
        return QRegularExpression(*right).match(*left).hasMatch();
    if (op == "version"_L1 || op == "semver"_L1)
        return versionHolds(*left, *right);
    if (op == "set_contains"_L1 || op == "set_contains_all"_L1) {
        const QStringList have = setOf(*left);
        for (const QString &want : setOf(*right)) {
            if (!have.contains(want))
                return false;
        }
        return true;
    }
    if (op == "set_contains_any"_L1) {
        const QStringList have = setOf(*left);
        for (const QString &want : setOf(*right)) {
            if (have.contains(want))
                return true;
        }
        return false;
    }
    return false;
}

GroupPlacement placeGroup(const ClusterState &state, const SimJob &job, const QJsonObject &group,
                          int count, QMap<QString, GroupResources> &extraUsage, IdGenerator &random)
{
    GroupPlacement result;
    const GroupResources want = groupResources(group);
    QStringList datacenters;
    for (const QJsonValue &dc : job.spec.value("Datacenters"_L1).toArray())
        datacenters << dc.toString();
    QList<QJsonObject> groupConstraints = constraintsOf(group.value("Constraints"_L1));
    QStringList drivers;
    for (const QJsonValue &t : group.value("Tasks"_L1).toArray()) {
        groupConstraints << constraintsOf(t.toObject().value("Constraints"_L1));
        drivers << t.toObject().value("Driver"_L1).toString();
    }
    const QList<QJsonObject> jobConstraints = constraintsOf(job.spec.value("Constraints"_L1));

    // Usage of live allocations per node.
    QMap<QString, GroupResources> used;
    state.forEachLiveAlloc([&used](const SimAlloc &a) {
        GroupResources &u = used[a.nodeId];
        u.tasks.insert(a.id, TaskResources{a.cpu(), a.memoryMb()});
        u.diskMb += a.diskMb;
    });

    for (int n = 0; n < count; ++n) {
        QJsonObject metrics = emptyAllocMetric();
        // Counted in a map and turned into JSON once: a QJsonObject insert per node was costly.
        QMap<QString, int> availableCounts;
        for (const QString &dc : datacenters)
            availableCounts.insert(dc, 0);
        QJsonObject constraintFiltered;
        QJsonObject dimensionExhausted;
        int evaluated = 0;
        int filtered = 0;
        int exhausted = 0;
        const SimNode *best = nullptr;
        double bestScore = -1;
        for (const auto &[id, node] : state.nodes()) {
            if (!datacenters.contains(node.datacenter) || node.status != "ready"_L1 ||
                node.eligibility != "eligible"_L1 || node.drain) {
                continue;
            }
            ++availableCounts[node.datacenter];
            ++evaluated;
            QString reason;
            for (const QJsonObject &c : jobConstraints) {
                if (reason.isEmpty() && !constraintHolds(c, node))
                    reason = constraintKey(c);
            }
            for (const QString &d : drivers) {
                if (reason.isEmpty() && !node.drivers.contains(d))
                    reason = u"missing drivers"_s;
            }
            for (const QJsonObject &c : groupConstraints) {
                if (reason.isEmpty() && !constraintHolds(c, node))
                    reason = constraintKey(c);
            }
            if (!reason.isEmpty()) {
                ++filtered;
                constraintFiltered.insert(reason, constraintFiltered.value(reason).toInt() + 1);
                continue;
            }
            const GroupResources u = used.value(node.id);
            const GroupResources x = extraUsage.value(node.id);
            const int cpu = u.cpu() + x.cpu() + want.cpu();
            const int mem = u.memoryMb() + x.memoryMb() + want.memoryMb();
            const int disk = u.diskMb + x.diskMb + want.diskMb;
            QString dimension;
            if (cpu > node.cpuMhz)
                dimension = u"cpu"_s;
            else if (mem > node.memoryMb)
                dimension = u"memory"_s;
            else if (disk > node.diskMb)
                dimension = u"disk"_s;
            if (!dimension.isEmpty()) {
                ++exhausted;
                dimensionExhausted.insert(dimension,
                                          dimensionExhausted.value(dimension).toInt() + 1);
                continue;
            }
            // Nomad's ScoreFitBinPack, normalised to [0, 1]: fuller nodes score higher.
            const double freeCpu = 1.0 - double(cpu) / std::max(1, node.cpuMhz);
            const double freeMem = 1.0 - double(mem) / std::max(1, node.memoryMb);
            const double score =
                (20.0 - (std::pow(10.0, freeCpu) + std::pow(10.0, freeMem))) / 18.0;
            if (score > bestScore) {
                bestScore = score;
                best = &node;
            }
        }
        QJsonObject available;
        for (auto it = availableCounts.cbegin(); it != availableCounts.cend(); ++it)
            available.insert(it.key(), it.value());
        metrics.insert("NodesEvaluated"_L1, evaluated);
        metrics.insert("NodesFiltered"_L1, filtered);
        metrics.insert("NodesExhausted"_L1, exhausted);
        metrics.insert("NodesAvailable"_L1, available);
        if (!constraintFiltered.isEmpty())
            metrics.insert("ConstraintFiltered"_L1, constraintFiltered);
        if (!dimensionExhausted.isEmpty())
            metrics.insert("DimensionExhausted"_L1, dimensionExhausted);
        metrics.insert("AllocationTime"_L1, qint64(20'000 + random.bounded(130'000)));
        if (best) {
            metrics.insert(
                "ScoreMetaData"_L1,
                QJsonArray{QJsonObject{{"NodeID"_L1, best->id},
                                       {"NormScore"_L1, bestScore},
                                       {"Scores"_L1, QJsonObject{{"binpack"_L1, bestScore},
                                                                 {"job-anti-affinity"_L1, 0},
                                                                 {"node-reschedule-penalty"_L1, 0},
                                                                 {"node-affinity"_L1, 0}}}}});
            GroupResources &x = extraUsage[best->id];
            x.tasks.insert(u"#%1"_s.arg(x.tasks.size()),
                           TaskResources{want.cpu(), want.memoryMb()});
            x.diskMb += want.diskMb;
            result.placed.append(Placement{best->id, best->name, metrics});
        } else {
            if (result.failed == 0)
                result.failureMetrics = metrics;
            ++result.failed;
        }
    }
    if (result.failed > 0)
        result.failureMetrics.insert("CoalescedFailures"_L1, result.failed - 1);
    return result;
}

} // namespace dd::sim
