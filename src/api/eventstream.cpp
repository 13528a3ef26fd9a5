#include "api/eventstream.h"

#include "api/logging.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
bool isRefusal(const ApiError &error)
{
    // 403: the token may not read the namespace's jobs; 404/405/501: no event
    // stream (Nomad before 1.0, or a proxy in between); 400: a bad request.
    return error.kind == ApiError::Kind::Http &&
           (error.httpStatus == 400 || error.httpStatus == 401 || error.httpStatus == 403 ||
            error.httpStatus == 404 || error.httpStatus == 405 || error.httpStatus == 501);
}
} // namespace

EventStream::EventStream(NomadClient *client, QString nameSpace, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_nameSpace(std::move(nameSpace))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &EventStream::open);
}

EventStream::~EventStream() = default;

void EventStream::start()
{
    if (m_state != State::Idle)
        return;
    m_attempt = 0;
    setState(State::Connecting);
    open();
}

void EventStream::stop()
{
    m_retryTimer.stop();
    m_context.reset();
    m_partial.clear();
    m_lines.clear();
    m_decoding = false;
    setState(State::Idle);
}

void EventStream::open()
{
    // A new context drops the old call and any decode still under way.
    m_context = std::make_unique<QObject>();
    m_partial.clear();
    m_skippingLine = false;
    m_lines.clear();
    m_decoding = false;
    QueryOptions o;
    o.nameSpace = m_nameSpace;
    o.params = {
        {u"topic"_s, u"Job"_s}, {u"topic"_s, u"Evaluation"_s}, {u"topic"_s, u"Allocation"_s}};
    // After a drop, carry on after the last event seen (Nomad replays what its
    // buffer still holds; the followers re-read once anyway when it is back).
    if (m_lastIndex > 0)
        o.params.append({u"index"_s, QString::number(m_lastIndex + 1)});
    NomadClient::StreamHandlers handlers;
    handlers.opened = [this](const QueryMeta &) {
        m_attempt = 0;
        m_error.reset();
        setState(State::Live);
    };
    handlers.data = [this](const QByteArray &bytes) { onData(bytes); };
    handlers.finished = [this](const Result<QueryMeta> &end) { onEnd(end); };
    m_client->openStream(u"/v1/event/stream"_s, o, m_idleTimeout, m_context.get(),
                         std::move(handlers));
}

void EventStream::onData(const QByteArray &bytes)
{
    qsizetype start = 0;
    while (start < bytes.size()) {
        const qsizetype end = bytes.indexOf('\n', start);
        const QByteArrayView piece =
            QByteArrayView(bytes).sliced(start, (end < 0 ? bytes.size() : end) - start);
        if (!m_skippingLine) {
            if (m_partial.size() + piece.size() > kMaxEventLineBytes) {
                // Too long to keep: whatever it said, something changed.
                m_partial.clear();
                m_skippingLine = true;
                m_lines += "!\n"; // unreadable line: decodes as one unknown event
            } else {
                m_partial += piece;
            }
        }
        if (end < 0)
            break;
        if (!m_skippingLine) {
            m_lines += m_partial;
            m_lines += '\n';
        }
        m_partial.clear();
        m_skippingLine = false;
        start = end + 1;
    }
    decodeNext();
}

void EventStream::decodeNext()
{
    if (m_decoding || m_lines.isEmpty() || !m_context)
        return;
    m_decoding = true;
    QByteArray batch = std::exchange(m_lines, {});
    // Frames carry whole jobs and allocations: parsed on the pool, delivered in order.
    QtConcurrent::run(decodeEventLines, std::move(batch))
        .then(m_context.get(), [this](QList<ChangeEvent> events) {
            m_decoding = false;
            for (const ChangeEvent &e : events)
                m_lastIndex = std::max(m_lastIndex, e.index);
            if (!events.isEmpty())
                Q_EMIT changed(events);
            decodeNext();
        });
}

void EventStream::onEnd(const Result<QueryMeta> &end)
{
    if (!end) {
        m_error = end.error();
        if (isRefusal(end.error())) {
            qCInfo(lcApi) << "event stream refused in namespace" << m_nameSpace << ":"
                          << end.error().message();
            m_context.reset();
            setState(State::Unavailable);
            return;
        }
    } else {
        ApiError e;
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::RemoteClosed;
        e.detail = u"the event stream ended"_s;
        m_error = e;
    }
    const auto delay = m_retry.delayFor(m_attempt++);
    qCInfo(lcApi) << "event stream in namespace" << m_nameSpace << "dropped; again in"
                  << delay.count() << "ms";
    setState(State::Reconnecting);
    m_retryTimer.start(delay);
}

void EventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace dd
