// The log view's ring of decoded lines; see loglinebuffer.h.
#include "loglinebuffer.h"

#include <algorithm>

namespace dd::gui {

LogLineBuffer::LogLineBuffer(Limits limits)
    : m_limits(limits)
{
    m_limits.maxLines = std::max<qsizetype>(1, m_limits.maxLines);
    clear();
}

void LogLineBuffer::clear()
{
    m_lines.clear();
    m_runs.clear();
    m_runBase = 0;
    m_first = 0;
    m_openStart = 0;
    m_chars = 0;
    m_droppedLines = m_droppedChars = 0;
    m_lengths.clear();
    m_longest = 0;
    m_lines.push_back({});
    countLength(0, 1);
}

void LogLineBuffer::append(const LogText &complete, const LogText &open)
{
    popOpen();
    const QString &text = complete.text;
    qsizetype nextSpan = 0;
    qsizetype at = 0;
    while (at < text.size()) {
        qsizetype end = text.indexOf(u'\n', at);
        if (end < 0)
            end = text.size();
        push(QStringView(text).sliced(at, end - at), complete.spans, at, nextSpan);
        m_chars += end - at + 1;
        at = end + 1;
    }
    qsizetype openSpan = 0;
    push(open.text, open.spans, 0, openSpan);
    m_chars += open.text.size();
    trim();
}

void LogLineBuffer::skipAll(qsizetype lines, qsizetype chars)
{
    while (m_lines.size() > 1)
        popFront();
    m_first += lines;
    m_droppedLines += lines;
    m_droppedChars += chars;
}

void LogLineBuffer::push(QStringView text, const QList<LogSpan> &spans, qsizetype offset,
                         qsizetype &nextSpan)
{
    const qint64 firstRun = m_runBase + qint64(m_runs.size());
    const qsizetype end = offset + text.size();
    // Spans never cross a line (the decoder closes them at each '\n'); clip anyway.
    while (nextSpan < spans.size() && spans[nextSpan].start < end) {
        const LogSpan &s = spans[nextSpan];
        const qsizetype from = std::max(s.start, offset);
        const qsizetype to = std::min(s.start + s.length, end);
        if (to > from)
            m_runs.push_back({qint32(from - offset), qint32(to - from), s.style});
        if (s.start + s.length > end)
            break;
        ++nextSpan;
    }
    const qint64 start =
        m_lines.empty() ? m_openStart : m_lines.back().start + m_lines.back().text.size() + 1;
    m_lines.push_back({text.toString(), firstRun, start});
    countLength(text.size(), 1);
}

void LogLineBuffer::countLength(qsizetype length, int delta)
{
    if (size_t(length) >= m_lengths.size())
        m_lengths.resize(size_t(length) + 1);
    m_lengths[size_t(length)] += delta;
    m_longest = std::max(m_longest, length);
}

void LogLineBuffer::popOpen()
{
    const Line &open = m_lines.back();
    m_openStart = open.start;
    m_chars -= open.text.size();
    countLength(open.text.size(), -1);
    m_runs.resize(size_t(open.firstRun - m_runBase));
    m_lines.pop_back();
}

void LogLineBuffer::popFront()
{
    const Line &front = m_lines.front();
    const qint64 runs = m_lines[1].firstRun - front.firstRun;
    m_runs.erase(m_runs.begin(), m_runs.begin() + runs);
    m_runBase += runs;
    const qsizetype chars = front.text.size() + 1;
    countLength(front.text.size(), -1);
    m_chars -= chars;
    m_droppedChars += chars;
    ++m_droppedLines;
    ++m_first;
    m_lines.pop_front();
}

void LogLineBuffer::trim()
{
    while (m_lines.size() > 1 &&
           (completeLines() > m_limits.maxLines || m_chars > m_limits.maxChars))
        popFront();
}

QList<LogRun> LogLineBuffer::runs(qint64 line) const
{
    const size_t i = size_t(line - m_first);
    const qint64 from = m_lines[i].firstRun - m_runBase;
    const qint64 to =
        (i + 1 < m_lines.size() ? m_lines[i + 1].firstRun : m_runBase + qint64(m_runs.size())) -
        m_runBase;
    return QList<LogRun>(m_runs.begin() + from, m_runs.begin() + to);
}

qsizetype LogLineBuffer::longestLine() const
{
    while (m_longest > 0 && m_lengths[size_t(m_longest)] == 0)
        --m_longest;
    return m_longest;
}

qint64 LogLineBuffer::lineAtOffset(qint64 offset) const
{
    const qint64 absolute = m_lines.front().start + std::max<qint64>(0, offset);
    // The first line starting after the offset; the one before it holds it.
    const auto after =
        std::upper_bound(m_lines.begin() + 1, m_lines.end(), absolute,
                         [](qint64 value, const Line &line) { return value < line.start; });
    return m_first + qint64(after - m_lines.begin()) - 1;
}

QString LogLineBuffer::joined() const
{
    QString out;
    out.reserve(m_chars);
    for (const Line &line : m_lines) {
        out += line.text;
        if (&line != &m_lines.back())
            out += u'\n';
    }
    return out;
}

} // namespace dd::gui
