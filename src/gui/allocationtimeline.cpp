#include "gui/allocationtimeline.h"

#include "core/types.h"
#include "models/allocationlanes.h"
#include "models/allocationmodel.h"
#include "models/timeformat.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dd::gui {

using models::durationText;
using models::kNsPerMs;
using models::kNsPerSecond;
using models::nowNs;
using models::TimelineLane;
using models::TimelineSegment;

namespace {

QString clockText(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / kNsPerMs).toString(u"HH:mm:ss");
}

// An offset from the axis start, as a tick label.
QString offsetText(qint64 seconds, qint64 span)
{
    if (seconds == 0)
        return QStringLiteral("0");
    if (span < 90)
        return AllocationTimeline::tr("+%1 s").arg(seconds);
    if (seconds < 3600)
        return u"+%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return u"+%1:%2:%3"_s.arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

AllocationTimeline::AllocationTimeline(QWidget *parent)
    : QWidget(parent)
    , m_rebuildTimer(new QTimer(this))
    , m_tickTimer(new QTimer(this))
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Allocation timeline"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_rebuildTimer->setSingleShot(true);
    m_rebuildTimer->setInterval(0);
    connect(m_rebuildTimer, &QTimer::timeout, this, &AllocationTimeline::rebuild);
    // A running allocation's lane grows with the clock.
    m_tickTimer->setInterval(1000);
    connect(m_tickTimer, &QTimer::timeout, this, &AllocationTimeline::rebuild);
}

AllocationTimeline::~AllocationTimeline() = default;

void AllocationTimeline::setModel(models::AllocationModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &AllocationTimeline::schedule);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &AllocationTimeline::schedule);
        connect(model, &QAbstractItemModel::dataChanged, this, &AllocationTimeline::schedule);
        connect(model, &QAbstractItemModel::modelReset, this, &AllocationTimeline::schedule);
        connect(model, &QAbstractItemModel::layoutChanged, this, &AllocationTimeline::schedule);
    }
    rebuild();
}

bool AllocationTimeline::isTicking() const
{
    return m_tickTimer->isActive();
}

QColor AllocationTimeline::stateColor(const QString &state)
{
    // The status icons' colours (resources/icons).
    if (state == u"running")
        return QColor(0x15, 0x65, 0xc0);
    if (state == u"complete")
        return QColor(0x2e, 0x7d, 0x32);
    if (state == u"failed")
        return QColor(0xc6, 0x28, 0x28);
    if (state == u"lost")
        return QColor(0xef, 0x6c, 0x00);
    return QColor(0x9e, 0x9e, 0x9e); // pending
}

QString AllocationTimeline::stateText(const QString &state)
{
    if (state == u"pending")
        return tr("Pending");
    return models::AllocationModel::statusText(state);
}

void AllocationTimeline::schedule()
{
    if (!m_rebuildTimer->isActive())
        m_rebuildTimer->start();
}

void AllocationTimeline::rebuild()
{
    m_rebuildTimer->stop();
    models::AllocationLanes lanes =
        models::AllocationLanes::of(m_model ? m_model->rows() : QList<Allocation>(), nowNs());
    m_anyOpen = lanes.anyOpen;
    m_startNs = lanes.startNs;
    m_endNs = lanes.endNs;
    const bool countChanged = lanes.lanes.size() != m_lanes.size();
    m_lanes = std::move(lanes.lanes);
    if (countChanged)
        updateGeometry();
    updateTicking();
    update();
}

void AllocationTimeline::updateTicking()
{
    const bool tick = m_anyOpen && isVisible();
    if (tick && !m_tickTimer->isActive())
        m_tickTimer->start();
    else if (!tick)
        m_tickTimer->stop();
}

namespace {
// Lanes shrink to the compact height before the view needs a scroll bar.
int roomyLaneHeight(const QFontMetrics &fm)
{
    return std::max(fm.height() + 12, 24);
}
int compactLaneHeight(const QFontMetrics &fm)
{
    return fm.height() + 5;
}
int legendHeight(const QFontMetrics &fm)
{
    return fm.height() + 8;
}
int axisHeight(const QFontMetrics &fm)
{
    return fm.height() + 10;
}
} // namespace

AllocationTimeline::Layout AllocationTimeline::layout() const
{
    const QFontMetrics fm = fontMetrics();
    Layout l;
    l.legendHeight = legendHeight(fm);
    const int lanes = int(std::max<qsizetype>(m_lanes.size(), 1));
    const int room = (height() - l.legendHeight - axisHeight(fm) - 4) / lanes;
    l.laneHeight = std::clamp(room, compactLaneHeight(fm), roomyLaneHeight(fm));
    l.lanesTop = l.legendHeight;
    int widest = fm.horizontalAdvance(u"00:00:00"_s);
    for (const TimelineLane &lane : m_lanes)
        widest = std::max(widest, fm.horizontalAdvance(lane.label));
    l.labelWidth = std::clamp(widest + 20, 90, std::max(90, width() * 2 / 5));
    l.plotLeft = l.labelWidth;
    l.plotRight = width() - std::max(16, fm.horizontalAdvance(u"+00:00"_s) / 2 + 8);
    l.axisTop = l.lanesTop + lanes * l.laneHeight + 2;
    return l;
}

QSize AllocationTimeline::sizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int lanes = int(std::max<qsizetype>(m_lanes.size(), 1));
    return {560, legendHeight(fm) + lanes * roomyLaneHeight(fm) + axisHeight(fm) + 4};
}

QSize AllocationTimeline::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    const int lanes = int(std::max<qsizetype>(m_lanes.size(), 1));
    return {320, legendHeight(fm) + lanes * compactLaneHeight(fm) + axisHeight(fm) + 4};
}

double AllocationTimeline::xOf(qint64 ns, const Layout &l) const
{
    const double span = double(std::max<qint64>(m_endNs - m_startNs, 1));
    return l.plotLeft + double(ns - m_startNs) / span * double(l.plotRight - l.plotLeft);
}

void AllocationTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlpha(60);

    if (m_lanes.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_model && m_model->rowCount() > 0
                       ? tr("The allocations have not reported any times yet.")
                       : tr("No allocations yet"));
        return;
    }
    const Layout l = layout();

    // Legend: what the colours mean.
    QStringList states = {QStringLiteral("pending"), QStringLiteral("running"),
                          QStringLiteral("complete"), QStringLiteral("failed")};
    for (const TimelineLane &lane : m_lanes) {
        if (lane.clientStatus == u"lost" && !states.contains(lane.clientStatus))
            states.append(lane.clientStatus);
    }
    int x = l.plotLeft;
    const int swatch = fm.height() - 4;
    const int legendY = (l.legendHeight - fm.height()) / 2 - 1;
    for (const QString &state : states) {
        p.setPen(Qt::NoPen);
        p.setBrush(stateColor(state));
        p.drawRoundedRect(QRectF(x, legendY + 2, swatch, swatch), 2, 2);
        x += swatch + 5;
        p.setPen(text);
        const QString name = stateText(state);
        p.drawText(QRect(x, legendY, fm.horizontalAdvance(name) + 2, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, name);
        x += fm.horizontalAdvance(name) + 18;
    }

    // Lanes: a label, then the states over time.
    const double nowX = xOf(nowNs(), l);
    for (int i = 0; i < m_lanes.size(); ++i) {
        const TimelineLane &lane = m_lanes.at(i);
        const int top = l.lanesTop + i * l.laneHeight;
        if (i % 2 == 1)
            p.fillRect(QRect(0, top, width(), l.laneHeight), pal.alternateBase());
        p.setPen(text);
        p.drawText(QRect(8, top, l.labelWidth - 16, l.laneHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(lane.label, Qt::ElideMiddle, l.labelWidth - 16));
        const double inset = std::max(2.0, l.laneHeight / 5.0);
        const double barTop = top + inset;
        const double barHeight = l.laneHeight - 2 * inset;
        for (const TimelineSegment &s : lane.segments) {
            const double x0 = xOf(s.startNs, l);
            double x1 = s.endNs == 0 ? (m_anyOpen ? std::min(nowX, double(l.plotRight))
                                                  : double(l.plotRight))
                                     : xOf(s.endNs, l);
            x1 = std::max(x1, x0 + 2); // even a blink shows
            p.setPen(Qt::NoPen);
            p.setBrush(stateColor(s.state));
            p.drawRect(QRectF(x0, barTop, x1 - x0, barHeight));
        }
    }

    // The time axis: the clock time at its start, offsets after, and "now" while
    // something runs.
    const int axisY = l.axisTop;
    p.setPen(faint);
    p.drawLine(l.plotLeft, axisY, l.plotRight, axisY);
    const qint64 spanSeconds = std::max<qint64>((m_endNs - m_startNs) / kNsPerSecond, 1);
    const int labelRoom = std::max(fm.horizontalAdvance(offsetText(spanSeconds, spanSeconds)),
                                   fm.horizontalAdvance(clockText(m_startNs))) +
                          24;
    const int maxTicks = std::max(1, (l.plotRight - l.plotLeft) / labelRoom);
    static const qint64 steps[] = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                   600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 candidate : steps) {
        if (spanSeconds / candidate <= maxTicks) {
            step = candidate;
            break;
        }
    }
    struct Label
    {
        double x;
        QString text;
    };
    QList<Label> labels;
    const QString nowText = tr("now");
    const QRectF nowRect(nowX - fm.horizontalAdvance(nowText) / 2.0 - 12, 0,
                         fm.horizontalAdvance(nowText) + 24, 1);
    for (qint64 sec = 0; sec * kNsPerSecond <= m_endNs - m_startNs; sec += step) {
        const double tx = xOf(m_startNs + sec * kNsPerSecond, l);
        p.setPen(faint);
        p.drawLine(QPointF(tx, l.lanesTop), QPointF(tx, axisY + 4));
        const QString text = sec == 0 ? clockText(m_startNs) : offsetText(sec, spanSeconds);
        const double w = fm.horizontalAdvance(text);
        // "now" has the right of way.
        if (m_anyOpen && sec > 0 && tx + w / 2 > nowRect.left() && tx - w / 2 < nowRect.right())
            continue;
        labels.append({tx, text});
    }
    if (m_anyOpen)
        labels.append({nowX, nowText});
    p.setPen(text);
    for (const Label &label : labels) {
        const double w = fm.horizontalAdvance(label.text);
        p.drawText(QRectF(label.x - w / 2.0 - 1, axisY + 5, w + 2, fm.height()), Qt::AlignCenter,
                   label.text);
    }
    if (m_anyOpen) {
        p.setPen(QPen(text, 1, Qt::DashLine));
        p.drawLine(QPointF(nowX, l.lanesTop), QPointF(nowX, axisY + 4));
    }
}

QString AllocationTimeline::tooltipAt(const QPoint &pos) const
{
    if (m_lanes.isEmpty())
        return {};
    const Layout l = layout();
    const int index = (pos.y() - l.lanesTop) / l.laneHeight;
    if (pos.y() < l.lanesTop || index < 0 || index >= m_lanes.size())
        return {};
    const TimelineLane &lane = m_lanes.at(index);
    if (pos.x() < l.plotLeft)
        return lane.allocationId;
    const qint64 now = nowNs();
    for (const TimelineSegment &s : lane.segments) {
        const qint64 end = s.endNs == 0 ? (m_anyOpen ? now : m_endNs) : s.endNs;
        if (pos.x() < xOf(s.startNs, l) - 1 ||
            pos.x() > std::max(xOf(end, l), xOf(s.startNs, l) + 2) + 1)
            continue;
        QString when;
        if (s.endNs == 0 && (s.state == u"complete" || s.state == u"failed" || s.state == u"lost"))
            when = tr("since %1").arg(clockText(s.startNs));
        else if (s.endNs == 0)
            when =
                tr("since %1 (%2 so far)").arg(clockText(s.startNs), durationText(now - s.startNs));
        else
            when = tr("%1 – %2 (%3)")
                       .arg(clockText(s.startNs), clockText(s.endNs),
                            durationText(s.endNs - s.startNs));
        return tr("%1\n%2 %3").arg(lane.label, stateText(s.state), when);
    }
    return lane.label;
}

bool AllocationTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void AllocationTimeline::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    rebuild();
}

void AllocationTimeline::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_tickTimer->stop();
}

} // namespace dd::gui
