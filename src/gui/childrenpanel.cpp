#include "gui/childrenpanel.h"

#include "api/blockingfollower.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenchart.h"
#include "gui/errortext.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "models/childjobmodel.h"
#include "models/statusfilterproxy.h"
#include "ui_childrenpanel.h"

#include <QHeaderView>
#include <QSplitter>
#include <QToolButton>

#include <algorithm>

namespace dd::gui {

using models::ChildJobModel;

namespace {
// Reading each child's meta costs a call: a few at a time, newest first.
constexpr int kMetaReadsInFlight = 2;
constexpr int kMetaReadsPerUpdate = 50;
// The chart's finished children need their allocations read to know when they ended.
constexpr int kFinishReadsInFlight = 2;

// When the child's last task finished, from its allocations; nullopt when none says.
std::optional<qint64> finishedNs(const QList<Allocation> &allocations)
{
    qint64 latest = 0;
    for (const Allocation &a : allocations) {
        qint64 finished = 0;
        for (const TaskState &t : a.taskStates) {
            if (t.finishedAt.isValid())
                finished = std::max(finished, t.finishedAt.toMSecsSinceEpoch() * 1'000'000);
        }
        // Allocations that never ran a task end when the client last reported them.
        if (finished == 0 && a.isTerminal())
            finished = a.modifyTime;
        latest = std::max(latest, finished);
    }
    if (latest <= 0)
        return std::nullopt;
    return latest;
}
} // namespace

ChildrenPanel::ChildrenPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ChildrenPanel>())
    , m_model(new ChildJobModel(this))
    , m_proxy(new models::StatusFilterProxy(ChildJobModel::StatusRole, this))
{
    m_ui->setupUi(this);
    auto *icons = new IconProxy(
        ChildJobModel::StatusColumn,
        [](const QModelIndex &i) {
            return statusIcon(i.data(ChildJobModel::StatusRole).toString());
        },
        this);
    icons->setSourceModel(m_model);
    m_proxy->setSourceModel(icons);
    m_proxy->setSortRole(ChildJobModel::SortRole);
    m_ui->childrenView->setModel(m_proxy);
    m_ui->childrenView->sortByColumn(ChildJobModel::SubmittedColumn, Qt::DescendingOrder);
    QHeaderView *header = m_ui->childrenView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
    m_ui->childrenSplitter->setStretchFactor(0, 1);
    m_ui->childrenSplitter->setStretchFactor(1, 2);

    m_ui->childStatusFilter->addItem(tr("All statuses"), QStringLiteral("all"));
    m_ui->childStatusFilter->addItem(statusIcon(QStringLiteral("pending")), tr("Pending"),
                                     QStringLiteral("pending"));
    m_ui->childStatusFilter->addItem(statusIcon(QStringLiteral("running")), tr("Running"),
                                     QStringLiteral("running"));
    m_ui->childStatusFilter->addItem(statusIcon(QStringLiteral("complete")), tr("Completed"),
                                     QStringLiteral("complete"));
    m_ui->childStatusFilter->addItem(statusIcon(QStringLiteral("failed")), tr("Failed"),
                                     QStringLiteral("failed"));
    connect(m_ui->childStatusFilter, &QComboBox::currentIndexChanged, this, [this]() {
        const QString status = m_ui->childStatusFilter->currentData().toString();
        const QSet<QString> statuses = status == u"all" ? QSet<QString>{} : QSet<QString>{status};
        m_proxy->setStatuses(statuses);
        m_ui->childrenChart->setOutcomeFilter(statuses);
        updateCount();
    });
    connect(m_ui->childFilterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    connect(m_ui->childrenView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ChildrenPanel::onCurrentChanged);
    connect(m_ui->childDetail, &ChildDetailPanel::dispatchAgainRequested, this,
            &ChildrenPanel::dispatchAgainRequested);
    connect(m_ui->childDetail, &ChildDetailPanel::childLoaded, this,
            [this](const Job &job) { m_model->setMeta(job.id, job.meta); });

    m_ui->childrenChart->setModel(m_model);
    m_ui->childrenChart->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    connect(m_ui->childrenChart, &ChildrenChart::finishTimesWanted, this,
            &ChildrenPanel::loadFinishTimes);
    connect(m_ui->childrenChart, &ChildrenChart::childClicked, this,
            [this](const QString &id) { m_ui->childDetail->showChild(m_nameSpace, id); });
    connect(m_ui->childrenChartButton, &QToolButton::toggled, this,
            [this](bool on) { showChart(on); });
    connect(m_ui->childrenTableButton, &QToolButton::toggled, this,
            [this](bool on) { showChart(!on); });

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChildrenPanel::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChildrenPanel::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ChildrenPanel::updateCount);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ChildrenPanel::syncDetailOutcome);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChildrenPanel::syncDetailOutcome);
    connect(m_ui->childDetail, &ChildDetailPanel::childLoaded, this,
            &ChildrenPanel::syncDetailOutcome);
    setUpStopActions();
    updateCount();
}

ChildrenPanel::~ChildrenPanel() = default;

QTableView *ChildrenPanel::view() const
{
    return m_ui->childrenView;
}

ChildDetailPanel *ChildrenPanel::detail() const
{
    return m_ui->childDetail;
}

ChildrenChart *ChildrenPanel::chart() const
{
    return m_ui->childrenChart;
}

void ChildrenPanel::showChart(bool chart)
{
    if (chart != isChartShown()) {
        // The chart needs height to read; the table's split comes back with the table.
        QSplitter *splitter = m_ui->childrenSplitter;
        const QList<int> sizes = splitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (chart && total > 0) {
            m_tableSplit = sizes;
            const int top = std::max(total * 3 / 5, std::min(total, 320));
            splitter->setSizes({top, total - top});
        } else if (!chart && !m_tableSplit.isEmpty()) {
            splitter->setSizes(m_tableSplit);
        }
    }
    m_ui->childrenChartButton->setChecked(chart);
    m_ui->childrenTableButton->setChecked(!chart);
    m_ui->childrenViewStack->setCurrentWidget(chart ? static_cast<QWidget *>(m_ui->childrenChart)
                                                    : m_ui->childrenView);
    // A stack is as tall as its tallest page: the chart's height must not hold
    // the table's place (it made the window taller than it was set).
    m_ui->childrenChart->setSizePolicy(chart ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                       chart ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    // The chart shows every recent child; the text filter narrows the table only.
    m_ui->childFilterEdit->setEnabled(!chart);
    m_ui->childFilterEdit->setToolTip(
        chart ? tr("The chart shows all recent dispatched jobs; the ID and meta filter applies "
                   "to the table.")
              : QString());
}

bool ChildrenPanel::isChartShown() const
{
    return m_ui->childrenViewStack->currentWidget() == m_ui->childrenChart;
}

int ChildrenPanel::visibleCount() const
{
    return m_proxy->rowCount();
}

void ChildrenPanel::setAllocationTools(const AllocationTools &tools)
{
    m_ui->childDetail->setAllocationTools(tools);
}

void ChildrenPanel::setClient(NomadClient *client, const QString &profileName, const Tuning &tuning)
{
    clear();
    m_client = client;
    m_profileName = profileName;
    m_tuning = tuning;
    m_ui->childDetail->setClient(client, profileName, tuning);
}

void ChildrenPanel::clear()
{
    delete m_watcher;
    m_watcher = nullptr;
    m_metaInFlight.clear();
    m_finishInFlight.clear();
    m_parentId.clear();
    m_model->clear();
    m_ui->childrenChart->setJobName({});
    m_ui->childDetail->clear();
    showMessage(m_ui->childrenErrorLabel, MessageKind::Error, {});
    showMessage(m_ui->childStopResultLabel, MessageKind::Success, {});
    updateStopButtons();
    updateCount();
}

void ChildrenPanel::setJob(const QString &nameSpace, const QString &parentId)
{
    if (parentId == m_parentId && nameSpace == m_nameSpace && m_watcher)
        return;
    clear();
    if (!m_client || parentId.isEmpty())
        return;
    m_nameSpace = nameSpace;
    m_parentId = parentId;
    m_ui->childrenChart->setJobName(parentId);
    updateStopButtons();
    QueryOptions o;
    o.nameSpace = nameSpace;
    NomadClient *client = m_client;
    // The prefix works on every version; a ParentID filter would need 1.3.
    const QString prefix = parentId + u"/dispatch-";
    m_watcher = new BlockingFollower(
        [this, client, prefix](const BlockingFollower::Round &round) {
            client->jobs(prefix, {}, round.options(), round.context(),
                         [this, round](Result<Reply<QList<JobStub>>> r) {
                             if (!round.accept(r))
                                 return;
                             m_model->setChildren(r->value);
                             showMessage(m_ui->childrenErrorLabel, MessageKind::Error, {});
                             loadMissingMeta();
                             if (!m_pendingSelection.isEmpty() && selectChild(m_pendingSelection))
                                 m_pendingSelection.clear();
                             round.next();
                         });
        },
        o, m_tuning.listFollowing(), this);
    if (ChangeFeed *feed = client->changeFeed())
        m_watcher->followChanges(feed, nameSpace, changes::ofJobAndChildren(parentId));
    const auto showFailure = [this](const ApiError &e, bool willRetry) {
        QString text = failureText(
            tr("Could not list the dispatched jobs of “%1” on “%2”").arg(m_parentId, m_profileName),
            e, Capability::ListJobs, m_nameSpace);
        if (willRetry)
            text += u' ' + tr("Retrying…");
        showMessage(m_ui->childrenErrorLabel, MessageKind::Error, text);
    };
    connect(m_watcher, &BlockingFollower::retrying, this,
            [showFailure](const ApiError &e) { showFailure(e, true); });
    connect(m_watcher, &BlockingFollower::failed, this,
            [showFailure](const ApiError &e) { showFailure(e, false); });
    m_watcher->start();
}

void ChildrenPanel::refresh()
{
    if (m_watcher)
        m_watcher->refresh();
    const QString child = m_ui->childDetail->childId();
    if (!child.isEmpty()) {
        m_ui->childDetail->clear();
        m_ui->childDetail->showChild(m_nameSpace, child);
    }
}

bool ChildrenPanel::selectChild(const QString &childId)
{
    const int row = m_model->rowOf(childId);
    if (row < 0) {
        // It may not be listed yet: select it when it arrives.
        m_pendingSelection = childId;
        return false;
    }
    // Show it even if the status filter hid it.
    if (!m_proxy->mapFromSource(m_proxy->sourceModel()->index(row, 0)).isValid())
        m_ui->childStatusFilter->setCurrentIndex(0);
    m_ui->childFilterEdit->clear();
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex index = m_proxy->index(r, 0);
        if (index.data(ChildJobModel::IdRole).toString() == childId) {
            m_ui->childrenView->setCurrentIndex(index);
            m_ui->childrenView->scrollTo(index);
            return true;
        }
    }
    return false;
}

void ChildrenPanel::setStatusFilter(const QString &status)
{
    const int index = m_ui->childStatusFilter->findData(status);
    if (index >= 0)
        m_ui->childStatusFilter->setCurrentIndex(index);
}

void ChildrenPanel::onCurrentChanged()
{
    const QString id = m_ui->childrenView->currentIndex().data(ChildJobModel::IdRole).toString();
    if (id.isEmpty())
        return; // keep the last one shown while the filter changes
    m_ui->childDetail->showChild(m_nameSpace, id);
}

void ChildrenPanel::loadMissingMeta()
{
    const QStringList missing = m_model->idsWithoutMeta().mid(0, kMetaReadsPerUpdate);
    for (const QString &id : missing) {
        if (m_metaInFlight.size() >= kMetaReadsInFlight)
            return;
        if (m_metaInFlight.contains(id))
            continue;
        m_metaInFlight.insert(id);
        QueryOptions o;
        o.nameSpace = m_nameSpace;
        const QString parent = m_parentId;
        m_client->job(id, o, this, [this, id, parent](Result<Reply<Job>> r) {
            if (parent != m_parentId)
                return;
            m_metaInFlight.remove(id);
            // Without read-job the column stays empty; the list itself still works.
            m_model->setMeta(id, r ? r->value.meta : MetaMap{});
            loadMissingMeta();
        });
    }
}

void ChildrenPanel::loadFinishTimes()
{
    if (!m_client || m_parentId.isEmpty())
        return;
    const QStringList wanted = m_ui->childrenChart->idsWithoutFinishTime(
        kFinishReadsInFlight + int(m_finishInFlight.size()));
    for (const QString &id : wanted) {
        if (m_finishInFlight.size() >= kFinishReadsInFlight)
            return;
        if (m_finishInFlight.contains(id))
            continue;
        m_finishInFlight.insert(id);
        QueryOptions o;
        o.nameSpace = m_nameSpace;
        const QString parent = m_parentId;
        m_client->jobAllocations(
            id, o, this, [this, id, parent](Result<Reply<QList<Allocation>>> r) {
                if (parent != m_parentId)
                    return;
                m_finishInFlight.remove(id);
                // Without read-job the chart leaves the child out and says so.
                m_ui->childrenChart->setFinishTime(id, r ? finishedNs(r->value) : std::nullopt);
                loadFinishTimes();
            });
    }
}

void ChildrenPanel::syncDetailOutcome()
{
    const int row = m_model->rowOf(m_ui->childDetail->childId());
    m_ui->childDetail->setListedOutcome(
        row < 0 ? QString() : m_model->index(row, 0).data(ChildJobModel::StatusRole).toString());
}

void ChildrenPanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_ui->childCountLabel->setText(shown == total
                                       ? tr("%1 dispatched").arg(total)
                                       : tr("%1 of %2 dispatched").arg(shown).arg(total));
    Q_EMIT countChanged(total);
}

} // namespace dd::gui
