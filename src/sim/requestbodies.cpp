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
        return u"null"_s;
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

namespace {

// A JSON syntax check with encoding/json's error texts. Like json.Decoder, it
// reads one value and ignores what follows it.
class GoJsonScanner
{
public:
    explicit GoJsonScanner(const QByteArray &data)
        : m_d(data)
    {}
    // Empty on success; m_end is then where the first value ends.
    QString scan()
    {
        skip();
        if (m_i >= m_d.size())
            return u"EOF"_s;
        const QString error = value();
        return error;
    }
    qsizetype end() const { return m_i; }

private:
    static QString quoted(char c)
    {
        if (c == '\'')
            return u"'\\''"_s;
        if (uchar(c) >= 0x20 && uchar(c) < 0x7f)
            return u"'%1'"_s.arg(QLatin1Char(c));
        return u"'\\x%1'"_s.arg(uint(uchar(c)), 2, 16, QChar(u'0'));
    }
    QString invalid(const char *context) const
    {
        return u"invalid character %1 %2"_s.arg(quoted(m_d[m_i]), QLatin1StringView(context));
    }
    void skip()
    {
        while (m_i < m_d.size() &&
               (m_d[m_i] == ' ' || m_d[m_i] == '\t' || m_d[m_i] == '\n' || m_d[m_i] == '\r'))
            ++m_i;
    }
    bool atEnd() const { return m_i >= m_d.size(); }
    static QString eof() { return u"unexpected EOF"_s; }

    QString value()
    {
        skip();
        if (atEnd())
            return eof();
        const char c = m_d[m_i];
        if (c == '{')
            return object();
        if (c == '[')
            return array();
        if (c == '"')
            return string();
        if (c == '-' || (c >= '0' && c <= '9'))
            return number();
        if (c == 't')
            return literal("true");
        if (c == 'f')
            return literal("false");
        if (c == 'n')
            return literal("null");
        return invalid("looking for beginning of value");
    }
    QString object()
    {
        ++m_i;
        skip();
        if (atEnd())
            return eof();
        if (m_d[m_i] == '}') {
            ++m_i;
            return {};
        }
        for (;;) {
            skip();
            if (atEnd())
                return eof();
            if (m_d[m_i] != '"')
                return invalid("looking for beginning of object key string");
            if (QString e = string(); !e.isEmpty())
                return e;
            skip();
            if (atEnd())
                return eof();
            if (m_d[m_i] != ':')
                return invalid("after object key");
            ++m_i;
            if (QString e = value(); !e.isEmpty())
                return e;
            skip();
            if (atEnd())
                return eof();
            if (m_d[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_d[m_i] == '}') {
                ++m_i;
                return {};
            }
            return invalid("after object key:value pair");
        }
    }
    QString array()
    {
        ++m_i;
        skip();
        if (atEnd())
            return eof();
        if (m_d[m_i] == ']') {
            ++m_i;
            return {};
        }
        for (;;) {
            if (QString e = value(); !e.isEmpty())
                return e;
            skip();
            if (atEnd())
                return eof();
            if (m_d[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_d[m_i] == ']') {
                ++m_i;
                return {};
            }
            return invalid("after array element");
        }
    }
    QString string()
    {
        ++m_i;
        while (!atEnd()) {
            const char c = m_d[m_i];
            if (c == '"') {
                ++m_i;
                return {};
            }
            if (uchar(c) < 0x20)
                return invalid("in string literal");
            if (c == '\\') {
                ++m_i;
                if (atEnd())
                    return eof();
                const char e = m_d[m_i];
                if (e == 'u') {
                    for (int k = 0; k < 4; ++k) {
                        ++m_i;
                        if (atEnd())
                            return eof();
                        if (!isxdigit(uchar(m_d[m_i])))
                            return invalid("in \\u hexadecimal character escape");
                    }
                } else if (!QByteArrayView("\"\\/bfnrt").contains(e)) {
                    return invalid("in string escape code");
                }
            }
            ++m_i;
        }
        return eof();
    }
    QString number()
    {
        auto digits = [this] {
            const qsizetype start = m_i;
            while (!atEnd() && m_d[m_i] >= '0' && m_d[m_i] <= '9')
                ++m_i;
            return m_i > start;
        };
        if (m_d[m_i] == '-')
            ++m_i;
        if (atEnd())
            return eof();
        if (m_d[m_i] == '0')
            ++m_i;
        else if (!digits())
            return invalid("in numeric literal");
        if (!atEnd() && m_d[m_i] == '.') {
            ++m_i;
            if (atEnd())
                return eof();
            if (!digits())
                return invalid("after decimal point in numeric literal");
        }
        if (!atEnd() && (m_d[m_i] == 'e' || m_d[m_i] == 'E')) {
            ++m_i;
            if (!atEnd() && (m_d[m_i] == '+' || m_d[m_i] == '-'))
                ++m_i;
            if (atEnd())
                return eof();
            if (!digits())
                return invalid("in exponent of numeric literal");
        }
        return {};
    }
    QString literal(const char *word)
    {
        for (const char *p = word; *p; ++p, ++m_i) {
            if (atEnd())
                return eof();
            if (m_d[m_i] != *p) {
                return u"invalid character %1 in literal %2 (expecting '%3')"_s.arg(
                    quoted(m_d[m_i]), QString::fromLatin1(word), QString(QLatin1Char(*p)));
            }
        }
        return {};
    }

    const QByteArray &m_d;
    qsizetype m_i = 0;
};

} // namespace

std::expected<QJsonObject, QString> decodeJsonObject(const QByteArray &body, const QString &goType)
{
    GoJsonScanner scanner(body);
    if (const QString error = scanner.scan(); !error.isEmpty())
        return std::unexpected(error);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body.left(scanner.end()), &error);
    if (error.error != QJsonParseError::NoError) {
        // A scalar value (Qt only parses objects and arrays at the top).
        const QByteArray first = body.left(scanner.end()).trimmed();
        if (first == "null")
            return QJsonObject(); // null decodes to an empty struct, as in Go
        const QString kind = first.startsWith('"')                   ? u"string"_s
                             : (first == "true" || first == "false") ? u"bool"_s
                                                                     : u"number"_s;
        return std::unexpected(
            u"json: cannot unmarshal %1 into Go value of type %2"_s.arg(kind, goType));
    }
    if (doc.isArray())
        return std::unexpected(
            u"json: cannot unmarshal array into Go value of type %1"_s.arg(goType));
    return doc.object();
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
        return std::unexpected(
            u"illegal base64 data at input byte %1"_s.arg(data.size() - data.size() % 4));
    const auto decoded =
        QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
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
