#pragma once
// `dispatch-desk-cli alloc logs [-stderr] [-f] [-tail] [-n lines] [-c bytes]
// <alloc> [<task>]`, as `nomad alloc logs` behaves: a unique allocation
// prefix, the task optional when the group has one, -tail from the end, -f
// following until the allocation is terminal (then exit 0, where the
// reference would wait forever). The task's output is written as raw bytes.

#include "api/tasklogstream.h"
#include "cli/clicontext.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace dd::cli {

struct AllocLogsOptions
{
    GeneralOptions general;
    bool stderrStream = false;
    bool follow = false;
    bool tail = false;
    bool verbose = false;
    int lines = -1;
    int bytes = -1;
    QString allocArg;
    QString task;
    ConnectionLayer flagLayer;
};

class AllocLogsCommand : public QObject
{
    Q_OBJECT
public:
    explicit AllocLogsCommand(CliContext &context, QObject *parent = nullptr);
    ~AllocLogsCommand() override;

    void run(const QStringList &args);

    static QString helpText();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onAllocation(const Allocation &allocation);
    void chooseTask(const Allocation &allocation, const QStringList &tasks);
    void startStream(const Allocation &allocation);
    void watchAllocation(quint64 index);
    void onData(const QByteArray &bytes);
    void releaseTail();
    void done(int exitCode);

    CliContext &m_context;
    std::unique_ptr<Terminal> m_terminal;
    AllocLogsOptions m_options;
    NomadClient *m_client = nullptr;
    QString m_nameSpace;
    TaskLogStream *m_stream = nullptr;
    std::chrono::milliseconds m_idleTimeout{10000};
    // -tail -n: the first burst is held and cut to its last lines, as Nomad's
    // line limiter does for a second, then bytes pass through.
    bool m_holdingTail = false;
    QByteArray m_tailBuffer;
    QTimer m_tailTimer;
    bool m_done = false;
};

} // namespace dd::cli
