#include "api/tlsproblems.h"

#include <QSslCertificate>

namespace dd {

CertificateInfo certificateInfo(const QSslCertificate &c)
{
    CertificateInfo info;
    if (c.isNull())
        return info;
    info.subject = c.subjectDisplayName();
    info.issuer = c.issuerDisplayName();
    info.sha256Fingerprint =
        QString::fromLatin1(c.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
    info.expiry = c.expiryDate().toUTC().toString(Qt::ISODate);
    return info;
}

QList<TlsProblem> tlsProblemsFrom(const QList<QSslError> &errors)
{
    QList<TlsProblem> out;
    for (const QSslError &error : errors) {
        TlsProblem p;
        p.qtText = error.errorString();
        p.certificate = certificateInfo(error.certificate());
        switch (error.error()) {
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::InvalidCaCertificate:
            p.kind = TlsProblem::Kind::UntrustedIssuer;
            break;
        case QSslError::SelfSignedCertificate:
            p.kind = TlsProblem::Kind::SelfSigned;
            break;
        case QSslError::HostNameMismatch:
            p.kind = TlsProblem::Kind::NameMismatch;
            break;
        case QSslError::CertificateExpired:
            p.kind = TlsProblem::Kind::Expired;
            break;
        case QSslError::CertificateNotYetValid:
            p.kind = TlsProblem::Kind::NotYetValid;
            break;
        case QSslError::CertificateRevoked:
            p.kind = TlsProblem::Kind::Revoked;
            break;
        default:
            p.kind = TlsProblem::Kind::Other;
            break;
        }
        out.append(p);
    }
    // The most actionable problem first: trust, then name, then dates.
    std::stable_sort(out.begin(), out.end(), [](const TlsProblem &a, const TlsProblem &b) {
        return int(a.kind) < int(b.kind);
    });
    return out;
}

bool looksLikeClientCertificateRefusal(const QString &text)
{
    return text.contains(u"certificate required") || text.contains(u"bad certificate") ||
           text.contains(u"unknown ca") || text.contains(u"certificate unknown") ||
           text.contains(u"handshake failure");
}

TlsProblem clientCertificateProblem(const QString &errorText, bool hadClientCert)
{
    TlsProblem p;
    p.kind = hadClientCert ? TlsProblem::Kind::ClientCertificateRefused
                           : TlsProblem::Kind::ClientCertificateRequired;
    p.qtText = errorText;
    return p;
}

} // namespace dd
