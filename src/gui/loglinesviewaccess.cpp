// The log's text for screen readers: a read-only, multi-line text with a
// cursor and a selection, its offsets counted over the lines kept joined with
// '\n' (LogLineBuffer::joined()). Nothing here joins the whole log unless a
// reader asks for all of it: offsets map to lines through the buffer's
// running starts, and words, sentences and lines are found in the few lines
// around an offset.
#include "loglinebuffer.h"
#include "loglinesview.h"

#include <QAccessible>
#include <QAccessibleWidget>

#include <algorithm>

namespace dd::gui {

namespace {

LogPosition logPositionOf(const LogLineBuffer &lines, qint64 offset)
{
    const qint64 line = lines.lineAtOffset(offset);
    const qint64 column =
        std::clamp<qint64>(offset - lines.offsetOf(line), 0, lines.text(line).size());
    return {line, qsizetype(column)};
}

int logOffsetOf(const LogLineBuffer &lines, LogPosition position)
{
    return int(lines.offsetOf(position.line) + position.column);
}

// Qt's own rules for characters, words, sentences and lines (the defaults of
// QAccessibleTextInterface, which read all of the text they are given) over a
// few lines of the log: none of them crosses a '\n'.
class LogTextWindow : public QAccessibleTextInterface
{
public:
    explicit LogTextWindow(QString text)
        : m_text(std::move(text))
    {}
    QString text(int start, int end) const override { return m_text.mid(start, end - start); }
    int characterCount() const override { return int(m_text.size()); }
    // Not asked by the boundary functions.
    void selection(int, int *start, int *end) const override { *start = *end = 0; }
    int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    QString attributes(int offset, int *start, int *end) const override
    {
        *start = *end = offset;
        return {};
    }

private:
    QString m_text;
};

class LogLinesViewAccessible : public QAccessibleWidget, public QAccessibleTextInterface
{
public:
    explicit LogLinesViewAccessible(LogLinesView *view)
        : QAccessibleWidget(view, QAccessible::EditableText)
    {}

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::TextInterface)
            return static_cast<QAccessibleTextInterface *>(this);
        return QAccessibleWidget::interface_cast(type);
    }

    QAccessible::State state() const override
    {
        QAccessible::State s = QAccessibleWidget::state();
        s.readOnly = true;
        s.editable = false;
        s.multiLine = true;
        s.selectableText = true;
        return s;
    }

    QString text(QAccessible::Text t) const override
    {
        QString said = QAccessibleWidget::text(t);
        if (t == QAccessible::Name && said.isEmpty())
            said = LogLinesView::tr("Log");
        return said;
    }

    // QAccessibleTextInterface
    void selection(int index, int *start, int *end) const override
    {
        *start = *end = 0;
        if (index != 0 || !view()->hasSelection())
            return;
        const auto [from, to] = view()->selection();
        *start = logOffsetOf(lines(), from);
        *end = logOffsetOf(lines(), to);
    }
    int selectionCount() const override { return view()->hasSelection() ? 1 : 0; }
    void addSelection(int start, int end) override { setSelection(0, start, end); }
    void removeSelection(int index) override
    {
        if (index == 0)
            view()->clearSelection();
    }
    void setSelection(int index, int start, int end) override
    {
        if (index == 0)
            view()->setSelection(positionOf(start), positionOf(end));
    }
    int cursorPosition() const override { return logOffsetOf(lines(), view()->cursorPosition()); }
    void setCursorPosition(int offset) override
    {
        const LogPosition at = positionOf(offset);
        view()->setSelection(at, at);
    }
    int characterCount() const override { return int(lines().charCount()); }
    QString text(int start, int end) const override
    {
        start = std::clamp(start, 0, characterCount());
        end = std::clamp(end, start, characterCount());
        const LogPosition from = positionOf(start);
        const LogPosition to = positionOf(end);
        QString out;
        for (qint64 line = from.line; line <= to.line; ++line) {
            const QString &text = lines().text(line);
            const qsizetype begin = line == from.line ? from.column : 0;
            const qsizetype stop = line == to.line ? to.column : text.size();
            out += QStringView(text).sliced(begin, stop - begin);
            if (line != to.line)
                out += u'\n';
        }
        return out;
    }
    QRect characterRect(int offset) const override
    {
        const LogPosition at = positionOf(offset);
        const QPoint point = view()->pointOf(at);
        QWidget *viewport = view()->viewport();
        if (!viewport->rect().contains(point))
            return {};
        const QPoint next = view()->pointOf({at.line, at.column + 1});
        const int height = view()->rowHeight();
        const int width = next.y() == point.y() && next.x() > point.x()
                              ? next.x() - point.x()
                              : view()->fontMetrics().averageCharWidth();
        return {viewport->mapToGlobal(QPoint(point.x(), point.y() - height / 2)),
                QSize(width, height)};
    }
    int offsetAtPoint(const QPoint &global) const override
    {
        const QPoint point = view()->viewport()->mapFromGlobal(global);
        if (!view()->viewport()->rect().contains(point))
            return -1;
        return logOffsetOf(lines(), view()->positionAt(point));
    }
    void scrollToSubstring(int start, int end) override
    {
        view()->reveal(positionOf(start), positionOf(end));
    }
    QString attributes(int offset, int *start, int *end) const override
    {
        *start = *end = offset;
        return {};
    }
    QString textBeforeOffset(int offset, QAccessible::TextBoundaryType type, int *start,
                             int *end) const override
    {
        return around(offset, type, start, end, &QAccessibleTextInterface::textBeforeOffset);
    }
    QString textAfterOffset(int offset, QAccessible::TextBoundaryType type, int *start,
                            int *end) const override
    {
        return around(offset, type, start, end, &QAccessibleTextInterface::textAfterOffset);
    }
    QString textAtOffset(int offset, QAccessible::TextBoundaryType type, int *start,
                         int *end) const override
    {
        return around(offset, type, start, end, &QAccessibleTextInterface::textAtOffset);
    }

private:
    LogLinesView *view() const { return static_cast<LogLinesView *>(widget()); }
    const LogLineBuffer &lines() const { return view()->buffer(); }
    LogPosition positionOf(int offset) const { return logPositionOf(lines(), offset); }

    using Boundary = QString (QAccessibleTextInterface::*)(int, QAccessible::TextBoundaryType,
                                                           int *, int *) const;
    QString around(int offset, QAccessible::TextBoundaryType type, int *start, int *end,
                   Boundary boundary) const
    {
        if (offset == -1)
            offset = characterCount();
        if (type == QAccessible::NoBoundary || offset < 0 || offset > characterCount()) {
            const LogTextWindow all(text(0, characterCount()));
            return (all.*boundary)(offset, type, start, end);
        }
        // Qt 6.4's own textAtOffset() never returns at the very end of a text
        // for words and sentences (it loops): what ends there is the answer.
        if (boundary == &QAccessibleTextInterface::textAtOffset && offset == characterCount() &&
            offset > 0 &&
            (type == QAccessible::WordBoundary || type == QAccessible::SentenceBoundary))
            --offset;
        // The offset's line and its neighbours, and more while they are empty
        // (the word before a blank line is further up).
        const LogLineBuffer &kept = lines();
        const qint64 line = kept.lineAtOffset(offset);
        qint64 first = std::max(kept.firstLine(), line - 1);
        while (first > kept.firstLine() && line - first < 16 && kept.text(first).isEmpty())
            --first;
        qint64 last = std::min(kept.lastLine(), line + 1);
        while (last < kept.lastLine() && last - line < 16 && kept.text(last).isEmpty())
            ++last;
        const int base = int(kept.offsetOf(first));
        // The '\n' that ends the last line taken belongs to it.
        const int stop = last < kept.lastLine() ? int(kept.offsetOf(last + 1)) : characterCount();
        const LogTextWindow window(text(base, stop));
        const QString found = (window.*boundary)(offset - base, type, start, end);
        if (*start >= 0)
            *start += base;
        if (*end >= 0)
            *end += base;
        return found;
    }
};

QAccessibleInterface *logLinesViewAccessible(const QString &className, QObject *object)
{
    if (className == QLatin1StringView(LogLinesView::staticMetaObject.className()) &&
        object->isWidgetType())
        return new LogLinesViewAccessible(static_cast<LogLinesView *>(object));
    return nullptr;
}

} // namespace

void LogLinesView::installAccessibility()
{
    static const bool installed = [] {
        QAccessible::installFactory(logLinesViewAccessible);
        return true;
    }();
    Q_UNUSED(installed);
}

void LogLinesView::notifyAccessibility(bool selectionMoved, bool cursorMoved)
{
    if (!QAccessible::isActive())
        return;
    const int cursor = logOffsetOf(m_lines, cursorPosition());
    if (selectionMoved) {
        const auto [from, to] = selection();
        const bool any = from < to;
        QAccessibleTextSelectionEvent event(this, any ? logOffsetOf(m_lines, from) : -1,
                                            any ? logOffsetOf(m_lines, to) : -1);
        // It moves the cursor too, which may be at either end.
        event.setCursorPosition(cursor);
        QAccessible::updateAccessibility(&event);
    } else if (cursorMoved) {
        QAccessibleTextCursorEvent event(this, cursor);
        QAccessible::updateAccessibility(&event);
    }
}

} // namespace dd::gui
