#include "sim/requestbodies.h"

#include "sim/simulatoroptions.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

QString goJsonType(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return u"bool"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Object: return u"object"_s;
    default: return u"null"_s;
    }
}

QString fieldError(const QJsonValue &v, const QString &field, const QString &goType)
{
    return u"json: cannot unmarshal %1 into Go struct field JobDispatchRequest.%2 of type %3"_s.arg(
        goJsonType(v), field, goType);
}

} // namespace

QJsonValue goField(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue exact = object.value(name);
    if (!exact.isUndefined())
        return exact;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue::Undefined;
}

std::expected<QJsonObject, QString> decodeJsonObject(const QByteArray &body, const QString &goType)
{
    if (body.trimmed().isEmpty())
        return std::unexpected(u"EOF"_s);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype at = std::clamp<qsizetype>(error.offset, 0, body.size());
        const bool atEnd = body.mid(at).trimmed().isEmpty();
        if (atEnd || error.error == QJsonParseError::UnterminatedObject
            || error.error == QJsonParseError::UnterminatedArray
            || error.error == QJsonParseError::UnterminatedString) {
            return std::unexpected(u"unexpected EOF"_s);
        }
        // Qt points just past the offending character in some cases; Go names it.
        qsizetype pos = at;
        while (pos > 0 && pos >= body.size())
            --pos;
        const char c = body.at(pos);
        const QString shown = (uchar(c) < 0x20 || uchar(c) > 0x7e) ? u"\\x%1"_s.arg(uint(uchar(c)), 2, 16, QChar(u'0'))
                                                                   : QString(QLatin1Char(c));
        if (error.error == QJsonParseError::GarbageAtEnd)
            return std::unexpected(u"invalid character '%1' after top-level value"_s.arg(shown));
        return std::unexpected(u"invalid character '%1' looking for beginning of value"_s.arg(shown));
    }
    if (doc.isArray()) {
        return std::unexpected(u"json: cannot unmarshal array into Go value of type %1"_s.arg(goType));
    }
    return doc.object(); // "null" decodes to an empty struct, as in Go
}

std::expected<QByteArray, QString> decodeStdBase64(const QString &text)
{
    static const QByteArray alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Go's decoder drops CR and LF first.
    QByteArray data = text.toLatin1();
    data.replace("\r", "").replace("\n", "");
    qsizetype padAt = data.indexOf('=');
    for (qsizetype i = 0; i < (padAt < 0 ? data.size() : padAt); ++i) {
        if (!alphabet.contains(data[i]))
            return std::unexpected(u"illegal base64 data at input byte %1"_s.arg(i));
    }
    if (padAt >= 0) {
        for (qsizetype i = padAt; i < data.size(); ++i) {
            if (data[i] != '=')
                return std::unexpected(u"illegal base64 data at input byte %1"_s.arg(i));
        }
        if (data.size() - padAt > 2)
            return std::unexpected(u"illegal base64 data at input byte %1"_s.arg(padAt + 2));
    }
    if (data.size() % 4 != 0)
        return std::unexpected(u"illegal base64 data at input byte %1"_s.arg(data.size() - data.size() % 4));
    const auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::unexpected(u"illegal base64 data at input byte 0"_s);
    return *decoded;
}

std::expected<DispatchRequest, QString> decodeDispatchBody(const QByteArray &body,
                                                           const QString &serverVersion)
{
    auto object = decodeJsonObject(body, u"structs.JobDispatchRequest"_s);
    if (!object)
        return std::unexpected(object.error());
    DispatchRequest r;
    const QJsonValue jobId = goField(*object, "JobID"_L1);
    if (!jobId.isUndefined() && !jobId.isNull()) {
        if (!jobId.isString())
            return std::unexpected(fieldError(jobId, u"JobID"_s, u"string"_s));
        r.jobId = jobId.toString();
    }
    const QJsonValue payload = goField(*object, "Payload"_L1);
    if (!payload.isUndefined() && !payload.isNull()) {
        if (!payload.isString())
            return std::unexpected(fieldError(payload, u"Payload"_s, u"[]uint8"_s));
        auto bytes = decodeStdBase64(payload.toString());
        if (!bytes)
            return std::unexpected(bytes.error());
        r.payload = *bytes;
    }
    const QJsonValue meta = goField(*object, "Meta"_L1);
    if (!meta.isUndefined() && !meta.isNull()) {
        if (!meta.isObject())
            return std::unexpected(fieldError(meta, u"Meta"_s, u"map[string]string"_s));
        const QJsonObject m = meta.toObject();
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (it.value().isNull())
                continue;
            if (!it.value().isString())
                return std::unexpected(fieldError(it.value(), u"Meta"_s, u"string"_s));
            r.meta.insert(it.key(), it.value().toString());
        }
    }
    const QJsonValue prefix = goField(*object, "IdPrefixTemplate"_L1);
    if (versionAtLeast(serverVersion, 1, 4) && !prefix.isUndefined() && !prefix.isNull()) {
        if (!prefix.isString())
            return std::unexpected(fieldError(prefix, u"IdPrefixTemplate"_s, u"string"_s));
        r.idPrefixTemplate = prefix.toString();
    }
    const QJsonValue priority = goField(*object, "Priority"_L1);
    if (versionAtLeast(serverVersion, 1, 10) && !priority.isUndefined() && !priority.isNull()) {
        const double p = priority.toDouble(-1e18);
        if (!priority.isDouble() || p != double(qint64(p)) || std::abs(p) > 2147483647)
            return std::unexpected(fieldError(priority, u"Priority"_s, u"int"_s));
        r.priority = int(p);
    }
    return r;
}

} // namespace dd::sim
