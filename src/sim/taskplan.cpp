#include "sim/taskplan.h"

#include "sim/nomadformat.h"
#include "sim/shellscript.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

constexpr qint64 kUnknownCommandNs = kNsPerSecond; // something unknown still takes a moment

QString metaString(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    return {};
}

bool isVariableChar(QChar c)
{
    return c.unicode() < 128 && (c.isLetterOrNumber() || c == u'_');
}

// Replaces every $NOMAD_META_<name> not followed by a variable character,
// left to right without overlaps (what the pattern
// "\\$NOMAD_META_<name>(?![A-Za-z0-9_])" matches), without building a regex per key.
void replaceBareVariable(QString &text, const QString &name, const QString &value)
{
    const QString needle = u"$NOMAD_META_"_s + name;
    QString out;
    qsizetype copied = 0;
    qsizetype from = 0;
    bool replaced = false;
    for (qsizetype pos; (pos = text.indexOf(needle, from)) >= 0;) {
        const qsizetype end = pos + needle.size();
        if (end < text.size() && isVariableChar(text.at(end))) {
            from = pos + 1;
            continue;
        }
        out += QStringView(text).mid(copied, pos - copied);
        out += value;
        copied = from = end;
        replaced = true;
    }
    if (replaced) {
        out += QStringView(text).mid(copied);
        text = out;
    }
}

// ${NOMAD_META_key} / $NOMAD_META_key, with Nomad's env-safe variants of keys.
QString expandMeta(QString text, const QJsonObject &meta)
{
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        // Nothing left to expand (the common case): both forms contain this.
        if (!text.contains("NOMAD_META_"_L1))
            return text;
        const QString value = metaString(it.value());
        QString safe = it.key();
        safe.replace(u'-', u'_').replace(u'.', u'_');
        for (const QString &name : {it.key(), safe, safe.toUpper()}) {
            text.replace(u"${NOMAD_META_"_s + name + u'}', value);
            replaceBareVariable(text, name, value);
        }
    }
    return text;
}

QString baseName(const QString &command)
{
    return command.section(u'/', -1);
}

bool isShell(const QString &command)
{
    const QString b = baseName(command);
    return b == "sh"_L1 || b == "bash"_L1 || b == "dash"_L1 || b == "ash"_L1 || b == "zsh"_L1;
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}

// The plan of running `command args...` directly (no meta overrides yet).
TaskPlan planCommand(const QString &command, const QStringList &args, const QJsonObject &meta)
{
    TaskPlan plan;
    const QString b = baseName(command);
    if (isShell(command)) {
        const qsizetype c = args.indexOf(u"-c"_s);
        if (c >= 0 && c + 1 < args.size()) {
            const ScriptOutcome outcome = evaluateScript(args[c + 1], meta);
            plan.runForNs = outcome.runForNs;
            plan.exitCode = outcome.exitCode;
        }
        return plan;
    }
    if (b == "sleep"_L1) {
        plan.runForNs = args.isEmpty() ? 0 : parseSleep(expandMeta(args.first(), meta)).value_or(0);
    } else if (b == "true"_L1) {
        plan.runForNs = 0;
    } else if (b == "false"_L1) {
        plan.exitCode = 1;
    } else if (b == "echo"_L1 || b == "cat"_L1 || b == "env"_L1 || b == "date"_L1) {
        plan.runForNs = 0;
    } else {
        plan.runForNs = kUnknownCommandNs;
    }
    return plan;
}

QJsonObject mergedMeta(const QJsonObject &jobMeta, const QJsonObject &group,
                       const QJsonObject &task)
{
    QJsonObject meta = jobMeta;
    for (const QJsonObject &level :
         {group.value("Meta"_L1).toObject(), task.value("Meta"_L1).toObject()}) {
        for (auto it = level.begin(); it != level.end(); ++it)
            meta.insert(it.key(), it.value());
    }
    return meta;
}

} // namespace

std::optional<qint64> parseSleep(const QString &input)
{
    const QString text = input.trimmed();
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(qint64(seconds * 1e9));
    static const QRegularExpression gnu(u"^(\\d+(?:\\.\\d+)?)([smhd])$"_s);
    const auto m = gnu.match(text);
    if (m.hasMatch()) {
        const double n = m.captured(1).toDouble();
        const QChar unit = m.captured(2).at(0);
        const double scale = unit == u's' ? 1 : unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        return qint64(n * scale * 1e9);
    }
    return parseGoDuration(text);
}

ScriptOutcome evaluateScript(const QString &script, const QJsonObject &meta)
{
    ShellEnvironment env;
    QMap<QString, QString> values;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        values.insert(it.key(), metaString(it.value()));
    addMetaVariables(env.variables, values);
    const ShellRun run = runShellScript(script, env);
    return ScriptOutcome{run.runForNs, run.exitCode};
}

TaskPlan planTask(const QJsonObject &task, const QJsonObject &group, const QJsonObject &jobMeta,
                  const QString &jobType)
{
    const QJsonObject meta = mergedMeta(jobMeta, group, task);
    const QJsonObject config = task.value("Config"_L1).toObject();
    const QString driver = task.value("Driver"_L1).toString();
    TaskPlan plan;
    bool explicitRun = false;
    if (driver == "mock_driver"_L1) {
        plan.runForNs = parseGoDuration(metaString(config.value("run_for"_L1))).value_or(0);
        plan.exitCode = config.value("exit_code"_L1).toInt();
        plan.startError = config.value("start_error"_L1).toString();
        explicitRun = config.contains("run_for"_L1);
    } else if (config.contains("command"_L1)) {
        plan = planCommand(config.value("command"_L1).toString(),
                           stringList(config.value("args"_L1)), meta);
    } else {
        plan.runForNs = kUnknownCommandNs; // e.g. a docker image's own entrypoint
    }
    if (meta.contains("run_for"_L1)) {
        if (const auto ns = parseSleep(metaString(meta.value("run_for"_L1)))) {
            plan.runForNs = *ns;
            explicitRun = true;
        }
    }
    if (meta.contains("exit_code"_L1)) {
        bool ok = false;
        const int code = metaString(meta.value("exit_code"_L1)).toInt(&ok);
        if (ok)
            plan.exitCode = code;
    }
    plan.forever = (jobType == "service"_L1 || jobType == "system"_L1) && !explicitRun;
    return plan;
}

} // namespace dd::sim
