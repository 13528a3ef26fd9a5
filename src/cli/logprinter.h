#pragma once
// `job dispatch -logs`: while the dispatched job runs, each allocation's task
// stdout goes to stdout and stderr to stderr, as raw bytes (the user's own
// data). With several allocations (fan-out) or tasks, every line is prefixed
// with "[<alloc short ID>] " (or "[<alloc>/<task>] ") so they can be told apart.
// Streams are TaskLogStreams: a dropped connection resumes without losing or
// repeating a line; a terminal allocation ends its streams once they are read.
// Each stream holds a connection for as long as its task runs, and Qt opens at
// most six per host and manager: streams get managers of their own, a few
// streams each, so they never hold the connection the job's follower needs.

#include "api/tasklogstream.h"
#include "cli/terminal.h"

#include <QHash>
#include <QIODevice>
#include <QObject>
#include <QProcessEnvironment>
#include <QSet>

namespace dd::cli {

// How long a log stream may stay silent before it is reopened: 10 s (Nomad
// sends a heartbeat every second), or DISPATCH_DESK_LOG_IDLE_TIMEOUT (a Go
// duration such as 30s, for a proxy that holds data back). A value that is
// not a duration of 1 s to 1 h is ignored with a warning in `warning`.
std::chrono::milliseconds logIdleTimeout(const QProcessEnvironment &env, QString *warning);

class LogPrinter : public QObject
{
    Q_OBJECT
public:
    LogPrinter(NomadClient *client, QString nameSpace, QIODevice *out, QIODevice *err,
               Terminal &terminal, QObject *parent = nullptr);

    // Prefix lines with the allocation's ID (set before the first update).
    void setPrefixed(bool prefixed) { m_prefixed = prefixed; }
    // A stream silent this long is reopened (logIdleTimeout()).
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }
    // Starts streams for allocations and tasks that have started, and ends the
    // streams of those that are terminal.
    void update(const QList<Allocation> &allocations);
    // The job is dead: emits drained() once every stream has delivered all.
    void finishAll(const QList<Allocation> &allocations);
    int streamCount() const { return int(m_sinks.size()); }

Q_SIGNALS:
    void drained();

private:
    struct Sink
    {
        TaskLogStream *stream = nullptr;
        QIODevice *device = nullptr;
        QByteArray prefix;  // empty: bytes go through as they are
        QByteArray partial; // a line not yet ended (prefixed output only)
    };
    void startStreams(const Allocation &allocation);
    void write(Sink &sink, const QByteArray &bytes);
    void flush(Sink &sink);
    void checkDrained();
    NomadClient *streamClient(); // a client with a free connection

    NomadClient *m_client;
    NomadClient *m_streamClient = nullptr;
    int m_streamsOnClient = 0;
    QString m_nameSpace;
    QIODevice *m_out;
    QIODevice *m_err;
    Terminal &m_terminal;
    bool m_prefixed = false;
    std::chrono::milliseconds m_idleTimeout{10000};
    bool m_finishing = false;
    bool m_drained = false;
    QSet<QString> m_started;        // allocation IDs with streams
    QSet<QString> m_terminalAllocs; // told so already
    QHash<TaskLogStream *, Sink> m_sinks;
};

} // namespace dd::cli
