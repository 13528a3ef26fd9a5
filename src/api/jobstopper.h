#pragma once
// Stopping, or stopping and purging, dispatched children: one job with
// stopJob(), many with JobStopper (bounded concurrency, per-item results,
// cancel). Both need the submit-job capability.

#include "api/dispatchrecord.h"
#include "api/nomadclient.h"
#include "core/dispatchjournal.h"
#include "core/jobstop.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace dd {

enum class StopMode { Stop, Purge };

// DELETE /v1/job/<escaped id>, with ?purge=true for StopMode::Purge.
CallHandle stopJob(NomadClient *client, const QString &jobId, StopMode mode,
                   const QueryOptions &options, QObject *context,
                   Callback<Reply<JobStopResponse>> callback);

// "Could not stop “x” on “prod”: Nomad answered 403 Permission denied. The token
// needs the submit-job capability in namespace “default”." `profile` may be
// empty. The CLI passes HintQuotes::Plain.
QString stopFailureText(const ApiError &error, StopMode mode, const QString &jobId,
                        const QString &profile, const QString &nameSpace,
                        HintQuotes quotes = HintQuotes::Typographic);

struct StopItemResult
{
    enum class Status { Waiting, Sending, Done, Failed, Cancelled };
    int index = 0;
    QString jobId;
    Status status = Status::Waiting;
    JobStopResponse response; // with Done
    std::optional<ApiError> error;

    bool isFinal() const { return status != Status::Waiting && status != Status::Sending; }
};

struct StopSummary
{
    int total = 0;
    int done = 0;
    int failed = 0;
    int cancelled = 0;
};

// The parent of a dispatched child: "report-nightly" for
// "report-nightly/dispatch-1700000000-ab12cd34"; the ID itself otherwise.
QString parentOfChild(const QString &childId);

// The journal entry to begin before a stop or purge is sent (the History tab
// and `history` show it), and its completion.
JournalEntry beginStopEntry(StopMode mode, const QString &childId,
                            const DispatchRecordContext &context);
void completeStopEntry(JournalEntry &entry, const StopItemResult &result);

class JobStopper : public QObject
{
    Q_OBJECT
public:
    explicit JobStopper(NomadClient *client, QObject *parent = nullptr);

    void setMode(StopMode mode) { m_mode = mode; }
    StopMode mode() const { return m_mode; }
    void setConcurrency(int concurrency) { m_concurrency = qMax(1, concurrency); }
    void setOptions(const QueryOptions &options) { m_options = options; }

    // Sends one DELETE per ID, at most `concurrency` at a time, in order.
    void start(const QStringList &jobIds);
    // Sends nothing more: items not started yet end as Cancelled at once;
    // requests already sent finish, since the server may already have acted.
    void cancel();
    bool isRunning() const { return m_inFlight > 0 || m_next < m_results.size(); }
    const QList<StopItemResult> &results() const { return m_results; }
    StopSummary summary() const;

Q_SIGNALS:
    void itemChanged(const dd::StopItemResult &result);
    void progress(int finished, int total);
    void finished(const dd::StopSummary &summary);

private:
    void pump();
    void settle(int index, Result<Reply<JobStopResponse>> result);
    void finishIfDone();

    NomadClient *m_client;
    StopMode m_mode = StopMode::Stop;
    int m_concurrency = 4;
    QueryOptions m_options;
    QList<StopItemResult> m_results;
    int m_next = 0;
    int m_inFlight = 0;
    int m_finished = 0;
    bool m_done = true;
};

} // namespace dd

Q_DECLARE_METATYPE(dd::StopItemResult)
Q_DECLARE_METATYPE(dd::StopSummary)
