// Task output bytes to safe display text; see logtext.h.
#include "logtext.h"

#include <utility>

namespace dd {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
// Longer CSI parameters or OSC strings are not a terminal's doing: give up on them.
constexpr qsizetype kMaxCsiParams = 64;
constexpr qsizetype kMaxOscLength = 4096;

// Characters a text document would act on (paragraph and line separators,
// object markers) or that reorder what follows (bidirectional overrides).
bool needsVisibleEscape(char32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFC ||
           (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

} // namespace

void LogText::append(const LogText &other)
{
    const qsizetype shift = text.size();
    text += other.text;
    spans.reserve(spans.size() + other.spans.size());
    for (LogSpan span : other.spans) {
        span.start += shift;
        spans.append(span);
    }
    lines += other.lines;
}

std::pair<qsizetype, qsizetype> LogText::trimFront(qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return {0, 0};
    const qsizetype excess = text.size() - maxChars;
    const qsizetype newline = text.indexOf(u'\n', excess - 1);
    const qsizetype cut = newline < 0 ? text.size() : newline + 1;
    const qsizetype droppedLines = QStringView(text).left(cut).count(u'\n');
    text.remove(0, cut);
    lines -= droppedLines;
    QList<LogSpan> kept;
    for (LogSpan span : std::as_const(spans)) {
        if (span.start + span.length <= cut)
            continue;
        span.start -= cut;
        kept.append(span);
    }
    spans = std::move(kept);
    return {cut, droppedLines};
}

LogDecoder::LogDecoder()
    : LogDecoder(Options{})
{}

LogDecoder::LogDecoder(Options options)
    : m_options(options)
{
    if (m_options.maxLineLength < 16)
        m_options.maxLineLength = 16;
}

LogText LogDecoder::decode(QByteArrayView bytes)
{
    const char *data = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        // Most output is printable ASCII: take runs of it at once.
        if (m_need == 0 && m_esc == Esc::None && !m_carriageReturn) {
            const qsizetype room = m_options.maxLineLength - m_line.size();
            qsizetype j = i;
            while (j < size && j - i < room && uchar(data[j]) >= 0x20 && uchar(data[j]) < 0x7F)
                ++j;
            if (j > i) {
                m_line.append(QLatin1StringView(data + i, j - i));
                i = j;
                continue;
            }
        }
        byte(uchar(data[i]));
        ++i;
    }
    return std::exchange(m_out, {});
}

void LogDecoder::byte(uchar b)
{
    if (m_need == 0) {
        if (b < 0x80) {
            codePoint(b);
        } else if (b >= 0xC2 && b <= 0xDF) {
            m_need = 1;
            m_cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            if (b == 0xE0)
                m_lower = 0xA0; // overlong
            if (b == 0xED)
                m_upper = 0x9F; // surrogates
            m_need = 2;
            m_cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            if (b == 0xF0)
                m_lower = 0x90; // overlong
            if (b == 0xF4)
                m_upper = 0x8F; // above U+10FFFF
            m_need = 3;
            m_cp = b & 0x07;
        } else {
            codePoint(kReplacement);
        }
        return;
    }
    if (b < m_lower || b > m_upper) {
        // The sequence so far is one error; the byte starts afresh.
        m_need = m_seen = 0;
        m_cp = 0;
        m_lower = 0x80;
        m_upper = 0xBF;
        codePoint(kReplacement);
        byte(b);
        return;
    }
    m_lower = 0x80;
    m_upper = 0xBF;
    m_cp = (m_cp << 6) | (b & 0x3F);
    if (++m_seen == m_need) {
        const char32_t cp = m_cp;
        m_need = m_seen = 0;
        m_cp = 0;
        codePoint(cp);
    }
}

void LogDecoder::codePoint(char32_t cp)
{
    if (m_esc != Esc::None) {
        escapeChar(cp);
        return;
    }
    switch (cp) {
    case 0x1B:
        m_esc = Esc::Escape;
        return;
    case u'\n':
        endLine(false);
        return;
    case u'\r':
        m_carriageReturn = true;
        return;
    case u'\t':
        printable(cp);
        return;
    default:
        break;
    }
    if (cp < 0x20 || cp == 0x7F) {
        // As \xNN: fonts rarely have the Control Pictures block (␀ ␇) to show them.
        text(QStringLiteral("\\x%1").arg(quint32(cp), 2, 16, QLatin1Char('0')));
    } else if (needsVisibleEscape(cp)) {
        text(QStringLiteral("<U+%1>").arg(quint32(cp), 4, 16, QLatin1Char('0')).toUpper());
    } else {
        printable(cp);
    }
}

void LogDecoder::escapeChar(char32_t cp)
{
    const auto restart = [this](char32_t c) {
        m_esc = Esc::None;
        codePoint(c);
    };
    switch (m_esc) {
    case Esc::None:
        break;
    case Esc::Escape:
        if (cp == u'[') {
            m_esc = Esc::Csi;
            m_params.clear();
        } else if (cp == u']') {
            m_esc = Esc::Osc;
            m_oscLength = 0;
        } else if (cp >= 0x20 && cp <= 0x2F) {
            m_esc = Esc::Intermediate;
        } else if (cp >= 0x30 && cp <= 0x7E) {
            m_esc = Esc::None; // a two-character sequence: ESC 7, ESC =, ESC c...
        } else {
            restart(cp);
        }
        break;
    case Esc::Intermediate:
        if (cp >= 0x30 && cp <= 0x7E)
            m_esc = Esc::None;
        else if (cp < 0x20 || cp > 0x2F)
            restart(cp);
        break;
    case Esc::Csi:
        if (cp >= 0x20 && cp <= 0x3F) {
            if (m_params.size() < kMaxCsiParams)
                m_params.append(char(cp));
            else
                m_params = QByteArrayLiteral("!"); // not a colour: ignored at the end
        } else if (cp >= 0x40 && cp <= 0x7E) {
            m_esc = Esc::None;
            if (cp == u'm' && m_options.colours)
                applySgr();
        } else {
            restart(cp);
        }
        break;
    case Esc::Osc:
        if (cp == 0x07 || cp == 0x9C) {
            m_esc = Esc::None;
        } else if (cp == 0x1B) {
            m_esc = Esc::OscEscape;
        } else if (cp == u'\n' || ++m_oscLength > kMaxOscLength) {
            restart(cp); // never swallow lines after a stray ESC ]
        }
        break;
    case Esc::OscEscape:
        if (cp == u'\\') {
            m_esc = Esc::None;
        } else {
            m_esc = Esc::Escape;
            escapeChar(cp);
        }
        break;
    }
}

void LogDecoder::printable(char32_t cp)
{
    if (m_carriageReturn) {
        // A carriage return and more text: the line is drawn again (a progress bar).
        m_carriageReturn = false;
        m_line.clear();
        m_lineSpans.clear();
        m_styleStart = 0;
    }
    const qsizetype width = cp > 0xFFFF ? 2 : 1;
    if (m_line.size() + width > m_options.maxLineLength)
        endLine(true);
    if (width == 2) {
        m_line.append(QChar::highSurrogate(cp));
        m_line.append(QChar::lowSurrogate(cp));
    } else {
        m_line.append(QChar(char16_t(cp)));
    }
}

void LogDecoder::text(QStringView s)
{
    for (QChar c : s)
        printable(c.unicode());
}

void LogDecoder::endLine(bool cut)
{
    if (!m_style.isDefault() && m_line.size() > m_styleStart)
        m_lineSpans.append({m_styleStart, m_line.size() - m_styleStart, m_style});
    if (cut)
        m_line.append(kCutMarker);
    const qsizetype shift = m_out.text.size();
    for (LogSpan span : std::as_const(m_lineSpans)) {
        span.start += shift;
        m_out.spans.append(span);
    }
    m_out.text += m_line;
    m_out.text += u'\n';
    ++m_out.lines;
    m_line.clear();
    m_lineSpans.clear();
    m_styleStart = 0;
    m_carriageReturn = false;
}

void LogDecoder::setStyle(const LogStyle &style)
{
    if (style == m_style)
        return;
    if (!m_style.isDefault() && m_line.size() > m_styleStart)
        m_lineSpans.append({m_styleStart, m_line.size() - m_styleStart, m_style});
    m_style = style;
    m_styleStart = m_line.size();
}

void LogDecoder::applySgr()
{
    // Private parameters (ESC [ ? ...) or intermediates are not colours.
    for (char c : std::as_const(m_params)) {
        if (!(c >= '0' && c <= '9') && c != ';' && c != ':')
            return;
    }
    // ':' separates sub-parameters (38:5:n); they are read as ';' would be.
    QByteArray flat = m_params;
    flat.replace(':', ';');
    QList<int> p;
    for (const QByteArray &part : flat.split(';'))
        p.append(part.isEmpty() ? 0 : part.toInt());
    if (p.isEmpty())
        p.append(0);
    LogStyle s = m_style;
    for (qsizetype i = 0; i < p.size(); ++i) {
        const int n = p[i];
        const auto extended = [&](LogColor &colour) {
            if (i + 2 < p.size() && p[i + 1] == 5) {
                colour = LogColor::palette(qBound(0, p[i + 2], 255));
                i += 2;
            } else if (i + 4 < p.size() && p[i + 1] == 2) {
                colour = LogColor::rgb(quint32(qBound(0, p[i + 2], 255)) << 16 |
                                       quint32(qBound(0, p[i + 3], 255)) << 8 |
                                       quint32(qBound(0, p[i + 4], 255)));
                i += 4;
            } else {
                i = p.size();
            }
        };
        if (n == 0)
            s = {};
        else if (n == 1)
            s.bold = true;
        else if (n == 4)
            s.underline = true;
        else if (n == 21 || n == 22)
            s.bold = false;
        else if (n == 24)
            s.underline = false;
        else if (n >= 30 && n <= 37)
            s.foreground = LogColor::palette(n - 30);
        else if (n == 38)
            extended(s.foreground);
        else if (n == 39)
            s.foreground = {};
        else if (n >= 40 && n <= 47)
            s.background = LogColor::palette(n - 40);
        else if (n == 48)
            extended(s.background);
        else if (n == 49)
            s.background = {};
        else if (n >= 90 && n <= 97)
            s.foreground = LogColor::palette(n - 90 + 8);
        else if (n >= 100 && n <= 107)
            s.background = LogColor::palette(n - 100 + 8);
    }
    setStyle(s);
}

LogText LogDecoder::pendingLine() const
{
    LogText t;
    t.text = m_line;
    t.spans = m_lineSpans;
    if (!m_style.isDefault() && m_line.size() > m_styleStart)
        t.spans.append({m_styleStart, m_line.size() - m_styleStart, m_style});
    return t;
}

LogText LogDecoder::finish()
{
    if (m_need > 0) {
        m_need = m_seen = 0;
        m_lower = 0x80;
        m_upper = 0xBF;
        codePoint(kReplacement);
    }
    m_esc = Esc::None;
    if (!m_line.isEmpty())
        endLine(false);
    LogText out = std::exchange(m_out, {});
    *this = LogDecoder(m_options);
    return out;
}

QStringList lastLogLines(QByteArrayView bytes, int count, bool startsMidLine,
                         qsizetype maxLineLength)
{
    LogDecoder decoder({maxLineLength, false});
    LogText text = decoder.decode(bytes);
    text.append(decoder.finish());
    QStringList lines = text.text.split(u'\n');
    if (startsMidLine && lines.size() > 2)
        lines.removeFirst();
    QStringList out;
    for (qsizetype i = lines.size() - 1; i >= 0 && out.size() < count; --i) {
        if (!lines[i].trimmed().isEmpty())
            out.prepend(lines[i]);
    }
    return out;
}

} // namespace dd
