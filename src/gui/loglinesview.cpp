// The log's lines on screen: which line is at the top, scrolling, following
// the end, the scroll bars. Laying out and painting are in
// loglinesviewpaint.cpp; mouse, keyboard and selection in loglinesviewinput.cpp.
#include "loglinesview.h"

#include "loglinebuffer.h"

#include <QFontDatabase>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace dd::gui {

namespace {

// Layouts kept for lines recently in view: a few screens' worth, counted in
// lines of up to 256 characters (a longer line counts for more; see layoutOf()).
constexpr int kLogCachedLayouts = 1000;

} // namespace

LogLinesView::LogLinesView(const LogLineBuffer &lines, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_lines(lines)
    , m_layouts(kLogCachedLayouts)
{
    installAccessibility();
    setFocusPolicy(Qt::StrongFocus);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setCursor(Qt::IBeamCursor);
    m_dragTimer = new QTimer(this);
    m_dragTimer->setInterval(50);
    connect(m_dragTimer, &QTimer::timeout, this, &LogLinesView::dragScroll);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_adjusting)
            return;
        // The bar counts lines; at its end the last line is in view.
        m_top = m_lines.firstLine() + value;
        m_topRow = value >= verticalScrollBar()->maximum() ? m_bottomTopRow : 0;
        setFollowing(atBottom());
        viewport()->update();
    });
    fontOrPaletteChanged();
}

LogLinesView::~LogLinesView() = default;

void LogLinesView::fontOrPaletteChanged()
{
    const QFontMetricsF metrics(font());
    m_rowHeight = std::max(1, int(std::ceil(metrics.lineSpacing())));
    m_charWidth = std::max<qreal>(1, metrics.horizontalAdvance(u'M'));
    m_layouts.clear();
    m_formats.clear();
    m_measuredWidth = 0;
    refit();
    viewport()->update();
}

int LogLinesView::rowCount(qint64 line) const
{
    if (!m_wrap || !m_lines.contains(line))
        return 1;
    return std::max(1, layoutOf(line)->lineCount());
}

int LogLinesView::visibleRows() const
{
    return std::max(1, viewport()->height() / m_rowHeight);
}

int LogLinesView::textX() const
{
    return kMargin - horizontalScrollBar()->value();
}

std::pair<qint64, qint64> LogLinesView::visibleLines() const
{
    const qint64 first = std::max(m_top, m_lines.firstLine());
    const int height = viewport()->height();
    int y = m_top >= m_lines.firstLine() ? -m_topRow * m_rowHeight : 0;
    qint64 line = first;
    for (; line < m_lines.lastLine(); ++line) {
        y += rowCount(line) * m_rowHeight;
        if (y >= height)
            break;
    }
    return {first, line};
}

void LogLinesView::updateBottom()
{
    const qint64 first = m_lines.firstLine();
    const qint64 end = m_lines.endLine();
    const int rows = visibleRows();
    m_bottomTop = first;
    m_bottomTopRow = 0;
    if (!m_wrap) {
        m_bottomTop = std::max(first, end - rows);
        return;
    }
    // Wrapped: as many lines from the end as fill the view, laid out (they are in view).
    int need = rows;
    for (qint64 line = end - 1; line >= first; --line) {
        const int lineRows = rowCount(line);
        if (lineRows >= need) {
            m_bottomTop = line;
            m_bottomTopRow = lineRows - need;
            return;
        }
        need -= lineRows;
    }
}

bool LogLinesView::atBottom() const
{
    return std::pair(m_top, m_topRow) >= std::pair(m_bottomTop, m_bottomTopRow);
}

void LogLinesView::clampTop()
{
    if (m_top < m_lines.firstLine()) {
        m_top = m_lines.firstLine();
        m_topRow = 0;
    }
    if (std::pair(m_top, m_topRow) > std::pair(m_bottomTop, m_bottomTopRow)) {
        m_top = m_bottomTop;
        m_topRow = m_bottomTopRow;
    }
    m_topRow = std::clamp(m_topRow, 0, rowCount(m_top) - 1);
}

// After the lines' geometry changed (font, wrap, width): the bottom is
// measured again, a following view stays on it, and the bars match.
void LogLinesView::refit()
{
    updateBottom();
    if (m_follow) {
        m_top = m_bottomTop;
        m_topRow = m_bottomTopRow;
    }
    clampTop();
    syncBars();
}

void LogLinesView::syncBars()
{
    // Showing or hiding a bar resizes the viewport, which comes back here.
    const QScopedValueRollback adjusting(m_adjusting, true);
    const qint64 first = m_lines.firstLine();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setRange(0, int(m_bottomTop - first));
    vertical->setPageStep(std::max(1, visibleRows() - 1));
    vertical->setSingleStep(1);
    vertical->setValue(int(m_top - first));
    QScrollBar *horizontal = horizontalScrollBar();
    if (m_wrap) {
        horizontal->setRange(0, 0);
        return;
    }
    const qreal content =
        std::max(qreal(m_lines.longestLine()) * m_charWidth, m_measuredWidth) + 2 * kMargin;
    horizontal->setRange(0, std::max(0, int(std::ceil(content)) - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(std::max(1, int(m_charWidth * 4)));
}

void LogLinesView::linesChanged(bool show)
{
    // The line that was open may be complete now, or redrawn: lay it out again.
    const qint64 end = m_lines.endLine();
    if (end - m_openLine > kLogCachedLayouts) {
        const QList<qint64> keys = m_layouts.keys();
        for (qint64 key : keys) {
            if (key >= m_openLine)
                m_layouts.remove(key);
        }
    } else {
        for (qint64 line = m_openLine; line < end; ++line)
            m_layouts.remove(line);
    }
    m_openLine = m_lines.lastLine();
    if (!show) {
        // Drawn at the next call; until then nothing refers to lines dropped.
        if (m_top < m_lines.firstLine()) {
            m_top = m_lines.firstLine();
            m_topRow = 0;
        }
        return;
    }
    updateBottom();
    if (m_follow) {
        m_top = m_bottomTop;
        m_topRow = m_bottomTopRow;
    } else {
        clampTop(); // the lines the user reads stay in place, unless they were dropped
    }
    syncBars();
    viewport()->update();
}

void LogLinesView::reset()
{
    m_layouts.clear();
    m_measuredWidth = 0;
    m_openLine = m_lines.lastLine();
    m_anchor = m_cursor = {};
    m_cursorPlaced = false;
    m_top = m_lines.firstLine();
    m_topRow = 0;
    {
        const QScopedValueRollback adjusting(m_adjusting, true);
        horizontalScrollBar()->setValue(0);
    }
    setFollowing(true);
    linesChanged();
    Q_EMIT selectionChanged();
    Q_EMIT cursorPositionChanged();
    notifyAccessibility(true, true);
}

void LogLinesView::scrollContentsBy(int dx, int)
{
    // Vertical moves repaint where they happen: a bar adjusted to new lines
    // must not repaint the view once more.
    if (dx != 0)
        viewport()->update();
}

void LogLinesView::setFollowing(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    Q_EMIT followingChanged(follow);
}

void LogLinesView::userScrolled()
{
    clampTop();
    syncBars();
    setFollowing(atBottom());
    viewport()->update();
}

void LogLinesView::followEnd()
{
    updateBottom();
    m_top = m_bottomTop;
    m_topRow = m_bottomTopRow;
    syncBars();
    setFollowing(true);
    viewport()->update();
}

void LogLinesView::scrollToTop()
{
    m_top = m_lines.firstLine();
    m_topRow = 0;
    userScrolled();
}

void LogLinesView::scrollRows(int rows)
{
    clampTop();
    for (; rows > 0 && !atBottom(); --rows) {
        if (m_topRow + 1 < rowCount(m_top)) {
            ++m_topRow;
        } else {
            ++m_top;
            m_topRow = 0;
        }
    }
    for (; rows < 0; ++rows) {
        if (m_topRow > 0) {
            --m_topRow;
        } else if (m_top > m_lines.firstLine()) {
            --m_top;
            m_topRow = rowCount(m_top) - 1;
        } else {
            break;
        }
    }
    userScrolled();
}

void LogLinesView::reveal(LogPosition from, LogPosition to)
{
    if (!m_lines.contains(from.line))
        return;
    const QPoint at = pointOf(from);
    if (at.y() - m_rowHeight / 2 < 0 || at.y() + m_rowHeight / 2 > viewport()->height()) {
        // Out of view: a third of the way down, where the eye looks first.
        const QTextLayout *layout = layoutOf(from.line);
        const QTextLine row = layout->lineForTextPosition(int(from.column));
        m_top = from.line;
        m_topRow = row.isValid() ? row.lineNumber() : 0;
        scrollRows(-(visibleRows() / 3));
    }
    if (!m_wrap) {
        const QTextLayout *layout = layoutOf(from.line, std::max(from.column, to.column) + 1);
        const int left = int(layout->lineAt(0).cursorToX(int(from.column)));
        const int right =
            int(layout->lineAt(0).cursorToX(int(to.line == from.line ? to.column : from.column)));
        QScrollBar *horizontal = horizontalScrollBar();
        const int width = viewport()->width() - 2 * kMargin;
        if (left < horizontal->value() || right > horizontal->value() + width)
            horizontal->setValue(left - width / 3);
    }
    userScrolled();
}

void LogLinesView::resizeEvent(QResizeEvent *event)
{
    // Called for the area and for its viewport: both change what fits.
    QAbstractScrollArea::resizeEvent(event);
    const int width = viewport()->width();
    if (m_wrap && width != m_layoutWidth)
        m_layouts.clear();
    m_layoutWidth = width;
    refit();
}

void LogLinesView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange ||
        event->type() == QEvent::StyleChange)
        fontOrPaletteChanged();
}

void LogLinesView::setWrap(bool wrap)
{
    if (wrap == m_wrap)
        return;
    m_wrap = wrap;
    m_layouts.clear();
    m_measuredWidth = 0;
    m_topRow = 0;
    setHorizontalScrollBarPolicy(wrap ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    refit();
    viewport()->update();
}

void LogLinesView::setHighlighter(Highlighter highlighter)
{
    m_highlighter = std::move(highlighter);
    viewport()->update();
}

} // namespace dd::gui
