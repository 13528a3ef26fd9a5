#include "core/jsonreader.h"

namespace dd {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

void JsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = m_context + u": " + message;
}

void JsonReader::wrongType(QLatin1StringView key, const char *expected, const QJsonValue &got)
{
    fail(u"field \"" + key + u"\" should be " + QLatin1StringView(expected) + u" but is " +
         jsonTypeName(got));
}

QString JsonReader::str(QLatin1StringView key, bool required)
{
    const QJsonValue v = value(key);
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined()) {
        if (required)
            fail(u"field \"" + key + u"\" is missing");
        return {};
    }
    wrongType(key, "a string", v);
    return {};
}

qint64 JsonReader::i64(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isDouble()) {
        // Qt keeps integers that fit qint64 exactly; two fallbacks tell whether it did.
        const qint64 a = v.toInteger(0);
        const qint64 b = v.toInteger(1);
        if (a != b) {
            wrongType(key, "a whole number that fits 64 bits", v);
            return 0;
        }
        return a;
    }
    if (!v.isNull() && !v.isUndefined())
        wrongType(key, "a number", v);
    return 0;
}

bool JsonReader::boolean(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isBool())
        return v.toBool();
    if (!v.isNull() && !v.isUndefined())
        wrongType(key, "a boolean", v);
    return false;
}

QStringList JsonReader::strings(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    QStringList out;
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        out.reserve(a.size());
        for (const QJsonValue &item : a) {
            if (!item.isString()) {
                wrongType(key, "an array of strings", item);
                return {};
            }
            out.append(item.toString());
        }
    } else if (!v.isNull() && !v.isUndefined()) {
        wrongType(key, "an array", v);
    }
    return out;
}

QMap<QString, QString> JsonReader::stringMap(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    QMap<QString, QString> out;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                wrongType(key, "an object of strings", it.value());
                return {};
            }
            out.insert(it.key(), it.value().toString());
        }
    } else if (!v.isNull() && !v.isUndefined()) {
        wrongType(key, "an object", v);
    }
    return out;
}

QMap<QString, int> JsonReader::intMap(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    QMap<QString, int> out;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isDouble()) {
                wrongType(key, "an object of numbers", it.value());
                return {};
            }
            out.insert(it.key(), it.value().toInt());
        }
    } else if (!v.isNull() && !v.isUndefined()) {
        wrongType(key, "an object", v);
    }
    return out;
}

QJsonObject JsonReader::object(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isObject())
        return v.toObject();
    if (!v.isNull() && !v.isUndefined())
        wrongType(key, "an object", v);
    return {};
}

QJsonArray JsonReader::array(QLatin1StringView key)
{
    const QJsonValue v = value(key);
    if (v.isArray())
        return v.toArray();
    if (!v.isNull() && !v.isUndefined())
        wrongType(key, "an array", v);
    return {};
}

} // namespace dd
