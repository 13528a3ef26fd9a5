#pragma once
// How long a simulated task runs and how it exits, read from what the job
// says: the driver config (`/bin/sleep 5`, `sh -c "...; sleep 2; exit 3"`, the
// mock driver's run_for/exit_code) and the meta keys `run_for` and `exit_code`,
// which win (task meta over group meta over the job's, dispatch meta included).

#include <QJsonObject>
#include <QString>

#include <optional>

namespace dd::sim {

struct TaskPlan
{
    qint64 runForNs = 0;
    bool forever = false; // services run until stopped
    int exitCode = 0;
    QString startError; // the task fails to start with this driver error
};

TaskPlan planTask(const QJsonObject &task, const QJsonObject &group, const QJsonObject &jobMeta,
                  const QString &jobType);

// A shell script's effect, for the simple scripts job specs use: the sum of its
// sleeps and its exit status (`exit N`, `false`, `&&`/`||` honoured).
struct ScriptOutcome
{
    qint64 runForNs = 0;
    int exitCode = 0;
};
ScriptOutcome evaluateScript(const QString &script, const QJsonObject &meta);

// `sleep` arguments: "5", "1.5", "2m", "1h"; or Go durations "2s", "1m30s".
std::optional<qint64> parseSleep(const QString &text);

} // namespace dd::sim
