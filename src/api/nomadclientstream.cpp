// NomadClient::openStream: a GET whose answer is read as it arrives and never
// ends by itself (the event stream), on the follow lane.

#include "api/nomadclient.h"
#include "api/replyinfo.h"

#include <QNetworkAccessManager>

namespace dd {

namespace {
// An error answer's body is Nomad's message: a few hundred bytes are plenty.
constexpr qsizetype kMaxErrorBody = 64 * 1024;
} // namespace

CallHandle NomadClient::openStream(const QString &encodedPath, const QueryOptions &options,
                                   std::chrono::milliseconds idleTimeout, QObject *context,
                                   StreamHandlers handlers)
{
    Q_ASSERT(context);
    auto shared = std::make_shared<StreamHandlers>(std::move(handlers));
    if (m_configError) {
        QMetaObject::invokeMethod(
            context,
            [shared, error = *m_configError]() { shared->finished(std::unexpected(error)); },
            Qt::QueuedConnection);
        return {};
    }
    QNetworkAccessManager *lane = m_followNetwork ? m_followNetwork : m_network;
    QNetworkReply *reply = startRequest(lane, "GET", urlFor(encodedPath, options), {}, idleTimeout);
    // Unbuffered: each chunk is handed on as it arrives.
    reply->setReadBufferSize(256 * 1024);
    connect(context, &QObject::destroyed, reply, [reply, context]() {
        // Only our own connections: reply->disconnect() would also cut Qt's
        // from the reply to its HTTP thread, so abort() would never reach the
        // socket and the connection would stay taken.
        QObject::disconnect(reply, nullptr, context, nullptr);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    });
    auto errorBody = std::make_shared<QByteArray>();
    auto isSuccess = [reply]() {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return status >= 200 && status < 300;
    };
    connect(reply, &QNetworkReply::metaDataChanged, context, [reply, shared, isSuccess]() {
        if (isSuccess() && shared->opened)
            shared->opened(metaFromReply(reply));
    });
    connect(reply, &QNetworkReply::readyRead, context, [reply, shared, errorBody, isSuccess]() {
        const QByteArray bytes = reply->readAll();
        if (isSuccess()) {
            if (shared->data)
                shared->data(bytes);
        } else if (errorBody->size() < kMaxErrorBody) {
            errorBody->append(bytes.left(kMaxErrorBody - errorBody->size()));
        }
    });
    const bool hadClientCert = !m_config.tls.clientCert.isEmpty();
    connect(reply, &QNetworkReply::finished, context, [reply, shared, errorBody, hadClientCert]() {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int code = int(reply->error());
        if (!status.isValid() || (code >= 1 && code <= 199) ||
            reply->property(kCancelledProperty).toBool()) {
            shared->finished(std::unexpected(errorFromReply(reply, "GET", hadClientCert)));
            return;
        }
        if (status.toInt() < 200 || status.toInt() >= 300) {
            errorBody->append(reply->readAll().left(kMaxErrorBody));
            ApiError e;
            e.kind = ApiError::Kind::Http;
            e.httpStatus = status.toInt();
            e.nomadText = QString::fromUtf8(*errorBody).trimmed();
            e.method = "GET";
            e.url = reply->request().url();
            shared->finished(std::unexpected(e));
            return;
        }
        shared->finished(metaFromReply(reply));
    });
    return CallHandle(reply);
}

} // namespace dd
