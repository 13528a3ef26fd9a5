#include "gui/dispatchcontroller.h"

#include "api/apierror.h"
#include "api/connection.h"
#include "api/dispatchrecord.h"
#include "core/ids.h"
#include "gui/dispatchtracker.h"
#include "gui/monitorarea.h"
#include "gui/prompter.h"

#include <QCryptographicHash>

namespace dd::gui {

namespace {
QByteArray fingerprint(const DispatchIntent &intent)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(
        QByteArray(intent.job.nameSpace.toUtf8() + '\n' + intent.request.jobId.toUtf8() + '\n'));
    hash.addData(intent.request.payload);
    for (auto it = intent.request.meta.begin(); it != intent.request.meta.end(); ++it)
        hash.addData(QByteArray(it.key().toUtf8() + '=' + it.value().toUtf8() + '\n'));
    return hash.result();
}
} // namespace

DispatchController::DispatchController(Connection *connection, DispatchPanel *panel,
                                       MonitorArea *monitors, Prompter *prompter,
                                       const Tuning &tuning, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_panel(panel)
    , m_monitors(monitors)
    , m_prompter(prompter)
    , m_tuning(tuning)
{
    connect(panel, &DispatchPanel::dispatchRequested, this, &DispatchController::dispatch);
}

bool DispatchController::confirmRepeat(const DispatchIntent &intent)
{
    // A token makes a repeat harmless: Nomad answers with the same job.
    if (!intent.request.idempotencyToken.isEmpty())
        return true;
    const QByteArray fp = fingerprint(intent);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool repeat = fp == m_lastFingerprint && m_lastTime.isValid() &&
                        m_lastTime.msecsTo(now) < m_tuning.repeatWindow.count();
    if (repeat && m_prompter &&
        !m_prompter->confirm(
            m_panel, tr("Dispatch again?"),
            tr("You dispatched “%1” with the same payload and meta %2 seconds ago. "
               "Dispatch another job anyway?")
                .arg(intent.job.id)
                .arg(m_lastTime.secsTo(now)))) {
        return false;
    }
    m_lastFingerprint = fp;
    m_lastTime = now;
    return true;
}

void DispatchController::dispatch(const DispatchIntent &intent)
{
    if (isInFlight() || !m_connection->client())
        return;
    if (!confirmRepeat(intent))
        return;
    m_panel->showError({});
    m_panel->setInFlight(true);

    SafeDispatcher::Options options;
    options.retry = m_tuning.retry;
    auto *dispatcher = new SafeDispatcher(m_connection->client(), options, this);
    if (m_connection->versionKnown())
        dispatcher->setServerVersion(m_connection->serverVersion());
    m_inFlight = dispatcher;
    const QString profile = m_connection->profile().name;
    QueryOptions query;
    // Follow-up calls go to the job's own namespace, whatever the view shows.
    query.nameSpace =
        intent.job.nameSpace.isEmpty() ? m_connection->nameSpace() : intent.job.nameSpace;
    // Written (and flushed to disk) before anything is sent.
    const JournalEntry entry =
        journalBegin(intent, profile, query.nameSpace.value_or(QString())).value_or(JournalEntry{});
    connect(dispatcher, &SafeDispatcher::finished, this,
            [this, dispatcher, intent, profile, entry](const DispatchOutcome &outcome) {
                dispatcher->deleteLater();
                onFinished(intent, profile, outcome, entry);
            });
    if (!m_connection->region().isEmpty())
        query.region = m_connection->region();
    dispatcher->dispatch(intent.request, query);
}

std::optional<JournalEntry> DispatchController::journalBegin(const DispatchIntent &intent,
                                                             const QString &profile,
                                                             const QString &nameSpace)
{
    if (!m_journal)
        return std::nullopt;
    DispatchRecordContext context;
    context.source = QStringLiteral("app");
    context.profile = profile;
    context.address = m_connection->profile().config.address.toString();
    context.nameSpace = nameSpace;
    auto begun = m_journal->begin(beginDispatchEntry(intent.request, context));
    if (!begun) {
        Q_EMIT warning(tr("This dispatch is not recorded in the history: %1").arg(begun.error()));
        return std::nullopt;
    }
    Q_EMIT journalBegun(begun->id);
    Q_EMIT journalChanged();
    return *begun;
}

void DispatchController::journalComplete(JournalEntry &entry, const DispatchOutcome &outcome)
{
    if (!m_journal || entry.id.isEmpty())
        return;
    completeDispatchEntry(entry, outcome);
    if (auto done = m_journal->complete(entry); !done)
        Q_EMIT warning(tr("Could not record the result in the history: %1").arg(done.error()));
    Q_EMIT journalChanged();
}

void DispatchController::journalFinalVerdict(const QString &id, JournalVerdict verdict,
                                             int attempts)
{
    if (!m_journal || id.isEmpty())
        return;
    m_journal->note(id, verdict, attempts);
    Q_EMIT journalChanged();
}

// The tracker's final verdict in the journal's words. A failure before
// anything was placed is the evaluation's (the CLI says the same).
static std::optional<JournalVerdict> journalVerdictFor(Verdict verdict, bool placed)
{
    switch (verdict) {
    case Verdict::Completed:
        return JournalVerdict::Complete;
    case Verdict::Failed:
        return placed ? JournalVerdict::Failed : JournalVerdict::EvaluationFailed;
    case Verdict::NotPlaced:
        return JournalVerdict::PlacementFailed;
    case Verdict::Placed:
        return JournalVerdict::Placed;
    case Verdict::Running:
        return JournalVerdict::Running;
    case Verdict::Stopped:
        return JournalVerdict::NotFollowed;
    default:
        return std::nullopt;
    }
}

void DispatchController::onFinished(const DispatchIntent &intent, const QString &profile,
                                    const DispatchOutcome &outcome, JournalEntry entry)
{
    m_panel->setInFlight(false);
    journalComplete(entry, outcome);
    const QString nameSpace =
        intent.job.nameSpace.isEmpty() ? QStringLiteral("default") : intent.job.nameSpace;
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Dispatched: {
        m_panel->dispatchSucceeded();
        DispatchContext context;
        context.profileName = profile;
        context.parentId = intent.job.id;
        context.nameSpace = nameSpace;
        context.response = outcome.response;
        context.deduplicated = outcome.deduplicated;
        context.waitUntilFinished = intent.waitUntilFinished;
        auto *tracker = new DispatchTracker(m_connection->client(), context,
                                            {m_tuning.blockingWait, m_tuning.retry});
        if (m_journal && !entry.id.isEmpty()) {
            const QString id = entry.id;
            const int attempts = entry.attempts;
            auto placed = std::make_shared<bool>(false);
            connect(tracker, &DispatchTracker::verdictChanged, this,
                    [this, id, attempts, placed](const VerdictInfo &info) {
                        *placed = *placed || info.verdict == Verdict::Placed ||
                                  info.verdict == Verdict::Running;
                        const auto verdict = journalVerdictFor(info.verdict, *placed);
                        if (info.final && verdict)
                            journalFinalVerdict(id, *verdict, attempts);
                    });
        }
        m_monitors->addMonitor(tracker);
        Q_EMIT trackerStarted(tracker);
        Q_EMIT dispatched(nameSpace, intent.job.id, outcome.response.dispatchedJobId);
        return;
    }
    case DispatchOutcome::Kind::Failed: {
        const ApiError error = outcome.error.value_or(ApiError{});
        const QString lead = tr("Could not dispatch “%1” on “%2”").arg(intent.job.id, profile);
        const QString hint = error.dispatchHint({intent.job.id, nameSpace, &intent.job}).text;
        QString text = lead + u": " + error.message();
        if (!text.endsWith(u'.'))
            text += u'.';
        if (!hint.isEmpty())
            text += u' ' + hint;
        m_panel->showError(text);
        return;
    }
    case DispatchOutcome::Kind::Unknown: {
        const ApiError error = outcome.error.value_or(ApiError{});
        QString text = tr("It is not known whether “%1” was dispatched on “%2”: %3.")
                           .arg(intent.job.id, profile, error.message());
        text += u' ' + tr("Dispatch request: %1.").arg(deliveryText(outcome));
        if (outcome.possibleChildren.isEmpty()) {
            text += u' ' +
                    tr("No matching job was found; check “Dispatched jobs” before trying again.");
        } else {
            QStringList ids;
            for (const Job &child : outcome.possibleChildren)
                ids.append(child.id);
            text +=
                u' ' +
                tr("These jobs match it and may be it: %1. Check them before dispatching again.")
                    .arg(ids.join(u", "));
        }
        m_panel->showError(text);
        return;
    }
    }
}

} // namespace dd::gui
