#pragma once
// Recognises what a payload is, so the editor can show JSON pretty-printed,
// text as text, and anything else as a hex dump.

#include <QByteArray>
#include <QString>

namespace dd::gui {

enum class PayloadKind { Empty, Json, Text, Binary };

struct PayloadCheck
{
    PayloadKind kind = PayloadKind::Empty;
    bool looksLikeJson = false; // starts like JSON, whether or not it parses
    QString jsonError;          // when it looks like JSON but does not parse
    int errorOffset = -1;
};

PayloadCheck checkPayload(const QByteArray &bytes);
bool isBinary(const QByteArray &bytes);
// Indented JSON with keys, numbers and escapes as typed (core/jsonindent.h),
// or the input unchanged when it is not JSON.
QByteArray prettyJson(const QByteArray &bytes);
// 16 bytes a line: offset, hex, printable characters.
QString hexDump(const QByteArray &bytes, qsizetype maxBytes = 64 * 1024);
// The payload for display: pretty JSON, text, or a hex dump.
QString displayText(const QByteArray &bytes);

} // namespace dd::gui
