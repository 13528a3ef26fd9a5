#include "api/safedispatcher.h"

#include "core/dispatchjournal.h"
#include "core/ids.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace dd {

SafeDispatcher::SafeDispatcher(NomadClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SafeDispatcher::send);
}

bool SafeDispatcher::neverDelivered(const ApiError &error)
{
    // A request that timed out still queued for a connection never went on the wire.
    if (error.kind == ApiError::Kind::Timeout && error.neverSent)
        return true;
    return error.kind == ApiError::Kind::Transport &&
           (error.transport == ApiError::Transport::ConnectionRefused ||
            error.transport == ApiError::Transport::HostNotFound);
}

bool SafeDispatcher::tokenIsHonoured() const
{
    return !m_request.idempotencyToken.isEmpty() &&
           supports(m_version, ServerFeature::IdempotencyToken);
}

void SafeDispatcher::setServerVersion(std::optional<ServerVersion> version)
{
    m_versionKnown = true;
    m_version = version;
}

void SafeDispatcher::dispatch(DispatchRequest request, QueryOptions options)
{
    m_request = std::move(request);
    m_query = std::move(options);
    m_outcome = {};
    m_running = true;
    m_tokenGenerated = m_request.idempotencyToken.isEmpty() && m_options.generateToken;
    if (m_tokenGenerated)
        m_request.idempotencyToken = u"dd-"_s + newUuid();
    m_outcome.idempotencyToken = m_request.idempotencyToken;
    m_outcome.serverVersion = m_version;
    send();
}

void SafeDispatcher::cancel()
{
    m_timer.stop();
    m_call.cancel();
}

void SafeDispatcher::send()
{
    if (!m_firstSent.isValid())
        m_firstSent = QDateTime::currentDateTimeUtc();
    ++m_outcome.attempts;
    m_call =
        m_client->dispatch(m_request, m_query, this, [this](Result<Reply<DispatchResponse>> reply) {
            if (!m_running)
                return;
            if (!reply && !neverDelivered(reply.error()))
                ++m_outcome.sent;
            if (reply) {
                ++m_outcome.sent;
                m_outcome.answered = true;
                m_outcome.kind = DispatchOutcome::Kind::Dispatched;
                m_outcome.response = reply->value;
                m_outcome.error.reset();
                // A repeated token answers with the existing child and no evaluation.
                m_outcome.deduplicated =
                    reply->value.evalId.isEmpty() && !m_request.idempotencyToken.isEmpty();
                finish();
                return;
            }
            onError(reply.error());
        });
}

void SafeDispatcher::onError(const ApiError &error)
{
    m_outcome.error = error;
    // An HTTP status is an answer; a lost, cut or unreadable one is not.
    m_outcome.answered = error.kind == ApiError::Kind::Http;
    // An answer that cannot be read came from a server that probably did
    // dispatch: as ambiguous as a connection lost after sending.
    // A 500 is how Nomad refuses a bad dispatch: final, never retried, unless it
    // says the cluster had no leader, when nothing was processed.
    const bool noLeader = error.kind == ApiError::Kind::Http && error.httpStatus == 500 &&
                          error.nomadText.contains(u"No cluster leader"_s);
    const bool refused = error.kind == ApiError::Kind::Http && error.httpStatus < 502 && !noLeader;
    const bool transient = error.isTransient() || noLeader;
    if (error.kind == ApiError::Kind::Cancelled || refused || !transient) {
        m_outcome.kind = DispatchOutcome::Kind::Failed;
        finish();
        return;
    }
    if (neverDelivered(error) && !m_options.serverWasReachable) {
        m_outcome.kind = DispatchOutcome::Kind::Failed;
        finish();
        return;
    }
    if (neverDelivered(error) || m_versionKnown || m_request.idempotencyToken.isEmpty()) {
        decideRetry(error);
        return;
    }
    // Whether the token protects a retry depends on the server's version: ask now.
    m_client->agentSelf(this, [this, error](Result<AgentSelf> agent) {
        if (!m_running)
            return;
        m_versionKnown = true;
        m_version = agent ? ServerVersion::parse(agent->version) : std::nullopt;
        m_outcome.serverVersion = m_version;
        decideRetry(error);
    });
}

void SafeDispatcher::decideRetry(const ApiError &error)
{
    const bool safe = neverDelivered(error) || tokenIsHonoured();
    if (!safe) {
        // The server may have created the child before the answer was lost.
        m_outcome.kind = DispatchOutcome::Kind::Unknown;
        lookForChildren();
        return;
    }
    if (m_outcome.attempts >= m_options.maxAttempts) {
        m_outcome.kind =
            neverDelivered(error) ? DispatchOutcome::Kind::Failed : DispatchOutcome::Kind::Unknown;
        if (m_outcome.kind == DispatchOutcome::Kind::Unknown)
            lookForChildren();
        else
            finish();
        return;
    }
    const auto delay = m_options.retry.delayFor(m_outcome.attempts - 1);
    Q_EMIT retrying(error, m_outcome.attempts, delay);
    m_timer.start(delay);
}

void SafeDispatcher::lookForChildren()
{
    const QString prefix = m_request.jobId + u"/dispatch-";
    const qint64 since = (m_firstSent.toMSecsSinceEpoch() - 2000) * 1000000;
    QueryOptions options = m_query;
    options.waitIndex = 0;
    m_client->jobs(
        prefix, {}, options, this, [this, since, options](Result<Reply<QList<JobStub>>> list) {
            if (!m_running)
                return;
            if (!list) {
                finish();
                return;
            }
            QStringList candidates;
            for (const JobStub &s : list->value) {
                if (s.parentId == m_request.jobId && s.submitTime >= since)
                    candidates.append(s.id);
            }
            if (candidates.isEmpty()) {
                finish();
                return;
            }
            // Compare each recent child's meta and payload with this dispatch.
            auto remaining = std::make_shared<int>(int(candidates.size()));
            const QString wantedHash = DispatchJournal::payloadHash(m_request.payload);
            for (const QString &id : std::as_const(candidates)) {
                m_client->job(
                    id, options, this, [this, remaining, wantedHash](Result<Reply<Job>> job) {
                        if (!m_running)
                            return;
                        if (job && DispatchJournal::payloadHash(job->value.payload) == wantedHash) {
                            bool metaMatches = true;
                            for (auto it = m_request.meta.begin(); it != m_request.meta.end(); ++it)
                                metaMatches =
                                    metaMatches && job->value.meta.value(it.key()) == it.value();
                            if (metaMatches)
                                m_outcome.possibleChildren.append(job->value);
                        }
                        if (--*remaining == 0)
                            finish();
                    });
            }
        });
}

void SafeDispatcher::finish()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_tokenGenerated && m_outcome.error) {
        // The token is ours, not the user's: keep the URL in messages as they would write it.
        QUrlQuery query(m_outcome.error->url);
        query.removeAllQueryItems(u"idempotency_token"_s);
        m_outcome.error->url.setQuery(query);
    }
    Q_EMIT finished(m_outcome);
}

QString deliveryText(const DispatchOutcome &outcome)
{
    // Worded in core, so that the journal and History say the same.
    return dispatchDeliveryText(outcome.sent, outcome.answered,
                                !outcome.idempotencyToken.isEmpty());
}

} // namespace dd
