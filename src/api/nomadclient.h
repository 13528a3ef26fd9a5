#pragma once
// A thin client over QNetworkAccessManager for the Nomad endpoints a dispatch
// tool needs. One-shot calls take a context object and a callback; the
// callback never runs after the context is destroyed, and every call returns a
// handle that cancels it.

#include "api/apierror.h"
#include "api/clientconfig.h"
#include "core/allocfiles.h"
#include "core/allocstats.h"
#include "core/decode.h"
#include "core/types.h"

#include <QFuture>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <expected>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace dd {

class ChangeFeed;

// What Nomad says about a read besides its body.
struct QueryMeta
{
    quint64 index = 0;
    bool knownLeader = true;
    qint64 lastContactMs = 0;
    QString nextToken;
};

template<typename T> struct Reply
{
    T value;
    QueryMeta meta;
};

struct RawResponse
{
    int status = 0;
    QByteArray body;
    QueryMeta meta;
};

struct QueryOptions
{
    quint64 waitIndex = 0; // blocking query: return once the index passes this
    std::chrono::milliseconds waitTime{0};
    std::optional<QString> nameSpace; // overrides the client's namespace
    std::optional<QString> region;
    QList<std::pair<QString, QString>> params;
    // The largest answer this call accepts; a larger one (or a Content-Length
    // announcing one) ends the call with Transport::AnswerTooLarge.
    qint64 maxAnswerBytes = kDefaultMaxAnswerBytes;
    // A follower's read after a change: sent on the follow lane (when the
    // client has one), like every blocking query, never beside a user's request.
    bool followLane = false;

    static constexpr qint64 kDefaultMaxAnswerBytes = 8 << 20;
    static constexpr qint64 kListMaxAnswerBytes = qint64(1) << 30; // 100,000 jobs is ~85 MB
    static constexpr qint64 kDispatchMaxAnswerBytes = 64 << 10;
};

class CallHandle
{
public:
    CallHandle() = default;
    explicit CallHandle(QNetworkReply *reply)
        : m_reply(reply)
    {}
    // The callback then receives ApiError::Kind::Cancelled.
    void cancel();
    bool isActive() const { return m_reply && m_reply->isRunning(); }

private:
    QPointer<QNetworkReply> m_reply;
};

template<typename T> using Result = std::expected<T, ApiError>;
template<typename T> using Callback = std::function<void(Result<T>)>;

class NomadClient : public QObject
{
    Q_OBJECT
public:
    NomadClient(QNetworkAccessManager *network, ClientConfig config, QObject *parent = nullptr);

    const ClientConfig &config() const { return m_config; }
    // Null until a valid configuration is set; the TLS files are read here.
    std::optional<ApiError> configError() const { return m_configError; }
    void setConfig(ClientConfig config);
    // The follow lane: a second connection pool for blocking queries and event
    // streams, so they never hold the connections a user's request needs (Qt
    // opens at most six per host and manager). Without one, they share.
    void setFollowNetwork(QNetworkAccessManager *network);
    bool hasFollowLane() const { return m_followNetwork != nullptr; }
    // The event-stream feed followers of this client share, when there is one
    // (the app sets it; the CLI follows one dispatch with blocking queries).
    void setChangeFeed(ChangeFeed *feed) { m_changeFeed = feed; }
    ChangeFeed *changeFeed() const { return m_changeFeed; }

    // The URL a call would use, for messages and "copy as curl".
    QUrl urlFor(const QString &encodedPath, const QueryOptions &options = {}) const;

    CallHandle send(const QByteArray &method, const QString &encodedPath,
                    const QueryOptions &options, const QByteArray &body, QObject *context,
                    Callback<RawResponse> callback);

    // A streamed GET on the follow lane (the event stream): `opened` once a 2xx
    // head arrived, `data` with the body's bytes as they arrive, then `finished`
    // once (an error, or the end of the stream). The transfer is abandoned
    // (Kind::Timeout) when nothing arrives for `idleTimeout`.
    struct StreamHandlers
    {
        std::function<void(const QueryMeta &meta)> opened;
        std::function<void(const QByteArray &bytes)> data;
        std::function<void(Result<QueryMeta> end)> finished;
    };
    CallHandle openStream(const QString &encodedPath, const QueryOptions &options,
                          std::chrono::milliseconds idleTimeout, QObject *context,
                          StreamHandlers handlers);

    CallHandle dispatch(const DispatchRequest &request, const QueryOptions &options,
                        QObject *context, Callback<Reply<DispatchResponse>> callback);
    CallHandle job(const QString &id, const QueryOptions &options, QObject *context,
                   Callback<Reply<Job>> callback);
    CallHandle jobs(const QString &prefix, const QString &filter, const QueryOptions &options,
                    QObject *context, Callback<Reply<QList<JobStub>>> callback);
    // GET /v1/jobs keeping only parameterized parents, dropped on the worker
    // that decodes the answer.
    CallHandle parameterizedJobs(const QueryOptions &options, QObject *context,
                                 Callback<Reply<QList<JobStub>>> callback);
    CallHandle jobSummary(const QString &id, const QueryOptions &options, QObject *context,
                          Callback<Reply<JobSummary>> callback);
    CallHandle jobAllocations(const QString &id, const QueryOptions &options, QObject *context,
                              Callback<Reply<QList<Allocation>>> callback);
    CallHandle jobEvaluations(const QString &id, const QueryOptions &options, QObject *context,
                              Callback<Reply<QList<Evaluation>>> callback);
    CallHandle evaluation(const QString &id, const QueryOptions &options, QObject *context,
                          Callback<Reply<Evaluation>> callback);
    CallHandle evaluationAllocations(const QString &id, const QueryOptions &options,
                                     QObject *context, Callback<Reply<QList<Allocation>>> callback);
    CallHandle allocation(const QString &id, const QueryOptions &options, QObject *context,
                          Callback<Reply<Allocation>> callback);
    CallHandle agentSelf(QObject *context, Callback<AgentSelf> callback);
    CallHandle leader(QObject *context, Callback<QString> callback);
    CallHandle regions(QObject *context, Callback<QStringList> callback);
    CallHandle namespaces(QObject *context, Callback<QList<NamespaceInfo>> callback);
    CallHandle tokenSelf(QObject *context, Callback<AclTokenInfo> callback);

    // After the dispatch (nomadclientfs.cpp): an allocation's directory, which
    // needs read-fs, and its resource usage, which needs read-job. `allocId` is
    // the full 36-character ID; paths start at the allocation directory ("/alloc/logs").
    CallHandle allocDirectory(const QString &allocId, const QString &path,
                              const QueryOptions &options, QObject *context,
                              Callback<QList<AllocFileInfo>> callback);
    CallHandle allocFileStat(const QString &allocId, const QString &path,
                             const QueryOptions &options, QObject *context,
                             Callback<AllocFileInfo> callback);
    // The whole file (fs/cat); a file larger than options.maxAnswerBytes ends
    // the call with Transport::AnswerTooLarge. The error a client sends in
    // place of the bytes (a 200, see fsErrorInBody) is an Http error.
    CallHandle allocFileCat(const QString &allocId, const QString &path,
                            const QueryOptions &options, QObject *context,
                            Callback<QByteArray> callback);
    // At most `limit` bytes from `offset` (fs/readat); fewer at the end of the file.
    CallHandle allocFileReadAt(const QString &allocId, const QString &path, qint64 offset,
                               qint64 limit, const QueryOptions &options, QObject *context,
                               Callback<QByteArray> callback);
    CallHandle allocationStats(const QString &allocId, const QueryOptions &options,
                               QObject *context, Callback<Reply<AllocResourceUsage>> callback);

    // Bodies at least this large are decoded on a worker thread.
    static constexpr qsizetype kOffThreadDecodeBytes = 64 * 1024;

    template<typename T>
    CallHandle getDecoded(const QString &encodedPath, const QueryOptions &options, QObject *context,
                          Decoded<T> (*decoder)(const QByteArray &), Callback<Reply<T>> callback)
    {
        return send("GET", encodedPath, options, {}, context,
                    [this, context, decoder,
                     callback = std::move(callback)](Result<RawResponse> raw) mutable {
                        deliver<T>(std::move(raw), context, decoder, std::move(callback));
                    });
    }

private:
    QNetworkReply *startRequest(QNetworkAccessManager *lane, const QByteArray &method,
                                const QUrl &url, const QByteArray &body,
                                std::chrono::milliseconds timeout);
    template<typename T>
    void deliver(Result<RawResponse> raw, QObject *context,
                 Decoded<T> (*decoder)(const QByteArray &), Callback<Reply<T>> callback);

    QNetworkAccessManager *m_network;
    QNetworkAccessManager *m_followNetwork = nullptr;
    ChangeFeed *m_changeFeed = nullptr; // lives as long as the client (Connection owns both)
    ClientConfig m_config;
    std::optional<QSslConfiguration> m_ssl; // built only for https: it loads the TLS backend
    std::optional<ApiError> m_configError;
};

template<typename T>
void NomadClient::deliver(Result<RawResponse> raw, QObject *context,
                          Decoded<T> (*decoder)(const QByteArray &), Callback<Reply<T>> callback)
{
    if (!raw) {
        callback(std::unexpected(raw.error()));
        return;
    }
    const QueryMeta meta = raw->meta;
    auto finish = [callback, meta, decoder](const QByteArray &body) {
        Decoded<T> value = decoder(body);
        if (!value) {
            ApiError e;
            e.kind = ApiError::Kind::Parse;
            e.detail = value.error().message;
            callback(std::unexpected(e));
            return;
        }
        callback(Reply<T>{std::move(*value), meta});
    };
    if (raw->body.size() < kOffThreadDecodeBytes) {
        finish(raw->body);
        return;
    }
    // Decode on the pool; the continuation runs on the context's thread and is
    // dropped if the context is destroyed first.
    QtConcurrent::run([decoder](const QByteArray &body) { return decoder(body); },
                      std::move(raw->body))
        // takeResult: the value is moved out of the future, not shared with it,
        // so the receiver can change it without a deep copy.
        .then(context, [callback, meta](QFuture<Decoded<T>> future) {
            Decoded<T> value = future.takeResult();
            if (!value) {
                ApiError e;
                e.kind = ApiError::Kind::Parse;
                e.detail = value.error().message;
                callback(std::unexpected(e));
                return;
            }
            callback(Reply<T>{std::move(*value), meta});
        });
}

} // namespace dd
