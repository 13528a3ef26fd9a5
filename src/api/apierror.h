#pragma once
// What went wrong with one call to Nomad, as a value. Messages are mapped to
// words here, once, so the CLI and the app explain errors the same way.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace dd {

struct CertificateInfo
{
    QString subject;
    QString issuer;
    QString sha256Fingerprint;
    QString expiry;
};

struct TlsProblem
{
    enum class Kind {
        UntrustedIssuer,
        NameMismatch,
        Expired,
        NotYetValid,
        SelfSigned,
        Revoked,
        ClientCertificateRequired,
        ClientCertificateRefused,
        HandshakeFailed,
        Other
    };
    Kind kind = Kind::Other;
    QString qtText;
    CertificateInfo certificate;
};

struct ApiError
{
    enum class Kind {
        Transport, // connection refused, host not found, reset...
        Tls,       // handshake or certificate verification
        Timeout,
        Http,  // Nomad answered with a non-2xx status
        Parse, // the answer could not be decoded
        Cancelled,
        Config, // bad address, unreadable certificate files...
    };
    enum class Transport {
        None,
        ConnectionRefused,
        HostNotFound,
        ConnectionReset,
        RemoteClosed,
        Redirected,     // the server answered 3xx; Nomad's API never does, so it is not followed
        AnswerTooLarge, // the answer was larger than any answer of that endpoint should be
        Other
    };

    Kind kind = Kind::Transport;
    Transport transport = Transport::None;
    int httpStatus = 0;
    QString nomadText; // Nomad's own words for Http errors (the plain-text body)
    QString detail;    // Qt's or the decoder's text
    QByteArray method; // "PUT", "GET"...
    QUrl url;
    QList<TlsProblem> tlsProblems;
    QUrl redirectTarget;  // Redirected: where the server pointed
    qint64 sizeLimit = 0; // AnswerTooLarge: the limit that was passed, in bytes

    static ApiError config(const QString &detail);
    static ApiError cancelled();
    static ApiError parse(const QString &detail, const QByteArray &method, const QUrl &url);

    bool isPermissionDenied() const { return kind == Kind::Http && httpStatus == 403; }
    bool isNotFound() const { return kind == Kind::Http && httpStatus == 404; }
    // Worth retrying for a read: the server or network may recover.
    bool isTransient() const;

    // The reference CLI's wording: `Unexpected response code: 500 (text)` or
    // `Put "http://...": dial tcp 127.0.0.1:1: connect: connection refused`.
    QString referenceText() const;
    // One sentence for people: what happened, in plain words, with Nomad's text.
    QString message() const;
    // What to do about it, or empty when there is nothing useful to say.
    QString hint() const;
};

QString tlsProblemText(const TlsProblem &problem);

} // namespace dd
