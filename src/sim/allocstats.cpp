// Resource usage of an allocation (allocstats.h).
#include "sim/allocstats.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

struct Usage
{
    double percent = 0;
    double systemMode = 0;
    double userMode = 0;
    double totalTicks = 0;
    qint64 rss = 0;
    qint64 maxUsage = 0;
};

quint32 seedOf(const QString &text)
{
    const QByteArray h = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5);
    return quint32(quint8(h[0])) << 24 | quint32(quint8(h[1])) << 16 | quint32(quint8(h[2])) << 8 |
           quint32(quint8(h[3]));
}

QJsonObject encode(const Usage &u, bool deviceStatsArray)
{
    const QJsonObject cpu{
        {"Measured"_L1, QJsonArray{u"System Mode"_s, u"User Mode"_s, u"Percent"_s}},
        {"Percent"_L1, u.percent},
        {"SystemMode"_L1, u.systemMode},
        {"ThrottledPeriods"_L1, 0},
        {"ThrottledTime"_L1, 0},
        {"TotalTicks"_L1, u.totalTicks},
        {"UserMode"_L1, u.userMode}};
    const QJsonObject memory{{"Cache"_L1, 0},
                             {"KernelMaxUsage"_L1, 0},
                             {"KernelUsage"_L1, 0},
                             {"MaxUsage"_L1, u.maxUsage},
                             {"Measured"_L1, QJsonArray{u"RSS"_s, u"Swap"_s}},
                             {"RSS"_L1, u.rss},
                             {"Swap"_L1, 0},
                             {"Usage"_L1, 0}};
    return QJsonObject{{"CpuStats"_L1, cpu},
                       {"DeviceStats"_L1,
                        deviceStatsArray ? QJsonValue(QJsonArray()) : QJsonValue(QJsonValue::Null)},
                       {"MemoryStats"_L1, memory}};
}

void add(Usage &into, const Usage &u)
{
    into.percent += u.percent;
    into.systemMode += u.systemMode;
    into.userMode += u.userMode;
    into.totalTicks += u.totalTicks;
    into.rss += u.rss;
    into.maxUsage += u.maxUsage;
}

// One process's usage at a moment: a wave around a level set by the seed.
Usage processUsage(quint32 seed, int cpuMhz, qint64 memoryMb, double secondsRunning, bool main)
{
    Usage u;
    const double phase = double(seed % 628) / 100.0;
    const double level = main ? 20.0 + double(seed % 40) : 0.5 + double(seed % 3);
    u.percent = std::max(0.0, level + level * 0.5 * std::sin(secondsRunning / 3.0 + phase));
    u.percent = std::round(u.percent * 1000.0) / 1000.0;
    u.userMode = std::round(u.percent * 0.8 * 1000.0) / 1000.0;
    u.systemMode = std::round((u.percent - u.userMode) * 1000.0) / 1000.0;
    u.totalTicks = std::round(u.percent / 100.0 * cpuMhz * 1000.0) / 1000.0;
    const qint64 limit = std::max<qint64>(1, memoryMb) << 20;
    const qint64 base =
        main ? limit / 3 + qint64(seed % 4096) * 1024 : 1'700'000 + (seed % 200'000);
    const qint64 growth = qint64(std::min(secondsRunning, 600.0) * (main ? 20'000 : 100));
    u.rss = std::min(limit, base + growth);
    u.maxUsage = u.rss + (main ? 2 << 20 : 0);
    return u;
}

} // namespace

QJsonObject allocationStats(const SimAlloc &alloc, qint64 nowNs)
{
    Usage total;
    QJsonObject tasks;
    for (auto it = alloc.taskStates.begin(); it != alloc.taskStates.end(); ++it) {
        if (it->state != "running"_L1 || alloc.isTerminal())
            continue;
        const TaskResources r = alloc.taskResources.value(it.key());
        const double seconds = double(nowNs - it->startedAt) / 1e9;
        const quint32 seed = seedOf(alloc.id + u'/' + it.key());
        // A raw_exec task: its executor, the task's process and a child of it.
        QJsonObject pids;
        Usage taskTotal;
        for (int p = 0; p < 3; ++p) {
            const Usage u = processUsage(seed + quint32(p) * 7919u, std::max(r.cpu, 100),
                                         std::max(r.memoryMb, 16), seconds, p == 0);
            pids.insert(QString::number(1000 + (seed + quint32(p) * 13u) % 60000),
                        encode(u, false));
            add(taskTotal, u);
        }
        tasks.insert(it.key(), QJsonObject{{"Pids"_L1, pids},
                                           {"ResourceUsage"_L1, encode(taskTotal, false)},
                                           {"Timestamp"_L1, nowNs}});
        add(total, taskTotal);
    }
    return QJsonObject{
        {"ResourceUsage"_L1, encode(total, true)}, {"Tasks"_L1, tasks}, {"Timestamp"_L1, nowNs}};
}

} // namespace dd::sim
