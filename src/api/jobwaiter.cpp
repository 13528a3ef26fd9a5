#include "api/jobwaiter.h"

namespace dd {

JobWaiter::JobWaiter(NomadClient *client, QString jobId, QString nameSpace, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_jobId(std::move(jobId))
    , m_nameSpace(std::move(nameSpace))
{
    m_retryTimer.setSingleShot(true);
    // After an error, re-read without blocking: the server's index may have gone backwards.
    connect(&m_retryTimer, &QTimer::timeout, this, [this]() { poll(0); });
}

QueryOptions JobWaiter::options(quint64 waitIndex) const
{
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    if (waitIndex > 0) {
        o.waitIndex = waitIndex;
        o.waitTime = m_wait;
    }
    return o;
}

void JobWaiter::start()
{
    m_running = true;
    poll(0);
}

void JobWaiter::cancel()
{
    if (!m_running)
        return;
    JobOutcome outcome;
    outcome.error = ApiError::cancelled();
    finish(outcome);
    m_call.cancel();
}

void JobWaiter::poll(quint64 waitIndex)
{
    m_call = m_client->jobAllocations(
        m_jobId, options(waitIndex), this, [this](Result<Reply<QList<Allocation>>> reply) {
            if (!m_running)
                return;
            if (!reply) {
                onError(reply.error(), m_index);
                return;
            }
            // A restarted server starts its indexes again: follow it down.
            m_index = reply->meta.index;
            m_attempt = 0;
            m_troubleSince = {};
            QList<Allocation> allocs = reply->value;
            std::sort(allocs.begin(), allocs.end(),
                      [](const Allocation &a, const Allocation &b) { return a.id < b.id; });
            for (const Allocation &a : allocs) {
                const auto old = m_statuses.constFind(a.id);
                if (old != m_statuses.cend() && *old != a.clientStatus)
                    Q_EMIT allocationStatusChanged(a, *old);
                else if (old == m_statuses.cend() && a.clientStatus != u"pending")
                    Q_EMIT allocationStatusChanged(a, QStringLiteral("pending"));
                m_statuses.insert(a.id, a.clientStatus);
            }
            Q_EMIT allocationsUpdated(allocs);
            checkJob(allocs);
        });
}

void JobWaiter::checkJob(const QList<Allocation> &allocations)
{
    m_call =
        m_client->job(m_jobId, options(0), this, [this, allocations](Result<Reply<Job>> reply) {
            if (!m_running)
                return;
            if (!reply) {
                onError(reply.error(), m_index);
                return;
            }
            const bool allTerminal =
                std::all_of(allocations.begin(), allocations.end(),
                            [](const Allocation &a) { return a.isTerminal(); });
            if (reply->value.status == u"dead" && allTerminal) {
                JobOutcome outcome;
                outcome.status = reply->value.status;
                outcome.allocations = allocations;
                for (const Allocation &a : allocations) {
                    if (a.clientStatus == u"complete")
                        ++outcome.complete;
                    else if (a.clientStatus == u"failed")
                        ++outcome.failed;
                    else if (a.clientStatus == u"lost")
                        ++outcome.lost;
                }
                finish(outcome);
                return;
            }
            poll(m_index);
        });
}

void JobWaiter::onError(const ApiError &error, quint64)
{
    if (!error.isTransient()) {
        JobOutcome outcome;
        outcome.error = error;
        finish(outcome);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_troubleSince.isValid())
        m_troubleSince = now;
    const auto troubled = std::chrono::milliseconds(m_troubleSince.msecsTo(now));
    if (troubled >= m_retry.giveUpAfter) {
        JobOutcome outcome;
        outcome.error = error;
        finish(outcome);
        return;
    }
    const auto delay = std::min(m_retry.delayFor(m_attempt), m_retry.giveUpAfter - troubled);
    Q_EMIT reconnecting(error, ++m_attempt, delay);
    m_retryTimer.start(delay);
}

void JobWaiter::finish(JobOutcome outcome)
{
    if (!m_running)
        return;
    m_running = false;
    m_retryTimer.stop();
    Q_EMIT finished(outcome);
}

} // namespace dd
