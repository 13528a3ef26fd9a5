#include "gui/monitorpanel.h"

#include "api/logtail.h"
#include "core/ids.h"
#include "core/logtext.h"
#include "gui/allocationchooser.h"
#include "gui/allocationtabs.h"
#include "gui/allocationtimeline.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "gui/logtargets.h"
#include "gui/tasklogfeed.h"
#include "gui/verdictbanner.h"
#include "gui/wraptext.h"
#include "models/allocationmodel.h"
#include "models/evaluationmodel.h"
#include "models/timelinemodel.h"
#include "ui_monitorpanel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace dd::gui {

namespace {
constexpr qint64 kQuoteBytes = 4096;
constexpr int kQuoteLines = 5;

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

MonitorPanel::MonitorPanel(DispatchTracker *tracker, const AllocationTools &tools, QWidget *parent)
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

    // Logs: every task of the dispatch's allocations, live.
    NomadClient *client = tracker->client();
    const std::chrono::milliseconds idle = tools.logIdleTimeout;
    m_logs = new LogPanel(*tools.fileDialogs, *tools.desktop, [client, idle](QObject *parent) {
        return new TaskLogFeed(client, {idle}, parent);
    });
    m_logs->setObjectName(QStringLiteral("monitorLogPanel"));
    new LogTargetBinder(tracker->allocations(), m_logs, c.nameSpace);
    auto *logsTab = new QWidget;
    logsTab->setObjectName(QStringLiteral("logsTab"));
    auto *logsLayout = new QVBoxLayout(logsTab);
    logsLayout->setContentsMargins(2, 2, 2, 0);
    logsLayout->addWidget(m_logs);
    m_ui->monitorDetailTabs->insertTab(1, logsTab, tr("&Logs"));
    // Files and Usage: the allocation picked in the table, else the newest running one.
    m_chooser = new AllocationChooser(tracker->allocations(), c.nameSpace, this);
    m_chooser->followCurrentRow(m_ui->allocationsView);
    m_allocationTabs = new AllocationTabs(m_chooser, client, *tools.fileDialogs,
                                          m_ui->monitorDetailTabs, 2, QStringLiteral("monitor"));
    // Double-clicking an allocation opens its first task's output.
    connect(m_ui->allocationsView, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex &index) {
                const QString id = index.data(models::AllocationModel::IdRole).toString();
                for (const LogTarget &t : m_logs->targets()) {
                    if (t.allocationId == id) {
                        showLogs(t);
                        return;
                    }
                }
                showLogs();
            });
    connect(m_ui->verdictBanner, &VerdictBanner::fullLogRequested, this,
            [this] { showLogs(m_quotedTarget, m_quotedStream); });
    connect(tracker->allocations(), &QAbstractItemModel::dataChanged, this,
            &MonitorPanel::quoteFailure);
    connect(tracker->allocations(), &QAbstractItemModel::rowsInserted, this,
            &MonitorPanel::quoteFailure);

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

void MonitorPanel::showLogs(const LogTarget &target, LogStream stream)
{
    m_ui->monitorDetailTabs->setCurrentWidget(m_logs->parentWidget());
    if (!target.allocationId.isEmpty())
        m_logs->selectTarget(target);
    m_logs->showStream(stream);
}

void MonitorPanel::onVerdict(const VerdictInfo &verdict)
{
    m_ui->verdictBanner->setVerdict(verdict);
    quoteFailure();
}

// A failed task's last words go into the banner: its stderr's last lines, or
// its stdout's when it wrote nothing to stderr.
void MonitorPanel::quoteFailure()
{
    if (m_quoted || m_tracker->verdict().verdict != Verdict::Failed)
        return;
    models::AllocationModel *allocations = m_tracker->allocations();
    for (int row = 0; row < allocations->rowCount(); ++row) {
        const Allocation &a = allocations->at(row);
        if (a.clientStatus != u"failed")
            continue;
        for (auto it = a.taskStates.cbegin(); it != a.taskStates.cend(); ++it) {
            if (!it->failed || it->state == u"pending")
                continue;
            m_quoted = true;
            const QList<LogTarget> targets = logTargets({a}, m_tracker->context().nameSpace);
            for (const LogTarget &t : targets) {
                if (t.task == it.key())
                    m_quotedTarget = t;
            }
            quoteLog(m_quotedTarget, true);
            return;
        }
    }
}

void MonitorPanel::quoteLog(const LogTarget &target, bool stderrStream)
{
    LogTailRequest request;
    request.allocId = target.allocationId;
    request.task = target.task;
    request.nameSpace = target.nameSpace;
    request.stderrStream = stderrStream;
    request.bytes = kQuoteBytes;
    readLogTail(m_tracker->client(), request, this,
                [this, target, stderrStream](std::expected<QByteArray, ApiError> bytes) {
                    if (!bytes)
                        return; // the Logs tab says why, if the user looks
                    const QStringList lines =
                        lastLogLines(*bytes, kQuoteLines, bytes->size() >= kQuoteBytes);
                    if (lines.isEmpty()) {
                        if (stderrStream)
                            quoteLog(target, false);
                        return;
                    }
                    m_quotedStream = stderrStream ? LogStream::Stderr : LogStream::Stdout;
                    m_ui->verdictBanner->setExcerpt(
                        stderrStream
                            ? tr("The last lines task “%1” wrote to stderr:").arg(target.task)
                            : tr("The last lines task “%1” wrote (stdout):").arg(target.task),
                        lines);
                });
}

} // namespace dd::gui
