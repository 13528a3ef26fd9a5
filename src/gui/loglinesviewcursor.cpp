// Selecting with the keyboard, as in a read-only text editor: Shift with the
// arrows, Home, End and the page keys moves the text cursor and the selection
// follows it from its anchor; with Ctrl too, by words or to the log's ends.
// Without Shift the keys keep scrolling (loglinesviewinput.cpp): reading a
// log that moves is what they are for, and the cursor stays where it was.
#include "loglinebuffer.h"
#include "loglinesview.h"

#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBoundaryFinder>

#include <algorithm>

namespace dd::gui {

bool LogLinesView::selectByKey(QKeyEvent *event)
{
    const LogPosition at = cursorPosition();
    const qint64 last = m_lines.lastLine();
    const int page = std::max(1, visibleRows() - 1);
    LogPosition to;
    if (event->matches(QKeySequence::SelectNextChar)) {
        to = charStep(at, 1);
    } else if (event->matches(QKeySequence::SelectPreviousChar)) {
        to = charStep(at, -1);
    } else if (event->matches(QKeySequence::SelectNextWord)) {
        to = wordStep(at, 1);
    } else if (event->matches(QKeySequence::SelectPreviousWord)) {
        to = wordStep(at, -1);
    } else if (event->matches(QKeySequence::SelectNextLine)) {
        to = rowStep(at, 1);
    } else if (event->matches(QKeySequence::SelectPreviousLine)) {
        to = rowStep(at, -1);
    } else if (event->matches(QKeySequence::SelectNextPage)) {
        // The page scrolls with the cursor, which stays on its row on screen.
        scrollRows(page);
        to = rowStep(at, page);
    } else if (event->matches(QKeySequence::SelectPreviousPage)) {
        scrollRows(-page);
        to = rowStep(at, -page);
    } else if (event->matches(QKeySequence::SelectStartOfLine)) {
        to = {at.line, 0};
    } else if (event->matches(QKeySequence::SelectEndOfLine)) {
        to = {at.line, m_lines.text(at.line).size()};
    } else if (event->matches(QKeySequence::SelectStartOfDocument)) {
        to = {m_lines.firstLine(), 0};
    } else if (event->matches(QKeySequence::SelectEndOfDocument)) {
        to = {last, m_lines.text(last).size()};
    } else {
        return false;
    }
    extendSelection(to);
    ensureVisible(to);
    event->accept();
    return true;
}

void LogLinesView::extendSelection(LogPosition to)
{
    // Without a selection the cursor is its own anchor, wherever it is now
    // (the end of a followed log, before any click).
    const LogPosition anchor = m_cursorPlaced && hasSelection() ? m_anchor : cursorPosition();
    changeSelection(anchor, to);
}

LogPosition LogLinesView::charStep(LogPosition from, int direction) const
{
    const QString &text = m_lines.text(from.line);
    if (direction > 0 && from.column >= text.size())
        return from.line < m_lines.lastLine() ? LogPosition{from.line + 1, 0} : from;
    if (direction < 0 && from.column == 0) {
        if (from.line <= m_lines.firstLine())
            return from;
        return {from.line - 1, m_lines.text(from.line - 1).size()};
    }
    // A character as the reader sees it: a letter and its accents, an emoji.
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    graphemes.setPosition(from.column);
    const qsizetype column =
        direction > 0 ? graphemes.toNextBoundary() : graphemes.toPreviousBoundary();
    return {from.line, column < 0 ? from.column : column};
}

LogPosition LogLinesView::wordStep(LogPosition from, int direction) const
{
    const QString &text = m_lines.text(from.line);
    qsizetype column = from.column;
    if (direction > 0) {
        if (column >= text.size())
            return charStep(from, 1);
        // To the start of the next word, as a text editor goes.
        while (column < text.size() && isWordChar(text[column]))
            ++column;
        while (column < text.size() && !isWordChar(text[column]))
            ++column;
    } else {
        if (column == 0)
            return charStep(from, -1);
        while (column > 0 && !isWordChar(text[column - 1]))
            --column;
        while (column > 0 && isWordChar(text[column - 1]))
            --column;
    }
    return {from.line, column};
}

LogPosition LogLinesView::rowStep(LogPosition from, int rows)
{
    const QTextLayout *layout = layoutOf(from.line, from.column + 1);
    const int column = int(std::min(from.column, layout->text().size()));
    const QTextLine start = layout->lineForTextPosition(column);
    qreal x = start.isValid() ? start.cursorToX(column) : 0;
    int row = start.isValid() ? start.lineNumber() : 0;
    if (from == m_verticalFor) {
        x = m_verticalX;
        row = m_verticalRow;
    }
    qint64 line = from.line;
    LogPosition to{-1, 0};
    for (; rows > 0; --rows) {
        if (row + 1 < rowCount(line)) {
            ++row;
        } else if (line < m_lines.lastLine()) {
            ++line;
            row = 0;
        } else {
            // Down on the last row goes to its end, as in an editor.
            to = {line, m_lines.text(line).size()};
            break;
        }
    }
    for (; rows < 0; ++rows) {
        if (row > 0) {
            --row;
        } else if (line > m_lines.firstLine()) {
            --line;
            row = rowCount(line) - 1;
        } else {
            to = {line, 0};
            break;
        }
    }
    if (to.line < 0) {
        // Without wrap, enough of a long line to reach x (tabs take 8 cells).
        const QTextLayout *target = layoutOf(line, qsizetype(x / m_charWidth) + 64);
        to = {line, target->lineAt(std::min(row, target->lineCount() - 1)).xToCursor(x)};
    }
    m_verticalFor = to;
    m_verticalX = x;
    m_verticalRow = row;
    return to;
}

void LogLinesView::ensureVisible(LogPosition position)
{
    const QTextLayout *layout = layoutOf(position.line, position.column + 1);
    const int column = int(std::min(position.column, layout->text().size()));
    const QTextLine textRow = layout->lineForTextPosition(column);
    int row = textRow.isValid() ? textRow.lineNumber() : 0;
    if (position == m_verticalFor)
        row = std::min(m_verticalRow, layout->lineCount() - 1);
    const int rows = visibleRows();
    if (std::pair(position.line, row) < std::pair(m_top, m_topRow)) {
        m_top = position.line;
        m_topRow = row;
    } else if (position.line - m_top > rows) {
        // Far below: its row at the bottom, without laying out the lines between.
        m_top = position.line;
        m_topRow = row;
        for (int up = rows - 1; up > 0; --up) {
            if (m_topRow > 0) {
                --m_topRow;
            } else if (m_top > m_lines.firstLine()) {
                --m_top;
                m_topRow = rowCount(m_top) - 1;
            } else {
                break;
            }
        }
    } else {
        int below = row - m_topRow;
        for (qint64 line = m_top; line < position.line; ++line)
            below += rowCount(line);
        if (below >= rows)
            scrollRows(below - rows + 1);
    }
    if (!m_wrap && textRow.isValid()) {
        const int x = int(textRow.cursorToX(column));
        QScrollBar *horizontal = horizontalScrollBar();
        const int width = viewport()->width() - 2 * kMargin;
        if (x < horizontal->value())
            horizontal->setValue(x);
        else if (x > horizontal->value() + width)
            horizontal->setValue(x - width);
    }
    userScrolled();
}

} // namespace dd::gui
