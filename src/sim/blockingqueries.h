#pragma once
// Nomad's blocking queries: a read with ?index=N waits until the index it
// reports passes N, or until ?wait= (default and cap 5 minutes, plus up to
// 1/16 jitter) runs out on the simulated clock, then answers as usual.

#include "sim/httpconnection.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace dd::sim {

class ClusterState;
class IdGenerator;
class SimClock;

struct ReadAnswer
{
    quint64 index = 0;
    HttpResponse response;
    bool final = false; // an error that must not wait (e.g. 403 on the found object)
};
using ReadFn = std::function<ReadAnswer()>;
using FinishFn = std::function<void(HttpExchange *, const ReadAnswer &)>;

struct BlockingOptions
{
    quint64 minIndex = 0;
    qint64 waitNs = 0; // 0: the default
};

class BlockingQueries : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxWaitNs = 300LL * 1'000'000'000; // Nomad's maxQueryTime and default

    BlockingQueries(ClusterState &state, SimClock &clock, IdGenerator &random,
                    QObject *parent = nullptr);

    // Answers now, or once the index passes minIndex, or at the deadline.
    void run(HttpExchange *exchange, const BlockingOptions &options, ReadFn read, FinishFn finish);
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        quint64 id;
        QPointer<HttpExchange> exchange;
        quint64 minIndex;
        ReadFn read;
        FinishFn finish;
        quint64 timer;
    };
    void recheck();
    void expire(quint64 id);

    ClusterState &m_state;
    SimClock &m_clock;
    IdGenerator &m_random;
    QList<Pending> m_pending;
    quint64 m_nextId = 1;
};

} // namespace dd::sim
