#pragma once
// What changed on a cluster, for every follower of one client: one event
// stream per namespace (EventStream), opened while someone follows something
// there, shared by all of them. A follower subscribes with the changes it
// cares about and re-reads when one arrives (BlockingFollower::followChanges);
// while the stream is down or refused it falls back to blocking queries.
// One connection then carries 1 or 100 followed dispatches.

#include "core/eventdecode.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace dd {

class EventStream;
class NomadClient;

using ChangeInterest = std::function<bool(const ChangeEvent &event)>;

namespace changes {
// A job's own changes: the job, its evaluations and allocations.
ChangeInterest ofJob(const QString &jobId);
// A parameterized job and its dispatched children.
ChangeInterest ofJobAndChildren(const QString &parentId);
// Any job of the namespace (the job list).
ChangeInterest ofAnyJob();
} // namespace changes

class ChangeFeed;

class ChangeSubscription : public QObject
{
    Q_OBJECT
public:
    ~ChangeSubscription() override;
    QString nameSpace() const { return m_nameSpace; }

Q_SIGNALS:
    // Something of interest changed at `index`.
    void changed(quint64 index);

private:
    friend class ChangeFeed;
    ChangeSubscription(QString nameSpace, ChangeInterest interest)
        : m_nameSpace(std::move(nameSpace))
        , m_interest(std::move(interest))
    {}
    QPointer<ChangeFeed> m_feed;
    QString m_nameSpace;
    ChangeInterest m_interest;
};

class ChangeFeed : public QObject
{
    Q_OBJECT
public:
    // What a follower in a namespace should do now.
    enum class Mode {
        Stream,     // wait for a change, then read
        Connecting, // the stream is opening: wait a moment
        Fallback,   // use blocking queries
    };

    explicit ChangeFeed(NomadClient *client, QObject *parent = nullptr);
    ~ChangeFeed() override;

    // Opens the namespace's stream if it is not open yet. Destroying the
    // subscription unsubscribes; a stream nobody follows closes after a while.
    std::unique_ptr<ChangeSubscription> subscribe(const QString &nameSpace,
                                                  ChangeInterest interest);
    Mode mode(const QString &nameSpace) const;
    // Streams open now (each is one connection on the follow lane).
    int openStreams() const;
    int subscriptionCount() const { return int(m_subscriptions.size()); }
    // For the status bar: how live updates arrive, and why not by the stream.
    QString describe() const;
    // The client's address or token changed: streams start over.
    void restart();
    void setCloseAfterIdle(std::chrono::milliseconds delay) { m_closeAfterIdle = delay; }
    // For tests: a shorter silence before a stream counts as dead.
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }

Q_SIGNALS:
    void modeChanged(const QString &nameSpace);
    void statusChanged();

private:
    friend class ChangeSubscription;
    EventStream *streamFor(const QString &nameSpace);
    void deliver(const QString &nameSpace, const QList<ChangeEvent> &events);
    void closeUnused();
    void forget(ChangeSubscription *subscription);

    NomadClient *m_client;
    QHash<QString, EventStream *> m_streams;
    QList<ChangeSubscription *> m_subscriptions;
    QTimer m_closeTimer;
    std::chrono::milliseconds m_closeAfterIdle{30000};
    std::chrono::milliseconds m_idleTimeout{75000};
};

} // namespace dd
