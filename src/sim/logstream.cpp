// The task log streams of clientfiles.h: where a stream starts (Nomad's
// offset/origin rules over rotated files), frames, following on the SimClock,
// back-pressure for big logs, and the log faults (cut mid-frame, stall, reset).
#include "sim/clientfiles.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

// More than this waiting in the socket and a stream waits for it to drain.
constexpr qint64 kMaxPendingBytes = 4 * ClientFiles::kFrameBytes;

QByteArray logFrame(const QByteArray &data, const QString &file, qint64 offset)
{
    // Built by hand: Nomad's field order, no newline between frames (as recorded).
    const QByteArray name = QJsonDocument(QJsonArray{QString(u"alloc/logs/"_s + file)})
                                .toJson(QJsonDocument::Compact)
                                .chopped(1)
                                .mid(1);
    return "{\"Data\":\"" + data.toBase64() + "\",\"File\":" + name +
           ",\"Offset\":" + QByteArray::number(offset) + '}';
}

} // namespace

int ClientFiles::openLogStreams() const
{
    int n = 0;
    for (const Session &s : m_sessions)
        n += s.exchange ? 1 : 0;
    return n;
}

ClientFiles::Session *ClientFiles::session(HttpExchange *exchange)
{
    for (Session &s : m_sessions) {
        if (s.exchange == exchange)
            return &s;
    }
    return nullptr;
}

void ClientFiles::drop(HttpExchange *exchange)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it->exchange == exchange || !it->exchange) {
            m_clock.cancel(it->flushTimer);
            m_clock.cancel(it->heartbeatTimer);
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
}

void ClientFiles::streamLogs(HttpExchange *exchange, const SimAlloc &alloc,
                             const LogRequest &request, const std::optional<FaultRule> &fault)
{
    const TaskLogView view = logView(alloc, request.task);
    const int fd = request.fd;
    // Nomad's findClosest: origin=start counts forward from the oldest file,
    // origin=end backwards from the start... of the newest file's end, except
    // that offset 0 from the end is the newest file's beginning, as in 1.0.
    const int first = view.firstFile(fd);
    const int last = view.lastFile(fd);
    int index = request.fromEnd ? last : first;
    qint64 offset = request.fromEnd ? -request.offset : request.offset;
    for (;;) {
        const qint64 size = view.fileSize(fd, index);
        if (offset == 0)
            break;
        if (offset < 0) {
            const qint64 back = size + offset;
            if (back >= 0 || index == first) {
                offset = std::max<qint64>(0, back);
                break;
            }
            offset = back;
            --index;
            continue;
        }
        if (offset <= size)
            break;
        if (index == last) {
            offset = size;
            break;
        }
        offset -= size;
        ++index;
    }
    Session s;
    s.exchange = exchange;
    s.allocId = alloc.id;
    s.request = request;
    s.file = index;
    s.offset = offset;
    s.endGlobal = request.follow ? -1 : view.size(fd);
    s.fault = fault;
    HttpResponse head;
    head.setHeader("Content-Type", request.plain ? "text/plain" : "application/json");
    exchange->beginStream(head);
    m_sessions.push_back(s);
    connect(exchange, &HttpExchange::aborted, this, [this, exchange] { drop(exchange); });
    connect(exchange, &HttpExchange::written, this, [this, exchange] {
        if (Session *found = session(exchange))
            pump(*found);
    });
    Session &stored = m_sessions.back();
    if (request.follow) {
        scheduleFlush(stored);
        if (!request.plain)
            scheduleHeartbeat(stored);
    }
    pump(stored); // what is there now goes out at once
}

void ClientFiles::scheduleFlush(Session &s)
{
    QPointer<HttpExchange> exchange = s.exchange;
    // Wake up when the task next writes (so each write goes out at once, as
    // Nomad does), at most kFlushMs later and not more often than kMinFlushMs.
    qint64 delay = kFlushMs;
    const auto it = m_state.allocs().find(s.allocId);
    if (it != m_state.allocs().end()) {
        const qint64 ns = logView(it->second, s.request.task).nsUntilNextWrite(s.request.fd);
        if (ns >= 0)
            delay = std::clamp<qint64>((ns + 999'999) / 1'000'000 + 1, kMinFlushMs, kFlushMs);
    }
    s.flushTimer = m_clock.callAfter(delay, this, [this, exchange] {
        Session *found = session(exchange);
        if (!found || found->stalled)
            return;
        scheduleFlush(*found);
        pump(*found);
    });
}

void ClientFiles::scheduleHeartbeat(Session &s)
{
    QPointer<HttpExchange> exchange = s.exchange;
    s.heartbeatTimer = m_clock.callAfter(kHeartbeatMs, this, [this, exchange] {
        Session *found = session(exchange);
        if (!found || found->stalled)
            return;
        scheduleHeartbeat(*found);
        if (found->exchange->pendingBytes() < kMaxPendingBytes)
            found->exchange->writeChunk("{}");
    });
}

bool ClientFiles::send(Session &s, const QByteArray &data)
{
    HttpExchange *exchange = s.exchange;
    if (s.fault && s.frames >= s.fault->afterFrames) {
        switch (s.fault->kind) {
        case FaultKind::LogStall:
            // The connection stays open; nothing more arrives, not even heartbeats.
            s.stalled = true;
            m_clock.cancel(s.flushTimer);
            m_clock.cancel(s.heartbeatTimer);
            return false;
        case FaultKind::LogReset:
            drop(exchange);
            exchange->resetConnection();
            return false;
        default: // LogCutMidFrame
            drop(exchange);
            exchange->cutStream(data, data.size() / 2);
            return false;
        }
    }
    exchange->writeChunk(data);
    ++s.frames;
    return true;
}

void ClientFiles::pump(Session &s)
{
    if (!s.exchange || s.stalled)
        return;
    HttpExchange *exchange = s.exchange;
    const auto it = m_state.allocs().find(s.allocId);
    if (it == m_state.allocs().end()) { // collected while streaming
        if (s.endGlobal >= 0) {
            drop(exchange);
            exchange->endStream();
        }
        return;
    }
    const LogRequest &r = s.request;
    const TaskLogView view = logView(it->second, r.task);
    const qint64 limit = view.fileLimit();
    for (;;) {
        if (exchange->pendingBytes() > kMaxPendingBytes)
            return; // written() calls again
        if (s.file < view.firstFile(r.fd)) {
            s.file = view.firstFile(r.fd); // rotated away under the reader
            s.offset = 0;
        }
        const qint64 size = view.fileSize(r.fd, s.file);
        const qint64 global = qint64(s.file) * limit + s.offset;
        qint64 want = size - s.offset;
        if (s.endGlobal >= 0)
            want = std::min(want, s.endGlobal - global);
        if (want > 0) {
            const qint64 n = std::min(want, kFrameBytes);
            const QByteArray data = view.read(r.fd, global, n);
            s.offset += n;
            const QByteArray bytes =
                r.plain ? data : logFrame(data, logFileName(r.task, r.fd, s.file), s.offset);
            if (!send(s, bytes))
                return;
            continue;
        }
        if (s.offset >= size && s.file < view.lastFile(r.fd) &&
            (s.endGlobal < 0 || global < s.endGlobal)) {
            ++s.file;
            s.offset = 0;
            continue;
        }
        break;
    }
    if (s.endGlobal >= 0) {
        drop(exchange);
        exchange->endStream();
    }
}

} // namespace dd::sim
