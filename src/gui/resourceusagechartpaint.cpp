// ResourceUsageChart's painting: the last reading, a CPU and a memory pane
// over one time axis, the words when there is nothing to draw.
#include "gui/resourceusagechart.h"
#include "gui/resourceusagechart_p.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dd::gui {

using models::UsageSample;

namespace {
// One decimal below 10 (100 for memory), none for round numbers (axis labels).
int decimalsFor(double value, double below)
{
    return value < below && std::abs(value - std::round(value)) > 1e-9 ? 1 : 0;
}
} // namespace

namespace usagechart {

// Readable on light and dark backgrounds: darker shades on light, lighter on dark.
QColor cpuColor(bool dark)
{
    return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
}
QColor memoryColor(bool dark)
{
    return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
}

// The smallest 1, 2, 2.5 or 5 times a power of ten at or above v.
double niceCeil(double v)
{
    if (v <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * power >= v * 0.999)
            return m * power;
    }
    return 10 * power;
}

QString clockOf(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"HH:mm:ss"_s);
}

QString cpuText(double percent)
{
    return ResourceUsageChart::tr("%1 %").arg(percent, 0, 'f', decimalsFor(percent, 10));
}

QString memoryText(qint64 bytes)
{
    const double mb = double(bytes) / kMiB;
    return ResourceUsageChart::tr("%1 MB").arg(mb, 0, 'f', decimalsFor(mb, 100));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace usagechart

using namespace usagechart;

ResourceUsageChart::Geometry ResourceUsageChart::geometry() const
{
    const QFontMetrics fm = fontMetrics();
    Geometry g;
    const QRect inner = rect().adjusted(kMargin, kMargin - 2, -kMargin, -kMargin / 2);
    g.header = QRect(inner.left(), inner.top(), inner.width(), fm.height() + 6);
    int bottom = inner.bottom();
    if (!m_status.isEmpty()) {
        const QRect needed =
            fm.boundingRect(QRect(0, 0, inner.width(), 1000), Qt::TextWordWrap, m_status);
        g.status = QRect(inner.left(), bottom - needed.height(), inner.width(), needed.height());
        bottom = g.status.top() - 6;
    }
    g.axisTop = bottom - fm.height() - 4;
    const int labelWidth = std::max(fm.horizontalAdvance(memoryText(qint64(8888) << 20)),
                                    fm.horizontalAdvance(u"888 %"_s)) +
                           10;
    const int left = inner.left() + labelWidth;
    const int halfLabel = fm.horizontalAdvance(u"00:00:00"_s) / 2;
    const int right = inner.right() - halfLabel;
    const int top = g.header.bottom() + 4;
    const int title = fm.height() + 2;
    // Stacked panes need room for three levels each; below that, a wide
    // chart puts them side by side rather than squeezing them flat.
    const int stackedPane = (g.axisTop - top - 8) / 2 - title;
    g.sideBySide = stackedPane < 3 * fm.height() && inner.width() >= 2 * (labelWidth + 180);
    if (g.sideBySide) {
        const int paneWidth = (inner.width() - 2 * labelWidth - 2 * halfLabel - 8) / 2;
        const int height = g.axisTop - top - title;
        g.cpu = QRect(left, top + title, paneWidth, height);
        g.memory =
            QRect(g.cpu.right() + halfLabel + 8 + labelWidth, top + title, paneWidth, height);
        return g;
    }
    g.cpu = QRect(left, top + title, right - left, stackedPane);
    g.memory = QRect(left, top + stackedPane + title + 8 + title, right - left, stackedPane);
    return g;
}

void ResourceUsageChart::drawPane(QPainter &p, const QRect &plot, const QString &title, double top,
                                  const QColor &color, bool memory) const
{
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(45);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(plot.left(), plot.top() - fm.height() - 2, plot.width(), fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, title);
    // Three levels: 0, half, top, labelled on the left; the half without a
    // label when the pane is too low for three, and the 0 too when it is too
    // low for two (the top one gives the scale).
    const bool roomForHalf = plot.height() >= 3 * fm.height();
    const bool roomForZero = plot.height() >= fm.height() + 2;
    for (int i = 0; i <= 2; ++i) {
        const double y = plot.bottom() - plot.height() * i / 2.0;
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        const double value = top * i / 2.0;
        const QString label = memory ? memoryText(qint64(value * kMiB)) : cpuText(value);
        if ((i == 1 && !roomForHalf) || (i == 0 && !roomForZero))
            continue;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    // The line, broken where readings are missing (the chart was hidden), over a light fill.
    const qint64 gap =
        std::max<qint64>(3 * m_poller->interval().count() * 1'000'000, 10 * kNsPerSecond);
    auto yOf = [&](const UsageSample &s) {
        const double v = memory ? double(s.memoryBytes) / kMiB : s.cpuPercent;
        return plot.bottom() - std::clamp(v / top, 0.0, 1.0) * plot.height();
    };
    QColor fill = color;
    fill.setAlpha(isDark(pal) ? 70 : 45);
    const QList<UsageSample> &samples = m_history.samples();
    p.setClipRect(plot.adjusted(0, -2, 1, 1));
    for (qsizetype begin = 0; begin < samples.size();) {
        qsizetype end = begin + 1;
        while (end < samples.size() &&
               samples.at(end).timestampNs - samples.at(end - 1).timestampNs <= gap)
            ++end;
        QPainterPath line;
        line.moveTo(xOf(samples.at(begin).timestampNs, plot), yOf(samples.at(begin)));
        for (qsizetype i = begin + 1; i < end; ++i)
            line.lineTo(xOf(samples.at(i).timestampNs, plot), yOf(samples.at(i)));
        QPainterPath area = line;
        area.lineTo(xOf(samples.at(end - 1).timestampNs, plot), plot.bottom());
        area.lineTo(xOf(samples.at(begin).timestampNs, plot), plot.bottom());
        area.closeSubpath();
        p.fillPath(area, fill);
        p.strokePath(line, QPen(color, 2));
        if (end - begin == 1) { // a lone reading shows as a dot
            p.setBrush(color);
            p.drawEllipse(QPointF(xOf(samples.at(begin).timestampNs, plot), yOf(samples.at(begin))),
                          2.5, 2.5);
        }
        begin = end;
    }
    if (const auto hovered = sampleAt(m_hoverX)) {
        const double x = xOf(hovered->timestampNs, plot);
        p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(QPen(pal.color(QPalette::Base), 1.5));
        p.setBrush(color);
        p.drawEllipse(QPointF(x, yOf(*hovered)), 4, 4);
    }
    p.setClipping(false);
}

void ResourceUsageChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const bool dark = isDark(pal);
    const Geometry g = geometry();
    const QColor statusColor = m_statusFailure
                                   ? (dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28))
                                   : pal.color(QPalette::PlaceholderText);
    if (m_history.isEmpty()) {
        // What this is about, then the words in a block narrow enough to read.
        if (!m_allocId.isEmpty()) {
            QFont title = font();
            title.setBold(true);
            p.setFont(title);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(g.header, Qt::AlignLeft | Qt::AlignVCenter,
                       tr("Resource usage of allocation %1").arg(m_allocId.left(8)));
            p.setFont(font());
        }
        const int width = std::min(rect().width() - 6 * kMargin, 36 * fm.averageCharWidth() + 200);
        QRect block(0, 0, width, rect().height() - g.header.bottom() - 2 * kMargin);
        block.moveCenter(QPoint(rect().center().x(), (g.header.bottom() + rect().bottom()) / 2));
        p.setPen(statusColor);
        p.drawText(block, Qt::AlignCenter | Qt::TextWordWrap, m_status);
        return;
    }
    // The last reading, in the series' colours, and when it was taken.
    const UsageSample last = *m_history.latest();
    int x = g.header.left();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetrics bfm(bold);
    // What fits: the MHz and the time of the reading go first when it is narrow.
    const QString mhz = tr("(%1 MHz)").arg(last.cpuMhz, 0, 'f', 0);
    QString cpu = tr("CPU %1").arg(cpuText(last.cpuPercent));
    const QString memory = tr("Memory %1").arg(memoryText(last.memoryBytes));
    const QString when = tr("last reading %1").arg(clockOf(last.timestampNs));
    const int swatches = 2 * 16 + 24;
    const int needed = bfm.horizontalAdvance(cpu + u' ' + mhz + memory) + swatches;
    if (needed <= g.header.width())
        cpu += u' ' + mhz;
    const bool showWhen = needed + fm.horizontalAdvance(when) + 24 <= g.header.width();
    for (const auto &[text, color] :
         {std::pair(cpu, cpuColor(dark)), std::pair(memory, memoryColor(dark))}) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(x, g.header.center().y() - 4, 10, 10), 2, 2);
        x += 16;
        p.setPen(color);
        p.drawText(QRect(x, g.header.top(), bfm.horizontalAdvance(text) + 2, g.header.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, text);
        x += bfm.horizontalAdvance(text) + 24;
    }
    p.setFont(font());
    p.setPen(pal.color(QPalette::PlaceholderText));
    if (showWhen)
        p.drawText(g.header, Qt::AlignRight | Qt::AlignVCenter, when);

    drawPane(p, g.cpu, tr("CPU, % of one core"),
             niceCeil(std::max(m_history.maxCpuPercent() * 1.15, 5.0)), cpuColor(dark), false);
    drawPane(p, g.memory, tr("Memory (RSS)"),
             niceCeil(std::max(double(m_history.maxMemoryBytes()) / kMiB * 1.15, 1.0)),
             memoryColor(dark), true);

    // Time: clock labels at even steps that leave room between them.
    const qint64 span = spanEnd() - spanStart();
    const int room = fm.horizontalAdvance(u"00:00:00"_s) + 24;
    const int maxTicks = std::max(1, g.cpu.width() / room);
    static const qint64 steps[] = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 candidate : steps) {
        if (span / (candidate * kNsPerSecond) <= maxTicks) {
            step = candidate;
            break;
        }
    }
    const qint64 stepNs = step * kNsPerSecond;
    QColor faint = pal.color(QPalette::Text);
    faint.setAlpha(45);
    // Stacked, the panes share the time axis under memory; side by side, each has one.
    const QList<QRect> axes = g.sideBySide ? QList<QRect>{g.cpu, g.memory} : QList<QRect>{g.cpu};
    for (qint64 t = (spanStart() / stepNs + 1) * stepNs; t <= spanEnd(); t += stepNs) {
        const QString label = clockOf(t);
        const double w = fm.horizontalAdvance(label);
        for (const QRect &axis : axes) {
            const double tx = xOf(t, axis);
            p.setPen(faint);
            if (g.sideBySide) {
                p.drawLine(QPointF(tx, axis.top()), QPointF(tx, axis.bottom() + 3));
            } else {
                p.drawLine(QPointF(tx, g.cpu.top()), QPointF(tx, g.cpu.bottom()));
                p.drawLine(QPointF(tx, g.memory.top()), QPointF(tx, g.memory.bottom() + 3));
            }
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(tx - w / 2 - 1, g.axisTop + 4, w + 2, fm.height()), Qt::AlignCenter,
                       label);
        }
    }
    if (!g.status.isEmpty()) {
        p.setPen(statusColor);
        p.drawText(g.status, Qt::AlignLeft | Qt::TextWordWrap, m_status);
    }
}

} // namespace dd::gui
