#include "sim/blockingqueries.h"

#include "sim/clusterstate.h"
#include "sim/idgenerator.h"
#include "sim/simclock.h"

namespace dd::sim {

BlockingQueries::BlockingQueries(ClusterState &state, SimClock &clock, IdGenerator &random,
                                 QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_clock(clock)
    , m_random(random)
{
    connect(&m_state, &ClusterState::committed, this, &BlockingQueries::recheck);
}

void BlockingQueries::run(HttpExchange *exchange, const BlockingOptions &options, ReadFn read,
                          FinishFn finish)
{
    const ReadAnswer now = read();
    if (options.minIndex == 0 || now.final || now.index > options.minIndex) {
        finish(exchange, now);
        return;
    }
    qint64 wait = options.waitNs;
    if (wait <= 0 || wait > kMaxWaitNs)
        wait = kMaxWaitNs;
    wait += qint64(m_random.unit() * double(wait / 16)); // lib.RandomStagger(wait / JitterFraction)
    const quint64 id = m_nextId++;
    const qint64 waitMs = (wait + 999'999) / 1'000'000;
    const quint64 timer = m_clock.callAfter(waitMs, this, [this, id] { expire(id); });
    m_pending.append(
        Pending{id, exchange, options.minIndex, std::move(read), std::move(finish), timer});
    connect(exchange, &HttpExchange::aborted, this, [this, id] {
        for (qsizetype i = 0; i < m_pending.size(); ++i) {
            if (m_pending[i].id == id) {
                m_clock.cancel(m_pending[i].timer);
                m_pending.removeAt(i);
                return;
            }
        }
    });
}

void BlockingQueries::recheck()
{
    // Answer in a separate pass: finishing may change m_pending (it should not, but be safe).
    QList<Pending> ready;
    QList<ReadAnswer> answers;
    for (qsizetype i = 0; i < m_pending.size();) {
        Pending &p = m_pending[i];
        if (!p.exchange) {
            m_clock.cancel(p.timer);
            m_pending.removeAt(i);
            continue;
        }
        const ReadAnswer a = p.read();
        if (a.final || a.index > p.minIndex) {
            m_clock.cancel(p.timer);
            ready << p;
            answers << a;
            m_pending.removeAt(i);
            continue;
        }
        ++i;
    }
    for (qsizetype i = 0; i < ready.size(); ++i) {
        if (ready[i].exchange)
            ready[i].finish(ready[i].exchange, answers[i]);
    }
}

void BlockingQueries::expire(quint64 id)
{
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending[i].id != id)
            continue;
        Pending p = m_pending.takeAt(i);
        if (p.exchange)
            p.finish(p.exchange, p.read());
        return;
    }
}

} // namespace dd::sim
