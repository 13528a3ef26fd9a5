#include "api/blockingfollower.h"

#include "api/logging.h"

namespace dd {

namespace {
// An index of 0 would make the next call return at once: poll gently instead.
constexpr std::chrono::milliseconds kNoIndexPoll{2000};
// How long a follower waits for the event stream to open before it blocks meanwhile.
constexpr std::chrono::milliseconds kStreamOpenWait{5000};
// With the stream live, a follower that heard nothing reads again after this
// long: a restarted server is noticed by the stream dropping, not by the wait.
constexpr std::chrono::milliseconds kQuietStreamRead{300000};

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
    m_changeTimer.setSingleShot(true);
    connect(&m_changeTimer, &QTimer::timeout, this, &BlockingFollower::onChangeTimeout);
}

BlockingFollower::BlockingFollower(Fetch fetch, QueryOptions base, QObject *parent)
    : BlockingFollower(std::move(fetch), std::move(base), Options{}, parent)
{}

BlockingFollower::~BlockingFollower()
{
    // Destroying the context aborts the calls in flight and drops their callbacks.
    abandon();
}

void BlockingFollower::followChanges(ChangeFeed *feed, const QString &nameSpace,
                                     ChangeInterest interest)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    m_feedNamespace = nameSpace.isEmpty() ? QStringLiteral("default") : nameSpace;
    m_interest = std::move(interest);
    if (feed)
        connect(feed, &ChangeFeed::modeChanged, this, &BlockingFollower::onFeedModeChanged);
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
    m_changeIndex = 0;
    m_readChangeIndex = 0;
    if (m_feed) {
        // Subscribed before the first read, so no change after it is missed.
        m_subscription = m_feed->subscribe(m_feedNamespace, m_interest);
        connect(m_subscription.get(), &ChangeSubscription::changed, this,
                &BlockingFollower::onChange);
    }
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
    m_changeTimer.stop();
    m_subscription.reset();
    m_waitingForChange = false;
    m_blockingRound = false;
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
    // Only a follower that has its index and is not recovering waits for changes.
    if (m_feed && m_index > 0 && m_attempt == 0) {
        const ChangeFeed::Mode mode = m_feed->mode(m_feedNamespace);
        if (mode == ChangeFeed::Mode::Stream && m_changeIndex > m_readChangeIndex) {
            readAfterChange();
            return;
        }
        if (mode != ChangeFeed::Mode::Fallback) {
            m_waitingForChange = true;
            m_changeTimer.start(mode == ChangeFeed::Mode::Stream
                                    ? std::max(m_options.blockingWait, kQuietStreamRead)
                                    : kStreamOpenWait);
            return;
        }
    }
    // After a failure, read without blocking: a restarted server's index may now
    // be lower than ours, and a query at ours would hang until its wait ran out.
    startRound(m_index > 0 && m_attempt == 0);
}

void BlockingFollower::startRound(bool blocking, bool afterChange)
{
    Round round;
    round.m_follower = this;
    round.m_generation = ++m_generation;
    round.m_options = m_base;
    // With the stream live, the follow lane holds one stream and these short
    // reads; the first read and retries take the user's lane, which is never
    // full of held queries.
    round.m_options.followLane = afterChange;
    if (blocking) {
        round.m_options.waitIndex = m_index;
        round.m_options.waitTime = m_options.blockingWait;
    }
    round.m_context = m_context.get();
    m_blockingRound = blocking;
    m_indexTaken = false;
    m_fetch(round);
}

void BlockingFollower::readAfterChange()
{
    m_waitingForChange = false;
    m_changeTimer.stop();
    const auto interval = m_options.minChangeInterval;
    if (interval.count() > 0 && m_sinceChangeRead.isValid() &&
        m_sinceChangeRead.elapsed() < interval.count()) {
        // A big list is read at most this often, however busy the cluster.
        m_waitingForChange = true;
        m_changeTimer.start(interval - std::chrono::milliseconds(m_sinceChangeRead.elapsed()));
        return;
    }
    m_readChangeIndex = m_changeIndex;
    m_sinceChangeRead.start();
    startRound(false, true);
}

void BlockingFollower::onChange(quint64 index)
{
    // An event that could not be read has no index: count it as one newer change.
    m_changeIndex = std::max(index, m_changeIndex + (index == 0 ? 1 : 0));
    if (m_running && m_waitingForChange)
        readAfterChange();
}

void BlockingFollower::onChangeTimeout()
{
    if (!m_running || !m_waitingForChange)
        return;
    m_waitingForChange = false;
    if (m_feed && m_feed->mode(m_feedNamespace) == ChangeFeed::Mode::Stream)
        readAfterChange(); // a whole wait without a change: read anyway, as a blocking query would
    else
        startRound(true); // the stream did not open in time: block meanwhile
}

void BlockingFollower::onFeedModeChanged(const QString &nameSpace)
{
    if (!m_running || !m_feed || nameSpace != m_feedNamespace)
        return;
    switch (m_feed->mode(nameSpace)) {
    case ChangeFeed::Mode::Stream:
        // Changes made while the stream was opening or down were not seen: read once.
        if (m_waitingForChange) {
            readAfterChange();
        } else if (m_blockingRound) {
            // Give back the blocking query's connection; the stream carries on.
            ++m_generation;
            m_context = std::make_unique<QObject>();
            m_blockingRound = false;
            readAfterChange();
        }
        break;
    case ChangeFeed::Mode::Fallback:
        if (m_waitingForChange) {
            m_waitingForChange = false;
            m_changeTimer.stop();
            startRound(true);
        }
        break;
    case ChangeFeed::Mode::Connecting:
        break;
    }
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
    m_blockingRound = false;
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
    m_blockingRound = false;
    const bool wasTroubled = m_attempt > 0;
    m_attempt = 0;
    m_troubleSince = {};
    m_timer.start(m_index == 0 ? kNoIndexPoll : std::chrono::milliseconds(0));
    if (wasTroubled)
        Q_EMIT recovered();
}

} // namespace dd
