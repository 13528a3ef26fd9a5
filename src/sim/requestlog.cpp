#include "sim/requestlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QString RecordedRequest::queryValue(QStringView key) const
{
    for (const auto &[k, v] : query) {
        if (k == key)
            return v;
    }
    return {};
}

bool RecordedRequest::hasQuery(QStringView key) const
{
    return std::any_of(query.begin(), query.end(), [&](const auto &q) { return q.first == key; });
}

QString RecordedRequest::token() const
{
    const QByteArray nomad = header("X-Nomad-Token");
    if (!nomad.isEmpty())
        return QString::fromUtf8(nomad);
    const QByteArray auth = header("Authorization");
    if (auth.toLower().startsWith("bearer "))
        return QString::fromUtf8(auth.mid(7).trimmed());
    return {};
}

QJsonValue RecordedRequest::jsonBody() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue::Undefined;
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

RequestLog::RequestLog(QObject *parent)
    : QObject(parent)
{}

QList<RecordedRequest> RequestLog::all() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int RequestLog::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_requests.size());
}

RecordedRequest RequestLog::last() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests.isEmpty() ? RecordedRequest{} : m_requests.last();
}

QList<RecordedRequest> RequestLog::matching(const QString &method, const QString &pathPattern) const
{
    const QRegularExpression re(pathPattern);
    QList<RecordedRequest> out;
    QMutexLocker lock(&m_mutex);
    for (const RecordedRequest &r : m_requests) {
        if ((method.isEmpty() || r.method == method) && re.match(r.path).hasMatch())
            out << r;
    }
    return out;
}

void RequestLog::clear()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

void RequestLog::setCapacity(int requests)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = std::max(1, requests);
    if (m_requests.size() > m_capacity)
        m_requests.remove(0, m_requests.size() - m_capacity);
}

quint64 RequestLog::record(const HttpRequest &request)
{
    RecordedRequest r;
    r.method = QString::fromLatin1(request.method);
    r.rawPath = QString::fromUtf8(request.rawPath);
    r.path = percentDecode(request.rawPath);
    r.rawQuery = QString::fromUtf8(request.rawQuery);
    r.query = request.query;
    r.headers = request.headers;
    r.body = request.body;
    r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_mutex);
        r.sequence = m_next++;
        m_requests.append(r);
        if (m_requests.size() > m_capacity)
            m_requests.remove(0, m_requests.size() - m_capacity);
    }
    Q_EMIT recorded(r);
    return r.sequence;
}

void RequestLog::setStatus(quint64 sequence, int status)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_requests.rbegin(); it != m_requests.rend(); ++it) {
        if (it->sequence == sequence) {
            it->status = status;
            return;
        }
    }
}

} // namespace dd::sim
