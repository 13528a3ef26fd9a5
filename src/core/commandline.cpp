#include "core/commandline.h"

#include "core/decode.h"
#include "core/ids.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace dd {

QString shellQuote(const QString &text)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (!text.isEmpty() && safe.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

static bool isText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return false;
    const QString decoded = QString::fromUtf8(bytes);
    return !decoded.contains(QChar::ReplacementCharacter);
}

QString nomadDispatchCommand(const CommandTarget &t, const DispatchRequest &r,
                             const CommandPayload &payload)
{
    QStringList args{u"nomad"_s, u"job"_s, u"dispatch"_s};
    auto flag = [&](const char *name, const QString &value) {
        if (!value.isEmpty())
            args.append(u'-' + QLatin1StringView(name) + u'=' + shellQuote(value));
    };
    // A password in the address is the user's to type, not for a clipboard or a script.
    flag("address", t.address.toString(QUrl::RemoveUserInfo));
    flag("region", t.region);
    flag("namespace", t.nameSpace);
    flag("ca-cert", t.caFile);
    flag("ca-path", t.caPath);
    flag("client-cert", t.clientCert);
    flag("client-key", t.clientKey);
    flag("tls-server-name", t.tlsServerName);
    if (t.skipVerify)
        args.append(u"-tls-skip-verify"_s);
    for (auto it = r.meta.begin(); it != r.meta.end(); ++it)
        args.append(u"-meta "_s + shellQuote(it.key() + u'=' + it.value()));
    flag("idempotency-token", r.idempotencyToken);
    flag("id-prefix-template", r.idPrefixTemplate);
    if (r.priority != 0)
        args.append(u"-priority="_s + QString::number(r.priority));
    args.append(shellQuote(r.jobId));

    QString prefix;
    if (!payload.filePath.isEmpty()) {
        args.append(shellQuote(payload.filePath));
    } else if (!payload.bytes.isEmpty()) {
        args.append(u"-"_s);
        prefix = isText(payload.bytes)
                     ? u"printf '%s' "_s + shellQuote(QString::fromUtf8(payload.bytes)) + u" | "_s
                     : u"printf '%s' "_s + QString::fromLatin1(payload.bytes.toBase64()) +
                           u" | base64 -d | "_s;
    }
    // The token comes from the environment the command runs in, never from here.
    return prefix + args.join(u' ');
}

QString curlDispatchCommand(const CommandTarget &t, const DispatchRequest &r)
{
    QStringList args{u"curl"_s, u"--silent"_s, u"--show-error"_s, u"--request PUT"_s};
    if (t.hasToken)
        args.append(u"--header \"X-Nomad-Token: $NOMAD_TOKEN\""_s);
    if (!t.caFile.isEmpty())
        args.append(u"--cacert "_s + shellQuote(t.caFile));
    if (!t.caPath.isEmpty())
        args.append(u"--capath "_s + shellQuote(t.caPath));
    if (!t.clientCert.isEmpty())
        args.append(u"--cert "_s + shellQuote(t.clientCert));
    if (!t.clientKey.isEmpty())
        args.append(u"--key "_s + shellQuote(t.clientKey));
    if (t.skipVerify)
        args.append(u"--insecure"_s);
    QString base = t.address.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    QString url = base + u"/v1/job/"_s + escapePathSegment(r.jobId) + u"/dispatch"_s;
    QStringList query;
    if (!t.nameSpace.isEmpty())
        query.append(u"namespace="_s + QString::fromLatin1(QUrl::toPercentEncoding(t.nameSpace)));
    if (!t.region.isEmpty())
        query.append(u"region="_s + QString::fromLatin1(QUrl::toPercentEncoding(t.region)));
    if (!r.idempotencyToken.isEmpty())
        query.append(u"idempotency_token="_s +
                     QString::fromLatin1(QUrl::toPercentEncoding(r.idempotencyToken)));
    if (!query.isEmpty())
        url += u'?' + query.join(u'&');
    if (!t.tlsServerName.isEmpty()) {
        // curl verifies the URL's host; --connect-to keeps the name and dials the address.
        const QString host = t.address.host();
        const int port = t.address.port(t.address.scheme() == u"https" ? 443 : 80);
        url.replace(host, t.tlsServerName);
        args.append(u"--connect-to "_s + shellQuote(t.tlsServerName + u':' + QString::number(port) +
                                                    u':' + host + u':' + QString::number(port)));
    }
    args.append(u"--data "_s + shellQuote(QString::fromUtf8(encodeDispatchRequest(r))));
    args.append(shellQuote(url));
    return args.join(u' ');
}

QUrl webUiUrl(const QUrl &address, const QString &jobId, const QString &nameSpace)
{
    QUrl url = address;
    url.setQuery(QString());
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + u"/ui/jobs/"_s + escapePathSegment(jobId) + u'@' +
                    (nameSpace.isEmpty() || nameSpace == u"*" ? u"default"_s : nameSpace),
                QUrl::StrictMode);
    return url;
}

} // namespace dd
