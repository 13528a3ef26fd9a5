#include "sim/jobspec.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;

// Fields of `defaults` take the given value unless it is absent or null.
QJsonObject merged(const QJsonObject &defaults, const QJsonValue &given)
{
    QJsonObject out = defaults;
    const QJsonObject g = given.toObject();
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        const QJsonValue v = g.value(it.key());
        if (!v.isNull() && !v.isUndefined())
            out.insert(it.key(), v);
    }
    return out;
}

QJsonValue orDefault(const QJsonObject &o, QLatin1StringView key, const QJsonValue &fallback)
{
    const QJsonValue v = o.value(key);
    return v.isNull() || v.isUndefined() ? fallback : v;
}

QJsonValue passThrough(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v;
}

QJsonObject restartDefaults(bool batch)
{
    return QJsonObject{{"Attempts"_L1, batch ? 3 : 2},
                       {"Interval"_L1, batch ? 24 * kHour : 30 * kMinute},
                       {"Delay"_L1, 15 * kSecond},
                       {"Mode"_L1, u"fail"_s}};
}

QJsonObject rescheduleDefaults(bool batch)
{
    if (batch) {
        return QJsonObject{{"Attempts"_L1, 1},        {"Interval"_L1, 24 * kHour},
                           {"Delay"_L1, 5 * kSecond}, {"DelayFunction"_L1, u"constant"_s},
                           {"MaxDelay"_L1, 0},        {"Unlimited"_L1, false}};
    }
    return QJsonObject{{"Attempts"_L1, 0},         {"Interval"_L1, 0},
                       {"Delay"_L1, 30 * kSecond}, {"DelayFunction"_L1, u"exponential"_s},
                       {"MaxDelay"_L1, kHour},     {"Unlimited"_L1, true}};
}

QJsonObject updateDefaults(bool batch)
{
    if (batch) {
        return QJsonObject{
            {"Stagger"_L1, 0},        {"MaxParallel"_L1, 0},     {"HealthCheck"_L1, QString()},
            {"MinHealthyTime"_L1, 0}, {"HealthyDeadline"_L1, 0}, {"ProgressDeadline"_L1, 0},
            {"AutoRevert"_L1, false}, {"AutoPromote"_L1, false}, {"Canary"_L1, 0}};
    }
    return QJsonObject{{"Stagger"_L1, 30 * kSecond},
                       {"MaxParallel"_L1, 1},
                       {"HealthCheck"_L1, u"checks"_s},
                       {"MinHealthyTime"_L1, 10 * kSecond},
                       {"HealthyDeadline"_L1, 5 * kMinute},
                       {"ProgressDeadline"_L1, 10 * kMinute},
                       {"AutoRevert"_L1, false},
                       {"AutoPromote"_L1, false},
                       {"Canary"_L1, 0}};
}

QJsonObject canonicalTask(const QJsonObject &t, const QJsonObject &groupRestart)
{
    QJsonObject o;
    for (QLatin1StringView key :
         {"Config"_L1, "Env"_L1, "Services"_L1, "Vault"_L1, "Templates"_L1, "Constraints"_L1,
          "Affinities"_L1, "DispatchPayload"_L1, "Lifecycle"_L1, "Meta"_L1, "Artifacts"_L1,
          "VolumeMounts"_L1, "ScalingPolicies"_L1, "CSIPluginConfig"_L1}) {
        o.insert(key, passThrough(t, key));
    }
    o.insert("Name"_L1, t.value("Name"_L1).toString());
    o.insert("Driver"_L1, t.value("Driver"_L1).toString());
    o.insert("User"_L1, t.value("User"_L1).toString());
    o.insert("Resources"_L1, merged(QJsonObject{{"CPU"_L1, 100},
                                                {"MemoryMB"_L1, 300},
                                                {"DiskMB"_L1, 0},
                                                {"IOPS"_L1, 0},
                                                {"Networks"_L1, QJsonValue::Null},
                                                {"Devices"_L1, QJsonValue::Null}},
                                    t.value("Resources"_L1)));
    o.insert("RestartPolicy"_L1, merged(groupRestart, t.value("RestartPolicy"_L1)));
    o.insert("KillTimeout"_L1, orDefault(t, "KillTimeout"_L1, 5 * kSecond));
    o.insert("LogConfig"_L1, merged(QJsonObject{{"MaxFiles"_L1, 10}, {"MaxFileSizeMB"_L1, 10}},
                                    t.value("LogConfig"_L1)));
    o.insert("Leader"_L1, t.value("Leader"_L1).toBool());
    o.insert("ShutdownDelay"_L1, orDefault(t, "ShutdownDelay"_L1, 0));
    o.insert("KillSignal"_L1, t.value("KillSignal"_L1).toString());
    o.insert("Kind"_L1, t.value("Kind"_L1).toString());
    return o;
}

QJsonObject canonicalGroup(const QJsonObject &g, const QJsonObject &job, bool batch)
{
    QJsonObject o;
    for (QLatin1StringView key :
         {"Constraints"_L1, "Affinities"_L1, "Spreads"_L1, "Scaling"_L1, "Meta"_L1, "Networks"_L1,
          "Services"_L1, "Volumes"_L1, "ShutdownDelay"_L1, "StopAfterClientDisconnect"_L1}) {
        o.insert(key, passThrough(g, key));
    }
    o.insert("Name"_L1, g.value("Name"_L1).toString());
    o.insert("Count"_L1, orDefault(g, "Count"_L1, 1));
    const QJsonObject restart = merged(restartDefaults(batch), g.value("RestartPolicy"_L1));
    o.insert("RestartPolicy"_L1, restart);
    // A job-level reschedule/migrate/update block applies to groups that set none.
    QJsonObject reschedule = merged(rescheduleDefaults(batch), job.value("Reschedule"_L1));
    o.insert("ReschedulePolicy"_L1, merged(reschedule, g.value("ReschedulePolicy"_L1)));
    o.insert("EphemeralDisk"_L1,
             merged(QJsonObject{{"Sticky"_L1, false}, {"SizeMB"_L1, 300}, {"Migrate"_L1, false}},
                    g.value("EphemeralDisk"_L1)));
    if (batch) {
        o.insert("Update"_L1, QJsonValue::Null);
        o.insert("Migrate"_L1, QJsonValue::Null);
    } else {
        o.insert("Update"_L1, merged(merged(updateDefaults(false), job.value("Update"_L1)),
                                     g.value("Update"_L1)));
        o.insert("Migrate"_L1, merged(QJsonObject{{"MaxParallel"_L1, 1},
                                                  {"HealthCheck"_L1, u"checks"_s},
                                                  {"MinHealthyTime"_L1, 10 * kSecond},
                                                  {"HealthyDeadline"_L1, 5 * kMinute}},
                                      g.value("Migrate"_L1)));
    }
    QJsonArray tasks;
    for (const QJsonValue &t : g.value("Tasks"_L1).toArray())
        tasks.append(canonicalTask(t.toObject(), restart));
    o.insert("Tasks"_L1, tasks);
    return o;
}

} // namespace

QJsonObject canonicalizeJob(const QJsonObject &job, const QString &fallbackNamespace,
                            const QString &region)
{
    const QString type = job.value("Type"_L1).toString(u"service"_s);
    const bool batch = type == "batch"_L1 || type == "sysbatch"_L1;
    QJsonObject o;
    for (QLatin1StringView key : {"Datacenters"_L1, "Constraints"_L1, "Affinities"_L1, "Spreads"_L1,
                                  "Multiregion"_L1, "Periodic"_L1, "Meta"_L1}) {
        o.insert(key, passThrough(job, key));
    }
    const QString id = job.value("ID"_L1).toString();
    o.insert("ID"_L1, id);
    o.insert("Name"_L1, job.value("Name"_L1).toString(id));
    if (o.value("Name"_L1).toString().isEmpty())
        o.insert("Name"_L1, id);
    o.insert("Region"_L1, job.value("Region"_L1).toString(region));
    QString ns = job.value("Namespace"_L1).toString();
    if (ns.isEmpty())
        ns = fallbackNamespace.isEmpty() ? u"default"_s : fallbackNamespace;
    o.insert("Namespace"_L1, ns);
    o.insert("Type"_L1, type);
    o.insert("Priority"_L1, orDefault(job, "Priority"_L1, 50));
    o.insert("AllAtOnce"_L1, job.value("AllAtOnce"_L1).toBool());
    o.insert("Update"_L1,
             merged(updateDefaults(batch), batch ? QJsonValue() : job.value("Update"_L1)));
    const QJsonValue parameterized = job.value("ParameterizedJob"_L1);
    if (parameterized.isObject()) {
        QJsonObject p = parameterized.toObject();
        QJsonObject canonical{{"Payload"_L1, p.value("Payload"_L1).toString(u"optional"_s)},
                              {"MetaRequired"_L1, passThrough(p, "MetaRequired"_L1)},
                              {"MetaOptional"_L1, passThrough(p, "MetaOptional"_L1)}};
        if (canonical.value("Payload"_L1).toString().isEmpty())
            canonical.insert("Payload"_L1, u"optional"_s);
        o.insert("ParameterizedJob"_L1, canonical);
    } else {
        o.insert("ParameterizedJob"_L1, QJsonValue::Null);
    }
    QJsonArray groups;
    for (const QJsonValue &g : job.value("TaskGroups"_L1).toArray())
        groups.append(canonicalGroup(g.toObject(), job, batch));
    o.insert("TaskGroups"_L1, groups);
    o.insert("ConsulToken"_L1, QString());
    o.insert("VaultToken"_L1, QString());
    o.insert("VaultNamespace"_L1, QString());
    o.insert("NomadTokenID"_L1, QString());
    return o;
}

QString validateJob(const QJsonObject &job)
{
    QStringList errors;
    const QString id = job.value("ID"_L1).toString();
    if (id.isEmpty())
        errors << u"Missing job ID"_s;
    else if (id.contains(u' '))
        errors << u"Job ID contains a space"_s;
    else if (id.contains(QChar(0)))
        errors << u"Job ID contains a null character"_s;
    const QString type = job.value("Type"_L1).toString();
    if (type != "batch"_L1 && type != "service"_L1 && type != "system"_L1 &&
        type != "sysbatch"_L1) {
        errors << u"Invalid job type: \"%1\""_s.arg(type);
    }
    const int priority = job.value("Priority"_L1).toInt();
    if (priority < 1 || priority > 100)
        errors << u"Job priority must be between [1, 100]"_s;
    if (job.value("Datacenters"_L1).toArray().isEmpty())
        errors << u"Missing job datacenters"_s;
    const QJsonArray groups = job.value("TaskGroups"_L1).toArray();
    if (groups.isEmpty())
        errors << u"Missing job task groups"_s;
    QStringList seen;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QJsonObject g = groups[i].toObject();
        const QString name = g.value("Name"_L1).toString();
        if (name.isEmpty()) {
            errors << u"Job task group %1 missing name"_s.arg(i + 1);
            continue;
        }
        if (seen.contains(name))
            errors << u"Job task group %1 redefines '%2' from group %3"_s.arg(i + 1).arg(name).arg(
                seen.indexOf(name) + 1);
        seen << name;
        QStringList groupErrors;
        if (g.value("Count"_L1).toInt() < 0)
            groupErrors << u"Task group count can't be negative"_s;
        const QJsonArray tasks = g.value("Tasks"_L1).toArray();
        if (tasks.isEmpty())
            groupErrors << u"Missing tasks for task group"_s;
        for (const QJsonValue &t : tasks) {
            const QJsonObject task = t.toObject();
            if (task.value("Name"_L1).toString().isEmpty())
                groupErrors << u"Task missing name"_s;
            if (task.value("Driver"_L1).toString().isEmpty())
                groupErrors << u"Task %1 validation failed: Missing task driver"_s.arg(
                    task.value("Name"_L1).toString());
        }
        if (!groupErrors.isEmpty()) {
            QString nested = u"%1 error%2 occurred:\n"_s.arg(groupErrors.size())
                                 .arg(groupErrors.size() == 1 ? u""_s : u"s"_s);
            for (const QString &e : groupErrors)
                nested += u"\t* "_s + e + u'\n';
            errors << u"Task group %1 validation failed: %2"_s.arg(name, nested);
        }
    }
    if (errors.isEmpty())
        return {};
    QString text =
        u"%1 error%2 occurred:\n"_s.arg(errors.size()).arg(errors.size() == 1 ? u""_s : u"s"_s);
    for (const QString &e : errors)
        text += u"\t* "_s + e + u'\n';
    return text + u'\n';
}

} // namespace dd::sim
