// Over 400 lines: one thin method per Nomad endpoint over one request path (headers,
// TLS, size limits, error mapping).

#include "api/nomadclient.h"

#include "api/logging.h"
#include "api/oneshotbody.h"
#include "api/replyinfo.h"
#include "core/ids.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <memory>

#include "ddversion.h"

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
constexpr qint64 kReadChunkBytes = 256 * 1024;
// The most a Content-Length may make us reserve up front; the rest grows as bytes arrive.
constexpr qint64 kMaxReserveBytes = 16 << 20;
template<typename T> Callback<Reply<T>> dropMeta(Callback<T> callback)
{
    return [callback = std::move(callback)](Result<Reply<T>> r) {
        if (r)
            callback(std::move(r->value));
        else
            callback(std::unexpected(r.error()));
    };
}
} // namespace

void CallHandle::cancel()
{
    if (m_reply && m_reply->isRunning()) {
        m_reply->setProperty(kCancelledProperty, true);
        m_reply->abort();
    }
}

NomadClient::NomadClient(QNetworkAccessManager *network, ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    setConfig(std::move(config));
}

void NomadClient::setFollowNetwork(QNetworkAccessManager *network)
{
    m_followNetwork = network;
}

void NomadClient::setConfig(ClientConfig config)
{
    m_config = std::move(config);
    m_configError.reset();
    m_ssl.reset();
    // A line break in a header value would let the token inject headers; Go's
    // client refuses such a value too.
    const bool controlInToken =
        std::any_of(m_config.token.cbegin(), m_config.token.cend(),
                    [](QChar c) { return c.unicode() < 0x20 || c == u'\x7f'; });
    if (controlInToken) {
        m_configError = ApiError::config(
            tr("The ACL token contains a line break or another control character, which cannot "
               "be sent in an HTTP header. Check how it was copied (NOMAD_TOKEN, -token or the "
               "profile): a Nomad secret ID is a 36-character UUID."));
        return;
    }
    // Loading the TLS backend and the system's CA store costs milliseconds at
    // every start: do it only when the address needs it.
    if (m_config.address.scheme() != u"https")
        return;
    auto ssl = buildSslConfiguration(m_config.tls);
    if (ssl)
        m_ssl = *ssl;
    else
        m_configError = ssl.error();
}

QUrl NomadClient::urlFor(const QString &encodedPath, const QueryOptions &options) const
{
    QUrl url = m_config.address;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    // StrictMode keeps %2F inside child job IDs as it is.
    url.setPath(base + encodedPath, QUrl::StrictMode);

    QList<std::pair<QString, QString>> params;
    const QString ns = options.nameSpace.value_or(m_config.nameSpace);
    if (!ns.isEmpty())
        params.append({u"namespace"_s, ns});
    const QString region = options.region.value_or(m_config.region);
    if (!region.isEmpty())
        params.append({u"region"_s, region});
    if (options.waitIndex > 0) {
        params.append({u"index"_s, QString::number(options.waitIndex)});
        if (options.waitTime.count() > 0)
            params.append({u"wait"_s, QString::number(options.waitTime.count()) + u"ms"});
    }
    params += options.params;
    QString query;
    for (const auto &[key, value] : params) {
        if (!query.isEmpty())
            query += u'&';
        query += QString::fromLatin1(QUrl::toPercentEncoding(key)) + u'=' +
                 QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(query.isEmpty() ? QString() : query, QUrl::StrictMode);
    return url;
}

QNetworkReply *NomadClient::startRequest(QNetworkAccessManager *lane, const QByteArray &method,
                                         const QUrl &url, const QByteArray &body,
                                         std::chrono::milliseconds timeout)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("dispatch-desk/" DD_VERSION_STRING));
    // Nomad's API never redirects; following one would carry the token and the
    // body to a host the user did not name.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_config.token.isEmpty())
        request.setRawHeader("X-Nomad-Token", m_config.token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(int(qMin<qint64>(timeout.count(), INT_MAX)));
    if (url.scheme() == u"https") {
        request.setSslConfiguration(m_ssl.value_or(QSslConfiguration::defaultConfiguration()));
        if (!m_config.tls.serverName.isEmpty())
            request.setPeerVerifyName(m_config.tls.serverName);
    }

    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = lane->get(request);
    } else if (body.isEmpty()) {
        // Nomad's body-less writes (stop, purge, gc) are idempotent: a re-send is harmless.
        reply = lane->sendCustomRequest(request, method);
    } else {
        // A body goes on the wire once per call: Qt's own re-send after an early
        // close is refused, and the caller decides (SafeDispatcher).
        auto *device = new OneShotBody(body);
        reply = lane->sendCustomRequest(request, method, device);
        device->setParent(reply);
    }
    qCDebug(lcApi) << method << url.toString(QUrl::RemoveUserInfo);
    // A request still queued for a connection when its time runs out never
    // reached the server: the error says so (ApiError::neverSent).
    connect(reply, &QNetworkReply::requestSent, reply,
            [reply]() { reply->setProperty(kSentProperty, true); });

    const bool skipVerify = m_config.tls.skipVerify;
    if (url.scheme() == u"https")
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply, skipVerify](const QList<QSslError> &errors) {
                    if (skipVerify) {
                        reply->ignoreSslErrors();
                        return;
                    }
                    reply->setProperty(kSslErrorsProperty, QVariant::fromValue(errors));
                });
    return reply;
}

CallHandle NomadClient::send(const QByteArray &method, const QString &encodedPath,
                             const QueryOptions &options, const QByteArray &body, QObject *context,
                             Callback<RawResponse> callback)
{
    Q_ASSERT(context);
    if (m_configError) {
        QMetaObject::invokeMethod(
            context, [callback, error = *m_configError]() { callback(std::unexpected(error)); },
            Qt::QueuedConnection);
        return {};
    }
    // A blocking query may legitimately hold the connection for wait + wait/16.
    auto timeout = m_config.timeout;
    if (options.waitIndex > 0)
        timeout += options.waitTime + options.waitTime / 16;
    // Long-polls take the follow lane, so they never hold a connection a user's
    // request is waiting for.
    QNetworkAccessManager *lane = (options.waitIndex > 0 || options.followLane) && m_followNetwork
                                      ? m_followNetwork
                                      : m_network;
    QNetworkReply *reply = startRequest(lane, method, urlFor(encodedPath, options), body, timeout);
    // If the context goes first, drop the callback and abort quietly. Only our
    // own connections are cut: reply->disconnect() would also cut Qt's from the
    // reply to its HTTP thread, so abort() would never reach the socket and the
    // connection would stay taken until the server answered (minutes, for a
    // blocking query).
    connect(context, &QObject::destroyed, reply, [reply, context]() {
        QObject::disconnect(reply, nullptr, context, nullptr);
        if (reply->isRunning()) // a cancelled call was aborted already
            reply->abort();
        reply->deleteLater();
    });
    // The body is taken as it arrives: one readAll() of a large answer at the end
    // is a single copy into fresh pages (hundreds of ms for 85 MB) on the GUI
    // thread, while small appends into a buffer sized from Content-Length are not.
    auto received = std::make_shared<QByteArray>();
    // Bounded reads: Qt then holds the socket instead of collecting tens of MB
    // in the reply, so no single readyRead has more than this to copy.
    reply->setReadBufferSize(kReadChunkBytes);
    const qint64 maxBytes = options.maxAnswerBytes;
    auto tooLarge = [reply, maxBytes]() {
        reply->setProperty(kTooLargeProperty, maxBytes);
        reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, context,
            [reply, received, maxBytes, tooLarge]() {
                bool ok = false;
                const qint64 length =
                    reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
                if (!ok || length <= 0)
                    return;
                if (length > maxBytes) {
                    tooLarge();
                    return;
                }
                if (received->isEmpty())
                    received->reserve(qsizetype(qMin(length, kMaxReserveBytes)));
            });
    connect(reply, &QNetworkReply::readyRead, context, [reply, received, maxBytes, tooLarge]() {
        const qint64 available = reply->bytesAvailable();
        if (available <= 0)
            return;
        if (received->size() + available > maxBytes) {
            tooLarge();
            return;
        }
        const qsizetype old = received->size();
        received->resize(old + qsizetype(available));
        const qint64 got = reply->read(received->data() + old, available);
        received->resize(old + qsizetype(qMax<qint64>(0, got)));
    });
    const bool hadClientCert = !m_config.tls.clientCert.isEmpty();
    connect(reply, &QNetworkReply::finished, context,
            [reply, method, callback, hadClientCert, received]() {
                reply->deleteLater();
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                // Network and proxy errors (codes 1-199) win over a status that arrived
                // before the connection broke: the body is then incomplete.
                const int code = int(reply->error());
                const bool networkError = code >= 1 && code <= 199;
                if (const qint64 limit = reply->property(kTooLargeProperty).toLongLong()) {
                    ApiError e;
                    e.kind = ApiError::Kind::Transport;
                    e.transport = ApiError::Transport::AnswerTooLarge;
                    e.sizeLimit = limit;
                    e.method = method;
                    e.url = reply->request().url();
                    callback(std::unexpected(e));
                    return;
                }
                if (!status.isValid() || networkError ||
                    reply->property(kCancelledProperty).toBool()) {
                    callback(std::unexpected(errorFromReply(reply, method, hadClientCert)));
                    return;
                }
                if (status.toInt() >= 300 && status.toInt() < 400) {
                    ApiError e;
                    e.kind = ApiError::Kind::Transport;
                    e.transport = ApiError::Transport::Redirected;
                    e.httpStatus = status.toInt();
                    e.method = method;
                    e.url = reply->request().url();
                    e.redirectTarget = e.url.resolved(
                        QUrl::fromEncoded(reply->rawHeader("Location"), QUrl::StrictMode));
                    callback(std::unexpected(e));
                    return;
                }
                RawResponse response;
                response.status = status.toInt();
                response.body = std::move(*received);
                response.body += reply->readAll(); // what arrived after the last readyRead
                response.meta = metaFromReply(reply);
                if (response.status < 200 || response.status >= 300) {
                    ApiError e;
                    e.kind = ApiError::Kind::Http;
                    e.httpStatus = response.status;
                    e.nomadText = QString::fromUtf8(response.body).trimmed();
                    e.method = method;
                    e.url = reply->request().url();
                    callback(std::unexpected(e));
                    return;
                }
                callback(std::move(response));
            });
    return CallHandle(reply);
}

CallHandle NomadClient::dispatch(const DispatchRequest &request, const QueryOptions &options,
                                 QObject *context, Callback<Reply<DispatchResponse>> callback)
{
    QueryOptions o = options;
    o.maxAnswerBytes = QueryOptions::kDispatchMaxAnswerBytes;
    if (!request.idempotencyToken.isEmpty())
        o.params.append({u"idempotency_token"_s, request.idempotencyToken});
    return send("PUT", u"/v1/job/" + escapePathSegment(request.jobId) + u"/dispatch", o,
                encodeDispatchRequest(request), context,
                [this, context, callback = std::move(callback)](Result<RawResponse> raw) mutable {
                    deliver<DispatchResponse>(std::move(raw), context, decodeDispatchResponse,
                                              std::move(callback));
                });
}

CallHandle NomadClient::job(const QString &id, const QueryOptions &options, QObject *context,
                            Callback<Reply<Job>> callback)
{
    return getDecoded<Job>(u"/v1/job/" + escapePathSegment(id), options, context, decodeJob,
                           std::move(callback));
}

CallHandle NomadClient::jobs(const QString &prefix, const QString &filter,
                             const QueryOptions &options, QObject *context,
                             Callback<Reply<QList<JobStub>>> callback)
{
    QueryOptions o = options;
    o.maxAnswerBytes = QueryOptions::kListMaxAnswerBytes;
    if (!prefix.isEmpty())
        o.params.append({u"prefix"_s, prefix});
    if (!filter.isEmpty())
        o.params.append({u"filter"_s, filter});
    return getDecoded<QList<JobStub>>(u"/v1/jobs"_s, o, context, decodeJobStubs,
                                      std::move(callback));
}

CallHandle NomadClient::parameterizedJobs(const QueryOptions &options, QObject *context,
                                          Callback<Reply<QList<JobStub>>> callback)
{
    QueryOptions o = options;
    o.maxAnswerBytes = QueryOptions::kListMaxAnswerBytes;
    return getDecoded<QList<JobStub>>(u"/v1/jobs"_s, o, context, decodeParameterizedParents,
                                      std::move(callback));
}

CallHandle NomadClient::jobSummary(const QString &id, const QueryOptions &options, QObject *context,
                                   Callback<Reply<JobSummary>> callback)
{
    return getDecoded<JobSummary>(u"/v1/job/" + escapePathSegment(id) + u"/summary", options,
                                  context, decodeJobSummary, std::move(callback));
}

CallHandle NomadClient::jobAllocations(const QString &id, const QueryOptions &options,
                                       QObject *context,
                                       Callback<Reply<QList<Allocation>>> callback)
{
    return getDecoded<QList<Allocation>>(u"/v1/job/" + escapePathSegment(id) + u"/allocations",
                                         options, context, decodeAllocations, std::move(callback));
}

CallHandle NomadClient::jobEvaluations(const QString &id, const QueryOptions &options,
                                       QObject *context,
                                       Callback<Reply<QList<Evaluation>>> callback)
{
    return getDecoded<QList<Evaluation>>(u"/v1/job/" + escapePathSegment(id) + u"/evaluations",
                                         options, context, decodeEvaluations, std::move(callback));
}

CallHandle NomadClient::evaluation(const QString &id, const QueryOptions &options, QObject *context,
                                   Callback<Reply<Evaluation>> callback)
{
    return getDecoded<Evaluation>(u"/v1/evaluation/" + escapePathSegment(id), options, context,
                                  decodeEvaluation, std::move(callback));
}

CallHandle NomadClient::evaluationAllocations(const QString &id, const QueryOptions &options,
                                              QObject *context,
                                              Callback<Reply<QList<Allocation>>> callback)
{
    return getDecoded<QList<Allocation>>(u"/v1/evaluation/" + escapePathSegment(id) +
                                             u"/allocations",
                                         options, context, decodeAllocations, std::move(callback));
}

CallHandle NomadClient::allocation(const QString &id, const QueryOptions &options, QObject *context,
                                   Callback<Reply<Allocation>> callback)
{
    return getDecoded<Allocation>(u"/v1/allocation/" + escapePathSegment(id), options, context,
                                  decodeAllocation, std::move(callback));
}

CallHandle NomadClient::agentSelf(QObject *context, Callback<AgentSelf> callback)
{
    return getDecoded<AgentSelf>(u"/v1/agent/self"_s, {}, context, decodeAgentSelf,
                                 dropMeta<AgentSelf>(std::move(callback)));
}

CallHandle NomadClient::leader(QObject *context, Callback<QString> callback)
{
    return getDecoded<QString>(u"/v1/status/leader"_s, {}, context, decodeJsonString,
                               dropMeta<QString>(std::move(callback)));
}

CallHandle NomadClient::regions(QObject *context, Callback<QStringList> callback)
{
    return getDecoded<QStringList>(u"/v1/regions"_s, {}, context, decodeStringList,
                                   dropMeta<QStringList>(std::move(callback)));
}

CallHandle NomadClient::namespaces(QObject *context, Callback<QList<NamespaceInfo>> callback)
{
    return getDecoded<QList<NamespaceInfo>>(u"/v1/namespaces"_s, {}, context, decodeNamespaces,
                                            dropMeta<QList<NamespaceInfo>>(std::move(callback)));
}

CallHandle NomadClient::tokenSelf(QObject *context, Callback<AclTokenInfo> callback)
{
    return getDecoded<AclTokenInfo>(u"/v1/acl/token/self"_s, {}, context, decodeAclToken,
                                    dropMeta<AclTokenInfo>(std::move(callback)));
}

} // namespace dd
