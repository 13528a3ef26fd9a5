#pragma once
// A checked reader over one JSON object. Go's encoder writes nil slices and
// maps as null, so null always means "absent"; any other wrong type is an
// error that names the field, and the first error wins.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <algorithm>
#include <climits>

namespace dd {

class JsonReader
{
public:
    JsonReader(const QJsonObject &object, QString context)
        : m_object(object)
        , m_context(std::move(context))
    {}

    QString str(QLatin1StringView key, bool required = false);
    qint64 i64(QLatin1StringView key);
    quint64 index(QLatin1StringView key) { return quint64(qMax<qint64>(0, i64(key))); }
    int i32(QLatin1StringView key) { return int(std::clamp<qint64>(i64(key), INT_MIN, INT_MAX)); }
    bool boolean(QLatin1StringView key);
    QStringList strings(QLatin1StringView key);
    QMap<QString, QString> stringMap(QLatin1StringView key);
    QMap<QString, int> intMap(QLatin1StringView key);
    QJsonObject object(QLatin1StringView key);
    QJsonArray array(QLatin1StringView key);

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &message);

private:
    QJsonValue value(QLatin1StringView key) const { return m_object.value(key); }
    void wrongType(QLatin1StringView key, const char *expected, const QJsonValue &got);

    QJsonObject m_object;
    QString m_context;
    QString m_error;
};

QString jsonTypeName(const QJsonValue &value);

} // namespace dd
