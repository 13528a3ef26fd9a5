#include "gui/joblistpanel.h"

#include "models/joblistmodel.h"
#include "models/joblistproxy.h"
#include "ui_joblistpanel.h"

#include <QHeaderView>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace dd::gui {

using models::JobListModel;

namespace {
// Typing into the filter of a large list waits for a pause this long.
constexpr int kFilterDelayMs = 150;
} // namespace

JobListPanel::JobListPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::JobListPanel>())
    , m_model(new JobListModel(this))
    , m_proxy(new models::JobListProxy(this))
    , m_filterTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setAsyncThreshold(m_asyncRows);
    m_ui->jobListView->setModel(m_proxy);
    m_ui->jobListView->sortByColumn(JobListModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = m_ui->jobListView->header();
    header->setStretchLastSection(false);
    fixColumnWidths(true);
    setShowNamespace(false);
    showStatus(MessageKind::Info, {});

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &JobListPanel::applyFilter);
    connect(m_ui->jobFilterEdit, &QLineEdit::textChanged, this, [this]() {
        // A small list filters as the user types; a large one after a pause.
        if (m_model->rowCount() < m_asyncRows) {
            m_filterTimer->stop();
            applyFilter();
        } else {
            m_filterTimer->start();
        }
    });
    connect(m_proxy, &models::JobListProxy::orderInstalled, this, &JobListPanel::listUpdated);
    connect(m_ui->jobListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &JobListPanel::onCurrentChanged);
    // Down arrow from the filter box goes into the list.
    connect(m_ui->jobFilterEdit, &QLineEdit::returnPressed, this, [this]() {
        if (m_filterTimer->isActive()) {
            m_filterTimer->stop();
            applyFilter();
        }
        m_ui->jobListView->setFocus();
        if (!m_ui->jobListView->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_ui->jobListView->setCurrentIndex(m_proxy->index(0, 0));
    });
}

JobListPanel::~JobListPanel() = default;

QTreeView *JobListPanel::view() const
{
    return m_ui->jobListView;
}

void JobListPanel::setShowNamespace(bool show)
{
    m_ui->jobListView->setColumnHidden(JobListModel::NamespaceColumn, !show);
}

void JobListPanel::setAsyncThreshold(int rows)
{
    m_asyncRows = rows;
    m_proxy->setAsyncThreshold(rows);
}

void JobListPanel::fixColumnWidths(bool namespaceWidth)
{
    // Widths from the font, not ResizeToContents: that measures up to 1,000
    // rows on every change, sort and paint of a large list.
    QHeaderView *header = m_ui->jobListView->header();
    const QFontMetrics metrics = m_ui->jobListView->fontMetrics();
    const QFontMetrics headerMetrics = header->fontMetrics();
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) +
                        style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header) + 8;
    auto widthFor = [&](int column, const QString &sample) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        return qMax(metrics.horizontalAdvance(sample), headerMetrics.horizontalAdvance(title)) +
               padding;
    };
    header->setSectionResizeMode(JobListModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(JobListModel::NamespaceColumn, QHeaderView::Interactive);
    if (namespaceWidth)
        header->resizeSection(
            JobListModel::NamespaceColumn,
            widthFor(JobListModel::NamespaceColumn, QStringLiteral("namespace-00")));
    for (int column : {int(JobListModel::QueuedColumn), int(JobListModel::RunningColumn),
                       int(JobListModel::FinishedColumn)}) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, widthFor(column, QStringLiteral("000000")));
    }
}

void JobListPanel::applyFilter()
{
    m_proxy->setFilterText(m_ui->jobFilterEdit->text());
}

void JobListPanel::setJobs(QList<JobStub> parents)
{
    if (!m_planning && qMax(parents.size(), qsizetype(m_model->rowCount())) < m_asyncRows) {
        m_model->setJobs(parents);
        return;
    }
    // Only the newest list matters: one waiting for a running worker is replaced.
    m_waiting = std::move(parents);
    m_hasWaiting = true;
    if (!m_planning)
        startPlan();
}

void JobListPanel::startPlan()
{
    m_planning = true;
    m_hasWaiting = false;
    const quint64 clears = m_clears;
    // The snapshot shares the model's rows; the worker drops it (and the list)
    // before it returns, so the model does not copy them when it changes.
    QtConcurrent::run([now = m_model->snapshot(), jobs = std::exchange(m_waiting, {})]() mutable {
        auto plan = JobListModel::planJobs(now, jobs);
        now = {};
        jobs = {};
        return plan;
    }).then(this, [this, clears](QFuture<JobListModel::Plan> future) {
        // Taken, not copied: a copy left in the future would share the rows
        // and make the model copy all of them at its next change.
        JobListModel::Plan plan = future.takeResult();
        m_planning = false;
        if (clears == m_clears && m_model->applyPlan(std::move(plan)))
            Q_EMIT listUpdated();
        if (m_hasWaiting)
            startPlan();
    });
}

void JobListPanel::clear()
{
    ++m_clears;
    m_waiting.clear();
    m_hasWaiting = false;
    m_model->clear();
}

void JobListPanel::showStatus(MessageKind kind, const QString &text)
{
    showMessage(m_ui->jobListStatusLabel, kind, text);
}

void JobListPanel::focusFilter()
{
    m_ui->jobFilterEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->jobFilterEdit->selectAll();
}

bool JobListPanel::selectJob(const QString &nameSpace, const QString &id)
{
    const QModelIndex source = m_model->indexOf(nameSpace, id);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    m_ui->jobListView->setCurrentIndex(index);
    m_ui->jobListView->scrollTo(index);
    return true;
}

QString JobListPanel::currentNamespace() const
{
    return m_ui->jobListView->currentIndex().data(JobListModel::NamespaceRole).toString();
}

QString JobListPanel::currentId() const
{
    return m_ui->jobListView->currentIndex().data(JobListModel::IdRole).toString();
}

QByteArray JobListPanel::saveHeaderState() const
{
    return m_ui->jobListView->header()->saveState();
}

void JobListPanel::restoreHeaderState(const QByteArray &state)
{
    if (state.isEmpty())
        return;
    m_ui->jobListView->header()->restoreState(state);
    // A state saved by an older version may hold ResizeToContents sections.
    fixColumnWidths(false);
}

void JobListPanel::onCurrentChanged()
{
    const QModelIndex current = m_ui->jobListView->currentIndex();
    const QString key = current.data(JobListModel::KeyRole).toString();
    // Row changes of the same job (a count went up) are not a new selection.
    if (key == m_selectedKey)
        return;
    m_selectedKey = key;
    if (key.isEmpty())
        Q_EMIT selectionCleared();
    else
        Q_EMIT jobSelected(current.data(JobListModel::NamespaceRole).toString(),
                           current.data(JobListModel::IdRole).toString());
}

} // namespace dd::gui
