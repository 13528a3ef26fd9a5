#include "sim/httpmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace dd::sim {

static bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (sameName(n, name))
            return v;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &h) { return sameName(h.first, name); });
}

bool HttpRequest::hasQuery(QStringView key) const
{
    return std::any_of(query.begin(), query.end(), [&](const auto &q) { return q.first == key; });
}

QString HttpRequest::queryValue(QStringView key) const
{
    for (const auto &[k, v] : query) {
        if (k == key)
            return v;
    }
    return {};
}

QStringList HttpRequest::queryValues(QStringView key) const
{
    QStringList out;
    for (const auto &[k, v] : query) {
        if (k == key)
            out << v;
    }
    return out;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[n, v] : headers) {
        if (sameName(n, name)) {
            v = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (sameName(n, name))
            return v;
    }
    return {};
}

bool HttpResponse::isJson() const
{
    return header("Content-Type").startsWith("application/json");
}

HttpResponse HttpResponse::text(int status, const QString &text)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    r.body = text.toUtf8();
    return r;
}

HttpResponse HttpResponse::json(int status, const QJsonValue &value, bool pretty)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json");
    const auto format = pretty ? QJsonDocument::Indented : QJsonDocument::Compact;
    if (value.isObject()) {
        r.body = QJsonDocument(value.toObject()).toJson(format);
    } else if (value.isArray()) {
        r.body = QJsonDocument(value.toArray()).toJson(format);
    } else {
        // Scalars (GET /v1/status/leader answers a JSON string).
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        r.body = wrapped.mid(1, wrapped.size() - 2);
    }
    // Nomad ends pretty output with a newline and compact output without one.
    if (pretty && !r.body.endsWith('\n'))
        r.body += '\n';
    if (!pretty && r.body.endsWith('\n'))
        r.body.chop(1);
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Request Entity Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

QString percentDecode(QByteArrayView raw, bool plusIsSpace)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '+' && plusIsSpace) {
            out += ' ';
        } else if (c == '%' && i + 2 < raw.size() && isxdigit(uchar(raw[i + 1])) &&
                   isxdigit(uchar(raw[i + 2]))) {
            out += char(QByteArray(raw.data() + i + 1, 2).toInt(nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

QList<std::pair<QString, QString>> parseQuery(QByteArrayView raw)
{
    QList<std::pair<QString, QString>> out;
    for (const QByteArray &part : raw.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArrayView key = eq < 0 ? QByteArrayView(part) : QByteArrayView(part).first(eq);
        const QByteArrayView value =
            eq < 0 ? QByteArrayView() : QByteArrayView(part).sliced(eq + 1);
        out.append({percentDecode(key, true), percentDecode(value, true)});
    }
    return out;
}

} // namespace dd::sim
