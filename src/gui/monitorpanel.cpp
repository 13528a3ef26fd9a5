#include "gui/monitorpanel.h"

#include "core/ids.h"
#include "gui/allocationtimeline.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "gui/verdictbanner.h"
#include "gui/wraptext.h"
#include "models/allocationmodel.h"
#include "models/evaluationmodel.h"
#include "models/timelinemodel.h"
#include "ui_monitorpanel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace dd::gui {

namespace {
QIcon severityIcon(const QModelIndex &index)
{
    using Severity = models::TimelineEntry::Severity;
    switch (Severity(index.data(models::TimelineModel::SeverityRole).toInt())) {
    case Severity::Info:
        return icon(QStringLiteral("info"));
    case Severity::Progress:
        return icon(QStringLiteral("running"));
    case Severity::Success:
        return icon(QStringLiteral("success"));
    case Severity::Warning:
        return icon(QStringLiteral("warning"));
    case Severity::Error:
        return icon(QStringLiteral("failed"));
    }
    return {};
}
} // namespace

MonitorPanel::MonitorPanel(DispatchTracker *tracker, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MonitorPanel>())
    , m_tracker(tracker)
{
    m_ui->setupUi(this);
    tracker->setParent(this);
    const DispatchContext &c = tracker->context();
    m_ui->monitorHeaderLabel->setText(
        tr("<b>%1</b> dispatched from “%2” on “%3”, namespace %4")
            .arg(c.response.dispatchedJobId.toHtmlEscaped(), c.parentId.toHtmlEscaped(),
                 c.profileName.toHtmlEscaped(), c.nameSpace.toHtmlEscaped()));

    auto *timeline = new IconProxy(models::TimelineModel::EventColumn, severityIcon, this);
    timeline->setSourceModel(tracker->timeline());
    m_ui->timelineView->setModel(timeline);
    // "What happened" rows show their whole text, wrapped to the column.
    m_ui->timelineView->setItemDelegate(new WrapDelegate(m_ui->timelineView));
    m_ui->timelineView->header()->setSectionResizeMode(models::TimelineModel::TimeColumn,
                                                       QHeaderView::ResizeToContents);
    m_ui->timelineView->header()->setStretchLastSection(true);
    // New steps scroll into view as they happen.
    connect(timeline, &QAbstractItemModel::rowsInserted, m_ui->timelineView,
            [this]() { m_ui->timelineView->scrollToBottom(); });

    auto *allocIcons = new IconProxy(
        models::AllocationModel::StatusColumn,
        [](const QModelIndex &i) {
            return statusIcon(i.data(models::AllocationModel::StatusRole).toString());
        },
        this);
    allocIcons->setSourceModel(tracker->allocations());
    auto *allocSort = new QSortFilterProxyModel(this);
    allocSort->setSourceModel(allocIcons);
    allocSort->setSortRole(models::AllocationModel::SortRole);
    m_ui->allocationsView->setModel(allocSort);
    m_ui->allocationsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->allocationsView->horizontalHeader()->setStretchLastSection(true);
    m_ui->allocationsView->setColumnHidden(models::AllocationModel::ModifiedColumn, true);
    m_ui->allocationTimeline->setModel(tracker->allocations());

    auto *evalIcons = new IconProxy(
        models::EvaluationModel::StatusColumn,
        [](const QModelIndex &i) {
            return statusIcon(i.data(models::EvaluationModel::StatusRole).toString());
        },
        this);
    evalIcons->setSourceModel(tracker->evaluations());
    m_ui->evaluationsView->setModel(evalIcons);
    m_ui->evaluationsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->evaluationsView->horizontalHeader()->setStretchLastSection(true);

    m_ui->monitorSplitter->setStretchFactor(0, 1);
    m_ui->monitorSplitter->setStretchFactor(1, 1);
    m_ui->stopFollowingButton->setIcon(icon(QStringLiteral("stop")));
    connect(m_ui->stopFollowingButton, &QPushButton::clicked, tracker, &DispatchTracker::stop);
    connect(m_ui->showChildButton, &QPushButton::clicked, this, [this]() {
        const DispatchContext &c = m_tracker->context();
        Q_EMIT showChildRequested(c.nameSpace, c.parentId, c.response.dispatchedJobId);
    });
    m_ui->stopJobButton->setIcon(icon(QStringLiteral("stop")));
    m_ui->purgeJobButton->setIcon(icon(QStringLiteral("remove")));
    for (auto [button, mode] : {std::pair{m_ui->stopJobButton, StopMode::Stop},
                                std::pair{m_ui->purgeJobButton, StopMode::Purge}}) {
        connect(button, &QPushButton::clicked, this, [this, mode]() {
            const DispatchContext &c = m_tracker->context();
            Q_EMIT stopRequested(c.profileName, c.nameSpace, c.response.dispatchedJobId, mode);
        });
    }
    connect(tracker, &DispatchTracker::followingChanged, m_ui->stopFollowingButton,
            &QWidget::setEnabled);
    connect(tracker, &DispatchTracker::verdictChanged, this, &MonitorPanel::onVerdict);
    m_ui->stopFollowingButton->setEnabled(tracker->isFollowing());
    onVerdict(tracker->verdict());
}

MonitorPanel::~MonitorPanel() = default;

VerdictBanner *MonitorPanel::banner() const
{
    return m_ui->verdictBanner;
}

QAbstractItemView *MonitorPanel::timelineView() const
{
    return m_ui->timelineView;
}

QAbstractItemView *MonitorPanel::allocationsView() const
{
    return m_ui->allocationsView;
}

AllocationTimeline *MonitorPanel::allocationTimeline() const
{
    return m_ui->allocationTimeline;
}

void MonitorPanel::showAllocationTimeline()
{
    m_ui->monitorDetailTabs->setCurrentWidget(m_ui->allocationTimelineTab);
}

void MonitorPanel::onVerdict(const VerdictInfo &verdict)
{
    m_ui->verdictBanner->setVerdict(verdict);
}

} // namespace dd::gui
