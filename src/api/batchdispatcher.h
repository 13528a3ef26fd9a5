#pragma once
// Dispatches many rows of one parameterized job with bounded concurrency.
// Each row is one SafeDispatcher, so retries never duplicate. When the
// server honours idempotency tokens, each row carries the token its
// BatchPlan gave it: running the same batch again (or retrying its failed
// rows) only dispatches the rows that did not land.

#include "api/nomadclient.h"
#include "api/safedispatcher.h"
#include "core/batchplan.h"
#include "core/dispatchjournal.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace dd {

struct BatchRowResult
{
    enum class Status {
        Waiting,
        Sending,
        Dispatched,
        AlreadyDispatched,
        Failed,
        Unknown,
        Cancelled
    };
    int index = 0; // position among the plan's valid rows
    int line = 0;
    Status status = Status::Waiting;
    DispatchResponse response;
    std::optional<ApiError> error;
    int attempts = 0;

    bool succeeded() const
    {
        return status == Status::Dispatched || status == Status::AlreadyDispatched;
    }
};

QString batchStatusName(BatchRowResult::Status status);

struct BatchSummary
{
    int total = 0;
    int dispatched = 0;
    int alreadyDispatched = 0;
    int failed = 0;
    int unknown = 0;
    int cancelled = 0;
    qint64 elapsedMs = 0;
    bool tokensHonoured = false;
};

class BatchDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString jobId;
        QString nameSpace;
        int concurrency = 8;
        DispatchRequest common; // id prefix template, priority
        DispatchJournal *journal = nullptr;
        QString source = QStringLiteral("batch");
        QString profile;
    };

    BatchDispatcher(NomadClient *client, Options options, QObject *parent = nullptr);

    void setServerVersion(std::optional<ServerVersion> version);
    // Sends the plan's valid rows, each with its token.
    void start(const BatchPlan &plan);
    // Sends the given rows again (by index), keeping their tokens.
    void retry(const QList<int> &indexes);
    // Stops starting rows; rows already sent finish normally.
    void cancel();
    bool isRunning() const { return m_inFlight > 0 || !m_queue.isEmpty(); }
    const QList<BatchRowResult> &results() const { return m_results; }
    QString tokenFor(int index) const;

Q_SIGNALS:
    void rowUpdated(const dd::BatchRowResult &result);
    void progress(int done, int total);
    void finished(const dd::BatchSummary &summary);

private:
    DispatchRequest requestFor(int index) const;
    void pump();
    void send(int index);
    void onRowFinished(int index, const DispatchOutcome &outcome);
    void flushJournal();
    void finishIfDone();

    NomadClient *m_client;
    Options m_options;
    std::optional<ServerVersion> m_version;
    bool m_versionKnown = false;
    QList<BatchRow> m_rows;
    QStringList m_tokens;
    QList<BatchRowResult> m_results;
    QList<JournalEntry> m_entries;
    QList<JournalEntry> m_pendingCompletions;
    QList<int> m_queue;
    int m_inFlight = 0;
    int m_done = 0;
    bool m_cancelled = false;
    QElapsedTimer m_clock;
    QTimer m_journalTimer;
};

} // namespace dd

Q_DECLARE_METATYPE(dd::BatchRowResult)
Q_DECLARE_METATYPE(dd::BatchSummary)
