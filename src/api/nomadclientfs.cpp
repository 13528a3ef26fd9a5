// NomadClient's calls after the dispatch: an allocation's directory
// (/v1/client/fs/ls|stat|cat|readat/<alloc>) and its resource usage
// (/v1/client/allocation/<alloc>/stats).

#include "api/nomadclient.h"

#include "core/ids.h"

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

QueryOptions withPath(const QueryOptions &options, const QString &path)
{
    QueryOptions o = options;
    o.params.append({u"path"_s, path.isEmpty() ? u"/"_s : path});
    return o;
}

// The listings need no index: the value alone goes on.
template<typename T> Callback<Reply<T>> valueOnly(Callback<T> callback)
{
    return [callback = std::move(callback)](Result<Reply<T>> r) {
        if (r)
            callback(std::move(r->value));
        else
            callback(std::unexpected(r.error()));
    };
}

// A client reports a read that failed after its answer began (a file gone, a
// secrets folder) in the body of a 200: that is an error, not the file.
Callback<RawResponse> fileBytes(QString path, qint64 expected, QUrl url,
                                Callback<QByteArray> callback)
{
    return [path = std::move(path), expected, url = std::move(url),
            callback = std::move(callback)](Result<RawResponse> raw) {
        if (!raw) {
            callback(std::unexpected(raw.error()));
            return;
        }
        // As many bytes as asked for are the file's, whatever they say.
        if (expected < 0 || raw->body.size() < expected) {
            if (const auto text = fsErrorInBody(raw->body, path)) {
                ApiError e;
                e.kind = ApiError::Kind::Http;
                e.httpStatus = raw->status;
                e.nomadText = *text;
                e.method = "GET";
                e.url = url;
                callback(std::unexpected(e));
                return;
            }
        }
        callback(std::move(raw->body));
    };
}

} // namespace

CallHandle NomadClient::allocDirectory(const QString &allocId, const QString &path,
                                       const QueryOptions &options, QObject *context,
                                       Callback<QList<AllocFileInfo>> callback)
{
    // A folder of many files is a large answer: getDecoded decodes it off this thread.
    return getDecoded<QList<AllocFileInfo>>(u"/v1/client/fs/ls/" + escapePathSegment(allocId),
                                            withPath(options, path), context, decodeAllocFileList,
                                            valueOnly<QList<AllocFileInfo>>(std::move(callback)));
}

CallHandle NomadClient::allocFileStat(const QString &allocId, const QString &path,
                                      const QueryOptions &options, QObject *context,
                                      Callback<AllocFileInfo> callback)
{
    return getDecoded<AllocFileInfo>(u"/v1/client/fs/stat/" + escapePathSegment(allocId),
                                     withPath(options, path), context, decodeAllocFileInfo,
                                     valueOnly<AllocFileInfo>(std::move(callback)));
}

CallHandle NomadClient::allocFileCat(const QString &allocId, const QString &path,
                                     const QueryOptions &options, QObject *context,
                                     Callback<QByteArray> callback)
{
    const QString endpoint = u"/v1/client/fs/cat/" + escapePathSegment(allocId);
    const QueryOptions o = withPath(options, path);
    return send("GET", endpoint, o, {}, context,
                fileBytes(path, -1, urlFor(endpoint, o), std::move(callback)));
}

CallHandle NomadClient::allocFileReadAt(const QString &allocId, const QString &path, qint64 offset,
                                        qint64 limit, const QueryOptions &options, QObject *context,
                                        Callback<QByteArray> callback)
{
    const QString endpoint = u"/v1/client/fs/readat/" + escapePathSegment(allocId);
    QueryOptions o = withPath(options, path);
    o.params.append({u"offset"_s, QString::number(offset)});
    o.params.append({u"limit"_s, QString::number(limit)});
    // The answer is the chunk: a little room for a proxy's framing, never more.
    o.maxAnswerBytes = std::max<qint64>(limit, 0) + 64 * 1024;
    return send("GET", endpoint, o, {}, context,
                fileBytes(path, limit, urlFor(endpoint, o), std::move(callback)));
}

CallHandle NomadClient::allocationStats(const QString &allocId, const QueryOptions &options,
                                        QObject *context,
                                        Callback<Reply<AllocResourceUsage>> callback)
{
    return getDecoded<AllocResourceUsage>(
        u"/v1/client/allocation/" + escapePathSegment(allocId) + u"/stats", options, context,
        decodeAllocResourceUsage, std::move(callback));
}

} // namespace dd
