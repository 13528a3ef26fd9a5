#pragma once
// The lines a log view keeps: a ring of decoded lines (one QString each, no
// '\n') with their style runs, numbered from the start of the stream so that
// a position (a match, a selection, the line at the top) still names the same
// text after older lines were dropped from the front. Appending costs only
// the new lines and dropping the oldest costs only the dropped ones: nothing
// here is laid out or drawn (LogLinesView does that for the lines in view).

#include "core/logtext.h"

#include <QList>
#include <QString>

#include <deque>
#include <vector>

namespace dd::gui {

// A run of one line's text in one non-default style.
struct LogRun
{
    qint32 start = 0;
    qint32 length = 0;
    LogStyle style;
};

class LogLineBuffer
{
public:
    struct Limits
    {
        qsizetype maxLines = 100000;  // complete lines kept
        qsizetype maxChars = 8000000; // characters kept, a '\n' counting as one
    };

    explicit LogLineBuffer(Limits limits);

    // Complete lines (each ending in '\n', as LogDecoder::decode() returns
    // them) and the open line as it stands now (LogDecoder::pendingLine()).
    // The oldest complete lines go when a limit is passed; the open line stays.
    void append(const LogText &complete, const LogText &open);
    // Every complete line kept, and `lines` lines (`chars` characters) after
    // them, went by unseen: a burst bigger than the whole window.
    void skipAll(qsizetype lines, qsizetype chars);
    // Forgets everything; lines are numbered from 0 again.
    void clear();

    // Lines kept are [firstLine(), endLine()); the last is the open line (often empty).
    qint64 firstLine() const { return m_first; }
    qint64 endLine() const { return m_first + qint64(m_lines.size()); }
    qint64 lastLine() const { return endLine() - 1; }
    // Lines kept, with the open one (like QTextDocument::blockCount()).
    qsizetype lineCount() const { return qsizetype(m_lines.size()); }
    qsizetype completeLines() const { return lineCount() - 1; }
    qsizetype charCount() const { return m_chars; }
    qsizetype droppedLines() const { return m_droppedLines; }
    qsizetype droppedChars() const { return m_droppedChars; }
    bool contains(qint64 line) const { return line >= m_first && line < endLine(); }

    // `line` must be kept (contains()).
    const QString &text(qint64 line) const { return at(line).text; }
    QList<LogRun> runs(qint64 line) const;
    // The most characters in one line kept (the width a view may need).
    qsizetype longestLine() const;
    // The lines kept, '\n' between them (a complete last line leaves an empty open line).
    QString joined() const;
    // Where a kept line starts in joined(), without joining: O(1).
    qint64 offsetOf(qint64 line) const { return at(line).start - m_lines.front().start; }
    // The kept line holding that offset of joined() (a '\n' belongs to the
    // line it ends), clamped to the lines kept: O(log lines).
    qint64 lineAtOffset(qint64 offset) const;

private:
    struct Line
    {
        QString text;
        qint64 firstRun = 0; // in m_runs, counted from m_runBase
        qint64 start = 0;    // characters before it since the stream started
    };

    const Line &at(qint64 line) const { return m_lines[size_t(line - m_first)]; }
    void push(QStringView text, const QList<LogSpan> &spans, qsizetype offset, qsizetype &nextSpan);
    void popOpen();
    void popFront();
    void trim();
    void countLength(qsizetype length, int delta);

    Limits m_limits;
    std::deque<Line> m_lines;
    std::deque<LogRun> m_runs;
    qint64 m_runBase = 0;
    qint64 m_first = 0;
    qint64 m_openStart = 0; // the open line's start while it is redrawn
    qsizetype m_chars = 0;
    qsizetype m_droppedLines = 0;
    qsizetype m_droppedChars = 0;
    // How many lines kept have each length (lines are cut at the decoder's
    // maxLineLength), so the longest is known without looking at every line.
    std::vector<qint32> m_lengths;
    mutable qsizetype m_longest = 0;
};

} // namespace dd::gui
