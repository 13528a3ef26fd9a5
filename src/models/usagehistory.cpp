// Recent resource usage, bounded in time (usagehistory.h).
#include "models/usagehistory.h"

#include <algorithm>

namespace dd::models {

UsageHistory::UsageHistory(qint64 windowNs)
    : m_windowNs(std::max<qint64>(1, windowNs))
{}

UsageSample UsageHistory::sampleOf(const AllocResourceUsage &usage, const QString &task)
{
    const ResourceUsage u = usage.usageOf(task);
    UsageSample s;
    s.timestampNs = task.isEmpty() ? usage.timestampNs : usage.tasks.value(task).timestampNs;
    if (s.timestampNs == 0)
        s.timestampNs = usage.timestampNs;
    s.cpuPercent = u.cpu.percent;
    s.cpuMhz = u.cpu.totalTicks;
    s.memoryBytes = u.memory.shownBytes();
    return s;
}

bool UsageHistory::add(const UsageSample &sample)
{
    if (!m_samples.isEmpty() && sample.timestampNs <= m_samples.last().timestampNs)
        return false;
    m_samples.append(sample);
    const qint64 oldest = sample.timestampNs - m_windowNs;
    const auto keep =
        std::find_if(m_samples.cbegin(), m_samples.cend(),
                     [oldest](const UsageSample &s) { return s.timestampNs >= oldest; });
    m_samples.erase(m_samples.cbegin(), keep);
    return true;
}

void UsageHistory::setWindow(qint64 windowNs)
{
    m_windowNs = std::max<qint64>(1, windowNs);
    if (m_samples.isEmpty())
        return;
    const qint64 oldest = m_samples.last().timestampNs - m_windowNs;
    const auto keep =
        std::find_if(m_samples.cbegin(), m_samples.cend(),
                     [oldest](const UsageSample &s) { return s.timestampNs >= oldest; });
    m_samples.erase(m_samples.cbegin(), keep);
}

std::optional<UsageSample> UsageHistory::latest() const
{
    if (m_samples.isEmpty())
        return std::nullopt;
    return m_samples.last();
}

std::optional<UsageSample> UsageHistory::nearest(qint64 timeNs, qint64 maxDistanceNs) const
{
    if (m_samples.isEmpty())
        return std::nullopt;
    const auto after =
        std::lower_bound(m_samples.cbegin(), m_samples.cend(), timeNs,
                         [](const UsageSample &s, qint64 t) { return s.timestampNs < t; });
    std::optional<UsageSample> best;
    qint64 bestDistance = 0;
    for (auto it : {after, after == m_samples.cbegin() ? m_samples.cend() : after - 1}) {
        if (it == m_samples.cend())
            continue;
        const qint64 distance = std::abs(it->timestampNs - timeNs);
        if (!best || distance < bestDistance) {
            best = *it;
            bestDistance = distance;
        }
    }
    if (!best || bestDistance > maxDistanceNs)
        return std::nullopt;
    return best;
}

double UsageHistory::maxCpuPercent() const
{
    double max = 0;
    for (const UsageSample &s : m_samples)
        max = std::max(max, s.cpuPercent);
    return max;
}

qint64 UsageHistory::maxMemoryBytes() const
{
    qint64 max = 0;
    for (const UsageSample &s : m_samples)
        max = std::max(max, s.memoryBytes);
    return max;
}

} // namespace dd::models
