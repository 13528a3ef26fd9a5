#pragma once
// Nomad's framed task-log stream (/v1/client/fs/logs without plain=true):
// JSON objects {"Data":"<base64>","File":"alloc/logs/<task>.stdout.0","Offset":N}
// concatenated with no separator, `{}` heartbeats between them. The decoder is
// fed bytes in whatever chunks the network delivers and hands back complete
// frames; a hostile stream (a frame too large, nesting, text between frames,
// bad base64) stops it with an error instead of growing memory or crashing.

#include "core/decode.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace dd {

struct LogFrame
{
    QByteArray data;   // the task's bytes, decoded
    QString file;      // "alloc/logs/talk.stdout.0"
    qint64 offset = 0; // in that file, after this frame's data
    QString fileEvent; // "file truncated", "file deleted" (no data then)

    // The rotation index of `file` (the N of "talk.stdout.N"), -1 when it has none.
    int fileIndex() const;
    friend bool operator==(const LogFrame &, const LogFrame &) = default;
};

class LogFrameDecoder
{
public:
    // Nomad sends at most 64 KiB of data a frame (about 88 KiB framed).
    static constexpr qsizetype kDefaultMaxFrameBytes = 1 << 20;

    explicit LogFrameDecoder(qsizetype maxFrameBytes = kDefaultMaxFrameBytes)
        : m_maxFrameBytes(maxFrameBytes)
    {}

    // The frames the bytes complete, in order; heartbeats are dropped. After an
    // error nothing more is decoded (the stream cannot be trusted past it).
    QList<LogFrame> feed(QByteArrayView bytes);
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Bytes of a frame begun but not finished (a cut stream ends inside one).
    qsizetype pendingBytes() const { return m_current.size(); }

private:
    void fail(const QString &message);
    void finishObject(QList<LogFrame> &frames);

    qsizetype m_maxFrameBytes;
    QByteArray m_current; // the object being read, from its '{'
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    QString m_error;
};

// One frame on its own (a complete JSON object); heartbeats decode to a frame
// with no data, file or event.
Decoded<LogFrame> decodeLogFrame(QByteArrayView json);

// The sizes of a task's rotated log files (index -> bytes) from
// /v1/client/fs/ls/<alloc>?path=/alloc/logs; type is "stdout" or "stderr".
Decoded<QMap<int, qint64>> decodeLogFileSizes(const QByteArray &json, const QString &task,
                                              const QString &type);

} // namespace dd
