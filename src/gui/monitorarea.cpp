#include "gui/monitorarea.h"

#include "core/ids.h"
#include "gui/icons.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "ui_monitorarea.h"

namespace dd::gui {

MonitorArea::MonitorArea(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MonitorArea>())
{
    m_ui->setupUi(this);
    setAllocationTools({});
    connect(m_ui->monitorTabs, &QTabWidget::tabCloseRequested, this, &MonitorArea::closeTab);
    updateStack();
}

MonitorArea::~MonitorArea() = default;

QTabWidget *MonitorArea::tabs() const
{
    return m_ui->monitorTabs;
}

void MonitorArea::setAllocationTools(const AllocationTools &tools)
{
    m_tools = withFallbacks(tools);
}

MonitorPanel *MonitorArea::addMonitor(DispatchTracker *tracker)
{
    auto *panel = new MonitorPanel(tracker, m_tools, m_ui->monitorTabs);
    const DispatchContext &c = tracker->context();
    // "video-encode · 8b0ed4f7": the parent and the child's random suffix.
    const QString child = c.response.dispatchedJobId;
    const QString suffix = child.section(u'-', -1);
    const int index =
        m_ui->monitorTabs->addTab(panel, icon(VerdictBanner::iconName(tracker->verdict().verdict)),
                                  c.parentId + u" · " + suffix);
    m_ui->monitorTabs->setTabToolTip(index, child);
    m_ui->monitorTabs->setCurrentIndex(index);
    connect(tracker, &DispatchTracker::verdictChanged, this, [this, panel](const VerdictInfo &v) {
        const int i = m_ui->monitorTabs->indexOf(panel);
        if (i >= 0)
            m_ui->monitorTabs->setTabIcon(i, icon(VerdictBanner::iconName(v.verdict)));
    });
    connect(panel, &MonitorPanel::showChildRequested, this, &MonitorArea::showChildRequested);
    connect(panel, &MonitorPanel::stopRequested, this, &MonitorArea::stopRequested);
    updateStack();
    tracker->start();
    return panel;
}

int MonitorArea::count() const
{
    return m_ui->monitorTabs->count();
}

MonitorPanel *MonitorArea::monitor(int index) const
{
    return qobject_cast<MonitorPanel *>(m_ui->monitorTabs->widget(index));
}

MonitorPanel *MonitorArea::currentMonitor() const
{
    return qobject_cast<MonitorPanel *>(m_ui->monitorTabs->currentWidget());
}

void MonitorArea::closeTab(int index)
{
    MonitorPanel *panel = monitor(index);
    if (!panel)
        return;
    panel->tracker()->stop();
    m_ui->monitorTabs->removeTab(index);
    panel->deleteLater();
    updateStack();
}

void MonitorArea::updateStack()
{
    const bool empty = m_ui->monitorTabs->count() == 0;
    m_ui->monitorStack->setCurrentWidget(empty ? m_ui->noMonitorPage
                                               : static_cast<QWidget *>(m_ui->monitorTabs));
    if (empty != m_empty) {
        m_empty = empty;
        Q_EMIT emptyChanged(empty);
    }
}

} // namespace dd::gui
