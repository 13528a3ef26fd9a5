#include "cli/safetextdevice.h"

namespace dd::cli {

namespace {
void appendEscape(QByteArray &out, char32_t c)
{
    static const char hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hex[(c >> shift) & 0xf];
}
} // namespace

SafeTextDevice::SafeTextDevice(QIODevice *target, QObject *parent)
    : QIODevice(parent)
    , m_target(target)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

QByteArray SafeTextDevice::escape(QByteArrayView utf8)
{
    QByteArray out;
    out.reserve(utf8.size());
    const auto *p = reinterpret_cast<const unsigned char *>(utf8.data());
    const qsizetype n = utf8.size();
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char b = p[i];
        if (b == '\t' || b == '\n') {
            out += char(b);
        } else if (b < 0x20 || b == 0x7f) {
            appendEscape(out, b);
        } else if (b == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
            appendEscape(out, p[i + 1]); // C1 control, U+0080..U+009F
            ++i;
        } else if (b == 0xe2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] >= 0xaa &&
                   p[i + 2] <= 0xae) {
            appendEscape(out, 0x2000 + (p[i + 2] - 0x80)); // U+202A..U+202E
            i += 2;
        } else if (b == 0xe2 && i + 2 < n && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 &&
                   p[i + 2] <= 0xa9) {
            appendEscape(out, 0x2040 + (p[i + 2] - 0x80)); // U+2066..U+2069
            i += 2;
        } else {
            out += char(b);
        }
    }
    return out;
}

qint64 SafeTextDevice::writeData(const char *data, qint64 size)
{
    if (!m_target)
        return -1;
    const QByteArray safe = escape(QByteArrayView(data, size));
    if (m_target->write(safe) != safe.size())
        return -1;
    return size;
}

void SafeTextDevice::writeRaw(const QByteArray &bytes)
{
    if (m_target)
        m_target->write(bytes);
}

void writeRaw(QIODevice *device, const QByteArray &bytes)
{
    if (auto *safe = qobject_cast<SafeTextDevice *>(device))
        safe->writeRaw(bytes);
    else
        device->write(bytes);
}

} // namespace dd::cli
