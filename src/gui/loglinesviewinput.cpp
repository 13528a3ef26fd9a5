// The log's lines and the user: selecting with the mouse (drag, shift-click,
// double-click a word, dragging past an edge scrolls), the keyboard (arrows,
// pages, Home, End scroll; Ctrl+C, Ctrl+A; Shift selects, in
// loglinesviewcursor.cpp), the wheel and the context menu.
#include "loglinebuffer.h"
#include "loglinesview.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace dd::gui {

bool LogLinesView::isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.isMark();
}

LogPosition LogLinesView::clampToKept(LogPosition position) const
{
    const LogPosition start{m_lines.firstLine(), 0};
    const LogPosition end{m_lines.lastLine(), m_lines.text(m_lines.lastLine()).size()};
    // Lines dropped from the front take a place on them to the first line
    // kept; a redrawn open line may have become shorter.
    position = std::clamp(position, start, end);
    position.column = std::min(position.column, m_lines.text(position.line).size());
    return position;
}

std::pair<LogPosition, LogPosition> LogLinesView::selection() const
{
    return {clampToKept(std::min(m_anchor, m_cursor)), clampToKept(std::max(m_anchor, m_cursor))};
}

LogPosition LogLinesView::cursorPosition() const
{
    if (m_cursorPlaced)
        return clampToKept(m_cursor);
    if (m_follow)
        return clampToKept({m_lines.lastLine(), m_lines.text(m_lines.lastLine()).size()});
    return clampToKept({m_top, 0});
}

void LogLinesView::changeSelection(LogPosition anchor, LogPosition cursor)
{
    const auto selectionBefore = selection();
    const LogPosition cursorBefore = cursorPosition();
    m_anchor = anchor;
    m_cursor = cursor;
    m_cursorPlaced = true;
    viewport()->update();
    // An empty selection that moves (a click) changes no text selected.
    const auto selectionAfter = selection();
    const bool selectionMoved =
        selectionAfter != selectionBefore && (selectionBefore.first < selectionBefore.second ||
                                              selectionAfter.first < selectionAfter.second);
    const bool cursorMoved = cursorPosition() != cursorBefore;
    if (selectionMoved)
        Q_EMIT selectionChanged();
    if (cursorMoved)
        Q_EMIT cursorPositionChanged();
    notifyAccessibility(selectionMoved, cursorMoved);
}

bool LogLinesView::hasSelection() const
{
    const auto [from, to] = selection();
    return from < to;
}

void LogLinesView::setSelection(LogPosition anchor, LogPosition cursor)
{
    changeSelection(anchor, cursor);
}

void LogLinesView::selectAll()
{
    const qint64 last = m_lines.lastLine();
    setSelection({m_lines.firstLine(), 0}, {last, m_lines.text(last).size()});
}

void LogLinesView::clearSelection()
{
    const LogPosition cursor = cursorPosition();
    changeSelection(cursor, cursor);
}

QString LogLinesView::selectedText() const
{
    const auto [from, to] = selection();
    QString out;
    for (qint64 line = from.line; from < to && line <= to.line; ++line) {
        const QString &text = m_lines.text(line);
        const qsizetype start = line == from.line ? from.column : 0;
        const qsizetype end = line == to.line ? to.column : text.size();
        out += QStringView(text).sliced(start, end - start);
        if (line != to.line)
            out += u'\n';
    }
    return out;
}

QPoint LogLinesView::pointOf(LogPosition position) const
{
    const int height = viewport()->height();
    if (!m_lines.contains(position.line) || position.line < m_top)
        return {textX(), -m_rowHeight};
    int y = -m_topRow * m_rowHeight;
    for (qint64 line = m_top; line < position.line; ++line) {
        y += rowCount(line) * m_rowHeight;
        if (y >= height)
            return {textX(), height + m_rowHeight};
    }
    const QTextLayout *layout = layoutOf(position.line, position.column + 1);
    const int column = int(std::min(position.column, layout->text().size()));
    QTextLine row = layout->lineForTextPosition(column);
    if (!row.isValid())
        row = layout->lineAt(layout->lineCount() - 1);
    return {textX() + int(row.cursorToX(column)),
            y + row.lineNumber() * m_rowHeight + m_rowHeight / 2};
}

LogPosition LogLinesView::positionAt(QPoint point) const
{
    const qint64 last = m_lines.lastLine();
    qint64 line = std::max(m_top, m_lines.firstLine());
    int y = m_top >= m_lines.firstLine() ? -m_topRow * m_rowHeight : 0;
    for (;; ++line) {
        const QTextLayout *layout = layoutOf(line);
        const int rows = std::max(1, layout->lineCount());
        const int bottom = y + rows * m_rowHeight;
        if (point.y() < bottom || line == last) {
            if (point.y() >= bottom)
                return {line, m_lines.text(line).size()}; // below the last line
            const int row = std::clamp((point.y() - y) / m_rowHeight, 0, rows - 1);
            return {line, layout->lineAt(row).xToCursor(point.x() - textX())};
        }
        y = bottom;
    }
}

bool LogLinesView::event(QEvent *event)
{
    // Copy and Select all belong to the log while it has focus, not to a window's menu.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) || key->matches(QKeySequence::SelectAll)) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void LogLinesView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        Q_EMIT copyRequested();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    if (selectByKey(event))
        return;
    QScrollBar *horizontal = horizontalScrollBar();
    const int page = std::max(1, visibleRows() - 1);
    switch (event->key()) {
    case Qt::Key_Up:
        scrollRows(-1);
        break;
    case Qt::Key_Down:
        scrollRows(1);
        break;
    case Qt::Key_PageUp:
        scrollRows(-page);
        break;
    case Qt::Key_PageDown:
        scrollRows(page);
        break;
    case Qt::Key_Home:
        horizontal->setValue(0);
        scrollToTop();
        break;
    case Qt::Key_End:
        horizontal->setValue(0);
        followEnd();
        break;
    case Qt::Key_Left:
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Right:
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void LogLinesView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        event->ignore();
        return;
    }
    const QPoint delta = event->angleDelta();
    if (delta.x() != 0 && !m_wrap) {
        QScrollBar *horizontal = horizontalScrollBar();
        horizontal->setValue(horizontal->value() - delta.x() * horizontal->singleStep() / 40);
    }
    if (delta.y() != 0) {
        // Fine-grained wheels send less than a notch (120) at a time.
        m_wheel += delta.y() * QApplication::wheelScrollLines();
        const int rows = m_wheel / 120;
        m_wheel -= rows * 120;
        if (rows != 0)
            scrollRows(-rows);
    }
    event->accept();
}

void LogLinesView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const LogPosition at = positionAt(event->position().toPoint());
    m_selecting = true;
    m_dragPoint = event->position().toPoint();
    if (event->modifiers() & Qt::ShiftModifier)
        extendSelection(at);
    else
        changeSelection(at, at);
}

void LogLinesView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_selecting || !(event->buttons() & Qt::LeftButton))
        return;
    m_dragPoint = event->position().toPoint();
    // Past an edge the view scrolls while the button is held.
    if (viewport()->rect().contains(m_dragPoint))
        m_dragTimer->stop();
    else if (!m_dragTimer->isActive())
        m_dragTimer->start();
    changeSelection(m_anchor, positionAt(m_dragPoint));
}

void LogLinesView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_selecting = false;
        m_dragTimer->stop();
    }
}

void LogLinesView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const LogPosition at = positionAt(event->position().toPoint());
    const QString &text = m_lines.text(at.line);
    if (at.column >= text.size() || !isWordChar(text[at.column])) {
        setSelection(at, {at.line, std::min(at.column + 1, text.size())});
        return;
    }
    qsizetype start = at.column;
    qsizetype end = at.column;
    while (start > 0 && isWordChar(text[start - 1]))
        --start;
    while (end < text.size() && isWordChar(text[end]))
        ++end;
    setSelection({at.line, start}, {at.line, end});
}

void LogLinesView::dragScroll()
{
    const QRect rect = viewport()->rect();
    if (m_dragPoint.y() < rect.top())
        scrollRows(-1 - (rect.top() - m_dragPoint.y()) / m_rowHeight);
    else if (m_dragPoint.y() > rect.bottom())
        scrollRows(1 + (m_dragPoint.y() - rect.bottom()) / m_rowHeight);
    QScrollBar *horizontal = horizontalScrollBar();
    if (m_dragPoint.x() < rect.left())
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (m_dragPoint.x() > rect.right())
        horizontal->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    changeSelection(m_anchor, positionAt(m_dragPoint));
}

void LogLinesView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(hasSelection() ? tr("Copy") : tr("Copy All"));
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &LogLinesView::copyRequested);
    QAction *all = menu.addAction(tr("Select All"));
    all->setShortcut(QKeySequence::SelectAll);
    connect(all, &QAction::triggered, this, &LogLinesView::selectAll);
    menu.exec(event->globalPos());
}

} // namespace dd::gui
