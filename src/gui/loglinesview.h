#pragma once
// The lines of a log, drawn. Only the lines in view are laid out (a
// QTextLayout each, kept in a small cache), so a new line costs nothing until
// it is scrolled into view and 100,000 lines scroll like ten. Follows the end
// until the user scrolls away; selects with the mouse (drag, shift-click,
// double-click a word) and the keyboard (Shift with the arrows, Home, End and
// the page keys, from a text cursor a click places), copies, scrolls with the
// keyboard, wraps on request, and tells screen readers its text
// (loglinesviewaccess.cpp).
//
// The vertical scroll bar counts lines, not pixels: with wrap on, a line of
// many rows is one step of the bar, and the wheel and the arrow keys move by
// rows inside it (the row at the top is remembered beside the line).

#include "core/logtext.h"

#include <QAbstractScrollArea>
#include <QCache>
#include <QTextLayout>

#include <compare>
#include <functional>
#include <utility>

class QTimer;

namespace dd::gui {

class LogLineBuffer;

// A place in the log: a line (numbered from the stream's start) and a column.
struct LogPosition
{
    qint64 line = 0;
    qsizetype column = 0;
    auto operator<=>(const LogPosition &) const = default;
};

class LogLinesView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    // Adds ranges (find matches) to draw over a line in view.
    using Highlighter = std::function<void(qint64 line, QList<QTextLayout::FormatRange> &)>;

    explicit LogLinesView(const LogLineBuffer &lines, QWidget *parent = nullptr);
    ~LogLinesView() override;

    const LogLineBuffer &buffer() const { return m_lines; }
    // The buffer changed: lines came, the open line was redrawn, old ones went.
    // show = false: only forget what changed; scroll bars and painting wait
    // for a call with show = true (a burst stored between two batches).
    void linesChanged(bool show = true);
    // The buffer was cleared: back to the top, following.
    void reset();

    bool isFollowing() const { return m_follow; }
    // Scrolls to the end and follows it (End, Ctrl+End, "Jump to end").
    void followEnd();
    void scrollToTop();
    // Moves by rows on screen (a wrapped line has several), as the wheel does.
    void scrollRows(int rows);
    // Scrolls so that the text from `from` to `to` is in view, if it is not.
    void reveal(LogPosition from, LogPosition to);

    qint64 topLine() const { return m_top; }
    int topRow() const { return m_topRow; }
    // The first and the last line with a row in view.
    std::pair<qint64, qint64> visibleLines() const;
    // Rows a line takes on screen: 1 without wrap.
    int rowCount(qint64 line) const;
    int rowHeight() const { return m_rowHeight; }
    // Where a place in the log is drawn (the middle of its row), in viewport
    // coordinates; a point outside the viewport when it is not in view.
    QPoint pointOf(LogPosition position) const;
    LogPosition positionAt(QPoint viewportPoint) const;
    // How a line is drawn (its text, and formats from its style runs); without
    // wrap, a long line's layout holds only its start up to the right edge.
    const QTextLayout *layout(qint64 line) const;

    bool wrap() const { return m_wrap; }
    void setWrap(bool wrap);
    void setHighlighter(Highlighter highlighter);

    bool hasSelection() const;
    // The selection, ordered, within the lines kept.
    std::pair<LogPosition, LogPosition> selection() const;
    // The anchor stays, the cursor moves (with Shift and a key, or a drag).
    void setSelection(LogPosition anchor, LogPosition cursor);
    // Where keyboard selection goes on from, within the lines kept. Until a
    // click (or a selection) places it: the end of the log while following,
    // else the start of the line at the top.
    LogPosition cursorPosition() const;
    void selectAll();
    void clearSelection();
    QString selectedText() const;

Q_SIGNALS:
    void followingChanged(bool following);
    // The text selected changed (not when old lines took part of it away).
    void selectionChanged();
    void cursorPositionChanged();
    // Ctrl+C or the context menu's Copy.
    void copyRequested();

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // Between the viewport's left edge and the text.
    static constexpr int kMargin = 4;

    // The line laid out, from the cache if it is there; without wrap, from
    // its start to the viewport's right edge and at least `columns` long.
    QTextLayout *layoutOf(qint64 line, qsizetype columns = 0) const;
    QTextLayout *layLine(qint64 line, const QString &text) const;
    QTextCharFormat formatFor(const LogStyle &style) const;
    void fontOrPaletteChanged();
    int visibleRows() const;
    int textX() const;
    void updateBottom();
    bool atBottom() const;
    void clampTop();
    void refit();
    void syncBars();
    void userScrolled();
    void setFollowing(bool follow);
    void selectionRanges(qint64 line, const QTextLayout &layout,
                         QList<QTextLayout::FormatRange> &ranges) const;
    void dragScroll();
    static bool isWordChar(QChar c);
    LogPosition clampToKept(LogPosition position) const;
    // Every change of the anchor or the cursor: repaints, signals, and tells
    // screen readers (loglinesviewaccess.cpp).
    void changeSelection(LogPosition anchor, LogPosition cursor);
    void notifyAccessibility(bool selectionMoved, bool cursorMoved);
    // Screen readers get the text through LogLinesView's own interface.
    static void installAccessibility();

    // loglinesviewcursor.cpp: the text cursor moved by the keyboard.
    bool selectByKey(QKeyEvent *event);
    void extendSelection(LogPosition to);
    LogPosition charStep(LogPosition from, int direction) const;
    LogPosition wordStep(LogPosition from, int direction) const;
    LogPosition rowStep(LogPosition from, int rows);
    // Scrolls as little as shows that place (keyboard moves).
    void ensureVisible(LogPosition position);

    const LogLineBuffer &m_lines;
    // Layouts of lines recently in view, by line number. Built on demand from
    // const functions: they are a cache, not state.
    mutable QCache<qint64, QTextLayout> m_layouts;
    mutable QList<std::pair<LogStyle, QTextCharFormat>> m_formats;
    mutable qreal m_measuredWidth = 0;
    Highlighter m_highlighter;

    qint64 m_top = 0;       // the line at the top
    int m_topRow = 0;       // its first row in view (wrap)
    qint64 m_bottomTop = 0; // where the top is when the end is in view
    int m_bottomTopRow = 0;
    qint64 m_openLine = 0; // the open line at the last linesChanged()
    bool m_follow = true;
    bool m_wrap = false;
    bool m_adjusting = false;
    int m_rowHeight = 1;
    qreal m_charWidth = 1;
    int m_layoutWidth = 0;
    int m_wheel = 0;

    LogPosition m_anchor;
    LogPosition m_cursor;
    bool m_cursorPlaced = false;
    // Up and Down keep the x they started from across short lines.
    LogPosition m_verticalFor{-1, 0};
    qreal m_verticalX = 0;
    int m_verticalRow = 0; // the row it went to (the end of a wrapped row is the next one's start)
    bool m_selecting = false;
    QPoint m_dragPoint;
    QTimer *m_dragTimer = nullptr;
};

} // namespace dd::gui
