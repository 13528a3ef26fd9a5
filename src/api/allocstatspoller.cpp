// Reading an allocation's resource usage while it runs (allocstatspoller.h).
#include "api/allocstatspoller.h"

#include "api/allocfserrors.h"

#include <QTimer>

namespace dd {

namespace {
// Refusals a second reading would meet again.
bool isFinalForStats(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Http)
        return error.httpStatus == 400 || error.httpStatus == 401 || error.httpStatus == 403 ||
               error.httpStatus == 404 || isAllocationGone(error);
    return error.kind == ApiError::Kind::Tls || error.kind == ApiError::Kind::Config;
}
} // namespace

AllocStatsPoller::AllocStatsPoller(NomadClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &AllocStatsPoller::poll);
}

AllocStatsPoller::~AllocStatsPoller() = default;

void AllocStatsPoller::setInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, std::chrono::milliseconds(10));
}

void AllocStatsPoller::start(const QString &allocId, const QString &nameSpace)
{
    stop();
    m_allocId = allocId;
    m_nameSpace = nameSpace;
    m_polling = true;
    poll();
}

void AllocStatsPoller::stop()
{
    m_polling = false;
    m_timer->stop();
    m_context.reset();
}

void AllocStatsPoller::setAllocationTerminal()
{
    if (!m_polling)
        return;
    halt();
}

void AllocStatsPoller::halt()
{
    stop();
    Q_EMIT stopped();
}

void AllocStatsPoller::poll()
{
    if (!m_polling)
        return;
    m_context = std::make_unique<QObject>();
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    // A follower's read: never beside a user's request.
    o.followLane = true;
    m_client->allocationStats(
        m_allocId, o, m_context.get(),
        [this](Result<Reply<AllocResourceUsage>> answer) { onAnswer(std::move(answer)); });
}

void AllocStatsPoller::onAnswer(Result<Reply<AllocResourceUsage>> answer)
{
    if (!m_polling)
        return;
    ++m_readings;
    // The next reading an interval after this answer: a slow server never
    // has two of ours waiting.
    if (!answer) {
        const bool final = isFinalForStats(answer.error());
        if (final)
            stop();
        else
            m_timer->start(m_interval);
        Q_EMIT failed(answer.error(), !final);
        if (final)
            Q_EMIT stopped();
        return;
    }
    m_timer->start(m_interval);
    Q_EMIT sampled(answer->value);
}

} // namespace dd
