#pragma once
// A file of an allocation made safe to show: text through LogDecoder
// (invalid UTF-8, control bytes and escape sequences never reach the view;
// ANSI colours become spans), anything binary as a hex dump of its start.
// Pure, so a large file is prepared on a worker thread.

#include "core/logtext.h"

#include <QByteArrayView>
#include <QString>

namespace dd {

struct FilePreview
{
    bool binary = false;
    LogText text;          // the decoded text, or the hex dump (no spans)
    qint64 shownBytes = 0; // of the file: less than its size when a binary file's dump stops
};

// Bytes of a binary file a hex dump shows; the rest is for saving.
inline constexpr qint64 kHexDumpBytes = 16 * 1024;

// Whether bytes read as binary: a NUL byte, or a tenth of them neither UTF-8
// text nor the usual control characters (tab, line breaks, ESC), in the
// first 8 KB. `contentType` is fs/stat's guess (Go's DetectContentType); an
// empty one leaves it to the bytes.
bool looksBinary(QByteArrayView bytes, const QString &contentType);

// `hexdump -C`: offset, 16 bytes in hex, the printable ones as ASCII.
QString hexDump(QByteArrayView bytes, qint64 maxBytes = kHexDumpBytes);

FilePreview previewOf(QByteArrayView bytes, const QString &contentType);

} // namespace dd
