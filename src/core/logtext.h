#pragma once
// Task output (stdout/stderr bytes as they arrive, cut anywhere) turned into
// text that is safe to show: invalid UTF-8 becomes U+FFFD, control bytes are
// shown as \xNN, ANSI colours become style spans and every other
// escape sequence is dropped, a carriage return keeps the last state of a
// progress line, and an endless line is cut at a maximum length.
// Pure and stateful across chunks, so it can run on any thread.

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace dd {

// A colour of the ANSI palette (0-255: 0-7 basic, 8-15 bright, 16-255 the
// xterm cube and greys), a 24-bit colour, or the view's default.
struct LogColor
{
    enum class Kind : quint8 { Default, Palette, Rgb };
    Kind kind = Kind::Default;
    quint32 value = 0; // palette index, or 0xRRGGBB

    static LogColor palette(int index) { return {Kind::Palette, quint32(index)}; }
    static LogColor rgb(quint32 rgb) { return {Kind::Rgb, rgb & 0xffffffu}; }
    bool operator==(const LogColor &) const = default;
};

struct LogStyle
{
    LogColor foreground;
    LogColor background;
    bool bold = false;
    bool underline = false;

    bool isDefault() const { return *this == LogStyle{}; }
    bool operator==(const LogStyle &) const = default;
};

// A run of `text` in one non-default style; text outside every span is plain.
struct LogSpan
{
    qsizetype start = 0;
    qsizetype length = 0;
    LogStyle style;
};

struct LogText
{
    QString text;
    QList<LogSpan> spans; // in order, not overlapping
    qsizetype lines = 0;  // '\n' in text

    bool isEmpty() const { return text.isEmpty(); }
    void append(const LogText &other);
    void clear() { *this = {}; }
    // Drops whole lines from the front until at most maxChars remain; returns
    // how many characters and lines were dropped.
    std::pair<qsizetype, qsizetype> trimFront(qsizetype maxChars);
};

class LogDecoder
{
public:
    struct Options
    {
        // A line without '\n' is cut here and continued on the next line.
        qsizetype maxLineLength = 8192;
        // false: colour sequences are stripped and no spans are produced.
        bool colours = true;
    };
    // Ends a line cut at maxLineLength.
    static constexpr QChar kCutMarker = QChar(0x21A9); // ↩

    LogDecoder();
    explicit LogDecoder(Options options);

    // The lines `bytes` completes, each ending in '\n'. The line still open is
    // kept (see pendingLine()).
    LogText decode(QByteArrayView bytes);
    // The line after the last '\n' as it stands now (a progress bar's latest state).
    LogText pendingLine() const;
    // End of the stream: a cut UTF-8 sequence becomes U+FFFD and the open line
    // is returned as a last line (with '\n'), then the decoder starts afresh.
    LogText finish();

private:
    void byte(uchar b);
    void codePoint(char32_t cp);
    void escapeChar(char32_t cp);
    void printable(char32_t cp);
    void text(QStringView s);
    void endLine(bool cut);
    void setStyle(const LogStyle &style);
    void applySgr();

    enum class Esc : quint8 { None, Escape, Intermediate, Csi, Osc, OscEscape };

    Options m_options;
    LogText m_out;
    // The open line.
    QString m_line;
    QList<LogSpan> m_lineSpans;
    qsizetype m_styleStart = 0;
    LogStyle m_style;
    bool m_carriageReturn = false;
    // UTF-8 state (the WHATWG decoder: one U+FFFD per maximal invalid subpart).
    char32_t m_cp = 0;
    int m_need = 0;
    int m_seen = 0;
    uchar m_lower = 0x80;
    uchar m_upper = 0xBF;
    // Escape sequence state.
    Esc m_esc = Esc::None;
    QByteArray m_params;
    qsizetype m_oscLength = 0;
};

// The last `count` non-empty lines of a log's end, safe to show (no colours,
// control bytes escaped, each line at most maxLineLength). `startsMidLine`:
// the bytes were cut from a longer log, so their first line is a fragment
// and is dropped (unless it is all there is).
QStringList lastLogLines(QByteArrayView bytes, int count, bool startsMidLine,
                         qsizetype maxLineLength = 300);

} // namespace dd
