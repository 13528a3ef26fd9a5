// An allocation's resource usage (allocstats.h).
#include "core/allocstats.h"

#include "core/jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

double readDouble(JsonReader &r, const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isDouble())
        return v.toDouble();
    if (!v.isNull() && !v.isUndefined())
        r.fail(u"field \"" + key + u"\" should be a number but is " + jsonTypeName(v));
    return 0;
}

ResourceUsage usageFromJson(const QJsonObject &o, const QString &context, JsonReader &parent)
{
    JsonReader r(o, context);
    ResourceUsage u;
    const QJsonObject memory = r.object("MemoryStats"_L1);
    JsonReader mr(memory, context + u".MemoryStats");
    u.memory.rss = mr.i64("RSS"_L1);
    u.memory.cache = mr.i64("Cache"_L1);
    u.memory.swap = mr.i64("Swap"_L1);
    u.memory.usage = mr.i64("Usage"_L1);
    u.memory.maxUsage = mr.i64("MaxUsage"_L1);
    u.memory.kernelUsage = mr.i64("KernelUsage"_L1);
    u.memory.kernelMaxUsage = mr.i64("KernelMaxUsage"_L1);
    u.memory.measured = mr.strings("Measured"_L1);
    const QJsonObject cpu = r.object("CpuStats"_L1);
    JsonReader cr(cpu, context + u".CpuStats");
    u.cpu.percent = readDouble(cr, cpu, "Percent"_L1);
    u.cpu.systemMode = readDouble(cr, cpu, "SystemMode"_L1);
    u.cpu.userMode = readDouble(cr, cpu, "UserMode"_L1);
    u.cpu.totalTicks = readDouble(cr, cpu, "TotalTicks"_L1);
    u.cpu.throttledPeriods = cr.i64("ThrottledPeriods"_L1);
    u.cpu.throttledTime = cr.i64("ThrottledTime"_L1);
    u.cpu.measured = cr.strings("Measured"_L1);
    for (JsonReader *sub : {&r, &mr, &cr}) {
        if (sub->failed())
            parent.fail(sub->error());
    }
    return u;
}

} // namespace

qint64 MemoryStats::shownBytes() const
{
    if (rss > 0 || measured.contains(u"RSS"_s))
        return rss;
    return usage;
}

ResourceUsage AllocResourceUsage::usageOf(const QString &task) const
{
    if (task.isEmpty())
        return usage;
    return tasks.value(task).usage;
}

Decoded<AllocResourceUsage> decodeAllocResourceUsage(const QByteArray &json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(DecodeError{u"the resource usage is not valid JSON (" +
                                           error.errorString() + u" at byte " +
                                           QString::number(error.offset) + u')'});
    if (!doc.isObject())
        return std::unexpected(
            DecodeError{u"the resource usage should be a JSON object but is an array"_s});
    const QJsonObject o = doc.object();
    JsonReader r(o, u"resource usage"_s);
    AllocResourceUsage a;
    a.timestampNs = r.i64("Timestamp"_L1);
    a.usage = usageFromJson(r.object("ResourceUsage"_L1), u"ResourceUsage"_s, r);
    const QJsonObject tasks = r.object("Tasks"_L1);
    for (auto it = tasks.begin(); it != tasks.end() && !r.failed(); ++it) {
        if (!it.value().isObject()) {
            r.fail(u"Tasks[" + it.key() + u"] is not an object");
            break;
        }
        const QString context = u"Tasks[" + it.key() + u']';
        JsonReader tr(it.value().toObject(), context);
        TaskResourceUsage t;
        t.timestampNs = tr.i64("Timestamp"_L1);
        t.usage = usageFromJson(tr.object("ResourceUsage"_L1), context + u".ResourceUsage", tr);
        const QJsonObject pids = tr.object("Pids"_L1);
        for (auto p = pids.begin(); p != pids.end() && !tr.failed(); ++p) {
            if (!p.value().isObject()) {
                tr.fail(u"Pids[" + p.key() + u"] is not an object");
                break;
            }
            t.pids.insert(p.key(), usageFromJson(p.value().toObject(),
                                                 context + u".Pids[" + p.key() + u']', tr));
        }
        if (tr.failed())
            r.fail(tr.error());
        a.tasks.insert(it.key(), t);
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return a;
}

} // namespace dd
