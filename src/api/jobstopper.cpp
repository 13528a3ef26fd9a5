// Stop and purge requests, one at a time or many with bounded concurrency.
#include "api/jobstopper.h"

#include "core/ids.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace dd {

CallHandle stopJob(NomadClient *client, const QString &jobId, StopMode mode,
                   const QueryOptions &options, QObject *context,
                   Callback<Reply<JobStopResponse>> callback)
{
    QueryOptions o = options;
    if (mode == StopMode::Purge)
        o.params.append({u"purge"_s, u"true"_s});
    return client->send(
        "DELETE", u"/v1/job/" + escapePathSegment(jobId), o, {}, context,
        [callback = std::move(callback)](Result<RawResponse> raw) {
            if (!raw) {
                callback(std::unexpected(raw.error()));
                return;
            }
            auto decoded = decodeJobStopResponse(raw->body);
            if (!decoded) {
                callback(std::unexpected(ApiError::parse(decoded.error().message, "DELETE", {})));
                return;
            }
            callback(Reply<JobStopResponse>{*decoded, raw->meta});
        });
}

QString stopFailureText(const ApiError &error, StopMode mode, const QString &jobId,
                        const QString &profile, const QString &nameSpace, HintQuotes quotes)
{
    auto quoted = [quotes](const QString &s) -> QString {
        return quotes == HintQuotes::Plain ? u'"' + s + u'"' : u'“' + s + u'”';
    };
    const QString what = profile.isEmpty()
                             ? quoted(jobId)
                             : QCoreApplication::translate("dd::JobStopper", "%1 on %2")
                                   .arg(quoted(jobId), quoted(profile));
    QString text =
        (mode == StopMode::Purge
             ? QCoreApplication::translate("dd::JobStopper", "Could not stop and purge %1: %2.")
             : QCoreApplication::translate("dd::JobStopper", "Could not stop %1: %2."))
            .arg(what, error.message());
    const QString hint = error.hintFor(Capability::SubmitJob, nameSpace, quotes);
    if (!hint.isEmpty())
        text += u' ' + hint;
    return text;
}

QString parentOfChild(const QString &childId)
{
    for (QStringView marker : {u"/dispatch-", u"/periodic-"}) {
        const qsizetype at = childId.lastIndexOf(marker);
        if (at > 0)
            return childId.left(at);
    }
    return childId;
}

JournalEntry beginStopEntry(StopMode mode, const QString &childId,
                            const DispatchRecordContext &context)
{
    JournalEntry entry;
    entry.action = mode == StopMode::Purge ? JournalAction::Purge : JournalAction::Stop;
    entry.source = context.source;
    entry.profile = context.profile;
    entry.address = QUrl(context.address).toString(QUrl::RemoveUserInfo);
    entry.jobId = parentOfChild(childId);
    entry.childJobId = childId;
    entry.nameSpace = context.nameSpace.isEmpty() ? u"default"_s : context.nameSpace;
    return entry;
}

void completeStopEntry(JournalEntry &entry, const StopItemResult &result)
{
    entry.attempts = 1;
    entry.sent = result.status == StopItemResult::Status::Cancelled ? 0 : 1;
    entry.evalId = result.response.evalId;
    if (result.status == StopItemResult::Status::Done) {
        entry.verdict =
            entry.action == JournalAction::Purge ? JournalVerdict::Purged : JournalVerdict::Stopped;
        entry.answered = true;
        entry.error.clear();
        return;
    }
    const ApiError error = result.error.value_or(ApiError::cancelled());
    entry.answered = error.kind == ApiError::Kind::Http;
    // Refused when the server said no or the request never left; unknown when
    // the answer was lost (stopping again is harmless: a stop is idempotent).
    const bool neverActed =
        error.kind == ApiError::Kind::Http || error.kind == ApiError::Kind::Cancelled ||
        error.kind == ApiError::Kind::Config || error.kind == ApiError::Kind::Tls ||
        error.transport == ApiError::Transport::ConnectionRefused ||
        error.transport == ApiError::Transport::HostNotFound || error.neverSent;
    entry.verdict = neverActed ? JournalVerdict::Refused : JournalVerdict::OutcomeUnknown;
    entry.error = error.kind == ApiError::Kind::Cancelled ? u"cancelled before it was sent"_s
                                                          : error.message();
}

JobStopper::JobStopper(NomadClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<dd::StopItemResult>();
    qRegisterMetaType<dd::StopSummary>();
}

void JobStopper::start(const QStringList &jobIds)
{
    Q_ASSERT(!isRunning());
    m_results.clear();
    for (int i = 0; i < jobIds.size(); ++i) {
        StopItemResult r;
        r.index = i;
        r.jobId = jobIds.at(i);
        m_results.append(r);
    }
    m_next = 0;
    m_inFlight = 0;
    m_finished = 0;
    m_done = false;
    Q_EMIT progress(0, int(m_results.size()));
    pump();
    finishIfDone();
}

void JobStopper::cancel()
{
    for (; m_next < m_results.size(); ++m_next) {
        StopItemResult &r = m_results[m_next];
        r.status = StopItemResult::Status::Cancelled;
        r.error = ApiError::cancelled();
        ++m_finished;
        Q_EMIT itemChanged(r);
    }
    Q_EMIT progress(m_finished, int(m_results.size()));
    finishIfDone();
}

StopSummary JobStopper::summary() const
{
    StopSummary s;
    s.total = int(m_results.size());
    for (const StopItemResult &r : m_results) {
        if (r.status == StopItemResult::Status::Done)
            ++s.done;
        else if (r.status == StopItemResult::Status::Failed)
            ++s.failed;
        else if (r.status == StopItemResult::Status::Cancelled)
            ++s.cancelled;
    }
    return s;
}

void JobStopper::pump()
{
    while (m_inFlight < m_concurrency && m_next < m_results.size()) {
        const int index = m_next++;
        ++m_inFlight;
        StopItemResult &r = m_results[index];
        r.status = StopItemResult::Status::Sending;
        Q_EMIT itemChanged(r);
        stopJob(m_client, r.jobId, m_mode, m_options, this,
                [this, index](Result<Reply<JobStopResponse>> result) {
                    settle(index, std::move(result));
                });
    }
}

void JobStopper::settle(int index, Result<Reply<JobStopResponse>> result)
{
    --m_inFlight;
    ++m_finished;
    StopItemResult &r = m_results[index];
    if (result) {
        r.status = StopItemResult::Status::Done;
        r.response = result->value;
        r.error.reset();
    } else {
        r.status = StopItemResult::Status::Failed;
        r.error = result.error();
    }
    Q_EMIT itemChanged(r);
    Q_EMIT progress(m_finished, int(m_results.size()));
    pump();
    finishIfDone();
}

void JobStopper::finishIfDone()
{
    if (m_done || isRunning())
        return;
    m_done = true;
    Q_EMIT finished(summary());
}

} // namespace dd
