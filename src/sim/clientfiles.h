#pragma once
// The simulated client's side of an allocation after the dispatch: its
// directory (GET /v1/client/fs/ls|stat|cat|readat/<alloc>) with the task
// logs and the dispatched payload, and the task log streams of
// /v1/client/fs/logs/<alloc> (framed JSON or plain, follow, offset/origin,
// rotation), driven by the SimClock. Answers and error texts are Nomad 1.0's,
// as recorded in tests/fixtures/nomad-1.0.18/lifecycle.

#include "sim/clusterstate.h"
#include "sim/faultinjector.h"
#include "sim/httpconnection.h"
#include "sim/simclock.h"
#include "sim/tasklogs.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <expected>
#include <list>
#include <optional>

namespace dd::sim {

struct LogRequest
{
    QString task;
    int fd = 1; // 1 stdout, 2 stderr
    bool follow = false;
    bool plain = false;
    qint64 offset = 0;
    bool fromEnd = false; // origin=end
};

class ClientFiles : public QObject
{
    Q_OBJECT
public:
    // Nomad streams log data in frames of at most this many bytes.
    static constexpr qint64 kFrameBytes = 64 * 1024;
    // A following stream sends what is new this often, and `{}` every heartbeat.
    static constexpr qint64 kFlushMs = 200;
    static constexpr qint64 kMinFlushMs = 5;
    static constexpr qint64 kHeartbeatMs = 1000;

    ClientFiles(ClusterState &state, SimClock &clock, QObject *parent = nullptr);
    ~ClientFiles() override;

    // Where the client keeps allocation directories; error texts name it.
    QString allocDir() const { return m_allocDir; }
    void setAllocDir(const QString &dir) { m_allocDir = dir; }
    // Rotate log files at this many bytes instead of the job's MaxFileSizeMB (0: the job's).
    void setRotateBytes(qint64 bytes) { m_rotateBytes = bytes; }
    qint64 rotateBytes() const { return m_rotateBytes; }

    // Nomad's allocation lookup on the client path: a short ID is 500, an unknown one 404.
    std::expected<const SimAlloc *, HttpResponse> lookup(const QString &allocId) const;
    TaskLogView logView(const SimAlloc &alloc, const QString &task);

    // The fs endpoints; path as given in ?path=.
    HttpResponse list(const SimAlloc &alloc, const QString &path);
    HttpResponse stat(const SimAlloc &alloc, const QString &path);
    HttpResponse cat(const SimAlloc &alloc, const QString &path);
    HttpResponse readAt(const SimAlloc &alloc, const QString &path, qint64 offset, qint64 limit);

    // Starts streaming a task's log into exchange (the task has started).
    void streamLogs(HttpExchange *exchange, const SimAlloc &alloc, const LogRequest &request,
                    const std::optional<FaultRule> &fault);
    int openLogStreams() const;

private:
    struct Entry; // one file or directory of the allocation directory
    QList<Entry> entries(const SimAlloc &alloc, const QString &dir);
    std::optional<Entry> find(const SimAlloc &alloc, const QString &path);
    std::optional<QByteArray> contents(const SimAlloc &alloc, const QString &path);

    struct Session
    {
        QPointer<HttpExchange> exchange;
        QString allocId;
        QString allocJobId;
        LogRequest request;
        int file = 0;
        qint64 offset = 0;     // in the file
        qint64 endGlobal = -1; // without follow: where the stream ends
        std::optional<FaultRule> fault;
        int frames = 0;
        bool stalled = false;
        SimClock::TimerId flushTimer = 0;
        SimClock::TimerId heartbeatTimer = 0;
    };
    Session *session(HttpExchange *exchange);
    void pump(Session &s);
    bool send(Session &s, const QByteArray &data); // false once the stream is gone
    void scheduleFlush(Session &s);
    void scheduleHeartbeat(Session &s);
    void drop(HttpExchange *exchange);
    std::shared_ptr<const TaskOutput> output(const SimAlloc &alloc, const QString &task);

    ClusterState &m_state;
    SimClock &m_clock;
    QString m_allocDir = QStringLiteral("/var/lib/nomad/alloc");
    qint64 m_rotateBytes = 0;
    QHash<QString, std::shared_ptr<const TaskOutput>> m_outputs; // "<alloc>/<task>"
    std::list<Session> m_sessions;
};

} // namespace dd::sim
