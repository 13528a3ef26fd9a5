#pragma once
// Follows one Nomad read with blocking queries: each answer's index is the
// next call's wait index, so changes arrive as soon as they happen with no
// polling. The rules live here once, for the evaluation monitor, the job
// waiter and the app's lists:
// - a transient failure (transport, timeout, 5xx, a cut body) is retried with
//   RetryPolicy's backoff, and the read after a failure does not block: a
//   restarted server's index may now be lower than ours;
// - an answer whose index went back (the server restarted or lost its state)
//   starts the follow over from index 0;
// - an answer without a known leader may be stale, so it is retried like a
//   transient failure (unless the owner accepts stale answers);
// - a refusal (403, 404) or, optionally, failing for RetryPolicy::giveUpAfter
//   in a row stops with the error;
// - stop() (or destroying the follower) aborts the calls in flight: their
//   callbacks never run.
//
// A round is the blocking read plus any reads that complete it (the monitor
// also reads the evaluation's allocations). The owner's fetch makes the calls
// with the round's options and context, reports each answer to accept(), and
// ends the round with next().

#include "api/changefeed.h"
#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace dd {

class BlockingFollower : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        std::chrono::milliseconds blockingWait{300000};
        RetryPolicy retry;
        // The monitors give up after retry.giveUpAfter of failures in a row; the
        // app's lists retry for as long as they are shown.
        bool giveUp = true;
        // A list shown in the app may be a little stale; a monitor's verdict may not.
        bool requireKnownLeader = true;
        // Following the event stream: reads at most this often (a big list).
        std::chrono::milliseconds minChangeInterval{0};
    };

    class Round
    {
    public:
        // The blocking read's options: the base options with the wait index.
        const QueryOptions &options() const { return m_options; }
        // The context for the round's calls; destroyed (aborting them) on stop().
        QObject *context() const { return m_context; }
        // An answer of the round: true when it may be used. On a failure, or
        // without a known leader, the round is over and the follower retries or stops.
        bool accept(const Result<QueryMeta> &answer) const;
        template<typename T> bool accept(const Result<Reply<T>> &reply) const
        {
            if (!reply)
                return accept(Result<QueryMeta>(std::unexpected(reply.error())));
            return accept(Result<QueryMeta>(reply->meta));
        }
        // The round's work is done: reports a recovery, then the next blocking
        // read follows (after this event-loop turn, so a stop() now cancels it).
        void next() const;

    private:
        friend class BlockingFollower;
        QPointer<BlockingFollower> m_follower;
        int m_generation = 0;
        QueryOptions m_options;
        QPointer<QObject> m_context;
    };
    using Fetch = std::function<void(const Round &round)>;

    BlockingFollower(Fetch fetch, QueryOptions base, Options options, QObject *parent = nullptr);
    BlockingFollower(Fetch fetch, QueryOptions base, QObject *parent = nullptr);
    ~BlockingFollower() override;

    void setBlockingWait(std::chrono::milliseconds wait) { m_options.blockingWait = wait; }
    void setRetryPolicy(const RetryPolicy &policy) { m_options.retry = policy; }
    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    // Follows through the client's event stream (`feed`, may be null) instead
    // of holding a blocking query: a round then starts when a change of
    // interest arrives and reads without blocking. While the stream opens the
    // follower waits; while it is down or refused, blocking queries carry on.
    // Call before start().
    void followChanges(ChangeFeed *feed, const QString &nameSpace, ChangeInterest interest);

    // Starts from index 0 (a read that does not block).
    void start();
    // Aborts the calls in flight and any retry; no callback or signal follows.
    void stop();
    // Reads again now, without waiting on the index (F5).
    void refresh();
    bool isRunning() const { return m_running; }
    // The index the next blocking read waits on.
    quint64 index() const { return m_index; }

Q_SIGNALS:
    // A transient failure: the next try is in `delay` (attempt counts from 1).
    void retrying(const dd::ApiError &error, int attempt, std::chrono::milliseconds delay);
    // A round completed after one or more failures.
    void recovered();
    // Stopped for good: a refusal, or failures for longer than retry.giveUpAfter.
    void failed(const dd::ApiError &error);

private:
    void call();
    void startRound(bool blocking, bool afterChange = false);
    void readAfterChange();
    void onChange(quint64 index);
    void onFeedModeChanged(const QString &nameSpace);
    void onChangeTimeout();
    bool isCurrent(int generation) const;
    bool onAnswer(const Result<QueryMeta> &answer);
    void onFailure(const ApiError &error);
    void onRoundDone();
    void abandon();

    Fetch m_fetch;
    QueryOptions m_base;
    Options m_options;
    quint64 m_index = 0;
    bool m_indexTaken = false; // the round's first answer sets the index
    int m_attempt = 0;
    QDateTime m_troubleSince;
    int m_generation = 0; // a round of an earlier run reports nothing
    bool m_running = false;
    std::unique_ptr<QObject> m_context;
    QTimer m_timer;

    // Following the event stream.
    QPointer<ChangeFeed> m_feed;
    QString m_feedNamespace;
    ChangeInterest m_interest;
    std::unique_ptr<ChangeSubscription> m_subscription;
    quint64 m_changeIndex = 0;     // the newest change of interest seen
    quint64 m_readChangeIndex = 0; // the newest change a read started after
    bool m_waitingForChange = false;
    bool m_blockingRound = false; // the round in flight holds a blocking query
    QTimer m_changeTimer;         // no change for a whole wait: read anyway
    QElapsedTimer m_sinceChangeRead;
};

} // namespace dd
