#pragma once
// What a finished QNetworkReply means, for NomadClient's calls and streams:
// its error as an ApiError and Nomad's query headers. Internal to src/api.

#include "api/apierror.h"
#include "api/nomadclient.h"

class QNetworkReply;

namespace dd {

// Properties NomadClient sets on its replies.
inline constexpr char kTooLargeProperty[] = "dd_too_large";
inline constexpr char kCancelledProperty[] = "dd_cancelled";
inline constexpr char kSslErrorsProperty[] = "dd_ssl_errors";
inline constexpr char kSentProperty[] = "dd_sent"; // QNetworkReply::requestSent was seen

ApiError errorFromReply(QNetworkReply *reply, const QByteArray &method, bool hadClientCert);
QueryMeta metaFromReply(const QNetworkReply *reply);

} // namespace dd
