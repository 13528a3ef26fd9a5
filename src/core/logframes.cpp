// The framed task-log decoder: an object scanner that tracks only strings and
// depth over the bytes as they arrive (no rescanning), then QJson on each
// complete frame, which is small.
#include "core/logframes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
// Frames are flat objects; anything deeper is not Nomad's.
constexpr int kMaxFrameDepth = 4;

bool isFrameSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}
} // namespace

int LogFrame::fileIndex() const
{
    const qsizetype dot = file.lastIndexOf(u'.');
    if (dot < 0)
        return -1;
    bool ok = false;
    const int index = file.mid(dot + 1).toInt(&ok);
    return ok && index >= 0 ? index : -1;
}

void LogFrameDecoder::fail(const QString &message)
{
    m_error = message;
    m_current.clear();
    m_current.squeeze();
}

QList<LogFrame> LogFrameDecoder::feed(QByteArrayView bytes)
{
    QList<LogFrame> frames;
    qsizetype i = 0;
    while (!failed() && i < bytes.size()) {
        if (m_depth == 0) {
            const char c = bytes[i++];
            if (isFrameSpace(c))
                continue;
            if (c != '{') {
                fail(u"the log stream had unexpected text between frames (byte 0x%1)"_s.arg(
                    uchar(c), 2, 16, QChar(u'0')));
                break;
            }
            m_current = QByteArray(1, '{');
            m_depth = 1;
            continue;
        }
        // Inside an object: copy up to its end (or the chunk's), tracking strings.
        const qsizetype start = i;
        for (; i < bytes.size() && m_depth > 0; ++i) {
            const char c = bytes[i];
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
            } else if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                if (++m_depth > kMaxFrameDepth) {
                    fail(u"a log frame was nested deeper than %1 levels"_s.arg(kMaxFrameDepth));
                    return frames;
                }
            } else if (c == '}' || c == ']') {
                --m_depth;
            }
        }
        if (m_current.size() + (i - start) > m_maxFrameBytes) {
            fail(u"a log frame was larger than %1 bytes"_s.arg(m_maxFrameBytes));
            break;
        }
        m_current.append(bytes.sliced(start, i - start));
        if (m_depth == 0)
            finishObject(frames);
    }
    return frames;
}

void LogFrameDecoder::finishObject(QList<LogFrame> &frames)
{
    const QByteArray object = std::exchange(m_current, {});
    auto frame = decodeLogFrame(object);
    if (!frame) {
        fail(frame.error().message);
        return;
    }
    if (frame->data.isEmpty() && frame->fileEvent.isEmpty())
        return; // a heartbeat, or a frame with nothing in it
    frames.append(std::move(*frame));
}

Decoded<LogFrame> decodeLogFrame(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(DecodeError{u"a log frame was not a JSON object: "_s +
                                           (doc.isNull() ? error.errorString() : u"wrong type"_s)});
    const QJsonObject o = doc.object();
    LogFrame frame;
    const QJsonValue data = o.value("Data"_L1);
    if (!data.isUndefined() && !data.isNull()) {
        if (!data.isString())
            return std::unexpected(DecodeError{u"a log frame's Data was not a string"_s});
        auto decoded = QByteArray::fromBase64Encoding(data.toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::unexpected(DecodeError{u"a log frame's Data was not base64"_s});
        frame.data = std::move(*decoded);
    }
    frame.file = o.value("File"_L1).toString();
    frame.fileEvent = o.value("FileEvent"_L1).toString();
    const QJsonValue offset = o.value("Offset"_L1);
    if (!offset.isUndefined()) {
        const double n = offset.toDouble(-1);
        if (!offset.isDouble() || n < 0 || n > 9.0e15 || n != double(qint64(n)))
            return std::unexpected(DecodeError{u"a log frame's Offset was not a byte offset"_s});
        frame.offset = qint64(n);
    }
    if (!frame.data.isEmpty() && frame.offset < frame.data.size())
        return std::unexpected(
            DecodeError{u"a log frame's Offset was before the end of its own data"_s});
    return frame;
}

Decoded<QMap<int, qint64>> decodeLogFileSizes(const QByteArray &json, const QString &task,
                                              const QString &type)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isArray())
        return std::unexpected(DecodeError{u"the log directory listing was not a JSON array"_s});
    const QString prefix = task + u'.' + type + u'.';
    QMap<int, qint64> sizes;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject entry = v.toObject();
        const QString name = entry.value("Name"_L1).toString();
        if (!name.startsWith(prefix) || entry.value("IsDir"_L1).toBool())
            continue;
        bool ok = false;
        const int index = QStringView(name).mid(prefix.size()).toInt(&ok);
        const double size = entry.value("Size"_L1).toDouble(-1);
        if (ok && index >= 0 && size >= 0)
            sizes.insert(index, qint64(size));
    }
    return sizes;
}

} // namespace dd
