#pragma once
// Turns Qt's TLS errors into problems a person can act on.

#include "api/apierror.h"

#include <QList>
#include <QSslError>

namespace dd {

QList<TlsProblem> tlsProblemsFrom(const QList<QSslError> &errors);
CertificateInfo certificateInfo(const QSslCertificate &certificate);
// OpenSSL reports a refused or missing client certificate as an alert.
bool looksLikeClientCertificateRefusal(const QString &errorText);
TlsProblem clientCertificateProblem(const QString &errorText, bool hadClientCert);

} // namespace dd
