#pragma once
// HTTP/1.1 requests and responses as the simulator's small server sees them.
// Paths stay as sent (percent-encoding kept) because Nomad's routing depends
// on it: a child job ID's "/" must travel as %2F.

#include <QByteArray>
#include <QHostAddress>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

namespace dd::sim {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method;
    QByteArray target;  // the request target as sent
    QByteArray rawPath; // up to '?', percent-encoding kept
    QByteArray rawQuery;
    QByteArray version; // "HTTP/1.1"
    HeaderList headers; // names as sent
    QByteArray body;
    QList<std::pair<QString, QString>> query; // decoded, in order
    QHostAddress peer;
    bool secure = false;

    // Case-insensitive; the first occurrence.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    bool hasQuery(QStringView key) const;
    QString queryValue(QStringView key) const;
    QStringList queryValues(QStringView key) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;
    bool isJson() const;

    // Nomad's errors: plain text, no trailing newline.
    static HttpResponse text(int status, const QString &text);
    static HttpResponse json(int status, const QJsonValue &value, bool pretty = false);
};

QByteArray reasonPhrase(int status);
// Go's url.ParseQuery: '+' is a space, %XX decoded.
QList<std::pair<QString, QString>> parseQuery(QByteArrayView raw);
QString percentDecode(QByteArrayView raw, bool plusIsSpace = false);

} // namespace dd::sim
