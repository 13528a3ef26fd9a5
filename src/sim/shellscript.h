#pragma once
// A tiny interpreter for the `sh -c` scripts job specs use, run on simulated
// time: what the script writes to stdout and stderr and when (relative to its
// start), how long its sleeps take and its exit status. It knows echo, printf,
// cat and sha256sum of the task's files, sleep, exit, true/false, test/[, variables,
// $((arithmetic)), while/until/for loops, if, &&, || and >&2; other commands
// succeed silently. Loops are capped, so a script never runs away with memory.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

namespace dd::sim {

struct ShellWrite
{
    qint64 atNs = 0; // since the script started
    int fd = 1;      // 1 stdout, 2 stderr
    QByteArray data;
};

struct ShellRun
{
    QList<ShellWrite> writes;
    qint64 runForNs = 0;
    int exitCode = 0;
    bool truncated = false; // a cap on iterations or output was reached
};

struct ShellEnvironment
{
    QMap<QString, QString> variables; // NOMAD_META_*, NOMAD_TASK_DIR, ...
    // The bytes of a file the script reads (by absolute path), if it exists.
    std::function<std::optional<QByteArray>(const QString &path)> readFile;
    qint64 startNs = 0; // the wall-clock start, for `date`
};

ShellRun runShellScript(const QString &script, const ShellEnvironment &env);

// The environment Nomad gives a task for its meta: NOMAD_META_<key> in the key's own
// spelling, with '-' and '.' as '_', and that upper-cased.
void addMetaVariables(QMap<QString, QString> &variables, const QMap<QString, QString> &meta);

} // namespace dd::sim
