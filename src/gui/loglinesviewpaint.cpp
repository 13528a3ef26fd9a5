// The log's lines drawn: a QTextLayout per line in view (cached), ANSI
// styles as formats in colours that read on the background, the selection
// and find highlights over them.
#include "loglinebuffer.h"
#include "loglinesview.h"
#include "logview.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace dd::gui {

namespace {

// Without wrap a line is laid out as one row however long (lines are cut at
// LogView::Limits::maxLineLength).
constexpr qreal kLogNoWrapWidth = 8e6;
// Lines up to this long are laid out whole (see layoutOf()).
constexpr qsizetype kLogMinPrefix = 256;
// A colour on its background needs at least this contrast ratio (WCAG AA for
// text, and VS Code terminal's default): bright yellow on white has 2:1.
constexpr double kLogMinContrast = 4.5;

double logLuminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double logContrast(const QColor &a, const QColor &b)
{
    const double la = logLuminance(a);
    const double lb = logLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The colour moved towards black or white until it reads on the background.
QColor readableLogColor(const QColor &colour, const QColor &background)
{
    if (logContrast(colour, background) >= kLogMinContrast)
        return colour;
    const QColor target = logLuminance(background) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    QColor c = colour;
    for (int step = 1; step <= 20 && logContrast(c, background) < kLogMinContrast; ++step) {
        const double t = step / 20.0;
        c = QColor::fromRgbF(float(colour.redF() + (target.redF() - colour.redF()) * t),
                             float(colour.greenF() + (target.greenF() - colour.greenF()) * t),
                             float(colour.blueF() + (target.blueF() - colour.blueF()) * t));
    }
    return c;
}

// Ranges within the text laid out (the start of a long line, without wrap).
void clip(QList<QTextLayout::FormatRange> &ranges, int length)
{
    ranges.removeIf([length](const QTextLayout::FormatRange &r) { return r.start >= length; });
    for (QTextLayout::FormatRange &r : ranges)
        r.length = std::min(r.length, length - r.start);
}

} // namespace

QTextLayout *LogLinesView::layoutOf(qint64 line, qsizetype columns) const
{
    const QString &text = m_lines.text(line);
    // Without wrap no more of a line shows than reaches the viewport's right
    // edge: a screen of 8 KB lines lays out a few hundred characters of each.
    const qreal right = horizontalScrollBar()->value() + viewport()->width();
    const auto enough = [&](const QTextLayout *layout) {
        const qsizetype laid = layout->text().size();
        return m_wrap || laid == text.size() ||
               (laid >= columns && layout->maximumWidth() >= right);
    };
    QTextLayout *cached = m_layouts.object(line);
    if (cached && enough(cached))
        return cached;
    qsizetype prefix = text.size();
    if (!m_wrap) {
        // Tabs and wide characters take more room, combining marks none: the
        // guess grows until the text reaches the edge.
        prefix = std::max({kLogMinPrefix, qsizetype(right / m_charWidth * 1.5) + 64, columns,
                           cached ? cached->text().size() * 2 : 0});
    }
    for (;;) {
        prefix = std::min(prefix, text.size());
        if (prefix > 0 && prefix < text.size() && text[prefix - 1].isHighSurrogate())
            ++prefix;
        QTextLayout *layout = layLine(line, prefix == text.size() ? text : text.left(prefix));
        if (enough(layout)) {
            // A layout keeps ~30 bytes a character: the cache holds ~8 MB at most.
            // Never more than a quarter of it for one line, so inserting never drops it.
            const qsizetype cost = 1 + layout->text().size() / 256;
            m_layouts.insert(line, layout, std::min(cost, m_layouts.maxCost() / 4));
            return layout;
        }
        delete layout;
        prefix *= 2;
    }
}

QTextLayout *LogLinesView::layLine(qint64 line, const QString &text) const
{
    auto *layout = new QTextLayout(text, font(), viewport());
    QTextOption option;
    option.setWrapMode(m_wrap ? QTextOption::WrapAtWordBoundaryOrAnywhere : QTextOption::NoWrap);
    option.setTabStopDistance(m_charWidth * 8);
    layout->setTextOption(option);
    const QList<LogRun> runs = m_lines.runs(line);
    if (!runs.isEmpty()) {
        QList<QTextLayout::FormatRange> formats;
        formats.reserve(runs.size());
        for (const LogRun &run : runs) {
            if (run.start < text.size())
                formats.append({run.start,
                                int(std::min<qsizetype>(run.length, text.size() - run.start)),
                                formatFor(run.style)});
        }
        layout->setFormats(formats);
    }
    layout->setCacheEnabled(true);
    const qreal width = m_wrap ? std::max(m_charWidth * 8, qreal(viewport()->width() - 2 * kMargin))
                               : kLogNoWrapWidth;
    layout->beginLayout();
    for (int row = 0;; ++row) {
        QTextLine textLine = layout->createLine();
        if (!textLine.isValid())
            break;
        textLine.setLineWidth(width);
        textLine.setPosition(QPointF(0, row * m_rowHeight));
    }
    layout->endLayout();
    if (!m_wrap && text.size() == m_lines.text(line).size() &&
        layout->maximumWidth() > m_measuredWidth)
        m_measuredWidth = layout->maximumWidth();
    return layout;
}

const QTextLayout *LogLinesView::layout(qint64 line) const
{
    return m_lines.contains(line) ? layoutOf(line) : nullptr;
}

QTextCharFormat LogLinesView::formatFor(const LogStyle &style) const
{
    for (const auto &[s, format] : std::as_const(m_formats)) {
        if (s == style)
            return format;
    }
    const QColor base = palette().color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    QTextCharFormat format;
    QColor background = base;
    if (style.background.kind != LogColor::Kind::Default) {
        background = logColor(style.background, dark);
        format.setBackground(background);
    }
    if (style.foreground.kind != LogColor::Kind::Default) {
        format.setForeground(readableLogColor(logColor(style.foreground, dark), background));
    } else if (style.background.kind != LogColor::Kind::Default) {
        format.setForeground(readableLogColor(palette().color(QPalette::Text), background));
    }
    if (style.bold)
        format.setFontWeight(QFont::Bold);
    if (style.underline)
        format.setFontUnderline(true);
    if (m_formats.size() < 256)
        m_formats.append({style, format});
    return format;
}

void LogLinesView::selectionRanges(qint64 line, const QTextLayout &layout,
                                   QList<QTextLayout::FormatRange> &ranges) const
{
    const auto [from, to] = selection();
    if (!(from < to) || line < from.line || line > to.line)
        return;
    const qsizetype start = line == from.line ? from.column : 0;
    const qsizetype end =
        std::min(line == to.line ? to.column : m_lines.text(line).size(), layout.text().size());
    if (end <= start)
        return;
    QTextCharFormat format;
    format.setBackground(palette().brush(QPalette::Highlight));
    format.setForeground(palette().brush(QPalette::HighlightedText));
    ranges.append({int(start), int(end - start), format});
}

void LogLinesView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Text));
    const QRect area = event->rect();
    const int x = textX();
    const int height = viewport()->height();
    const qint64 end = m_lines.endLine();
    const auto [selFrom, selTo] = selection();
    // The text cursor shows where Shift and a key go on from, once placed.
    const LogPosition caret = cursorPosition();
    const bool showCaret = m_cursorPlaced && hasFocus();
    QList<QTextLayout::FormatRange> ranges;
    int y = m_top >= m_lines.firstLine() ? -m_topRow * m_rowHeight : 0;
    for (qint64 line = std::max(m_top, m_lines.firstLine()); line < end && y < height; ++line) {
        const QTextLayout *layout = layoutOf(line);
        const int rows = std::max(1, layout->lineCount());
        const int bottom = y + rows * m_rowHeight;
        if (bottom > area.top() && y <= area.bottom()) {
            ranges.clear();
            selectionRanges(line, *layout, ranges);
            if (m_highlighter)
                m_highlighter(line, ranges);
            clip(ranges, int(layout->text().size()));
            layout->draw(&painter, QPointF(x, y), ranges);
            if (showCaret && line == caret.line && caret.column <= layout->text().size())
                layout->drawCursor(&painter, QPointF(x, y), int(caret.column));
            if (line >= selFrom.line && line < selTo.line) {
                // The line break is selected too: a cell's width after the text.
                const QTextLine last = layout->lineAt(rows - 1);
                painter.fillRect(QRectF(x + last.naturalTextWidth(), bottom - m_rowHeight,
                                        m_charWidth, m_rowHeight),
                                 palette().brush(QPalette::Highlight));
            }
        }
        y = bottom;
    }
}

} // namespace dd::gui
