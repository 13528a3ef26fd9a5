#include "simtestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace dd::simtest {

QByteArray HttpResult::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

bool HttpResult::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.begin(), headers.end(), [&](const auto &h) {
        return QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0;
    });
}

QJsonValue HttpResult::json() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        // Scalars (a JSON string) are valid JSON too.
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + body + "]");
        return wrapped.isArray() && wrapped.array().size() == 1 ? wrapped.array().first()
                                                                : QJsonValue(QJsonValue::Undefined);
    }
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

TestClient::TestClient(const QUrl &base)
    : m_base(base)
{
    m_nam.setAutoDeleteReplies(false);
}

QNetworkReply *TestClient::start(const QByteArray &method, const QString &pathAndQuery,
                                 const QByteArray &body,
                                 const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    const QUrl url =
        QUrl::fromEncoded(m_base.toEncoded() + pathAndQuery.toUtf8(), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (m_useSsl)
        request.setSslConfiguration(m_ssl);
    if (!m_token.isEmpty())
        request.setRawHeader("X-Nomad-Token", m_token.toUtf8());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/json");
    return m_nam.sendCustomRequest(request, method, body);
}

HttpResult TestClient::collect(QNetworkReply *reply)
{
    HttpResult r;
    r.finished = reply->isFinished();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.errorString = reply->errorString();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    return r;
}

HttpResult TestClient::wait(QNetworkReply *reply, int timeoutMs)
{
    waitFor([reply] { return reply->isFinished(); }, timeoutMs);
    HttpResult r = collect(reply);
    if (r.finished)
        reply->deleteLater();
    return r;
}

HttpResult TestClient::get(const QString &pathAndQuery,
                           const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    return wait(start("GET", pathAndQuery, {}, headers));
}

HttpResult TestClient::put(const QString &pathAndQuery, const QByteArray &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    return wait(start("PUT", pathAndQuery, body, headers));
}

bool waitFor(const std::function<bool()> &fn, int timeoutMs)
{
    return QTest::qWaitFor(fn, timeoutMs);
}

std::expected<QList<Exchange>, QString> loadExchanges(const QString &file)
{
    const auto bytes = readFixture(file);
    if (!bytes)
        return std::unexpected(bytes.error());
    QList<Exchange> out;
    int lineNumber = 0;
    for (const QByteArray &raw : bytes->split('\n')) {
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject())
            return std::unexpected(u"fixture %1, line %2: not a JSON object (%3)"_s.arg(
                file, QString::number(lineNumber), error.errorString()));
        const QJsonObject o = doc.object();
        Exchange e;
        e.method = o.value("method"_L1).toString();
        e.path = o.value("path"_L1).toString();
        const QJsonObject q = o.value("query"_L1).toObject();
        for (auto it = q.begin(); it != q.end(); ++it)
            e.query.append({it.key(), it.value().toString()});
        e.requestHeaders = o.value("request_headers"_L1).toObject();
        e.requestBody = o.value("request_body"_L1);
        e.status = o.value("status"_L1).toInt();
        e.responseHeaders = o.value("response_headers"_L1).toObject();
        e.responseBody = o.value("response_body"_L1);
        e.elapsedMs = o.value("elapsed_ms"_L1).toDouble();
        out << e;
    }
    if (out.isEmpty())
        return std::unexpected(u"fixture %1 holds no exchanges"_s.arg(file));
    return out;
}

namespace {

thread_local bool t_compareState = true;

const QSet<QString> &mapFields()
{
    static const QSet<QString> fields = {
        u"Meta"_s,
        u"QueuedAllocations"_s,
        u"ClassEligibility"_s,
        u"ConstraintFiltered"_s,
        u"DimensionExhausted"_s,
        u"NodesAvailable"_s,
        u"ClassFiltered"_s,
        u"ClassExhausted"_s,
        u"QuotaExhausted"_s,
        u"Details"_s,
        u"Tags"_s,
        u"Attributes"_s,
        u"Drivers"_s,
        u"Summary"_s,
        u"TaskStates"_s,
        u"TaskResources"_s,
        u"TaskLifecycles"_s,
        u"FailedTGAllocs"_s,
        u"Scores"_s,
        u"Config"_s,
        u"Options"_s,
        u"ChrootEnv"_s,
        u"HTTPAPIResponseHeaders"_s,
        u"Tasks"_s,
    };
    return fields;
}

const QSet<QString> &stateFields()
{
    static const QSet<QString> fields = {
        u"Status"_s,
        u"ClientStatus"_s,
        u"DesiredStatus"_s,
        u"TriggeredBy"_s,
        u"Type"_s,
        u"State"_s,
        u"Failed"_s,
        u"Dispatched"_s,
        u"Namespace"_s,
        u"DisplayMessage"_s,
        u"ExitCode"_s,
        u"Payload"_s,
        u"ParameterizedJob"_s,
        u"JobType"_s,
        u"TaskGroup"_s,
        u"ClientDescription"_s,
        u"StatusDescription"_s,
        u"Driver"_s,
        u"Topic"_s,
    };
    return fields;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"bool"_s;
    case QJsonValue::Double:
        return u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    default:
        return u"undefined"_s;
    }
}

bool match(const QJsonValue &recorded, const QJsonValue &actual, const QString &key,
           QStringList *errors, const QString &path);

bool matchSome(const QJsonValue &candidate, const QList<QJsonValue> &pool, const QString &key)
{
    for (const QJsonValue &p : pool) {
        if (match(p, candidate, key, nullptr, QString()))
            return true;
    }
    return false;
}

bool fail(QStringList *errors, const QString &text)
{
    if (errors)
        errors->append(text);
    return false;
}

bool match(const QJsonValue &recorded, const QJsonValue &actual, const QString &key,
           QStringList *errors, const QString &path)
{
    if (recorded.isNull() || recorded.isUndefined())
        return true;
    if (recorded.type() != actual.type())
        return fail(errors,
                    u"%1: recorded %2, got %3"_s.arg(path, typeName(recorded), typeName(actual)));
    if (t_compareState && stateFields().contains(key) && !recorded.isObject() &&
        !recorded.isArray() && recorded != actual) {
        return fail(errors, u"%1: recorded %2, got %3"_s.arg(path, recorded.toVariant().toString(),
                                                             actual.toVariant().toString()));
    }
    if (recorded.isArray()) {
        const QJsonArray r = recorded.toArray();
        const QJsonArray a = actual.toArray();
        if (r.isEmpty())
            return true;
        if (a.isEmpty())
            return fail(errors, u"%1: recorded %2 elements, got none"_s.arg(path).arg(r.size()));
        const QList<QJsonValue> rl(r.begin(), r.end());
        const QList<QJsonValue> al(a.begin(), a.end());
        bool ok = true;
        for (qsizetype i = 0; i < al.size(); ++i) {
            if (!matchSome(al[i], rl, QString())) {
                // Report why, against the first recorded element.
                QStringList why;
                match(rl.first(), al[i], QString(), &why, u"%1[%2]"_s.arg(path).arg(i));
                ok = fail(errors,
                          u"%1[%2]: no recorded element has this shape (%3)"_s.arg(path).arg(i).arg(
                              why.join(u"; ")));
            }
        }
        for (qsizetype i = 0; i < rl.size(); ++i) {
            bool found = false;
            for (const QJsonValue &av : al)
                found = found || match(rl[i], av, QString(), nullptr, QString());
            if (!found) {
                QStringList why;
                match(rl[i], al.first(), QString(), &why, u"%1[?]"_s.arg(path));
                ok = fail(errors,
                          u"%1: recorded element %2 has no counterpart (%3)"_s.arg(path).arg(i).arg(
                              why.join(u"; ")));
            }
        }
        return ok;
    }
    if (!recorded.isObject())
        return true;
    const QJsonObject r = recorded.toObject();
    const QJsonObject a = actual.toObject();
    if (mapFields().contains(key)) {
        if (t_compareState && key == "Meta"_L1 && r != a)
            return fail(errors,
                        u"%1: recorded meta %2, got %3"_s.arg(
                            path,
                            QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Compact)),
                            QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact))));
        if (r.isEmpty())
            return true;
        QList<QJsonValue> pool;
        for (auto it = r.begin(); it != r.end(); ++it)
            pool << it.value();
        bool ok = true;
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!matchSome(it.value(), pool, QString())) {
                QStringList why;
                match(pool.first(), it.value(), QString(), &why, path + u'.' + it.key());
                ok = fail(errors, u"%1.%2: value shape not recorded (%3)"_s.arg(path, it.key(),
                                                                                why.join(u"; ")));
            }
        }
        return ok;
    }
    bool ok = true;
    for (auto it = r.begin(); it != r.end(); ++it) {
        if (!a.contains(it.key())) {
            ok = fail(errors, u"%1.%2: missing"_s.arg(path, it.key()));
            continue;
        }
        ok = match(it.value(), a.value(it.key()), it.key(), errors, path + u'.' + it.key()) && ok;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!r.contains(it.key()))
            ok = fail(errors, u"%1.%2: not in the recording"_s.arg(path, it.key()));
    }
    return ok;
}

} // namespace

bool shapeMatches(const QJsonValue &recorded, const QJsonValue &actual, QStringList *errors,
                  const QString &path, bool compareState)
{
    t_compareState = compareState;
    const bool ok = match(recorded, actual, QString(), errors, path);
    t_compareState = true;
    return ok;
}

QString makeCertificates(const QString &dir, TestCertificates *out)
{
    auto run = [&](const QStringList &args) -> QString {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit ||
            p.exitCode() != 0)
            return u"openssl %1 failed: %2"_s.arg(args.join(u' '),
                                                  QString::fromUtf8(p.readAllStandardError()));
        return {};
    };
    QFile ext(dir + u"/server.ext"_s);
    if (!ext.open(QIODevice::WriteOnly))
        return u"cannot write server.ext"_s;
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    ext.close();
    QFile cext(dir + u"/client.ext"_s);
    if (!cext.open(QIODevice::WriteOnly))
        return u"cannot write client.ext"_s;
    cext.write("extendedKeyUsage=clientAuth\n");
    cext.close();
    const QList<QStringList> steps = {
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"ca.key"_s,
         u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Test CA"_s},
        {u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"server.key"_s,
         u"-out"_s, u"server.csr"_s, u"-subj"_s, u"/CN=localhost"_s},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
         u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
         u"-extfile"_s, u"server.ext"_s},
        {u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"client.key"_s,
         u"-out"_s, u"client.csr"_s, u"-subj"_s, u"/CN=dispatch-desk client"_s},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"client.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
         u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"client.pem"_s, u"-days"_s, u"2"_s,
         u"-extfile"_s, u"client.ext"_s},
        // A second CA and a client certificate it signed: not trusted by the server.
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
         u"other-ca.key"_s, u"-out"_s, u"other-ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
         u"/CN=Other CA"_s},
        {u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, u"other-client.key"_s,
         u"-out"_s, u"other-client.csr"_s, u"-subj"_s, u"/CN=stranger"_s},
        {u"x509"_s, u"-req"_s, u"-in"_s, u"other-client.csr"_s, u"-CA"_s, u"other-ca.pem"_s,
         u"-CAkey"_s, u"other-ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"other-client.pem"_s,
         u"-days"_s, u"2"_s, u"-extfile"_s, u"client.ext"_s},
    };
    for (const QStringList &step : steps) {
        if (const QString error = run(step); !error.isEmpty())
            return error;
    }
    out->caCert = dir + u"/ca.pem"_s;
    out->caKey = dir + u"/ca.key"_s;
    out->serverCert = dir + u"/server.pem"_s;
    out->serverKey = dir + u"/server.key"_s;
    out->clientCert = dir + u"/client.pem"_s;
    out->clientKey = dir + u"/client.key"_s;
    out->otherCaCert = dir + u"/other-ca.pem"_s;
    out->otherClientCert = dir + u"/other-client.pem"_s;
    out->otherClientKey = dir + u"/other-client.key"_s;
    return {};
}

QList<QJsonObject> splitLogFrames(const QByteArray &bytes)
{
    QList<QJsonObject> out;
    int depth = 0;
    bool inString = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' && depth++ == 0) {
            start = i;
        } else if (c == '}' && --depth == 0) {
            out << QJsonDocument::fromJson(bytes.mid(start, i - start + 1)).object();
        }
    }
    return out;
}

} // namespace dd::simtest
