#include "api/evaluationmonitor.h"

#include "api/logging.h"

#include <algorithm>

namespace dd {

EvaluationMonitor::EvaluationMonitor(NomadClient *client, QString evalId, Options options,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_evalId(std::move(evalId))
    , m_options(std::move(options))
{
    m_retryTimer.setSingleShot(true);
}

QueryOptions EvaluationMonitor::options(quint64 waitIndex) const
{
    QueryOptions o;
    if (!m_options.nameSpace.isEmpty())
        o.nameSpace = m_options.nameSpace;
    if (waitIndex > 0) {
        o.waitIndex = waitIndex;
        o.waitTime = m_options.blockingWait;
    }
    return o;
}

void EvaluationMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    MonitorEvent e{MonitorEvent::Kind::MonitoringEvaluation};
    e.evalId = m_evalId;
    emitEvent(e);
    fetchEvaluation(0);
}

void EvaluationMonitor::cancel()
{
    if (!m_running)
        return;
    m_retryTimer.stop();
    MonitorResult result;
    result.outcome = MonitorResult::Outcome::Cancelled;
    end(result);
    m_call.cancel();
}

void EvaluationMonitor::emitEvent(MonitorEvent e)
{
    if (e.evalId.isEmpty())
        e.evalId = m_evalId;
    Q_EMIT monitorEvent(e);
}

void EvaluationMonitor::fetchEvaluation(quint64 waitIndex)
{
    m_call = m_client->evaluation(
        m_evalId, options(waitIndex), this, [this](Result<Reply<Evaluation>> reply) {
            if (!m_running)
                return;
            if (!reply) {
                // After an error, re-read without blocking: a restarted server's
                // index may now be lower than ours, and a query at ours would hang.
                if (reply.error().isTransient())
                    retryLater(reply.error(), [this]() { fetchEvaluation(0); });
                else
                    fail(reply.error());
                return;
            }
            onEvaluation(reply->value, reply->meta);
        });
}

void EvaluationMonitor::onEvaluation(const Evaluation &evaluation, const QueryMeta &meta)
{
    if (!meta.knownLeader) {
        // Without a leader the answer may be stale: wait for the cluster to elect one.
        ApiError e;
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::Other;
        e.detail = QStringLiteral("the cluster has no known leader (an election may be under way)");
        retryLater(e, [this]() { fetchEvaluation(0); });
        return;
    }
    if (meta.index < m_lastIndex) {
        // Indexes went backwards: the server restarted or lost its state. Follow it down.
        qCInfo(lcMonitor) << "index went backwards; restarting the watch";
    }
    m_lastIndex = meta.index;
    m_call = m_client->evaluationAllocations(
        m_evalId, options(), this, [this, evaluation](Result<Reply<QList<Allocation>>> reply) {
            if (!m_running)
                return;
            if (!reply) {
                if (reply.error().isTransient())
                    retryLater(reply.error(), [this]() { fetchEvaluation(0); });
                else
                    fail(reply.error());
                return;
            }
            onAllocations(evaluation, reply->value);
        });
}

void EvaluationMonitor::onAllocations(const Evaluation &evaluation,
                                      const QList<Allocation> &allocations)
{
    if (m_attempt > 0) {
        emitEvent(MonitorEvent{MonitorEvent::Kind::Reconnected});
        m_attempt = 0;
    }
    m_troubleSince = {};
    Q_EMIT evaluationUpdated(evaluation);
    Q_EMIT allocationsUpdated(allocations);
    update(evaluation, allocations);
    if (evaluation.isTerminal())
        finishEvaluation(evaluation);
    else
        fetchEvaluation(m_lastIndex);
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

    auto switchTo = [this](const QString &evalId) {
        m_evalId = evalId;
        m_state = State{};
        m_lastIndex = 0;
        MonitorEvent e{MonitorEvent::Kind::MonitoringEvaluation};
        e.evalId = evalId;
        emitEvent(e);
        fetchEvaluation(0);
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

void EvaluationMonitor::retryLater(const ApiError &error, std::function<void()> again)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_troubleSince.isValid())
        m_troubleSince = now;
    const auto troubled = std::chrono::milliseconds(m_troubleSince.msecsTo(now));
    if (troubled >= m_options.retry.giveUpAfter) {
        fail(error);
        return;
    }
    const auto delay =
        std::min(m_options.retry.delayFor(m_attempt), m_options.retry.giveUpAfter - troubled);
    MonitorEvent e{MonitorEvent::Kind::Reconnecting};
    e.error = error;
    e.attempt = ++m_attempt;
    e.delay = delay;
    emitEvent(e);
    m_retryTimer.disconnect();
    connect(&m_retryTimer, &QTimer::timeout, this, [this, again = std::move(again)]() {
        if (m_running)
            again();
    });
    m_retryTimer.start(delay);
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
    m_retryTimer.stop();
    Q_EMIT finished(result);
}

} // namespace dd
