// TaskLogStream and resolveAllocationPrefix (see tasklogstream.h).
#include "api/tasklogstream.h"

#include "api/logging.h"
#include "core/ids.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
// Chunks this large are decoded on the pool, the rest at once.
constexpr qsizetype kLogOffThreadBytes = 64 * 1024;

struct DecodedLogChunk
{
    QList<LogFrame> frames;
    QString error;
};

bool isFatalForLogs(const ApiError &error)
{
    // Nomad's refusals (no such task or allocation, no read-logs, a short ID)
    // stay refusals; a gateway's or an overloaded server's may pass.
    if (error.kind == ApiError::Kind::Http)
        return error.httpStatus != 429 && error.httpStatus != 502 && error.httpStatus != 503 &&
               error.httpStatus != 504;
    return error.kind == ApiError::Kind::Tls || error.kind == ApiError::Kind::Config ||
           error.kind == ApiError::Kind::Cancelled || !error.isTransient();
}
} // namespace

TaskLogStream::TaskLogStream(NomadClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &TaskLogStream::open);
}

TaskLogStream::~TaskLogStream() = default;

void TaskLogStream::start()
{
    if (m_context || m_finished || m_retryTimer.isActive())
        return;
    open();
}

void TaskLogStream::stop()
{
    m_retryTimer.stop();
    m_context.reset();
    m_pending.clear();
    m_decoding = false;
    m_finished = true;
}

void TaskLogStream::setAllocationTerminal()
{
    if (m_terminal || m_finished)
        return;
    m_terminal = true;
    // A following connection would stay open forever: start again after the
    // last complete frame, without follow. A connection that does not follow,
    // or a reconnection already scheduled, ends by itself.
    if (m_context && m_following)
        open();
}

void TaskLogStream::open()
{
    m_retryTimer.stop();
    // A new context drops the old call and any decode still under way: what
    // they had not delivered is read again from the last complete frame.
    m_context = std::make_unique<QObject>();
    m_decoder = std::make_shared<LogFrameDecoder>();
    m_pending.clear();
    m_decoding = false;
    m_end.reset();
    if (!m_haveFrame) {
        openAt(m_options.fromEnd, m_options.offset);
        return;
    }
    if (m_fileIndex <= 0) {
        // The first file: offsets from the start are offsets in it.
        openAt(false, m_fileOffset);
        return;
    }
    // origin=start counts from the oldest file still there, across the rotated
    // ones: add up the sizes of those before the one we were reading.
    QueryOptions o;
    o.nameSpace = m_options.nameSpace;
    o.followLane = true;
    o.params = {{u"path"_s, u"/alloc/logs"_s}};
    m_client->send("GET", u"/v1/client/fs/ls/" + escapePathSegment(m_options.allocId), o, {},
                   m_context.get(), [this](Result<RawResponse> listing) {
                       if (!listing) {
                           if (isFatalForLogs(listing.error()))
                               finish(listing.error());
                           else
                               retry(listing.error());
                           return;
                       }
                       const auto sizes =
                           decodeLogFileSizes(listing->body, m_options.task,
                                              m_options.stderrStream ? u"stderr"_s : u"stdout"_s);
                       if (!sizes) {
                           finish(ApiError::parse(sizes.error().message, "GET", {}));
                           return;
                       }
                       qint64 before = 0;
                       bool present = false;
                       for (auto it = sizes->begin(); it != sizes->end(); ++it) {
                           if (it.key() < m_fileIndex)
                               before += it.value();
                           present = present || it.key() == m_fileIndex;
                       }
                       // Rotated away meanwhile (MaxFiles): the oldest file is the nearest.
                       openAt(false, present ? before + m_fileOffset : 0);
                   });
}

void TaskLogStream::openAt(bool fromEnd, qint64 offset)
{
    m_following = m_options.follow && !m_terminal;
    QueryOptions o;
    o.nameSpace = m_options.nameSpace;
    o.params = {{u"task"_s, m_options.task},
                {u"type"_s, m_options.stderrStream ? u"stderr"_s : u"stdout"_s}};
    if (m_following)
        o.params.append({u"follow"_s, u"true"_s});
    if (fromEnd || offset > 0) {
        o.params.append({u"origin"_s, fromEnd ? u"end"_s : u"start"_s});
        o.params.append({u"offset"_s, QString::number(offset)});
    }
    NomadClient::StreamHandlers handlers;
    handlers.data = [this](const QByteArray &bytes) { onData(bytes); };
    handlers.finished = [this](const Result<QueryMeta> &end) { onEnd(end); };
    m_client->openStream(u"/v1/client/fs/logs/" + escapePathSegment(m_options.allocId), o,
                         m_options.idleTimeout, m_context.get(), std::move(handlers));
}

void TaskLogStream::onData(const QByteArray &bytes)
{
    m_pending += bytes;
    decodeNext();
}

void TaskLogStream::decodeNext()
{
    while (!m_decoding && !m_pending.isEmpty() && m_context) {
        QByteArray batch = std::exchange(m_pending, {});
        if (batch.size() < kLogOffThreadBytes) {
            const QList<LogFrame> frames = m_decoder->feed(batch);
            if (!deliver(frames, m_decoder->error()))
                return;
            continue;
        }
        // A big chunk (a task that writes fast): base64 and JSON on the pool,
        // frames delivered in order on this thread.
        m_decoding = true;
        QtConcurrent::run(
            [](std::shared_ptr<LogFrameDecoder> decoder, const QByteArray &bytes) {
                DecodedLogChunk chunk;
                chunk.frames = decoder->feed(bytes);
                chunk.error = decoder->error();
                return chunk;
            },
            m_decoder, std::move(batch))
            .then(m_context.get(), [this](DecodedLogChunk chunk) {
                m_decoding = false;
                if (!deliver(chunk.frames, chunk.error))
                    return;
                decodeNext();
                handleEnd();
            });
        return;
    }
}

bool TaskLogStream::deliver(const QList<LogFrame> &frames, const QString &decodeError)
{
    QPointer<QObject> context = m_context.get();
    for (const LogFrame &frame : frames) {
        if (frame.data.isEmpty())
            continue; // a file event: the frames that follow say where the data is
        m_haveFrame = true;
        m_fileIndex = std::max(0, frame.fileIndex());
        m_fileOffset = frame.offset;
        m_delivered += frame.data.size();
        m_attempt = 0;
        Q_EMIT data(frame.data, frame.file, frame.offset);
        if (!context) // stopped or reopened by a receiver
            return false;
    }
    if (!decodeError.isEmpty()) {
        finish(ApiError::parse(decodeError, "GET", {}));
        return false;
    }
    return true;
}

void TaskLogStream::onEnd(const Result<QueryMeta> &end)
{
    m_end = end;
    handleEnd();
}

void TaskLogStream::handleEnd()
{
    // Only once every byte that arrived was decoded and delivered: where the
    // next connection starts depends on it.
    if (!m_end || m_decoding || !m_pending.isEmpty())
        return;
    const Result<QueryMeta> end = *std::exchange(m_end, std::nullopt);
    if (!end) {
        if (isFatalForLogs(end.error()))
            finish(end.error());
        else
            retry(end.error());
        return;
    }
    if (!m_following && m_decoder->pendingBytes() == 0) {
        finish(std::nullopt); // read to the end
        return;
    }
    ApiError e;
    e.kind = ApiError::Kind::Transport;
    e.transport = ApiError::Transport::RemoteClosed;
    e.detail = m_decoder->pendingBytes() > 0 ? u"the log stream ended inside a frame"_s
                                             : u"the log stream ended"_s;
    retry(e);
}

void TaskLogStream::retry(const ApiError &error)
{
    m_context.reset();
    m_pending.clear();
    m_decoding = false;
    if (m_attempt >= m_options.maxAttempts) {
        finish(error);
        return;
    }
    const auto delay = m_options.retry.delayFor(m_attempt++);
    ++m_reconnections;
    qCInfo(lcApi) << "log stream of task" << m_options.task << "dropped:" << error.message()
                  << "; again in" << delay.count() << "ms";
    Q_EMIT reconnecting(error, m_attempt, delay);
    if (!m_finished)
        m_retryTimer.start(delay);
}

void TaskLogStream::finish(std::optional<ApiError> error)
{
    if (m_finished)
        return;
    m_retryTimer.stop();
    m_context.reset();
    m_pending.clear();
    m_decoding = false;
    m_finished = true;
    Q_EMIT finished(error);
}

QString sanitizeUuidPrefix(const QString &prefix)
{
    const qsizetype length = prefix.size() - prefix.count(u'-');
    if (length % 2 != 0)
        return prefix.chopped(1);
    return prefix;
}

CallHandle resolveAllocationPrefix(NomadClient *client, const QString &prefix,
                                   const QString &nameSpace, QObject *context,
                                   std::function<void(AllocationLookup)> callback)
{
    if (prefix.size() - prefix.count(u'-') < 2) {
        QMetaObject::invokeMethod(
            context,
            [callback]() {
                AllocationLookupError e;
                e.kind = AllocationLookupError::Kind::TooShort;
                e.message = u"Alloc ID must contain at least two characters."_s;
                callback(std::unexpected(e));
            },
            Qt::QueuedConnection);
        return {};
    }
    const QString sanitized = sanitizeUuidPrefix(prefix);
    QueryOptions o;
    if (!nameSpace.isEmpty())
        o.nameSpace = nameSpace;
    o.params = {{u"prefix"_s, sanitized}};
    return client->getDecoded<QList<Allocation>>(
        u"/v1/allocations"_s, o, context, decodeAllocations,
        [callback, sanitized](Result<Reply<QList<Allocation>>> reply) {
            AllocationLookupError e;
            if (!reply) {
                e.kind = AllocationLookupError::Kind::Api;
                e.error = reply.error();
                e.message = u"Error querying allocation: "_s + reply.error().referenceText();
                callback(std::unexpected(e));
                return;
            }
            const QList<Allocation> &allocs = reply->value;
            for (const Allocation &a : allocs) {
                if (a.id == sanitized) {
                    callback(a);
                    return;
                }
            }
            if (allocs.size() == 1) {
                callback(allocs.first());
                return;
            }
            e.kind = allocs.isEmpty() ? AllocationLookupError::Kind::NotFound
                                      : AllocationLookupError::Kind::Ambiguous;
            e.message = allocs.isEmpty()
                            ? u"No allocation(s) with prefix or id \"%1\" found"_s.arg(sanitized)
                            : u"Prefix matched multiple allocations"_s;
            e.matches = allocs;
            callback(std::unexpected(e));
        });
}

} // namespace dd
