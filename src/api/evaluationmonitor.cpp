#include "api/evaluationmonitor.h"

#include <QTimer>

#include <algorithm>

namespace dd {

EvaluationMonitor::EvaluationMonitor(NomadClient *client, QString evalId, Options options,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_evalId(std::move(evalId))
    , m_options(std::move(options))
{
    QueryOptions base;
    if (!m_options.nameSpace.isEmpty())
        base.nameSpace = m_options.nameSpace;
    BlockingFollower::Options follow;
    follow.blockingWait = m_options.blockingWait;
    follow.retry = m_options.retry;
    m_follower = new BlockingFollower(
        [this](const BlockingFollower::Round &round) { fetch(round); }, base, follow, this);
    connect(m_follower, &BlockingFollower::retrying, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                MonitorEvent e{MonitorEvent::Kind::Reconnecting};
                e.error = error;
                e.attempt = attempt;
                e.delay = delay;
                emitEvent(e);
            });
    connect(m_follower, &BlockingFollower::recovered, this,
            [this]() { emitEvent(MonitorEvent{MonitorEvent::Kind::Reconnected}); });
    connect(m_follower, &BlockingFollower::failed, this, &EvaluationMonitor::fail);
    // The app's clients share one event stream: the evaluation's changes, and
    // its job's allocations once the job is known, wake the monitor.
    if (ChangeFeed *feed = client->changeFeed()) {
        const QString ns =
            m_options.nameSpace.isEmpty() ? client->config().nameSpace : m_options.nameSpace;
        m_follower->followChanges(feed, ns, [this](const ChangeEvent &e) {
            return e.unknown || e.key == m_evalId ||
                   (!m_state.jobId.isEmpty() && e.jobId == m_state.jobId);
        });
    }
}

void EvaluationMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    MonitorEvent e{MonitorEvent::Kind::MonitoringEvaluation};
    e.evalId = m_evalId;
    emitEvent(e);
    m_follower->start();
}

void EvaluationMonitor::cancel()
{
    if (!m_running)
        return;
    MonitorResult result;
    result.outcome = MonitorResult::Outcome::Cancelled;
    end(result);
}

void EvaluationMonitor::emitEvent(MonitorEvent e)
{
    if (e.evalId.isEmpty())
        e.evalId = m_evalId;
    Q_EMIT monitorEvent(e);
}

// One round: the evaluation (the blocking read), then its allocations.
void EvaluationMonitor::fetch(const BlockingFollower::Round &round)
{
    m_client->evaluation(
        m_evalId, round.options(), round.context(), [this, round](Result<Reply<Evaluation>> reply) {
            if (!round.accept(reply))
                return;
            const Evaluation evaluation = reply->value;
            QueryOptions o;
            if (!m_options.nameSpace.isEmpty())
                o.nameSpace = m_options.nameSpace;
            o.followLane = round.options().followLane;
            m_client->evaluationAllocations(
                m_evalId, o, round.context(),
                [this, round, evaluation](Result<Reply<QList<Allocation>>> allocs) {
                    if (!round.accept(allocs))
                        return;
                    onAllocations(round, evaluation, allocs->value);
                });
        });
}

void EvaluationMonitor::onAllocations(const BlockingFollower::Round &round,
                                      const Evaluation &evaluation,
                                      const QList<Allocation> &allocations)
{
    // Reports a reconnection first; the next read waits for this turn, so
    // finishing below cancels it before it is sent.
    round.next();
    Q_EMIT evaluationUpdated(evaluation);
    Q_EMIT allocationsUpdated(allocations);
    update(evaluation, allocations);
    if (evaluation.isTerminal())
        finishEvaluation(evaluation);
}

void EvaluationMonitor::update(const Evaluation &evaluation, const QList<Allocation> &allocations)
{
    State next;
    next.status = evaluation.status;
    next.nodeId = evaluation.nodeId;
    next.jobId = evaluation.jobId;
    next.createIndex = evaluation.createIndex;

    if (m_state.nodeId.isEmpty() && !next.nodeId.isEmpty()) {
        MonitorEvent e{MonitorEvent::Kind::TriggeredByNode};
        e.text = next.nodeId;
        emitEvent(e);
    }
    if (m_state.jobId.isEmpty() && !next.jobId.isEmpty()) {
        MonitorEvent e{MonitorEvent::Kind::TriggeredByJob};
        e.text = next.jobId;
        emitEvent(e);
    }
    // Go iterates a map here; sorting by ID makes our order stable.
    QList<Allocation> sorted = allocations;
    std::sort(sorted.begin(), sorted.end(),
              [](const Allocation &a, const Allocation &b) { return a.id < b.id; });
    for (const Allocation &alloc : sorted) {
        next.allocs.insert(alloc.id, AllocState{alloc.clientStatus});
        const auto existing = m_state.allocs.constFind(alloc.id);
        if (existing == m_state.allocs.cend()) {
            if (alloc.createIndex < next.createIndex) {
                MonitorEvent e{MonitorEvent::Kind::AllocationModified};
                e.allocation = alloc;
                emitEvent(e);
            } else if (alloc.desiredStatus == u"run") {
                MonitorEvent e{MonitorEvent::Kind::AllocationCreated};
                e.allocation = alloc;
                emitEvent(e);
            }
        } else if (existing->clientStatus != alloc.clientStatus) {
            MonitorEvent e{MonitorEvent::Kind::AllocationStatusChanged};
            e.allocation = alloc;
            e.from = existing->clientStatus;
            e.to = alloc.clientStatus;
            emitEvent(e);
        }
    }
    // The reference skips transitions to pending.
    if (!m_state.status.isEmpty() && next.status != u"pending" && m_state.status != next.status) {
        MonitorEvent e{MonitorEvent::Kind::EvaluationStatusChanged};
        e.from = m_state.status;
        e.to = next.status;
        e.evaluation = evaluation;
        emitEvent(e);
    }
    m_state = next;
}

void EvaluationMonitor::finishEvaluation(const Evaluation &evaluation)
{
    MonitorEvent finishedEvent{MonitorEvent::Kind::EvaluationFinished};
    finishedEvent.evaluation = evaluation;
    emitEvent(finishedEvent);
    if (!evaluation.failedTgAllocs.isEmpty()) {
        m_placementFailed = true;
        if (!evaluation.blockedEval.isEmpty()) {
            MonitorEvent e{MonitorEvent::Kind::WaitingForCapacity};
            e.text = evaluation.blockedEval;
            emitEvent(e);
        }
    }

    // The evaluation is over: nothing more to read until (and unless) another one follows.
    m_follower->stop();
    auto switchTo = [this](const QString &evalId) {
        m_evalId = evalId;
        m_state = State{};
        MonitorEvent e{MonitorEvent::Kind::MonitoringEvaluation};
        e.evalId = evalId;
        emitEvent(e);
        m_follower->start();
    };

    if (!evaluation.nextEval.isEmpty()) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::nanoseconds(evaluation.waitNs));
        if (wait.count() > 0) {
            MonitorEvent e{MonitorEvent::Kind::NextEvaluation};
            e.text = evaluation.nextEval;
            e.delay = wait;
            emitEvent(e);
        }
        const QString next = evaluation.nextEval;
        QTimer::singleShot(wait, this, [this, next, switchTo]() {
            if (m_running)
                switchTo(next);
        });
        return;
    }
    if (m_options.followBlocked && !evaluation.blockedEval.isEmpty()) {
        // The blocked eval places the remainder when capacity frees up.
        m_followingBlocked = true;
        m_placementFailed = false;
        switchTo(evaluation.blockedEval);
        return;
    }

    MonitorResult result;
    result.lastEvaluation = evaluation;
    result.blockedEvalId = evaluation.blockedEval;
    if (m_placementFailed)
        result.outcome = MonitorResult::Outcome::PlacementFailed;
    else if (evaluation.status == u"failed")
        result.outcome = MonitorResult::Outcome::EvaluationFailed;
    else if (evaluation.status == u"canceled")
        result.outcome = MonitorResult::Outcome::EvaluationFailed;
    end(result);
}

void EvaluationMonitor::fail(const ApiError &error)
{
    MonitorResult result;
    result.outcome = MonitorResult::Outcome::Error;
    result.error = error;
    result.errorEvalId = m_evalId;
    end(result);
}

void EvaluationMonitor::end(MonitorResult result)
{
    if (!m_running)
        return;
    m_running = false;
    m_follower->stop();
    Q_EMIT finished(result);
}

} // namespace dd
