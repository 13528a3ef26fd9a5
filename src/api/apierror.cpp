#include "api/apierror.h"

#include <QCoreApplication>

namespace dd {

namespace {
QString tr(const char *text)
{
    // The context lupdate gives tr() calls in ApiError's members.
    return QCoreApplication::translate("dd::ApiError", text);
}

QString quoted(const QString &name, HintQuotes quotes)
{
    if (quotes == HintQuotes::Plain)
        return u'"' + name + u'"';
    return u'“' + name + u'”';
}

QString orDefault(const QString &nameSpace)
{
    return nameSpace.isEmpty() ? QStringLiteral("default") : nameSpace;
}

QString goMethod(const QByteArray &method)
{
    // Go's url.Error prints the method capitalised: Put, Get, Post.
    if (method.isEmpty())
        return QStringLiteral("Get");
    return QString::fromLatin1(method.left(1).toUpper() + method.mid(1).toLower());
}

QString hostPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == u"https" ? 443 : 80);
    return url.host() + u':' + QString::number(port);
}
} // namespace

ApiError ApiError::config(const QString &detail)
{
    ApiError e;
    e.kind = Kind::Config;
    e.detail = detail;
    return e;
}

ApiError ApiError::cancelled()
{
    ApiError e;
    e.kind = Kind::Cancelled;
    e.detail = QStringLiteral("cancelled");
    return e;
}

ApiError ApiError::parse(const QString &detail, const QByteArray &method, const QUrl &url)
{
    ApiError e;
    e.kind = Kind::Parse;
    e.detail = detail;
    e.method = method;
    e.url = url;
    return e;
}

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Transport:
        return transport != Transport::HostNotFound && transport != Transport::Redirected &&
               transport != Transport::AnswerTooLarge;
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 ||
               httpStatus == 504;
    case Kind::Parse: // a truncated body, usually
        return true;
    case Kind::Tls:
    case Kind::Cancelled:
    case Kind::Config:
        return false;
    }
    return false;
}

QString ApiError::referenceText() const
{
    const QString prefix = goMethod(method) + u" \"" +
                           url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded) + u"\": ";
    switch (kind) {
    case Kind::Http:
        if (httpStatus >= 200 && httpStatus < 300)
            return nomadText; // what Nomad's CLI prints: the error the body carried
        return u"Unexpected response code: " + QString::number(httpStatus) + u" (" + nomadText +
               u')';
    case Kind::Transport:
        switch (transport) {
        case Transport::ConnectionRefused:
            return prefix + u"dial tcp " + hostPort(url) + u": connect: connection refused";
        case Transport::HostNotFound:
            return prefix + u"dial tcp: lookup " + url.host() + u": no such host";
        case Transport::ConnectionReset:
            return prefix + u"read tcp " + hostPort(url) + u": read: connection reset by peer";
        case Transport::RemoteClosed:
            return prefix + u"EOF";
        case Transport::Redirected:
            return prefix + u"redirect to " + redirectTarget.toString(QUrl::RemoveUserInfo) +
                   u" not followed";
        case Transport::AnswerTooLarge:
            return prefix + u"answer larger than " + QString::number(sizeLimit) + u" bytes";
        default:
            return prefix + detail;
        }
    case Kind::Timeout:
        return prefix +
               u"context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
    case Kind::Tls:
        if (!tlsProblems.isEmpty()) {
            switch (tlsProblems.first().kind) {
            case TlsProblem::Kind::UntrustedIssuer:
            case TlsProblem::Kind::SelfSigned:
                return prefix + u"x509: certificate signed by unknown authority";
            case TlsProblem::Kind::NameMismatch:
                return prefix + u"x509: certificate is valid for other names, not " + url.host();
            case TlsProblem::Kind::Expired:
            case TlsProblem::Kind::NotYetValid:
                return prefix + u"x509: certificate has expired or is not yet valid";
            case TlsProblem::Kind::ClientCertificateRequired:
            case TlsProblem::Kind::ClientCertificateRefused:
                return prefix + u"remote error: tls: bad certificate";
            default:
                break;
            }
        }
        return prefix + detail;
    case Kind::Parse:
        return detail;
    case Kind::Cancelled:
        return QStringLiteral("context canceled");
    case Kind::Config:
        return detail;
    }
    return detail;
}

QString tlsProblemText(const TlsProblem &p)
{
    QString what;
    switch (p.kind) {
    case TlsProblem::Kind::UntrustedIssuer:
        what = QCoreApplication::translate(
            "dd::ApiError", "the server's certificate was issued by a CA that is not trusted");
        break;
    case TlsProblem::Kind::SelfSigned:
        what = QCoreApplication::translate(
            "dd::ApiError", "the server's certificate is self-signed and not trusted");
        break;
    case TlsProblem::Kind::NameMismatch:
        what = QCoreApplication::translate(
            "dd::ApiError", "the server's certificate is not valid for the name used to connect");
        break;
    case TlsProblem::Kind::Expired:
        what = QCoreApplication::translate("dd::ApiError", "the server's certificate has expired");
        break;
    case TlsProblem::Kind::NotYetValid:
        what = QCoreApplication::translate("dd::ApiError",
                                           "the server's certificate is not valid yet");
        break;
    case TlsProblem::Kind::Revoked:
        what = QCoreApplication::translate("dd::ApiError", "the server's certificate was revoked");
        break;
    case TlsProblem::Kind::ClientCertificateRequired:
        what = QCoreApplication::translate(
            "dd::ApiError", "the server requires a client certificate and none was given");
        break;
    case TlsProblem::Kind::ClientCertificateRefused:
        what = QCoreApplication::translate(
            "dd::ApiError", "the server refused the client certificate (its CA does not trust it)");
        break;
    case TlsProblem::Kind::HandshakeFailed:
        what = QCoreApplication::translate("dd::ApiError", "the TLS handshake failed");
        break;
    case TlsProblem::Kind::Other:
        what = p.qtText;
        break;
    }
    if (!p.certificate.subject.isEmpty()) {
        what += u" (subject " + p.certificate.subject + u", issuer " + p.certificate.issuer +
                u", SHA-256 " + p.certificate.sha256Fingerprint;
        if (!p.certificate.expiry.isEmpty())
            what += u", valid until " + p.certificate.expiry;
        what += u')';
    }
    return what;
}

QString ApiError::message() const
{
    switch (kind) {
    case Kind::Http:
        if (httpStatus >= 200 && httpStatus < 300)
            return tr("Nomad answered %1").arg(nomadText.trimmed());
        return tr("Nomad answered %1 %2").arg(httpStatus).arg(nomadText.trimmed());
    case Kind::Transport:
        switch (transport) {
        case Transport::ConnectionRefused:
            return tr("nothing is listening at %1 (connection refused)").arg(hostPort(url));
        case Transport::HostNotFound:
            return tr("the host name \"%1\" could not be resolved").arg(url.host());
        case Transport::ConnectionReset:
        case Transport::RemoteClosed:
            return tr("the connection to %1 was closed before Nomad answered").arg(hostPort(url));
        case Transport::Redirected:
            return tr("%1 answered with a redirect to %2, which was not followed: Nomad's API "
                      "does not redirect, and the token is sent only to the address you named")
                .arg(hostPort(url), redirectTarget.toString(QUrl::RemoveUserInfo));
        case Transport::AnswerTooLarge:
            return tr("the answer from %1 was larger than %2 MB, more than this request's answer "
                      "can be; it was not read")
                .arg(hostPort(url))
                .arg(double(sizeLimit) / (1024.0 * 1024.0), 0, 'g', 3);
        default:
            return tr("the network request to %1 failed: %2").arg(hostPort(url), detail);
        }
    case Kind::Timeout:
        if (neverSent)
            return tr("the request to %1 was never sent: it waited for a free connection, and "
                      "this app's other requests to that server held all of them")
                .arg(hostPort(url));
        return tr("%1 did not answer in time").arg(hostPort(url));
    case Kind::Tls: {
        QStringList parts;
        for (const TlsProblem &p : tlsProblems)
            parts.append(tlsProblemText(p));
        if (parts.isEmpty())
            parts.append(detail);
        parts.removeDuplicates();
        return tr("the secure connection to %1 failed: %2").arg(hostPort(url), parts.join(u"; "));
    }
    case Kind::Parse:
        return tr("Nomad's answer could not be read: %1").arg(detail);
    case Kind::Cancelled:
        return tr("the request was cancelled");
    case Kind::Config:
        return detail;
    }
    return detail;
}

QString ApiError::hint() const
{
    switch (kind) {
    case Kind::Http:
        if (httpStatus == 403 && nomadText.contains(u"ACL token not found"))
            return tr("The token is not known to this cluster: check that it belongs to this "
                      "cluster and region, and has not been deleted or expired.");
        if (httpStatus == 403)
            return tr("The token lacks a capability this action needs; ask an operator for a "
                      "policy that grants it, or use another token.");
        if (httpStatus == 500 && nomadText.startsWith(u"acl token lookup failed"))
            return tr("The token is malformed: a Nomad secret ID is a 36-character UUID.");
        if (httpStatus == 500 && nomadText.contains(u"No path to region"))
            return tr("The region does not exist in this cluster; pick one the cluster lists.");
        return {};
    case Kind::Transport:
        if (transport == Transport::ConnectionRefused)
            return tr("Check the address and port, and that the Nomad agent is running.");
        if (transport == Transport::HostNotFound)
            return tr("Check the spelling of the address and your DNS settings.");
        if (transport == Transport::Redirected)
            return tr("Check the address: it may point at a proxy or a web page instead of the "
                      "Nomad agent. Use the address the redirect names only if you trust it.");
        if (transport == Transport::AnswerTooLarge)
            return tr("Check that the address points at a Nomad agent and not at something "
                      "else answering on that port.");
        return tr("Check the network; the request can be tried again.");
    case Kind::Timeout:
        if (neverSent)
            return tr("Nothing reached the server, so it can be tried again at once. If it keeps "
                      "happening, stop following some dispatches.");
        return tr("The server may be overloaded or unreachable; try again, or raise the timeout.");
    case Kind::Tls:
        if (!tlsProblems.isEmpty()) {
            switch (tlsProblems.first().kind) {
            case TlsProblem::Kind::UntrustedIssuer:
            case TlsProblem::Kind::SelfSigned:
                return tr("Give the CA certificate that signed the server's certificate "
                          "(-ca-cert or NOMAD_CACERT).");
            case TlsProblem::Kind::NameMismatch:
                return tr("Connect with a name the certificate lists, or set the TLS server name "
                          "(-tls-server-name or NOMAD_TLS_SERVER_NAME).");
            case TlsProblem::Kind::ClientCertificateRequired:
            case TlsProblem::Kind::ClientCertificateRefused:
                return tr("Give a client certificate and key that the server's CA signed "
                          "(-client-cert and -client-key).");
            case TlsProblem::Kind::Expired:
            case TlsProblem::Kind::NotYetValid:
                return tr("Check the clocks, and renew the certificate if it has expired.");
            default:
                break;
            }
        }
        return {};
    case Kind::Parse:
        return tr("The address may not point at a Nomad agent, or a proxy changed the answer.");
    case Kind::Cancelled:
    case Kind::Config:
        return {};
    }
    return {};
}

QString capabilityName(Capability capability)
{
    switch (capability) {
    case Capability::DispatchJob:
        return QStringLiteral("dispatch-job");
    case Capability::ReadJob:
        return QStringLiteral("read-job");
    case Capability::ListJobs:
        return QStringLiteral("list-jobs");
    case Capability::ReadLogs:
        return QStringLiteral("read-logs");
    case Capability::SubmitJob: // stopping and purging a job
        return QStringLiteral("submit-job");
    case Capability::ReadFs: // an allocation's files
        return QStringLiteral("read-fs");
    case Capability::None:
        break;
    }
    return {};
}

QString ApiError::hintFor(Capability capability, const QString &nameSpace, HintQuotes quotes) const
{
    // "Permission denied" means the token is known but lacks the capability.
    if (isPermissionDenied() && capability != Capability::None &&
        !nomadText.contains(u"ACL token not found")) {
        return tr("The token needs the %1 capability in namespace %2.")
            .arg(capabilityName(capability), quoted(orDefault(nameSpace), quotes));
    }
    return hint();
}

DispatchErrorHint ApiError::dispatchHint(const DispatchHintContext &context) const
{
    using HintKind = DispatchErrorHint::Kind;
    // Nomad's validation texts, explained by the job's schema.
    auto schemaHint = [this](const Job &job) -> QString {
        if (!job.parameterized)
            return {};
        const ParameterizedConfig &c = *job.parameterized;
        if (nomadText.startsWith(u"Dispatch request included unpermitted metadata keys")) {
            const QStringList allowed = c.metaRequired + c.metaOptional;
            return allowed.isEmpty() ? tr("This job accepts no meta keys.")
                                     : tr("This job accepts only: %1.").arg(allowed.join(u", "));
        }
        if (nomadText.startsWith(u"Dispatch did not provide required meta keys"))
            return tr("Fill in every key marked required.");
        if (nomadText.startsWith(u"Payload is not provided"))
            return tr("Load a file or type a payload.");
        if (nomadText.startsWith(u"Payload provided but forbidden"))
            return tr("Clear the payload: this job takes none.");
        if (nomadText.startsWith(u"Payload exceeds maximum size"))
            return tr("Nomad accepts at most 16384 bytes; pass a reference to the data instead.");
        return {};
    };
    const QString ns = quoted(orDefault(context.nameSpace), context.quotes);
    if (kind == Kind::Http && httpStatus == 500) {
        if (nomadText == u"parameterized job not found")
            return {HintKind::JobNotFound, tr("No parameterized job %1 exists in namespace %2.")
                                               .arg(quoted(context.jobId, context.quotes), ns)};
        if (nomadText.contains(u"is not a parameterized job"))
            return {HintKind::NotParameterized,
                    tr("Job %1 has no parameterized block, so it cannot be dispatched; only "
                       "parameterized jobs can.")
                        .arg(quoted(context.jobId, context.quotes))};
        if (nomadText.startsWith(u"Payload") || nomadText.startsWith(u"Dispatch"))
            return {HintKind::RequestRefused, context.job ? schemaHint(*context.job) : QString()};
    }
    const QString text = hintFor(Capability::DispatchJob, context.nameSpace, context.quotes);
    if (isPermissionDenied() && !nomadText.contains(u"ACL token not found"))
        return {HintKind::MissingCapability, text};
    return {text.isEmpty() ? HintKind::None : HintKind::General, text};
}

} // namespace dd
