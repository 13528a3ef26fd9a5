#pragma once
// What went wrong with one call to Nomad, as a value. Messages are mapped to
// words here, once, so the CLI and the app explain errors the same way.

#include "core/types.h"

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

// The ACL capability an action needs, for the 403 hint.
enum class Capability { None, DispatchJob, ReadJob, ListJobs, ReadLogs, SubmitJob, ReadFs };
QString capabilityName(Capability capability);

// How a hint quotes names: “prod” for the app, "prod" for the CLI (as Nomad's CLI does).
enum class HintQuotes { Typographic, Plain };

// What a failed dispatch means and what to do (ApiError::dispatchHint). The
// kind lets a front end add what only it can: the CLI lists the parameterized
// jobs for JobNotFound and prints the job's schema as flags for RequestRefused.
struct DispatchErrorHint
{
    enum class Kind {
        None,              // nothing useful to add
        General,           // the error's own hint (ApiError::hint)
        MissingCapability, // the token lacks dispatch-job in the namespace
        JobNotFound,       // no parameterized job of that ID in the namespace
        NotParameterized,  // the job exists but has no parameterized block
        RequestRefused,    // Nomad refused the meta or payload; the job's schema explains
    };
    Kind kind = Kind::None;
    QString text; // plain text, whole sentences; may be empty
};

struct DispatchHintContext
{
    QString jobId;
    QString nameSpace;        // empty: "default"
    const Job *job = nullptr; // when known, its schema explains a refused request
    HintQuotes quotes = HintQuotes::Typographic;
};

struct ApiError
{
    enum class Kind {
        Transport, // connection refused, host not found, reset...
        Tls,       // handshake or certificate verification
        Timeout,
        // Nomad answered with a non-2xx status, or with a 2xx whose body is its
        // error text instead of a file (fs/cat and fs/readat send errors that way).
        Http,
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
    // Timeout: the request waited for a free connection and never went on the
    // wire, so the server cannot have acted on it.
    bool neverSent = false;

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
    // The same for an action that needs `capability` in `nameSpace` (empty:
    // "default"): a 403 names the capability the token lacks.
    QString hintFor(Capability capability, const QString &nameSpace,
                    HintQuotes quotes = HintQuotes::Typographic) const;
    // After a failed dispatch, for the app and the CLI alike.
    DispatchErrorHint dispatchHint(const DispatchHintContext &context) const;
};

QString tlsProblemText(const TlsProblem &problem);

} // namespace dd
