// Over 400 lines: one Qt Charts view with its series, axes, legend, empty states, notes,
// tooltips and palette; what it draws comes from models::ChildRunTimes.

#include "gui/childrenchart.h"

#include "models/childjobmodel.h"
#include "models/childruntimes.h"
#include "models/timeaxis.h"
#include "models/timeformat.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QScatterSeries>
#include <QStackedLayout>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace dd::gui {

using models::kNsPerMs;
using models::kNsPerSecond;
using models::nowNs;

namespace {

// Model changes arrive in bursts (a list reply, then meta per child): one redraw per burst.
constexpr int kCoalesceMs = 50;

// The status icons' colours (resources/icons), so the chart and the table agree.
QColor outcomeColor(const QString &outcome)
{
    if (outcome == u"complete")
        return QColor(0x2e, 0x7d, 0x32);
    if (outcome == u"failed")
        return QColor(0xc6, 0x28, 0x28);
    if (outcome == u"running")
        return QColor(0x15, 0x65, 0xc0);
    if (outcome == u"dead")
        return QColor(0x6d, 0x4c, 0x41);
    return QColor(0x8a, 0x8a, 0x8a); // pending
}

} // namespace

ChildrenChart::ChildrenChart(QWidget *parent)
    : QWidget(parent)
    , m_runTimes(new models::ChildRunTimes(this))
    , m_stack(new QStackedLayout)
    , m_emptyLabel(new QLabel(this))
    , m_chartPage(new QWidget(this))
    , m_noteLabel(new QLabel(m_chartPage))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, m_chartPage))
    , m_xAxis(new QDateTimeAxis(m_chart))
    , m_yAxis(new QValueAxis(m_chart))
    , m_flushTimer(new QTimer(this))
    , m_tickTimer(new QTimer(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addLayout(m_stack);

    m_emptyLabel->setObjectName(QStringLiteral("childrenChartEmptyLabel"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_emptyLabel);

    auto *pageLayout = new QVBoxLayout(m_chartPage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(2);
    m_view->setObjectName(QStringLiteral("childrenChartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Run time of the dispatched jobs over time"));
    m_view->setMinimumHeight(240);
    pageLayout->addWidget(m_view, 1);
    m_noteLabel->setObjectName(QStringLiteral("childrenChartNote"));
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_noteLabel->setVisible(false);
    pageLayout->addWidget(m_noteLabel);
    m_stack->addWidget(m_chartPage);

    m_chart->setMargins(QMargins(6, 4, 6, 4));
    // The panel is wider than tall: the legend goes beside the plot.
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    QFont title = m_chart->titleFont();
    title.setBold(true);
    m_chart->setTitleFont(title);

    m_xAxis->setTitleText(tr("Submitted"));
    m_yAxis->setLabelFormat(QStringLiteral("%g"));
    m_yAxis->setMin(0);
    m_chart->addAxis(m_xAxis, Qt::AlignBottom);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);

    const QStringList names = {tr("Completed"), tr("Failed"), tr("Running"), tr("Pending"),
                               tr("Stopped")};
    const QStringList all = outcomes();
    for (int i = 0; i < all.size(); ++i) {
        const QString outcome = all.at(i);
        auto *series = new QScatterSeries(m_chart);
        series->setName(names.at(i));
        series->setObjectName(u"childrenChart-" + outcome);
        series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        series->setMarkerSize(10);
        // A touch of transparency, so points on top of each other still show.
        QColor fill = outcomeColor(outcome);
        fill.setAlpha(215);
        series->setColor(fill);
        series->setBorderColor(outcomeColor(outcome).darker(130));
        m_chart->addSeries(series);
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
        connect(series, &QScatterSeries::hovered, this,
                [this, outcome](const QPointF &p, bool state) { onHovered(outcome, p, state); });
        connect(series, &QScatterSeries::clicked, this, [this, series, outcome](const QPointF &p) {
            const QList<QPointF> points = series->points();
            const auto it = std::find(points.begin(), points.end(), p);
            if (it != points.end())
                Q_EMIT childClicked(childAt(outcome, int(it - points.begin())));
        });
        m_series.insert(outcome, series);
    }

    connect(m_runTimes, &models::ChildRunTimes::changed, this, &ChildrenChart::schedule);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kCoalesceMs);
    connect(m_flushTimer, &QTimer::timeout, this, &ChildrenChart::redraw);
    // Running children's points climb with the clock.
    m_tickTimer->setInterval(1000);
    connect(m_tickTimer, &QTimer::timeout, this, &ChildrenChart::redraw);

    applyPalette();
    redraw();
}

ChildrenChart::~ChildrenChart() = default;

QStringList ChildrenChart::outcomes()
{
    return {QStringLiteral("complete"), QStringLiteral("failed"), QStringLiteral("running"),
            QStringLiteral("pending"), QStringLiteral("dead")};
}

QScatterSeries *ChildrenChart::series(const QString &outcome) const
{
    return m_series.value(outcome);
}

void ChildrenChart::setModel(models::ChildJobModel *model)
{
    m_model = model;
    m_runTimes->setModel(model);
}

void ChildrenChart::setJobName(const QString &parentId)
{
    if (m_jobName == parentId)
        return;
    m_jobName = parentId;
    schedule();
}

void ChildrenChart::setCapacity(int capacity)
{
    m_runTimes->setCapacity(capacity);
}

int ChildrenChart::capacity() const
{
    return m_runTimes->capacity();
}

int ChildrenChart::childCount() const
{
    return m_runTimes->childCount();
}

void ChildrenChart::setOutcomeFilter(const QSet<QString> &outcomes)
{
    if (outcomes == m_outcomeFilter)
        return;
    m_outcomeFilter = outcomes;
    schedule();
}

void ChildrenChart::schedule()
{
    m_stale = true;
    if (isVisible() && !m_flushTimer->isActive())
        m_flushTimer->start();
}

QStringList ChildrenChart::idsWithoutFinishTime(int max) const
{
    return m_runTimes->idsWithoutFinishTime(max);
}

void ChildrenChart::setFinishTime(const QString &id, std::optional<qint64> finishedNs)
{
    m_runTimes->setFinishTime(id, finishedNs);
}

bool ChildrenChart::hasOpenPoints() const
{
    for (const QString &outcome : {QStringLiteral("running"), QStringLiteral("pending")}) {
        if (m_series.value(outcome)->isVisible() && m_series.value(outcome)->count() > 0)
            return true;
    }
    return false;
}

bool ChildrenChart::isEmpty() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QString ChildrenChart::emptyText() const
{
    return isEmpty() ? m_emptyLabel->text() : QString();
}

void ChildrenChart::redraw()
{
    m_flushTimer->stop();
    m_stale = false;

    const models::ChildRunTimes::Points data = m_runTimes->points(nowNs(), m_outcomeFilter);
    const int waiting = data.waiting;
    const qint64 maxDuration = data.maxDurationNs;

    // Seconds, minutes or hours: whichever keeps the axis numbers short.
    const double maxSeconds = double(maxDuration) / double(kNsPerSecond);
    m_secondsPerUnit = maxSeconds < 120 ? 1 : maxSeconds < 2 * 3600 ? 60 : 3600;
    m_yAxis->setTitleText(m_secondsPerUnit == 1    ? tr("Run time (s)")
                          : m_secondsPerUnit == 60 ? tr("Run time (min)")
                                                   : tr("Run time (h)"));

    int drawn = 0;
    m_pointIds = data.ids;
    for (const QString &outcome : outcomes()) {
        QList<QPointF> list;
        const auto &pairs = data.points.value(outcome);
        list.reserve(pairs.size());
        for (const auto &[submit, duration] : pairs) {
            list.append(QPointF(double(submit / kNsPerMs),
                                double(duration) / double(kNsPerSecond) / m_secondsPerUnit));
        }
        QScatterSeries *series = m_series.value(outcome);
        series->replace(list);
        drawn += int(list.size());
        const bool filteredOut = !m_outcomeFilter.isEmpty() && !m_outcomeFilter.contains(outcome);
        series->setVisible(!filteredOut);
        // Stopped children are rare: their legend entry shows only when there are some.
        const bool inLegend = !filteredOut && (outcome != u"dead" || !list.isEmpty());
        for (QLegendMarker *marker : m_chart->legend()->markers(series))
            marker->setVisible(inLegend);
    }

    if (drawn > 0) {
        m_minSubmitMs = data.minSubmitNs / kNsPerMs;
        m_maxSubmitMs = data.maxSubmitNs / kNsPerMs;
        updateXAxis();
        const double top = std::max(maxSeconds / m_secondsPerUnit * 1.15, 1.0);
        m_yAxis->setRange(0, top);
        m_yAxis->applyNiceNumbers();
        m_yAxis->setMin(0);
    }

    const int shown = childCount() - waiting - data.unknowable;
    const int total = m_model ? m_model->rowCount() : 0;
    QString title = shown == 1 ? tr("Last child of “%1”").arg(m_jobName)
                               : tr("Last %1 children of “%2”").arg(shown).arg(m_jobName);
    if (total > childCount())
        title += u' ' + tr("(of %L1)").arg(total);
    m_chart->setTitle(title);

    QStringList notes;
    if (waiting > 0)
        notes << tr("Reading when %1 finished children ended…").arg(waiting);
    if (data.unknowable > 0)
        notes << tr("%1 finished children are not shown: when they ended is not known.")
                     .arg(data.unknowable);
    m_noteLabel->setText(notes.join(u' '));
    m_noteLabel->setVisible(!notes.isEmpty());

    if (drawn > 0) {
        m_stack->setCurrentWidget(m_chartPage);
    } else {
        QString text;
        if (m_jobName.isEmpty())
            text = tr("Select a job to see its dispatched children.");
        else if (childCount() == 0)
            text = tr("No dispatched children yet") + u"\n\n" +
                   tr("Each dispatch of “%1” will show here: when it was submitted, how long it "
                      "ran, and how it ended.")
                       .arg(m_jobName);
        else if (waiting > 0)
            text = tr("Reading when %1 finished children ended…").arg(waiting);
        else if (!m_outcomeFilter.isEmpty())
            text = tr("No dispatched children with this status");
        else
            text = tr("When these children ended is not known.");
        m_emptyLabel->setText(text);
        m_stack->setCurrentWidget(m_emptyLabel);
    }
    updateTicking();
    if (isVisible() && (waiting > 0 || !idsWithoutFinishTime(1).isEmpty()))
        Q_EMIT finishTimesWanted();
}

void ChildrenChart::updateTicking()
{
    const bool tick = isVisible() && hasOpenPoints();
    if (tick && !m_tickTimer->isActive())
        m_tickTimer->start();
    else if (!tick)
        m_tickTimer->stop();
}

QString ChildrenChart::childAt(const QString &outcome, int index) const
{
    return m_pointIds.value(outcome).value(index);
}

QString ChildrenChart::pointText(const QString &outcome, int index) const
{
    return m_runTimes->describe(childAt(outcome, index), nowNs());
}

void ChildrenChart::onHovered(const QString &outcome, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QList<QPointF> points = m_series.value(outcome)->points();
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < points.size(); ++i) {
        const QPointF d = m_chart->mapToPosition(points.at(i)) - m_chart->mapToPosition(point);
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (best < 0 || distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    if (best >= 0)
        QToolTip::showText(QCursor::pos(), pointText(outcome, best), m_view);
}

void ChildrenChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(40);
    QColor line = text;
    line.setAlpha(110);
    m_chart->setBackgroundBrush(pal.base());
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_xAxis), static_cast<QAbstractAxis *>(m_yAxis)}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(line);
    }
    m_view->setBackgroundBrush(pal.base());
}

void ChildrenChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        redraw();
    else
        updateTicking();
    if (!idsWithoutFinishTime(1).isEmpty())
        Q_EMIT finishTimesWanted();
}

void ChildrenChart::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_tickTimer->stop();
    QToolTip::hideText();
}

void ChildrenChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ChildrenChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_maxSubmitMs > 0)
        updateXAxis();
}

void ChildrenChart::updateXAxis()
{
    // About one label per 120 pixels.
    const models::TimeAxis axis =
        models::timeAxisFor(m_minSubmitMs, m_maxSubmitMs, std::clamp(width() / 120, 3, 10));
    m_xAxis->setFormat(axis.format);
    m_xAxis->setRange(axis.first, axis.last);
    m_xAxis->setTickCount(axis.tickCount);
}

} // namespace dd::gui
