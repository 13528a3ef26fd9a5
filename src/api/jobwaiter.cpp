#include "api/jobwaiter.h"

namespace dd {

namespace {
BlockingFollower::Options followerOptions()
{
    BlockingFollower::Options o;
    // Short waits bound how long a restarted server (whose index went back) can
    // hold a query that still carries the old index: Qt re-sends it silently
    // when the connection drops, and Nomad holds it until the wait runs out.
    o.blockingWait = std::chrono::milliseconds(10000);
    return o;
}
} // namespace

JobWaiter::JobWaiter(NomadClient *client, QString jobId, QString nameSpace, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_jobId(std::move(jobId))
    , m_nameSpace(std::move(nameSpace))
{
    QueryOptions base;
    if (!m_nameSpace.isEmpty())
        base.nameSpace = m_nameSpace;
    m_follower = new BlockingFollower([this](const BlockingFollower::Round &round) { poll(round); },
                                      base, followerOptions(), this);
    connect(m_follower, &BlockingFollower::retrying, this, &JobWaiter::reconnecting);
    connect(m_follower, &BlockingFollower::failed, this, [this](const ApiError &error) {
        JobOutcome outcome;
        outcome.error = error;
        finish(outcome);
    });
    if (ChangeFeed *feed = client->changeFeed())
        m_follower->followChanges(feed,
                                  m_nameSpace.isEmpty() ? client->config().nameSpace : m_nameSpace,
                                  changes::ofJob(m_jobId));
}

void JobWaiter::start()
{
    m_running = true;
    m_follower->start();
}

void JobWaiter::cancel()
{
    if (!m_running)
        return;
    JobOutcome outcome;
    outcome.error = ApiError::cancelled();
    finish(outcome);
}

void JobWaiter::poll(const BlockingFollower::Round &round)
{
    m_client->jobAllocations(
        m_jobId, round.options(), round.context(),
        [this, round](Result<Reply<QList<Allocation>>> reply) {
            if (!round.accept(reply))
                return;
            QList<Allocation> allocs = reply->value;
            std::sort(allocs.begin(), allocs.end(),
                      [](const Allocation &a, const Allocation &b) { return a.id < b.id; });
            onAllocations(allocs);
            checkJob(round, allocs);
        });
}

void JobWaiter::onAllocations(const QList<Allocation> &allocations)
{
    for (const Allocation &a : allocations) {
        const auto old = m_statuses.constFind(a.id);
        if (old != m_statuses.cend() && *old != a.clientStatus)
            Q_EMIT allocationStatusChanged(a, *old);
        else if (old == m_statuses.cend() && a.clientStatus != u"pending")
            Q_EMIT allocationStatusChanged(a, QStringLiteral("pending"));
        m_statuses.insert(a.id, a.clientStatus);
    }
    Q_EMIT allocationsUpdated(allocations);
}

void JobWaiter::checkJob(const BlockingFollower::Round &round, const QList<Allocation> &allocations)
{
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    m_client->job(m_jobId, o, round.context(),
                  [this, round, allocations](Result<Reply<Job>> reply) {
                      if (!round.accept(reply))
                          return;
                      const bool allTerminal =
                          std::all_of(allocations.begin(), allocations.end(),
                                      [](const Allocation &a) { return a.isTerminal(); });
                      if (reply->value.status != u"dead" || !allTerminal) {
                          round.next();
                          return;
                      }
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
                  });
}

void JobWaiter::finish(JobOutcome outcome)
{
    if (!m_running)
        return;
    m_running = false;
    m_follower->stop();
    Q_EMIT finished(outcome);
}

} // namespace dd
