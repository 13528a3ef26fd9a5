#include "gui/dispatchtracker.h"

#include "api/evaluationmonitor.h"
#include "api/jobwaiter.h"
#include "core/goduration.h"
#include "core/ids.h"
#include "gui/errortext.h"
#include "models/allocationmodel.h"
#include "models/evaluationmodel.h"
#include "models/placementexplanation.h"
#include "models/timelinemodel.h"

namespace dd::gui {

using Severity = models::TimelineEntry::Severity;

DispatchTracker::DispatchTracker(NomadClient *client, DispatchContext context, Settings settings,
                                 QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_context(std::move(context))
    , m_settings(settings)
    , m_timeline(new models::TimelineModel(this))
    , m_evaluations(new models::EvaluationModel(this))
    , m_allocations(new models::AllocationModel(this))
{
    m_verdict = {Verdict::Evaluating, tr("Evaluating"),
                 tr("Nomad is deciding where “%1” runs.").arg(m_context.response.dispatchedJobId)};
}

DispatchTracker::~DispatchTracker() = default;

void DispatchTracker::add(int severity, const QString &text, const QString &detail)
{
    m_timeline->append({QDateTime::currentDateTimeUtc(), Severity(severity), text, detail});
}

void DispatchTracker::setVerdict(Verdict verdict, const QString &title, const QString &detail,
                                 bool final)
{
    m_verdict = {verdict, title, detail, final};
    Q_EMIT verdictChanged(m_verdict);
}

void DispatchTracker::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    Q_EMIT followingChanged(following);
}

void DispatchTracker::start()
{
    const QString child = m_context.response.dispatchedJobId;
    if (m_context.deduplicated || m_context.response.evalId.isEmpty()) {
        add(int(Severity::Info), tr("Nomad already had a job for this idempotency token: “%1”. "
                                    "Nothing new was dispatched.")
                                     .arg(child));
        if (m_context.waitUntilFinished) {
            setVerdict(Verdict::Placed, tr("Already dispatched"),
                       tr("Following the job dispatched earlier with this token."));
            followChild();
        } else {
            setVerdict(Verdict::Placed, tr("Already dispatched"),
                       tr("“%1” was dispatched earlier with this token.").arg(child), true);
        }
        return;
    }
    add(int(Severity::Info), tr("Dispatched “%1” on “%2”").arg(child, m_context.profileName),
        tr("Evaluation %1 decides where it runs.").arg(shortId(m_context.response.evalId)));
    EvaluationMonitor::Options options;
    options.nameSpace = m_context.nameSpace;
    options.followBlocked = true;
    options.blockingWait = m_settings.blockingWait;
    options.retry = m_settings.retry;
    m_monitor = new EvaluationMonitor(m_client, m_context.response.evalId, options, this);
    connect(m_monitor, &EvaluationMonitor::monitorEvent, this, &DispatchTracker::onMonitorEvent);
    connect(m_monitor, &EvaluationMonitor::evaluationUpdated, this,
            [this](const Evaluation &e) { m_evaluations->updateEvaluation(e); });
    connect(m_monitor, &EvaluationMonitor::allocationsUpdated, this,
            &DispatchTracker::onAllocations);
    connect(m_monitor, &EvaluationMonitor::finished, this, &DispatchTracker::onMonitorFinished);
    setFollowing(true);
    Q_EMIT verdictChanged(m_verdict);
    m_monitor->start();
}

void DispatchTracker::stop()
{
    if (!m_following)
        return;
    if (m_monitor && m_monitor->isRunning())
        m_monitor->cancel();
    if (m_waiter)
        m_waiter->cancel();
    setFollowing(false);
}

void DispatchTracker::onMonitorEvent(const MonitorEvent &e)
{
    using Kind = MonitorEvent::Kind;
    switch (e.kind) {
    case Kind::MonitoringEvaluation:
        if (m_evaluationsSeen++ > 0) {
            add(int(Severity::Info), m_waitingForCapacity
                                         ? tr("Following blocked evaluation %1: it places the rest "
                                              "when capacity frees up")
                                               .arg(shortId(e.evalId))
                                         : tr("Following evaluation %1").arg(shortId(e.evalId)));
        }
        break;
    case Kind::EvaluationStatusChanged:
        add(int(Severity::Progress),
            tr("Evaluation %1: %2 → %3").arg(shortId(e.evalId), e.from, e.to));
        break;
    case Kind::EvaluationFinished: {
        const Evaluation &ev = e.evaluation;
        if (!ev.failedTgAllocs.isEmpty()) {
            const QStringList lines = models::explainPlacement(ev);
            m_placementText = lines.join(u'\n');
            m_needsMatchingNode = models::placementNeedsMatchingNode(ev);
            add(int(Severity::Warning), tr("Could not place every allocation"), m_placementText);
        } else if (ev.status == u"failed" || ev.status == u"canceled") {
            add(int(Severity::Error), tr("Evaluation %1 %2").arg(shortId(ev.id), ev.status),
                ev.statusDescription);
        } else if (m_waitingForCapacity) {
            add(int(Severity::Success),
                tr("Capacity freed up: the remaining allocations are placed"));
        } else {
            add(int(Severity::Success),
                tr("Evaluation %1 complete: all allocations placed").arg(shortId(ev.id)));
        }
        break;
    }
    case Kind::WaitingForCapacity:
        m_waitingForCapacity = true;
        add(int(Severity::Warning),
            (m_needsMatchingNode
                 ? tr("Waiting for a node that matches: blocked evaluation %1 will place the rest")
                 : tr("Waiting for capacity: blocked evaluation %1 will place the rest"))
                .arg(shortId(e.text)));
        setVerdict(Verdict::WaitingForCapacity, tr("Could not be placed yet"),
                   m_placementText + u'\n' + models::queuedOutlook(m_needsMatchingNode));
        break;
    case Kind::NextEvaluation:
        add(int(Severity::Info),
            tr("Next evaluation %1 in %2").arg(shortId(e.text), formatGoDuration(e.delay)));
        break;
    case Kind::Reconnecting:
        add(int(Severity::Warning),
            tr("Lost contact with Nomad; retrying in %1 (attempt %2)")
                .arg(formatGoDuration(e.delay))
                .arg(e.attempt),
            e.error ? e.error->message() : QString());
        break;
    case Kind::Reconnected:
        add(int(Severity::Info), tr("Reconnected to Nomad"));
        break;
    case Kind::TriggeredByJob:
    case Kind::TriggeredByNode:
    case Kind::AllocationCreated:
    case Kind::AllocationModified:
    case Kind::AllocationStatusChanged:
        // Allocations are diffed in onAllocations, from the monitor and the waiter alike.
        break;
    }
}

void DispatchTracker::onAllocations(const QList<Allocation> &allocations)
{
    m_allocations->mergeAllocations(allocations);
    for (const Allocation &a : allocations) {
        const auto known = m_allocStatus.constFind(a.id);
        const QString last = models::AllocationModel::lastEventText(a);
        if (known == m_allocStatus.cend()) {
            add(int(Severity::Progress),
                tr("Allocation %1 placed on node %2 (group “%3”)")
                    .arg(shortId(a.id), a.nodeName.isEmpty() ? shortId(a.nodeId) : a.nodeName,
                         a.taskGroup));
            if (a.clientStatus != u"pending")
                add(int(a.clientStatus == u"failed" ? Severity::Error : Severity::Progress),
                    tr("Allocation %1 is %2")
                        .arg(shortId(a.id),
                             models::AllocationModel::statusText(a.clientStatus).toLower()),
                    last);
        } else if (*known != a.clientStatus) {
            const bool bad = a.clientStatus == u"failed" || a.clientStatus == u"lost";
            add(int(bad                             ? Severity::Error
                    : a.clientStatus == u"complete" ? Severity::Success
                                                    : Severity::Progress),
                tr("Allocation %1: %2 → %3").arg(shortId(a.id), *known, a.clientStatus), last);
        }
        m_allocStatus.insert(a.id, a.clientStatus);
    }
    if (m_verdict.verdict == Verdict::Placed || m_verdict.verdict == Verdict::Running)
        updateRunningVerdict();
}

void DispatchTracker::updateRunningVerdict()
{
    if (m_verdict.final)
        return;
    int running = 0;
    int done = 0;
    for (const QString &status : std::as_const(m_allocStatus)) {
        if (status == u"running")
            ++running;
        else if (status != u"pending")
            ++done;
    }
    const int total = int(m_allocStatus.size());
    if (running > 0)
        setVerdict(
            Verdict::Running, tr("Running"),
            tr("%1 of %2 allocations running, %3 finished.").arg(running).arg(total).arg(done));
    else if (m_verdict.verdict != Verdict::Placed)
        setVerdict(Verdict::Placed, tr("Placed"), tr("Waiting for the allocations to start."));
}

void DispatchTracker::onMonitorFinished(const MonitorResult &result)
{
    const QString child = m_context.response.dispatchedJobId;
    switch (result.outcome) {
    case MonitorResult::Outcome::Complete:
        if (m_context.waitUntilFinished) {
            setVerdict(Verdict::Placed, tr("Placed"),
                       m_allocStatus.size() == 1
                           ? tr("1 allocation placed; following “%1” to its end.").arg(child)
                           : tr("%1 allocations placed; following “%2” to its end.")
                                 .arg(m_allocStatus.size())
                                 .arg(child));
            updateRunningVerdict();
            followChild();
        } else {
            setVerdict(Verdict::Placed, tr("Placed"),
                       tr("Nomad placed every allocation of “%1”. Not waiting for it to finish.")
                           .arg(child),
                       true);
            setFollowing(false);
        }
        break;
    case MonitorResult::Outcome::PlacementFailed:
        setVerdict(Verdict::NotPlaced, tr("Could not be placed"), m_placementText, true);
        setFollowing(false);
        break;
    case MonitorResult::Outcome::EvaluationFailed:
        setVerdict(Verdict::Failed, tr("Failed"),
                   tr("Evaluation %1 ended “%2”: %3")
                       .arg(shortId(result.lastEvaluation.id), result.lastEvaluation.status,
                            result.lastEvaluation.statusDescription),
                   true);
        setFollowing(false);
        break;
    case MonitorResult::Outcome::Error:
        cannotFollow(*result.error, tr("reading evaluation %1").arg(shortId(result.errorEvalId)));
        break;
    case MonitorResult::Outcome::Cancelled:
        if (m_waitingForCapacity)
            // Nomad still holds the job pending: that is not its outcome.
            setVerdict(Verdict::Stopped, tr("Stopped following: still queued"),
                       m_placementText + u'\n' +
                           tr("Nomad still keeps the job queued; it may yet be placed."),
                       true);
        else
            setVerdict(Verdict::Stopped, tr("Stopped following"),
                       tr("“%1” carries on in Nomad.").arg(child), true);
        add(int(Severity::Info), tr("Stopped following"));
        setFollowing(false);
        break;
    }
}

void DispatchTracker::cannotFollow(const ApiError &error, const QString &what)
{
    const QString child = m_context.response.dispatchedJobId;
    const QString text =
        failureText(tr("Dispatched “%1” on “%2”, but could not follow it: %3 failed")
                        .arg(child, m_context.profileName, what),
                    error, Capability::ReadJob, m_context.nameSpace);
    add(int(Severity::Error), tr("Cannot follow the dispatched job"), text);
    setVerdict(Verdict::Unknown, tr("Dispatched, but cannot follow"), text, true);
    setFollowing(false);
}

void DispatchTracker::followChild()
{
    m_waiter =
        new JobWaiter(m_client, m_context.response.dispatchedJobId, m_context.nameSpace, this);
    m_waiter->setBlockingWait(m_settings.blockingWait);
    m_waiter->setRetryPolicy(m_settings.retry);
    connect(m_waiter, &JobWaiter::allocationsUpdated, this, &DispatchTracker::onAllocations);
    connect(m_waiter, &JobWaiter::reconnecting, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                add(int(Severity::Warning),
                    tr("Lost contact with Nomad; retrying in %1 (attempt %2)")
                        .arg(formatGoDuration(delay))
                        .arg(attempt),
                    error.message());
            });
    connect(m_waiter, &JobWaiter::finished, this, &DispatchTracker::onJobFinished);
    setFollowing(true);
    m_waiter->start();
}

void DispatchTracker::onJobFinished(const JobOutcome &outcome)
{
    const QString child = m_context.response.dispatchedJobId;
    if (outcome.error) {
        if (outcome.error->kind == ApiError::Kind::Cancelled) {
            setVerdict(Verdict::Stopped, tr("Stopped following"),
                       tr("“%1” carries on in Nomad.").arg(child), true);
            add(int(Severity::Info), tr("Stopped following"));
        } else {
            cannotFollow(*outcome.error, tr("reading its allocations"));
        }
        setFollowing(false);
        return;
    }
    m_allocations->mergeAllocations(outcome.allocations);
    if (outcome.succeeded()) {
        const QString detail =
            outcome.complete == 1
                ? tr("Its allocation finished successfully.")
                : tr("All %1 allocations finished successfully.").arg(outcome.complete);
        add(int(Severity::Success), tr("“%1” completed").arg(child));
        setVerdict(Verdict::Completed, tr("Completed"), detail, true);
    } else {
        QStringList reasons;
        for (const Allocation &a : outcome.allocations) {
            if (a.clientStatus != u"failed" && a.clientStatus != u"lost")
                continue;
            QString why = models::AllocationModel::failureText(a);
            reasons.append(tr("Allocation %1 (group “%2”) %3%4")
                               .arg(shortId(a.id), a.taskGroup, a.clientStatus,
                                    why.isEmpty() ? QString() : u": " + why));
        }
        add(int(Severity::Error), tr("“%1” failed").arg(child), reasons.join(u'\n'));
        setVerdict(Verdict::Failed, tr("Failed"), reasons.join(u'\n'), true);
    }
    setFollowing(false);
}

} // namespace dd::gui
