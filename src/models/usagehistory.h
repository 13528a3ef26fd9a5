#pragma once
// The recent resource usage of an allocation (or one of its tasks), reading
// by reading, for ResourceUsageChart to draw: CPU as Nomad's percent of one
// core and as MHz (its TotalTicks), memory in bytes. Readings older than the
// window before the newest are dropped, so a long run keeps a bounded history.

#include "core/allocstats.h"

#include <QList>

#include <optional>

namespace dd::models {

struct UsageSample
{
    qint64 timestampNs = 0; // the client's clock
    double cpuPercent = 0;
    double cpuMhz = 0;
    qint64 memoryBytes = 0;
    friend bool operator==(const UsageSample &, const UsageSample &) = default;
};

class UsageHistory
{
public:
    static constexpr qint64 kDefaultWindowNs = 10LL * 60 * 1'000'000'000;

    explicit UsageHistory(qint64 windowNs = kDefaultWindowNs);

    // One task's reading, or the whole allocation's for an empty name.
    static UsageSample sampleOf(const AllocResourceUsage &usage, const QString &task = {});

    // Adds a reading; false (and nothing kept) when it is not newer than the
    // last one, as when the same reading arrives twice.
    bool add(const UsageSample &sample);
    void clear() { m_samples.clear(); }
    void setWindow(qint64 windowNs);
    qint64 window() const { return m_windowNs; }

    const QList<UsageSample> &samples() const { return m_samples; }
    bool isEmpty() const { return m_samples.isEmpty(); }
    std::optional<UsageSample> latest() const;
    // The reading closest in time to timeNs, none when the nearest is further
    // than maxDistanceNs away.
    std::optional<UsageSample> nearest(qint64 timeNs, qint64 maxDistanceNs) const;
    double maxCpuPercent() const;
    qint64 maxMemoryBytes() const;

private:
    qint64 m_windowNs;
    QList<UsageSample> m_samples;
};

} // namespace dd::models
