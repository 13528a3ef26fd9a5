#include "gui/joblistpanel.h"

#include "models/joblistmodel.h"
#include "ui_joblistpanel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace dd::gui {

using models::JobListModel;

JobListPanel::JobListPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::JobListPanel>())
    , m_model(new JobListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JobListModel::SortRole);
    m_proxy->setFilterKeyColumn(JobListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->jobListView->setModel(m_proxy);
    m_ui->jobListView->sortByColumn(JobListModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = m_ui->jobListView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(JobListModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(JobListModel::NamespaceColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobListModel::RunningColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobListModel::FinishedColumn, QHeaderView::ResizeToContents);
    setShowNamespace(false);
    showStatus(MessageKind::Info, {});

    connect(m_ui->jobFilterEdit, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->jobListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &JobListPanel::onCurrentChanged);
    // Down arrow from the filter box goes into the list.
    connect(m_ui->jobFilterEdit, &QLineEdit::returnPressed, this, [this]() {
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

void JobListPanel::setJobs(const QList<JobStub> &parents)
{
    m_model->setJobs(parents);
}

void JobListPanel::clear()
{
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
    if (!state.isEmpty())
        m_ui->jobListView->header()->restoreState(state);
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
