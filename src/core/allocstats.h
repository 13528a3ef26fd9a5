#pragma once
// What a Nomad client says an allocation uses now:
// GET /v1/client/allocation/<alloc>/stats (Nomad's AllocResourceUsage). The
// whole allocation, each task and each of a task's processes carry the same
// ResourceUsage; "Measured" lists which fields the task driver really
// measured (raw_exec: RSS and Swap; cgroup drivers also Usage, Cache...).
// A task that is not running has no entry; when none runs, Tasks is empty
// and the totals are zero.

#include "core/decode.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace dd {

struct MemoryStats
{
    qint64 rss = 0;
    qint64 cache = 0;
    qint64 swap = 0;
    qint64 usage = 0;
    qint64 maxUsage = 0;
    qint64 kernelUsage = 0;
    qint64 kernelMaxUsage = 0;
    QStringList measured;

    // The memory to show, in bytes: RSS when the driver measures it, else the
    // cgroup's Usage (drivers that measure only that report RSS as 0).
    qint64 shownBytes() const;
    friend bool operator==(const MemoryStats &, const MemoryStats &) = default;
};

struct CpuStats
{
    double percent = 0;    // of one core; above 100 on several
    double systemMode = 0; // percent
    double userMode = 0;   // percent
    double totalTicks = 0; // MHz used, the unit of a task's cpu resource
    qint64 throttledPeriods = 0;
    qint64 throttledTime = 0;
    QStringList measured;
    friend bool operator==(const CpuStats &, const CpuStats &) = default;
};

struct ResourceUsage
{
    MemoryStats memory;
    CpuStats cpu;
    friend bool operator==(const ResourceUsage &, const ResourceUsage &) = default;
};

struct TaskResourceUsage
{
    ResourceUsage usage;
    qint64 timestampNs = 0;
    QMap<QString, ResourceUsage> pids; // by process ID
    friend bool operator==(const TaskResourceUsage &, const TaskResourceUsage &) = default;
};

struct AllocResourceUsage
{
    ResourceUsage usage; // every running task together
    QMap<QString, TaskResourceUsage> tasks;
    qint64 timestampNs = 0; // Unix nanoseconds, the client's clock

    // No task is running (not started yet, or finished).
    bool isIdle() const { return tasks.isEmpty(); }
    // One task's usage, or the whole allocation's for an empty name; a task
    // that is not running reads as zero.
    ResourceUsage usageOf(const QString &task) const;
    friend bool operator==(const AllocResourceUsage &, const AllocResourceUsage &) = default;
};

Decoded<AllocResourceUsage> decodeAllocResourceUsage(const QByteArray &json);

} // namespace dd
