#include "gui/historypanel.h"

#include "core/commandline.h"
#include "core/dispatchjournal.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "gui/wraptext.h"
#include "models/journalmodel.h"
#include "ui_historypanel.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace dd::gui {

namespace {
// Text filter over every field, plus an outcome class.
class HistoryProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOutcome(const QString &outcome)
    {
        m_outcome = outcome;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        if (!m_outcome.isEmpty() && m_outcome != u"all") {
            const QString outcome = index.data(models::JournalModel::OutcomeRole).toString();
            // In progress counts as unknown until it ends.
            if (outcome != m_outcome && !(m_outcome == u"unknown" && outcome == u"open"))
                return false;
        }
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    QString m_outcome;
};
} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::HistoryPanel>())
    , m_model(new models::JournalModel(this))
    , m_proxy(new HistoryProxy(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_coalesce(new QTimer(this))
{
    m_ui->setupUi(this);
    auto *icons = new IconProxy(
        models::JournalModel::VerdictColumn,
        [](const QModelIndex &index) {
            const QString outcome = index.data(models::JournalModel::OutcomeRole).toString();
            return icon(outcome == u"ok"       ? QStringLiteral("success")
                        : outcome == u"failed" ? QStringLiteral("failed")
                        : outcome == u"open"   ? QStringLiteral("running")
                                               : QStringLiteral("warning"));
        },
        this);
    icons->setSourceModel(m_model);
    m_proxy->setSourceModel(icons);
    m_proxy->setFilterRole(models::JournalModel::SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(models::JournalModel::SortRole);
    m_ui->historyView->setModel(m_proxy);
    QHeaderView *header = m_ui->historyView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // Short columns fit their text; an outcome wraps (it may carry Nomad's own
    // message), and its row grows to show it whole.
    for (const int column : {models::JournalModel::TimeColumn, models::JournalModel::ProfileColumn,
                             models::JournalModel::JobColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->resizeSection(models::JournalModel::ChildColumn, 230);
    header->resizeSection(models::JournalModel::VerdictColumn, 260);
    header->resizeSection(models::JournalModel::MetaColumn, 160);
    new RowFitter(m_ui->historyView);
    m_ui->historyView->sortByColumn(models::JournalModel::TimeColumn, Qt::DescendingOrder);

    m_ui->historyOutcomeCombo->addItem(tr("All outcomes"), QStringLiteral("all"));
    m_ui->historyOutcomeCombo->addItem(tr("Went through"), QStringLiteral("ok"));
    m_ui->historyOutcomeCombo->addItem(tr("Failed or refused"), QStringLiteral("failed"));
    m_ui->historyOutcomeCombo->addItem(tr("Unknown or interrupted"), QStringLiteral("unknown"));
    connect(m_ui->historyOutcomeCombo, &QComboBox::currentIndexChanged, this, [this]() {
        static_cast<HistoryProxy *>(m_proxy)->setOutcome(
            m_ui->historyOutcomeCombo->currentData().toString());
        updateCount();
    });
    connect(m_ui->historyFilterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        updateCount();
    });

    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(150);
    connect(m_coalesce, &QTimer::timeout, this, &HistoryPanel::startRead);
    // The CLI appends to the same file; a watched file that was replaced is re-added.
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this]() { reload(); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this]() { reload(); });

    connect(m_ui->historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPanel::updateButtons);
    auto current = [this]() -> const JournalEntry * {
        const QModelIndex index = m_proxy->mapToSource(m_ui->historyView->currentIndex());
        return index.isValid() ? &m_model->at(index.row()) : nullptr;
    };
    connect(m_ui->historyShowButton, &QPushButton::clicked, this, [this, current]() {
        if (const JournalEntry *e = current(); e && !e->childJobId.isEmpty())
            Q_EMIT showChildRequested(e->profile, e->nameSpace, e->jobId, e->childJobId);
    });
    connect(m_ui->historyView, &QAbstractItemView::doubleClicked, m_ui->historyShowButton,
            &QPushButton::click);
    connect(m_ui->historyWebUiButton, &QPushButton::clicked, this, [this, current]() {
        const JournalEntry *e = current();
        if (!e || e->childJobId.isEmpty())
            return;
        const QUrl address(e->address);
        if (address.isValid() && !address.isEmpty())
            Q_EMIT openUrlRequested(dd::webUiUrl(address, e->childJobId, e->nameSpace));
    });
    updateButtons();
    updateCount();
}

HistoryPanel::~HistoryPanel() = default;

QTableView *HistoryPanel::view() const
{
    return m_ui->historyView;
}

int HistoryPanel::visibleCount() const
{
    return m_proxy->rowCount();
}

void HistoryPanel::setJournalPath(const QString &path)
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    m_path = path;
    m_model->clear();
    if (path.isEmpty()) {
        showMessage(m_ui->historyMessageLabel, MessageKind::Warning,
                    tr("No place to keep a dispatch history is known (no writable data folder), "
                       "so dispatches are not recorded."));
        return;
    }
    const QFileInfo info(path);
    if (info.dir().exists())
        m_watcher->addPath(info.absolutePath());
    reload();
}

void HistoryPanel::reload()
{
    m_coalesce->start();
}

void HistoryPanel::markOwn(const QString &id)
{
    m_model->markOwn(id);
}

void HistoryPanel::setOutcomeFilter(const QString &outcome)
{
    const int index = m_ui->historyOutcomeCombo->findData(outcome);
    if (index >= 0)
        m_ui->historyOutcomeCombo->setCurrentIndex(index);
}

void HistoryPanel::setFilterText(const QString &text)
{
    m_ui->historyFilterEdit->setText(text);
}

void HistoryPanel::startRead()
{
    if (m_path.isEmpty())
        return;
    if (m_loading) {
        m_again = true; // one more read when this one is done
        return;
    }
    m_loading = true;
    // The file may have been created since: watch it directly from now on.
    if (QFileInfo::exists(m_path) && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    auto *watcher = new QFutureWatcher<JournalLoad>(this);
    connect(watcher, &QFutureWatcher<JournalLoad>::finished, this, [this, watcher]() {
        watcher->deleteLater();
        m_loading = false;
        const JournalLoad load = watcher->result();
        m_model->setEntries(load.entries);
        if (!m_sorted) {
            m_sorted = true;
            m_ui->historyView->sortByColumn(models::JournalModel::TimeColumn, Qt::DescendingOrder);
        }
        QString problems;
        if (!load.problems.isEmpty()) {
            problems = tr("The history file %1 has damaged lines, which were skipped: %2. "
                          "Every other dispatch is listed.")
                           .arg(QDir::toNativeSeparators(m_path), load.problems.join(u"; "));
        }
        showMessage(m_ui->historyMessageLabel, MessageKind::Warning, problems);
        updateCount();
        updateButtons();
        Q_EMIT loaded(int(load.entries.size()));
        if (m_again) {
            m_again = false;
            startRead();
        }
    });
    const QString path = m_path;
    watcher->setFuture(QtConcurrent::run([path]() { return DispatchJournal(path).load(); }));
}

void HistoryPanel::updateButtons()
{
    const QModelIndex index = m_proxy->mapToSource(m_ui->historyView->currentIndex());
    const bool child = index.isValid() && !m_model->at(index.row()).childJobId.isEmpty();
    m_ui->historyShowButton->setEnabled(child);
    m_ui->historyWebUiButton->setEnabled(child);
}

void HistoryPanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (total == 0)
        m_ui->historyCountLabel->setText(
            tr("No dispatches recorded yet. Every dispatch from this app or dispatch-desk-cli "
               "is listed here."));
    else if (shown == total)
        m_ui->historyCountLabel->setText(tr("%n dispatch(es)", nullptr, total));
    else
        m_ui->historyCountLabel->setText(tr("%1 of %n dispatch(es)", nullptr, total).arg(shown));
}

} // namespace dd::gui
