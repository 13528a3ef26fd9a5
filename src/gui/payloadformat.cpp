#include "gui/payloadformat.h"

#include "core/jsonindent.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace dd::gui {

bool isBinary(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return true;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return true;
    // Control characters other than whitespace mean it is not meant to be read.
    for (QChar c : text) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t')
            return true;
    }
    return false;
}

PayloadCheck checkPayload(const QByteArray &bytes)
{
    PayloadCheck check;
    if (bytes.isEmpty())
        return check;
    if (isBinary(bytes)) {
        check.kind = PayloadKind::Binary;
        return check;
    }
    const QByteArray trimmed = bytes.trimmed();
    check.looksLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    check.kind = PayloadKind::Text;
    if (!check.looksLikeJson)
        return check;
    QJsonParseError error;
    QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError) {
        check.kind = PayloadKind::Json;
    } else {
        check.jsonError = error.errorString();
        check.errorOffset = error.offset;
    }
    return check;
}

QByteArray prettyJson(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return bytes;
    // Laid out as typed: QJsonDocument would sort the keys and rewrite numbers.
    return indentJson(bytes).value_or(bytes);
}

QString hexDump(const QByteArray &bytes, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), maxBytes);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QChar(u'0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto b = static_cast<unsigned char>(bytes.at(i));
                out += QStringLiteral("%1 ").arg(b, 2, 16, QChar(u'0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(char16_t(b)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7)
                out += u' ';
        }
        out += u' ' + ascii + u'\n';
    }
    if (n < bytes.size())
        out += QStringLiteral("… %1 more bytes\n").arg(bytes.size() - n);
    return out;
}

QString displayText(const QByteArray &bytes)
{
    const PayloadCheck check = checkPayload(bytes);
    switch (check.kind) {
    case PayloadKind::Empty:
        return {};
    case PayloadKind::Json:
        return QString::fromUtf8(prettyJson(bytes));
    case PayloadKind::Text:
        return QString::fromUtf8(bytes);
    case PayloadKind::Binary:
        return hexDump(bytes);
    }
    return {};
}

} // namespace dd::gui
