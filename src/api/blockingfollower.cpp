#include "api/blockingfollower.h"

#include "api/logging.h"

namespace dd {

namespace {
// An index of 0 would make the next call return at once: poll gently instead.
constexpr std::chrono::milliseconds kNoIndexPoll{2000};

ApiError noKnownLeader()
{
    ApiError e;
    e.kind = ApiError::Kind::Transport;
    e.transport = ApiError::Transport::Other;
    e.detail = QStringLiteral("the cluster has no known leader (an election may be under way)");
    return e;
}
} // namespace

bool BlockingFollower::Round::accept(const Result<QueryMeta> &answer) const
{
    if (!m_follower || !m_follower->isCurrent(m_generation))
        return false;
    return m_follower->onAnswer(answer);
}

void BlockingFollower::Round::next() const
{
    if (m_follower && m_follower->isCurrent(m_generation))
        m_follower->onRoundDone();
}

BlockingFollower::BlockingFollower(Fetch fetch, QueryOptions base, Options options, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_base(std::move(base))
    , m_options(std::move(options))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &BlockingFollower::call);
}

BlockingFollower::BlockingFollower(Fetch fetch, QueryOptions base, QObject *parent)
    : BlockingFollower(std::move(fetch), std::move(base), Options{}, parent)
{}

BlockingFollower::~BlockingFollower()
{
    // Destroying the context aborts the calls in flight and drops their callbacks.
    abandon();
}

void BlockingFollower::start()
{
    if (m_running)
        return;
    m_running = true;
    m_index = 0;
    m_attempt = 0;
    m_troubleSince = {};
    m_context = std::make_unique<QObject>();
    call();
}

void BlockingFollower::stop()
{
    abandon();
}

void BlockingFollower::refresh()
{
    abandon();
    start();
}

void BlockingFollower::abandon()
{
    m_running = false;
    ++m_generation;
    m_timer.stop();
    // Safe inside one of the context's own callbacks: Qt lets a slot's receiver go.
    m_context.reset();
}

bool BlockingFollower::isCurrent(int generation) const
{
    return m_running && generation == m_generation;
}

void BlockingFollower::call()
{
    if (!m_running)
        return;
    Round round;
    round.m_follower = this;
    round.m_generation = ++m_generation;
    round.m_options = m_base;
    // After a failure, read without blocking: a restarted server's index may now
    // be lower than ours, and a query at ours would hang until its wait ran out.
    if (m_index > 0 && m_attempt == 0) {
        round.m_options.waitIndex = m_index;
        round.m_options.waitTime = m_options.blockingWait;
    }
    round.m_context = m_context.get();
    m_indexTaken = false;
    m_fetch(round);
}

bool BlockingFollower::onAnswer(const Result<QueryMeta> &answer)
{
    if (!answer) {
        // Only someone else's CallHandle::cancel() gets here: leave it to them.
        if (answer.error().kind == ApiError::Kind::Cancelled)
            return false;
        onFailure(answer.error());
        return false;
    }
    if (!answer->knownLeader && m_options.requireKnownLeader) {
        // Without a leader the answer may be stale: wait for the cluster to elect one.
        onFailure(noKnownLeader());
        return false;
    }
    if (!m_indexTaken) {
        m_indexTaken = true;
        if (answer->index < m_index) {
            // The server restarted or lost its state and counts from the start
            // again: drop this round and follow it from index 0.
            qCInfo(lcApi) << "index went back from" << m_index << "to" << answer->index
                          << "; starting over";
            ++m_generation;
            m_index = 0;
            m_timer.start(0);
            return false;
        }
        m_index = answer->index;
    }
    return true;
}

void BlockingFollower::onFailure(const ApiError &error)
{
    ++m_generation; // the rest of this round reports nothing
    if (!error.isTransient()) {
        abandon();
        Q_EMIT failed(error);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_troubleSince.isValid())
        m_troubleSince = now;
    auto delay = m_options.retry.delayFor(m_attempt);
    if (m_options.giveUp) {
        const auto troubled = std::chrono::milliseconds(m_troubleSince.msecsTo(now));
        if (troubled >= m_options.retry.giveUpAfter) {
            abandon();
            Q_EMIT failed(error);
            return;
        }
        delay = std::min(delay, m_options.retry.giveUpAfter - troubled);
    }
    const int attempt = ++m_attempt;
    m_timer.start(delay);
    Q_EMIT retrying(error, attempt, delay);
}

void BlockingFollower::onRoundDone()
{
    ++m_generation;
    const bool wasTroubled = m_attempt > 0;
    m_attempt = 0;
    m_troubleSince = {};
    m_timer.start(m_index == 0 ? kNoIndexPoll : std::chrono::milliseconds(0));
    if (wasTroubled)
        Q_EMIT recovered();
}

} // namespace dd
