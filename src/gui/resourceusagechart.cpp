// An allocation's CPU and memory over time, painted (resourceusagechart.h).
#include "gui/resourceusagechart.h"
#include "gui/resourceusagechart_p.h"

#include "api/allocfserrors.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace dd::gui {

using models::UsageSample;
using namespace usagechart;

ResourceUsageChart::ResourceUsageChart(NomadClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_poller(new AllocStatsPoller(client, this))
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMouseTracking(true);
    setAccessibleName(tr("Resource usage over time"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(m_poller, &AllocStatsPoller::sampled, this, &ResourceUsageChart::onSample);
    connect(m_poller, &AllocStatsPoller::failed, this, &ResourceUsageChart::onFailed);
    clear();
}

ResourceUsageChart::~ResourceUsageChart() = default;

void ResourceUsageChart::setClient(NomadClient *client)
{
    if (client == m_client)
        return;
    const auto interval = m_poller->interval();
    m_client = client;
    delete m_poller;
    m_poller = new AllocStatsPoller(client, this);
    m_poller->setInterval(interval);
    connect(m_poller, &AllocStatsPoller::sampled, this, &ResourceUsageChart::onSample);
    connect(m_poller, &AllocStatsPoller::failed, this, &ResourceUsageChart::onFailed);
    m_gaveUp = false;
    updatePolling();
}

void ResourceUsageChart::setPollInterval(std::chrono::milliseconds interval)
{
    m_poller->setInterval(interval);
}

void ResourceUsageChart::setHistoryWindow(std::chrono::seconds window)
{
    m_history.setWindow(qint64(window.count()) * kNsPerSecond);
    update();
}

void ResourceUsageChart::clear()
{
    setAllocation({}, {});
}

void ResourceUsageChart::setAllocation(const QString &allocId, const QString &nameSpace,
                                       const QString &task)
{
    if (!allocId.isEmpty() && allocId == m_allocId && nameSpace == m_nameSpace && task == m_task)
        return;
    m_poller->stop();
    m_allocId = allocId;
    m_nameSpace = nameSpace;
    m_task = task;
    m_history.clear();
    m_terminal = false;
    m_gaveUp = false;
    m_idle = false;
    if (allocId.isEmpty())
        setStatus(tr("Select an allocation to see its resource usage."), false);
    else if (!m_client)
        setStatus(tr("Not connected to a Nomad cluster."), false);
    else
        setStatus(tr("Reading the resource usage of allocation %1…").arg(allocId.left(8)), false);
    updatePolling();
}

void ResourceUsageChart::setAllocationTerminal(bool terminal)
{
    if (terminal == m_terminal)
        return;
    m_terminal = terminal;
    if (terminal) {
        m_poller->setAllocationTerminal();
        if (!m_gaveUp && !m_allocId.isEmpty())
            setStatus(m_history.isEmpty()
                          ? tr("Allocation %1 has finished: there is no resource usage to show.")
                                .arg(m_allocId.left(8))
                          : tr("Allocation %1 has finished; its last reading is shown.")
                                .arg(m_allocId.left(8)),
                      false);
    }
    updatePolling();
}

void ResourceUsageChart::updatePolling()
{
    const bool wanted = m_client && isVisible() && !m_allocId.isEmpty() && !m_terminal && !m_gaveUp;
    if (wanted && !m_poller->isPolling())
        m_poller->start(m_allocId, m_nameSpace);
    else if (!wanted && m_poller->isPolling())
        m_poller->stop();
}

void ResourceUsageChart::onSample(const AllocResourceUsage &usage)
{
    // A task that is not running has no usage: nothing to draw, and the last
    // reading stays (a zero would read as a task that uses nothing).
    m_idle = m_task.isEmpty() ? usage.isIdle() : !usage.tasks.contains(m_task);
    if (m_idle) {
        setStatus(m_history.isEmpty()
                      ? tr("No task of allocation %1 is running now; its usage shows while one "
                           "runs.")
                            .arg(m_allocId.left(8))
                      : tr("No task is running now; the last reading is shown."),
                  false);
    } else {
        m_history.add(models::UsageHistory::sampleOf(usage, m_task));
        setStatus({}, false);
    }
    update();
    Q_EMIT updated();
}

void ResourceUsageChart::onFailed(const ApiError &error, bool willRetry)
{
    QString text = allocFsFailureText(error, AllocFsAction::Stats, {}, m_allocId, m_nameSpace);
    if (willRetry)
        text += u' ' + tr("Trying again every %1 s.")
                           .arg(double(m_poller->interval().count()) / 1000.0, 0, 'g', 3);
    m_gaveUp = !willRetry;
    setStatus(text, true);
}

void ResourceUsageChart::setStatus(const QString &text, bool failure)
{
    const bool changed = text != m_status || failure != m_statusFailure;
    m_status = text;
    m_statusFailure = failure;
    setAccessibleDescription(text.isEmpty() ? currentText() : text);
    if (changed) {
        update();
        Q_EMIT updated();
    }
}

QString ResourceUsageChart::currentText() const
{
    const auto last = m_history.latest();
    if (!last)
        return {};
    return tr("CPU %1 (%2 MHz)  ·  Memory %3")
        .arg(cpuText(last->cpuPercent))
        .arg(last->cpuMhz, 0, 'f', 0)
        .arg(memoryText(last->memoryBytes));
}

qint64 ResourceUsageChart::spanEnd() const
{
    return m_history.isEmpty() ? 0 : m_history.latest()->timestampNs;
}

qint64 ResourceUsageChart::spanStart() const
{
    if (m_history.isEmpty())
        return 0;
    const qint64 first = m_history.samples().first().timestampNs;
    return std::min(first, spanEnd() - kMinSpanNs);
}

double ResourceUsageChart::xOf(qint64 ns, const QRect &plot) const
{
    const double span = double(std::max<qint64>(spanEnd() - spanStart(), 1));
    return plot.left() + double(ns - spanStart()) / span * double(plot.width());
}

QSize ResourceUsageChart::sizeHint() const
{
    return {560, 12 * fontMetrics().height() + 40};
}

QSize ResourceUsageChart::minimumSizeHint() const
{
    // Two panes (side by side when short) with room for their 0 and top
    // labels, the time axis and a status line.
    return {340, 7 * fontMetrics().height() + 10};
}

std::optional<UsageSample> ResourceUsageChart::sampleAt(int x) const
{
    if (x < 0 || m_history.isEmpty())
        return std::nullopt;
    const Geometry g = geometry();
    const QRect plot = g.sideBySide && x > g.cpu.right() + 4 ? g.memory : g.cpu;
    if (x < plot.left() - 4 || x > plot.right() + 4)
        return std::nullopt;
    const double span = double(std::max<qint64>(spanEnd() - spanStart(), 1));
    const qint64 t = spanStart() + qint64(double(x - plot.left()) / plot.width() * span);
    // Within a dozen pixels of a reading.
    return m_history.nearest(t, qint64(12.0 / plot.width() * span));
}

QString ResourceUsageChart::tooltipAt(const QPoint &pos) const
{
    const Geometry g = geometry();
    if (pos.y() < g.cpu.top() - fontMetrics().height() || pos.y() > g.axisTop)
        return {};
    const auto s = sampleAt(pos.x());
    if (!s)
        return {};
    return tr("%1\nCPU %2 of one core (%3 MHz)\nMemory %4")
        .arg(QDateTime::fromMSecsSinceEpoch(s->timestampNs / 1'000'000).toString(u"HH:mm:ss.zzz"_s))
        .arg(cpuText(s->cpuPercent))
        .arg(s->cpuMhz, 0, 'f', 0)
        .arg(memoryText(s->memoryBytes));
}

bool ResourceUsageChart::event(QEvent *event)
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

void ResourceUsageChart::mouseMoveEvent(QMouseEvent *event)
{
    QWidget::mouseMoveEvent(event);
    m_hoverX = int(event->position().x());
    update();
}

void ResourceUsageChart::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hoverX = -1;
    update();
}

void ResourceUsageChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updatePolling();
}

void ResourceUsageChart::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updatePolling();
}

} // namespace dd::gui
