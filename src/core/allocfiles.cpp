// The allocation directory's answers (allocfiles.h).
#include "core/allocfiles.h"

#include "core/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

// Longer bodies are file content: Nomad's error texts are one short line.
constexpr qsizetype kMaxErrorBodyBytes = 4096;

Decoded<QJsonDocument> parseFsAnswer(const QByteArray &json, const char *what)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected(DecodeError{QLatin1StringView(what) + u" is not valid JSON (" +
                                           error.errorString() + u" at byte " +
                                           QString::number(error.offset) + u')'});
    }
    return doc;
}

Decoded<AllocFileInfo> fileInfoFromJson(const QJsonObject &o, const QString &context)
{
    JsonReader r(o, context);
    AllocFileInfo f;
    f.name = r.str("Name"_L1, true);
    f.isDir = r.boolean("IsDir"_L1);
    f.size = r.i64("Size"_L1);
    f.fileMode = r.str("FileMode"_L1);
    f.contentType = r.str("ContentType"_L1);
    const QString modTime = r.str("ModTime"_L1);
    // Go's zero time is "never set".
    if (!modTime.isEmpty() && !modTime.startsWith(u"0001-01-01")) {
        f.modTime = QDateTime::fromString(modTime, Qt::ISODateWithMs);
        if (!f.modTime.isValid())
            r.fail(u"field \"ModTime\" is not an RFC 3339 time: \"" + modTime.left(64) + u'"');
    }
    if (f.size < 0)
        r.fail(u"field \"Size\" is negative"_s);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return f;
}

// Go's filepath.Clean of a path inside the allocation directory, without the leading '/'.
QString cleanedRelative(const QString &path)
{
    QStringList parts;
    for (const QString &p : path.split(u'/', Qt::SkipEmptyParts)) {
        if (p == "."_L1)
            continue;
        if (p == ".."_L1) {
            if (!parts.isEmpty())
                parts.removeLast();
            continue;
        }
        parts << p;
    }
    return parts.join(u'/');
}

} // namespace

Decoded<QList<AllocFileInfo>> decodeAllocFileList(const QByteArray &json)
{
    if (json.trimmed() == "null")
        return QList<AllocFileInfo>{};
    auto doc = parseFsAnswer(json, "the directory listing");
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isArray())
        return std::unexpected(
            DecodeError{u"the directory listing should be a JSON array but is an object"_s});
    const QJsonArray array = doc->array();
    QList<AllocFileInfo> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (!item.isObject())
            return std::unexpected(DecodeError{u"directory entry " + QString::number(i) + u" is " +
                                               jsonTypeName(item) + u", not an object"});
        auto entry = fileInfoFromJson(item.toObject(), u"directory entry "_s + QString::number(i));
        if (!entry)
            return std::unexpected(entry.error());
        out.append(std::move(*entry));
    }
    return out;
}

Decoded<AllocFileInfo> decodeAllocFileInfo(const QByteArray &json)
{
    auto doc = parseFsAnswer(json, "the file information");
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isObject())
        return std::unexpected(
            DecodeError{u"the file information should be a JSON object but is an array"_s});
    return fileInfoFromJson(doc->object(), u"file information"_s);
}

QString allocPathJoin(const QString &directory, const QString &name)
{
    QString dir = directory;
    while (dir.endsWith(u'/'))
        dir.chop(1);
    return dir + u'/' + name;
}

QString allocPathName(const QString &path)
{
    const QString cleaned = cleanedRelative(path);
    return cleaned.isEmpty() ? u"/"_s : cleaned.section(u'/', -1);
}

std::optional<QString> fsErrorInBody(QByteArrayView body, const QString &path)
{
    if (body.isEmpty() || body.size() > kMaxErrorBodyBytes)
        return std::nullopt;
    const QString text = QString::fromUtf8(body).trimmed();
    if (text.contains(u'\n') || text.contains(QChar::ReplacementCharacter))
        return std::nullopt;
    // Nomad's own refusal, with the path as it was asked for.
    for (QLatin1StringView prefix :
         {"Reading secret file prohibited: "_L1, "Reading private file prohibited: "_L1}) {
        if (text.startsWith(prefix) && text.mid(prefix.size()) == path)
            return text;
    }
    // Go's *PathError: "<op> <host path>: <reason>", the host path ending in the cleaned path.
    static const QRegularExpression pathError(
        u"^(stat|open|read|seek|lstat) (.+): ([a-z][a-z ,'-]+)$"_s);
    const QRegularExpressionMatch m = pathError.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QString hostPath = m.captured(2);
    const QString relative = cleanedRelative(path);
    if (relative.isEmpty() || hostPath.endsWith(u'/' + relative))
        return text;
    return std::nullopt;
}

} // namespace dd
