#pragma once
// The journal entry of one dispatch, made in one place for every front end
// (the app, the CLI, bulk dispatch): begun from the request before it is
// sent, completed from SafeDispatcher's outcome, and its later verdicts
// (the evaluation, the job's end) said in the journal's vocabulary. Front
// ends only write what these return, so the same dispatch reads the same in
// History and `dispatch-desk-cli history` whoever sent it.

#include "api/monitorevent.h"
#include "api/safedispatcher.h"
#include "core/dispatchjournal.h"

#include <optional>

namespace dd {

struct JobOutcome;

struct DispatchRecordContext
{
    QString source;    // the front end: "app", "cli", "batch"
    QString profile;   // empty: the CLI without -profile (flags and environment)
    QString address;   // the cluster's address
    QString nameSpace; // the job's namespace; empty means "default"
};

// The entry to begin before `request` is sent.
JournalEntry beginDispatchEntry(const DispatchRequest &request,
                                const DispatchRecordContext &context);
// Completes `entry` with what the dispatch came to. Attempts and requests sent
// add up, so an entry sent again (a batch row retried with its token) counts
// every request.
void completeDispatchEntry(JournalEntry &entry, const DispatchOutcome &outcome);

// The verdict to note once the evaluation is followed to its end; nullopt
// when there is nothing to say (it could not be followed, or was cancelled).
// With `waitingForJob`, a placed evaluation is not the end yet.
std::optional<JournalVerdict> verdictAfterEvaluation(const MonitorResult &result,
                                                     bool waitingForJob);
// The verdict to note once the dispatched job ended; nullopt when it could
// not be followed to its end.
std::optional<JournalVerdict> verdictAfterJob(const JobOutcome &outcome);

} // namespace dd
