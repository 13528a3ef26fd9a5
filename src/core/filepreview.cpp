// Showing an allocation's file safely (filepreview.h).
#include "core/filepreview.h"

#include <QStringDecoder>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

constexpr qsizetype kSniffBytes = 8192;

// The bytes Go's DetectContentType calls binary data.
bool isBinaryByte(uchar c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F);
}

bool textContentType(const QString &contentType)
{
    return contentType.startsWith(u"text/") || contentType.startsWith(u"application/json") ||
           contentType.startsWith(u"application/xml") ||
           contentType.startsWith(u"application/javascript");
}

} // namespace

bool looksBinary(QByteArrayView bytes, const QString &contentType)
{
    const QByteArrayView head = bytes.first(std::min(bytes.size(), kSniffBytes));
    if (head.contains('\0'))
        return true;
    if (!contentType.isEmpty())
        return !textContentType(contentType);
    const auto binary =
        std::count_if(head.begin(), head.end(), [](char c) { return isBinaryByte(uchar(c)); });
    // A bell or two is still text; a tenth of such bytes is not.
    if (binary * 10 > head.size())
        return true;
    // Mostly invalid UTF-8 is another encoding or data; a few bad bytes are a damaged text.
    const QString decoded = QString::fromUtf8(head);
    const auto bad = decoded.count(QChar::ReplacementCharacter);
    return bad * 10 > decoded.size();
}

QString hexDump(QByteArrayView bytes, qint64 maxBytes)
{
    const qsizetype n = qsizetype(std::min<qint64>(bytes.size(), std::max<qint64>(0, maxBytes)));
    QString out;
    out.reserve((n / 16 + 1) * 80);
    for (qsizetype row = 0; row < n; row += 16) {
        out += u"%1  "_s.arg(row, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i == 8)
                out += u' ';
            if (row + i < n) {
                const uchar c = uchar(bytes[row + i]);
                out += u"%1 "_s.arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                out += u"   "_s;
            }
        }
        out += u" |" + ascii + u"|\n";
    }
    return out;
}

FilePreview previewOf(QByteArrayView bytes, const QString &contentType)
{
    FilePreview p;
    p.binary = looksBinary(bytes, contentType);
    if (p.binary) {
        p.text.text = hexDump(bytes);
        p.text.lines = p.text.text.count(u'\n');
        p.shownBytes = std::min<qint64>(bytes.size(), kHexDumpBytes);
        return p;
    }
    LogDecoder decoder;
    p.text = decoder.decode(bytes);
    p.text.append(decoder.finish());
    p.shownBytes = bytes.size();
    return p;
}

} // namespace dd
