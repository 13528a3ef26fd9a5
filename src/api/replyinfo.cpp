#include "api/replyinfo.h"

#include "api/tlsproblems.h"

#include <QNetworkReply>
#include <QSslError>

namespace dd {

ApiError errorFromReply(QNetworkReply *reply, const QByteArray &method, bool hadClientCert)
{
    ApiError e;
    e.method = method;
    e.url = reply->request().url();
    e.detail = reply->errorString();
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::ConnectionRefused;
        break;
    case QNetworkReply::HostNotFoundError:
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::HostNotFound;
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::RemoteClosed;
        break;
    case QNetworkReply::ContentReSendError:
        // Qt wanted to send the request a second time after the connection closed
        // before any answer; OneShotBody refused (see oneshotbody.h).
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::RemoteClosed;
        break;
    case QNetworkReply::TimeoutError:
        e.kind = ApiError::Kind::Timeout;
        break;
    case QNetworkReply::OperationCanceledError:
        // Our own cancel() marks the reply; anything else is the transfer timeout.
        e.kind = reply->property(kCancelledProperty).toBool() ? ApiError::Kind::Cancelled
                                                              : ApiError::Kind::Timeout;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ApiError::Kind::Tls;
        break;
    default:
        e.kind = ApiError::Kind::Transport;
        e.transport = ApiError::Transport::Other;
        break;
    }
    if (e.kind == ApiError::Kind::Timeout)
        e.neverSent = !reply->property(kSentProperty).toBool();
    const auto sslErrors = reply->property(kSslErrorsProperty).value<QList<QSslError>>();
    if (!sslErrors.isEmpty()) {
        e.kind = ApiError::Kind::Tls;
        e.tlsProblems = tlsProblemsFrom(sslErrors);
    } else if (looksLikeClientCertificateRefusal(e.detail)) {
        e.kind = ApiError::Kind::Tls;
        e.tlsProblems.append(clientCertificateProblem(e.detail, hadClientCert));
    }
    return e;
}

QueryMeta metaFromReply(const QNetworkReply *reply)
{
    QueryMeta meta;
    meta.index = reply->rawHeader("X-Nomad-Index").toULongLong();
    const QByteArray leader = reply->rawHeader("X-Nomad-KnownLeader");
    meta.knownLeader = leader.isEmpty() || leader == "true";
    meta.lastContactMs = reply->rawHeader("X-Nomad-LastContact").toLongLong();
    meta.nextToken = QString::fromUtf8(reply->rawHeader("X-Nomad-NextToken"));
    return meta;
}

} // namespace dd
