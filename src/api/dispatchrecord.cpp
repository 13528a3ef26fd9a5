#include "api/dispatchrecord.h"

#include "api/jobwaiter.h"

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace dd {

JournalEntry beginDispatchEntry(const DispatchRequest &request,
                                const DispatchRecordContext &context)
{
    JournalEntry entry;
    entry.source = context.source;
    entry.profile = context.profile;
    // A password typed into the address is never stored.
    entry.address = QUrl(context.address).toString(QUrl::RemoveUserInfo);
    entry.jobId = request.jobId;
    entry.nameSpace = context.nameSpace.isEmpty() ? u"default"_s : context.nameSpace;
    entry.meta = request.meta;
    entry.payloadSha256 = DispatchJournal::payloadHash(request.payload);
    entry.payloadSize = request.payload.size();
    entry.idempotencyToken = request.idempotencyToken;
    return entry;
}

static bool jobNotFound(const ApiError &error)
{
    return error.kind == ApiError::Kind::Http &&
           error.nomadText.contains(u"job not found"_s, Qt::CaseInsensitive);
}

void completeDispatchEntry(JournalEntry &entry, const DispatchOutcome &outcome)
{
    entry.attempts += outcome.attempts;
    entry.sent += outcome.sent;
    entry.answered = outcome.answered;
    if (!outcome.idempotencyToken.isEmpty())
        entry.idempotencyToken = outcome.idempotencyToken;
    entry.verdictWord.clear();
    entry.childJobId.clear();
    entry.evalId.clear();
    entry.error = outcome.error ? outcome.error->referenceText() : QString();
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Dispatched:
        entry.childJobId = outcome.response.dispatchedJobId;
        entry.evalId = outcome.response.evalId;
        entry.verdict =
            outcome.deduplicated ? JournalVerdict::AlreadyDispatched : JournalVerdict::Dispatched;
        entry.error.clear();
        break;
    case DispatchOutcome::Kind::Failed:
        entry.verdict = outcome.error && jobNotFound(*outcome.error) ? JournalVerdict::NotFound
                                                                     : JournalVerdict::Refused;
        break;
    case DispatchOutcome::Kind::Unknown:
        entry.verdict = JournalVerdict::OutcomeUnknown;
        // One match is very likely the child; several are listed to the user, not guessed.
        if (outcome.possibleChildren.size() == 1)
            entry.childJobId = outcome.possibleChildren.constFirst().id;
        break;
    }
}

std::optional<JournalVerdict> verdictAfterEvaluation(const MonitorResult &result,
                                                     bool waitingForJob)
{
    switch (result.outcome) {
    case MonitorResult::Outcome::Complete:
        if (waitingForJob)
            return std::nullopt;
        return JournalVerdict::Placed;
    case MonitorResult::Outcome::PlacementFailed:
        return JournalVerdict::PlacementFailed;
    case MonitorResult::Outcome::EvaluationFailed:
        return JournalVerdict::EvaluationFailed;
    case MonitorResult::Outcome::Error:
    case MonitorResult::Outcome::Cancelled:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<JournalVerdict> verdictAfterJob(const JobOutcome &outcome)
{
    if (outcome.error)
        return std::nullopt;
    return outcome.succeeded() ? JournalVerdict::Complete : JournalVerdict::Failed;
}

} // namespace dd
