#include "api/batchdispatcher.h"

#include "api/dispatchrecord.h"

using namespace Qt::Literals::StringLiterals;

namespace dd {

QString batchStatusName(BatchRowResult::Status status)
{
    switch (status) {
    case BatchRowResult::Status::Waiting:
        return u"waiting"_s;
    case BatchRowResult::Status::Sending:
        return u"sending"_s;
    case BatchRowResult::Status::Dispatched:
        return u"dispatched"_s;
    case BatchRowResult::Status::AlreadyDispatched:
        return u"already dispatched"_s;
    case BatchRowResult::Status::Failed:
        return u"failed"_s;
    case BatchRowResult::Status::Unknown:
        return u"unknown"_s;
    case BatchRowResult::Status::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

BatchDispatcher::BatchDispatcher(NomadClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    if (m_options.concurrency < 1)
        m_options.concurrency = 1;
    // Completions are written in groups: one fsync per 100 ms, not per row.
    m_journalTimer.setInterval(100);
    connect(&m_journalTimer, &QTimer::timeout, this, &BatchDispatcher::flushJournal);
}

void BatchDispatcher::setServerVersion(std::optional<ServerVersion> version)
{
    m_version = version;
    m_versionKnown = true;
}

QString BatchDispatcher::tokenFor(int index) const
{
    if (!supports(m_version, ServerFeature::IdempotencyToken))
        return {};
    return m_tokens.value(index);
}

DispatchRequest BatchDispatcher::requestFor(int index) const
{
    const BatchRow &row = m_rows.at(index);
    DispatchRequest request = m_options.common;
    request.jobId = m_options.jobId;
    request.meta = row.meta;
    request.payload = row.payload;
    request.hasPayload = row.hasPayload;
    request.idempotencyToken = tokenFor(index);
    return request;
}

void BatchDispatcher::start(const BatchPlan &plan)
{
    m_rows = plan.validRows();
    m_tokens = plan.validTokens();
    m_results.clear();
    m_entries.clear();
    m_queue.clear();
    m_done = 0;
    m_cancelled = false;
    m_clock.start();
    for (int i = 0; i < m_rows.size(); ++i) {
        BatchRowResult r;
        r.index = i;
        r.line = m_rows.at(i).line;
        m_results.append(r);
        m_queue.append(i);
    }
    if (m_options.journal) {
        DispatchRecordContext record;
        record.source = m_options.source;
        record.profile = m_options.profile;
        record.address = m_client->config().address.toString();
        record.nameSpace = m_options.nameSpace;
        QList<JournalEntry> entries;
        for (int i = 0; i < m_rows.size(); ++i)
            entries.append(beginDispatchEntry(requestFor(i), record));
        auto begun = m_options.journal->beginMany(entries);
        if (begun)
            m_entries = *begun;
        m_journalTimer.start();
    }
    if (m_rows.isEmpty()) {
        finishIfDone();
        return;
    }
    pump();
}

void BatchDispatcher::retry(const QList<int> &indexes)
{
    m_cancelled = false;
    for (int index : indexes) {
        if (index < 0 || index >= m_results.size() || m_results.at(index).succeeded())
            continue;
        m_results[index].status = BatchRowResult::Status::Waiting;
        m_results[index].error.reset();
        --m_done;
        m_queue.append(index);
        Q_EMIT rowUpdated(m_results.at(index));
    }
    if (m_options.journal)
        m_journalTimer.start();
    pump();
}

void BatchDispatcher::cancel()
{
    m_cancelled = true;
    for (int index : std::as_const(m_queue)) {
        m_results[index].status = BatchRowResult::Status::Cancelled;
        ++m_done;
        Q_EMIT rowUpdated(m_results.at(index));
    }
    m_queue.clear();
    Q_EMIT progress(m_done, int(m_results.size()));
    finishIfDone();
}

void BatchDispatcher::pump()
{
    while (!m_cancelled && m_inFlight < m_options.concurrency && !m_queue.isEmpty())
        send(m_queue.takeFirst());
}

void BatchDispatcher::send(int index)
{
    ++m_inFlight;
    BatchRowResult &result = m_results[index];
    result.status = BatchRowResult::Status::Sending;
    Q_EMIT rowUpdated(result);

    const DispatchRequest request = requestFor(index);
    SafeDispatcher::Options dispatchOptions;
    dispatchOptions.generateToken = false; // the row's token is derived, never random
    auto *sender = new SafeDispatcher(m_client, dispatchOptions, this);
    sender->setServerVersion(m_version);
    connect(sender, &SafeDispatcher::finished, this,
            [this, index, sender](const DispatchOutcome &outcome) {
                sender->deleteLater();
                onRowFinished(index, outcome);
            });
    QueryOptions query;
    if (!m_options.nameSpace.isEmpty())
        query.nameSpace = m_options.nameSpace;
    sender->dispatch(request, query);
}

void BatchDispatcher::onRowFinished(int index, const DispatchOutcome &outcome)
{
    --m_inFlight;
    ++m_done;
    BatchRowResult &r = m_results[index];
    r.attempts += outcome.attempts;
    r.response = outcome.response;
    r.error = outcome.error;
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Dispatched:
        r.status = outcome.deduplicated ? BatchRowResult::Status::AlreadyDispatched
                                        : BatchRowResult::Status::Dispatched;
        break;
    case DispatchOutcome::Kind::Failed:
        r.status = BatchRowResult::Status::Failed;
        break;
    case DispatchOutcome::Kind::Unknown:
        r.status = BatchRowResult::Status::Unknown;
        if (outcome.possibleChildren.size() == 1)
            r.response.dispatchedJobId = outcome.possibleChildren.constFirst().id;
        break;
    }
    if (index < m_entries.size()) {
        // A retried row completes the same entry again, its attempts added up.
        completeDispatchEntry(m_entries[index], outcome);
        m_pendingCompletions.append(m_entries.at(index));
    }
    Q_EMIT rowUpdated(r);
    Q_EMIT progress(m_done, int(m_results.size()));
    pump();
    finishIfDone();
}

void BatchDispatcher::flushJournal()
{
    if (m_options.journal && !m_pendingCompletions.isEmpty()) {
        m_options.journal->completeMany(m_pendingCompletions);
        m_pendingCompletions.clear();
    }
}

void BatchDispatcher::finishIfDone()
{
    if (m_inFlight > 0 || !m_queue.isEmpty())
        return;
    flushJournal();
    m_journalTimer.stop();
    BatchSummary s;
    s.total = int(m_results.size());
    s.elapsedMs = m_clock.elapsed();
    s.tokensHonoured = supports(m_version, ServerFeature::IdempotencyToken);
    for (const BatchRowResult &r : std::as_const(m_results)) {
        switch (r.status) {
        case BatchRowResult::Status::Dispatched:
            ++s.dispatched;
            break;
        case BatchRowResult::Status::AlreadyDispatched:
            ++s.alreadyDispatched;
            break;
        case BatchRowResult::Status::Failed:
            ++s.failed;
            break;
        case BatchRowResult::Status::Unknown:
            ++s.unknown;
            break;
        case BatchRowResult::Status::Cancelled:
        case BatchRowResult::Status::Waiting:
        case BatchRowResult::Status::Sending:
            ++s.cancelled;
            break;
        }
    }
    Q_EMIT finished(s);
}

} // namespace dd
