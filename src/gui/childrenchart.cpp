#include "gui/childrenchart.h"

#include "models/childjobmodel.h"
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

using models::durationText;
using models::kNsPerMs;
using models::kNsPerSecond;
using models::nowNs;

using models::ChildJobModel;

namespace {

// Model changes arrive in bursts (a list reply, then meta per child): one redraw per burst.
constexpr int kCoalesceMs = 50;

bool isFinished(const QString &outcome)
{
    return outcome == u"complete" || outcome == u"failed" || outcome == u"dead";
}

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
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_entries.clear();
    m_submitOf.clear();
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    onRowsAboutToBeRemoved(first, last);
                });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    onDataChanged(topLeft.row(), bottomRight.row());
                });
        connect(model, &QAbstractItemModel::modelReset, this, [this]() {
            m_needsRescan = true;
            schedule();
        });
        if (model->rowCount() > 0)
            onRowsInserted(0, model->rowCount() - 1);
    }
    schedule();
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
    capacity = std::max(1, capacity);
    if (capacity == m_capacity)
        return;
    m_capacity = capacity;
    m_needsRescan = true;
    schedule();
}

void ChildrenChart::setOutcomeFilter(const QSet<QString> &outcomes)
{
    if (outcomes == m_outcomeFilter)
        return;
    m_outcomeFilter = outcomes;
    schedule();
}

void ChildrenChart::onRowsInserted(int first, int last)
{
    for (int row = first; row <= last; ++row)
        consider(row);
    schedule();
}

void ChildrenChart::consider(int row)
{
    const JobStub &stub = m_model->at(row).stub;
    const Key key{stub.submitTime, stub.id};
    if (m_submitOf.contains(stub.id))
        return;
    if (int(m_entries.size()) >= m_capacity) {
        if (key < m_entries.begin()->first)
            return; // older than every child kept
        m_submitOf.remove(m_entries.begin()->second.id);
        m_entries.erase(m_entries.begin());
    }
    Entry entry;
    entry.id = stub.id;
    entry.submitNs = stub.submitTime;
    updateEntry(entry, ChildJobModel::outcomeOf(stub), true);
    m_entries.emplace(key, entry);
    m_submitOf.insert(stub.id, stub.submitTime);
}

void ChildrenChart::updateEntry(Entry &entry, const QString &outcome, bool fresh)
{
    const bool wasFinished = !fresh && isFinished(entry.outcome);
    entry.outcome = outcome;
    if (!isFinished(outcome)) {
        entry.end = End::Open;
        entry.endNs = 0;
    } else if (fresh) {
        entry.end = End::Unknown; // finished before the chart saw it
    } else if (!wasFinished) {
        // Seen finishing on the live list: a good first guess, until its
        // allocations tell the exact time.
        entry.end = End::Observed;
        entry.endNs = std::max(nowNs(), entry.submitNs);
    }
}

void ChildrenChart::onRowsAboutToBeRemoved(int first, int last)
{
    if (first == 0 && last == m_model->rowCount() - 1) {
        m_entries.clear();
        m_submitOf.clear();
        m_needsRescan = false;
        schedule();
        return;
    }
    for (int row = first; row <= last; ++row) {
        const QString &id = m_model->at(row).stub.id;
        const auto it = m_submitOf.constFind(id);
        if (it == m_submitOf.cend())
            continue;
        m_entries.erase(Key{*it, id});
        m_submitOf.erase(it);
        // An older child may now be among the newest: look again once removed.
        m_needsRescan = true;
    }
    schedule();
}

void ChildrenChart::onDataChanged(int first, int last)
{
    bool changed = false;
    for (int row = first; row <= last; ++row) {
        const JobStub &stub = m_model->at(row).stub;
        const auto it = m_submitOf.constFind(stub.id);
        if (it == m_submitOf.cend())
            continue; // older than every child kept
        auto entry = m_entries.find(Key{*it, stub.id});
        if (entry == m_entries.end())
            continue;
        const QString outcome = ChildJobModel::outcomeOf(stub);
        if (outcome == entry->second.outcome)
            continue; // e.g. only the meta arrived
        updateEntry(entry->second, outcome, false);
        changed = true;
    }
    if (changed)
        schedule();
}

void ChildrenChart::rescan()
{
    m_needsRescan = false;
    // What is known of each child's end survives the rescan.
    QHash<QString, std::pair<End, qint64>> ends;
    for (const auto &[key, entry] : m_entries)
        ends.insert(entry.id, {entry.end, entry.endNs});
    m_entries.clear();
    m_submitOf.clear();
    if (!m_model)
        return;
    for (int row = 0; row < m_model->rowCount(); ++row)
        consider(row);
    for (auto &[key, entry] : m_entries) {
        const auto it = ends.constFind(entry.id);
        if (it != ends.cend() && isFinished(entry.outcome) && it->first != End::Open) {
            entry.end = it->first;
            entry.endNs = it->second;
        }
    }
}

void ChildrenChart::schedule()
{
    m_stale = true;
    if (isVisible() && !m_flushTimer->isActive())
        m_flushTimer->start();
}

QStringList ChildrenChart::idsWithoutFinishTime(int max) const
{
    QStringList ids;
    for (auto it = m_entries.rbegin(); it != m_entries.rend() && ids.size() < max; ++it) {
        if (it->second.end == End::Unknown || it->second.end == End::Observed)
            ids.append(it->second.id);
    }
    return ids;
}

void ChildrenChart::setFinishTime(const QString &id, std::optional<qint64> finishedNs)
{
    const auto it = m_submitOf.constFind(id);
    if (it == m_submitOf.cend())
        return;
    auto entry = m_entries.find(Key{*it, id});
    if (entry == m_entries.end() || !isFinished(entry->second.outcome))
        return;
    Entry &e = entry->second;
    if (finishedNs && *finishedNs > 0) {
        e.end = End::Read;
        e.endNs = std::max(*finishedNs, e.submitNs);
    } else if (e.end == End::Observed) {
        e.end = End::Read; // the moment it was seen finishing is as good as it gets
    } else {
        e.end = End::Unknowable;
    }
    schedule();
}

qint64 ChildrenChart::durationNs(const Entry &entry, qint64 now) const
{
    const qint64 end = entry.end == End::Open ? now : entry.endNs;
    return std::max<qint64>(0, end - entry.submitNs);
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
    if (m_needsRescan)
        rescan();
    m_stale = false;

    const qint64 now = nowNs();
    QHash<QString, QList<std::pair<qint64, qint64>>> points; // outcome -> (submit, duration)
    QHash<QString, QStringList> ids;
    qint64 maxDuration = 0;
    qint64 minSubmit = 0;
    qint64 maxSubmit = 0;
    int waiting = 0;
    m_unknowable = 0;
    for (const auto &[key, entry] : m_entries) {
        if (entry.end == End::Unknown) {
            ++waiting;
            continue;
        }
        if (entry.end == End::Unknowable) {
            ++m_unknowable;
            continue;
        }
        if (!m_outcomeFilter.isEmpty() && !m_outcomeFilter.contains(entry.outcome))
            continue;
        const qint64 duration = durationNs(entry, now);
        points[entry.outcome].append({entry.submitNs, duration});
        ids[entry.outcome].append(entry.id);
        maxDuration = std::max(maxDuration, duration);
        minSubmit = minSubmit == 0 ? entry.submitNs : std::min(minSubmit, entry.submitNs);
        maxSubmit = std::max(maxSubmit, entry.submitNs);
    }

    // Seconds, minutes or hours: whichever keeps the axis numbers short.
    const double maxSeconds = double(maxDuration) / double(kNsPerSecond);
    m_secondsPerUnit = maxSeconds < 120 ? 1 : maxSeconds < 2 * 3600 ? 60 : 3600;
    m_yAxis->setTitleText(m_secondsPerUnit == 1    ? tr("Run time (s)")
                          : m_secondsPerUnit == 60 ? tr("Run time (min)")
                                                   : tr("Run time (h)"));

    int drawn = 0;
    m_pointIds = ids;
    for (const QString &outcome : outcomes()) {
        QList<QPointF> list;
        const auto &pairs = points.value(outcome);
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
        m_minSubmitMs = minSubmit / kNsPerMs;
        m_maxSubmitMs = maxSubmit / kNsPerMs;
        updateXAxis();
        const double top = std::max(maxSeconds / m_secondsPerUnit * 1.15, 1.0);
        m_yAxis->setRange(0, top);
        m_yAxis->applyNiceNumbers();
        m_yAxis->setMin(0);
    }

    const int shown = childCount() - waiting - m_unknowable;
    const int total = m_model ? m_model->rowCount() : 0;
    QString title = shown == 1 ? tr("Last child of “%1”").arg(m_jobName)
                               : tr("Last %1 children of “%2”").arg(shown).arg(m_jobName);
    if (total > childCount())
        title += u' ' + tr("(of %L1)").arg(total);
    m_chart->setTitle(title);

    QStringList notes;
    if (waiting > 0)
        notes << tr("Reading when %1 finished children ended…").arg(waiting);
    if (m_unknowable > 0)
        notes << tr("%1 finished children are not shown: when they ended is not known.")
                     .arg(m_unknowable);
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

const ChildrenChart::Entry *ChildrenChart::entryAt(const QString &outcome, int index) const
{
    const QString id = childAt(outcome, index);
    const auto it = m_submitOf.constFind(id);
    if (it == m_submitOf.cend())
        return nullptr;
    const auto entry = m_entries.find(Key{*it, id});
    return entry == m_entries.end() ? nullptr : &entry->second;
}

QString ChildrenChart::childAt(const QString &outcome, int index) const
{
    return m_pointIds.value(outcome).value(index);
}

QString ChildrenChart::pointText(const QString &outcome, int index) const
{
    const Entry *entry = entryAt(outcome, index);
    if (!entry)
        return {};
    const QString submitted =
        QDateTime::fromMSecsSinceEpoch(entry->submitNs / kNsPerMs).toString(u"yyyy-MM-dd HH:mm:ss");
    const QString duration = durationText(durationNs(*entry, nowNs()));
    QString how;
    if (entry->end == End::Open)
        how = outcome == u"pending" ? tr("waiting for %1 so far").arg(duration)
                                    : tr("running for %1 so far").arg(duration);
    else
        how = tr("ran %1").arg(duration);
    return tr("%1\n%2, %3\nSubmitted %4")
        .arg(entry->id, ChildJobModel::statusText(entry->outcome), how, submitted);
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
    if (m_stale || m_needsRescan)
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
    // Round times at even steps, about one label per 120 pixels, and a little room around
    // the points so none sits on an axis.
    static constexpr qint64 kSecond = 1000;
    static constexpr qint64 kSteps[] = {
        kSecond,          2 * kSecond,     5 * kSecond,     10 * kSecond,     15 * kSecond,
        30 * kSecond,     60 * kSecond,    120 * kSecond,   300 * kSecond,    600 * kSecond,
        900 * kSecond,    1800 * kSecond,  3600 * kSecond,  7200 * kSecond,   10800 * kSecond,
        21600 * kSecond,  43200 * kSecond, 86400 * kSecond, 172800 * kSecond, 604800 * kSecond,
        2592000 * kSecond};
    const int maxTicks = std::clamp(width() / 120, 3, 10);
    const qint64 span = std::max<qint64>(m_maxSubmitMs - m_minSubmitMs, kSecond);
    const qint64 pad = std::max<qint64>(span / 20, kSecond / 2);
    qint64 step = kSteps[std::size(kSteps) - 1];
    qint64 from = 0;
    qint64 to = 0;
    for (qint64 candidate : kSteps) {
        from = (m_minSubmitMs - pad) / candidate * candidate;
        to = (m_maxSubmitMs + pad + candidate - 1) / candidate * candidate;
        if ((to - from) / candidate + 1 <= maxTicks) {
            step = candidate;
            break;
        }
    }
    from = (m_minSubmitMs - pad) / step * step;
    to = std::max(from + step, (m_maxSubmitMs + pad + step - 1) / step * step);
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(from);
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(to);
    QString format = step < 60 * kSecond ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    if (first.date() != last.date())
        format = step >= 86400 * kSecond ? QStringLiteral("MMM d") : u"MMM d " + format;
    m_xAxis->setFormat(format);
    m_xAxis->setRange(first, last);
    m_xAxis->setTickCount(int((to - from) / step) + 1);
}

} // namespace dd::gui
