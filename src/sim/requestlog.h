#pragma once
// Every request the simulator received, as sent (method, raw path with %2F
// kept, query, headers including X-Nomad-Token, body) and what it answered,
// so tests can assert what a client really sent. Readable from any thread.

#include "sim/httpmessage.h"

#include <QJsonValue>
#include <QMutex>
#include <QObject>

namespace dd::sim {

struct RecordedRequest
{
    quint64 sequence = 0;
    QString method;
    QString rawPath; // as sent: "/v1/job/video-encode%2Fdispatch-1-ab"
    QString path;    // percent-decoded
    QString rawQuery;
    QList<std::pair<QString, QString>> query;
    HeaderList headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // wall clock
    int status = 0;          // 0 until answered (or never, for stalled requests)

    QByteArray header(QByteArrayView name) const;
    QString queryValue(QStringView key) const;
    bool hasQuery(QStringView key) const;
    // X-Nomad-Token, or the Bearer token of Authorization.
    QString token() const;
    QJsonValue jsonBody() const; // Undefined when the body is not JSON
};

class RequestLog : public QObject
{
    Q_OBJECT
public:
    explicit RequestLog(QObject *parent = nullptr);

    QList<RecordedRequest> all() const;
    int count() const;
    RecordedRequest last() const;
    // Requests whose method matches (empty: any) and whose decoded path matches the regex.
    QList<RecordedRequest> matching(const QString &method, const QString &pathPattern) const;
    void clear();
    // The log keeps the newest requests only (default 10000), so a long-running
    // simulator does not grow without bound.
    void setCapacity(int requests);

    quint64 record(const HttpRequest &request);
    void setStatus(quint64 sequence, int status);

Q_SIGNALS:
    void recorded(const dd::sim::RecordedRequest &request);

private:
    mutable QMutex m_mutex;
    QList<RecordedRequest> m_requests;
    quint64 m_next = 1;
    int m_capacity = 10000;
};

} // namespace dd::sim
