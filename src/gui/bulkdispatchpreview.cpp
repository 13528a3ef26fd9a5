// The preview half of BulkDispatchDialog: the rows table, choosing a file,
// planning it (planBatch) and showing every row with its problems, nothing sent.
#include "gui/bulkdispatchdialog.h"

#include "core/boundedfile.h"
#include "core/dispatchvalidation.h"
#include "gui/filedialogs.h"
#include "gui/icons.h"
#include "models/batchrowmodel.h"
#include "ui_bulkdispatchdialog.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>

using namespace Qt::Literals::StringLiterals;

namespace dd::gui {

using models::BatchRowModel;
using models::BatchRowState;
using models::BatchRowStatus;

namespace {

// Rows listed by line in the summary before "and N more".
constexpr int kListedProblems = 3;
// Larger files are refused: a bulk dispatch is rows of meta, not data.
constexpr qint64 kMaxRowsFileBytes = 64 * 1024 * 1024;

// The status column with an icon and the model's colour; the model stays free of QtGui.
class StatusDecoration : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (index.column() == BatchRowModel::StatusColumn) {
            if (role == Qt::DecorationRole)
                return iconFor(BatchRowStatus(index.data(BatchRowModel::StatusRole).toInt()));
            if (role == Qt::ForegroundRole) {
                const QString color = index.data(BatchRowModel::StatusColorRole).toString();
                if (!color.isEmpty())
                    return QColor(color);
            }
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    static QIcon iconFor(BatchRowStatus status)
    {
        switch (status) {
        case BatchRowStatus::Ready:
            return {};
        case BatchRowStatus::Invalid:
        case BatchRowStatus::Unreadable:
        case BatchRowStatus::Unknown:
            return icon(u"warning"_s);
        case BatchRowStatus::Waiting:
            return icon(u"waiting"_s);
        case BatchRowStatus::Sending:
            return icon(u"running"_s);
        case BatchRowStatus::Dispatched:
        case BatchRowStatus::AlreadyDispatched:
            return icon(u"success"_s);
        case BatchRowStatus::Failed:
            return icon(u"failed"_s);
        case BatchRowStatus::Cancelled:
            return icon(u"stopped"_s);
        }
        return {};
    }
};

class MiddleElideDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

} // namespace

void BulkDispatchDialog::setUpTable()
{
    auto *decorated = new StatusDecoration(this);
    decorated->setSourceModel(m_model);
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(decorated);
    sorted->setSortRole(BatchRowModel::SortRole);
    QTableView *table = m_ui->rowsTable;
    table->setModel(sorted);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setSortingEnabled(true);
    table->sortByColumn(BatchRowModel::LineColumn, Qt::AscendingOrder);
    QHeaderView *header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(BatchRowModel::ErrorColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = table->fontMetrics();
    const int em = metrics.horizontalAdvance(u'M');
    int statusWidth = 0;
    for (int i = 0; i < models::kBatchRowStatusCount; ++i)
        statusWidth = std::max(
            statusWidth, metrics.horizontalAdvance(BatchRowModel::statusText(BatchRowStatus(i))));
    header->resizeSection(BatchRowModel::LineColumn, 5 * em);
    header->resizeSection(BatchRowModel::MetaColumn, 24 * em);
    header->resizeSection(BatchRowModel::PayloadColumn, 14 * em);
    header->resizeSection(BatchRowModel::PayloadSourceColumn, 12 * em);
    table->setItemDelegateForColumn(BatchRowModel::PayloadSourceColumn,
                                    new MiddleElideDelegate(table));
    header->resizeSection(BatchRowModel::StatusColumn,
                          statusWidth + table->iconSize().width() + 3 * em);
    header->resizeSection(BatchRowModel::ChildColumn, 20 * em);
    header->resizeSection(
        BatchRowModel::AttemptsColumn,
        metrics.horizontalAdvance(
            m_model->headerData(BatchRowModel::AttemptsColumn, Qt::Horizontal).toString()) +
            2 * em);
    // Child IDs differ at their end: keep both the job's name and the unique suffix.
    table->setItemDelegateForColumn(BatchRowModel::ChildColumn, new MiddleElideDelegate(table));
}

QString BulkDispatchDialog::schemaText() const
{
    QStringList schema;
    if (m_job.parameterized) {
        const ParameterizedConfig &c = *m_job.parameterized;
        auto withDefaults = [this](const QStringList &keys) {
            QStringList parts;
            for (const QString &key : keys) {
                const auto def = m_job.meta.constFind(key);
                parts.append(def == m_job.meta.cend() ? key
                                                      : tr("%1 (default “%2”)").arg(key, *def));
            }
            return parts.join(u", ");
        };
        schema << (c.metaRequired.isEmpty()
                       ? tr("Required meta: none.")
                       : tr("Required meta: %1.").arg(withDefaults(c.metaRequired)));
        schema << (c.metaOptional.isEmpty()
                       ? tr("Optional meta: none.")
                       : tr("Optional meta: %1.").arg(withDefaults(c.metaOptional)));
        switch (c.payload) {
        case PayloadRule::Required:
            schema << tr("Payload: required, at most %1 bytes.").arg(kMaxPayloadBytes);
            break;
        case PayloadRule::Optional:
            schema << tr("Payload: optional, at most %1 bytes.").arg(kMaxPayloadBytes);
            break;
        case PayloadRule::Forbidden:
            schema << tr("Payload: forbidden.");
            break;
        }
    }
    return schema.join(u"  ");
}

void BulkDispatchDialog::showFileError(const QString &text)
{
    showMessage(m_ui->fileMessage, MessageKind::Error, text);
}

void BulkDispatchDialog::chooseFile()
{
    if (!m_files || isRunning())
        return;
    const QString path = m_files->openFileName(
        this, tr("Choose the rows to dispatch"),
        tr("Rows (*.csv *.jsonl *.ndjson *.json);;CSV (*.csv);;JSON Lines (*.jsonl *.ndjson);;"
           "All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void BulkDispatchDialog::choosePayloadRoot()
{
    if (!m_files || isRunning())
        return;
    const QString folder =
        m_files->directory(this, tr("Read payload files from this folder (choose one you trust)"));
    if (!folder.isEmpty())
        setPayloadRoot(folder);
}

void BulkDispatchDialog::setPayloadRoot(const QString &folder)
{
    if (isRunning())
        return;
    const QString rowsFolder = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    const bool same = !rowsFolder.isEmpty() && QFileInfo(folder).canonicalFilePath() ==
                                                   QFileInfo(rowsFolder).canonicalFilePath();
    m_payloadRoot = same ? QString() : folder;
    if (m_path.isEmpty())
        updatePayloadRootLabel();
    else
        loadFile(m_path); // the same path: the folder is kept
}

void BulkDispatchDialog::updatePayloadRootLabel()
{
    QString folder = m_plan.payloadRoot;
    if (folder.isEmpty())
        folder = !m_payloadRoot.isEmpty() ? m_payloadRoot
                 : m_path.isEmpty()       ? QString()
                                          : QFileInfo(m_path).absolutePath();
    QString text;
    if (folder.isEmpty())
        text = tr("Payload files from: the rows file's folder");
    else if (m_payloadRoot.isEmpty())
        text = tr("Payload files from: %1 (the rows file's folder)")
                   .arg(QDir::toNativeSeparators(folder));
    else
        text = tr("Payload files from: %1 (chosen by you, not the rows file's folder)")
                   .arg(QDir::toNativeSeparators(folder));
    m_ui->payloadRootLabel->setText(text);
    m_ui->payloadRootLabel->setToolTip(
        tr("payload_file columns may only name regular files inside this folder (symbolic links "
           "are followed and must stay inside it), at most %1 bytes each.")
            .arg(kMaxPayloadBytes));
}

bool BulkDispatchDialog::loadFile(const QString &path)
{
    if (isRunning())
        return false;
    // A new file is a new batch: the previous run's results stay in the journal.
    if (m_dispatcher)
        m_dispatcher->deleteLater();
    m_dispatcher = nullptr;
    // A folder chosen for one rows file never silently applies to another.
    if (!m_path.isEmpty() && path != m_path)
        m_payloadRoot.clear();
    m_path = path;
    showPlan({});
    m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    m_ui->fileEdit->setToolTip(QDir::toNativeSeparators(path));
    m_ui->rowsTable->setColumnHidden(BatchRowModel::ChildColumn, true);
    m_ui->rowsTable->setColumnHidden(BatchRowModel::AttemptsColumn, true);
    showMessage(m_ui->fileMessage, MessageKind::Info, {});
    showMessage(m_ui->summaryLabel, MessageKind::Info, {});
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    auto finish = [this](bool ok) {
        updatePayloadRootLabel();
        updateTokenNote();
        updateProgress();
        updateButtons();
        return ok;
    };
    if (!m_job.isParameterizedParent()) {
        showFileError(
            tr("“%1” is not a parameterized job, so it cannot be dispatched.").arg(jobName()));
        return finish(false);
    }

    const QFileInfo info(path);
    const QString name = info.fileName();
    // Regular files only, bounded: a dropped FIFO or device cannot hang the app.
    auto read = readBoundedFile(path, kMaxRowsFileBytes);
    if (!read) {
        const FileReadError &e = read.error();
        switch (e.kind) {
        case FileReadError::Kind::Directory:
            showFileError(tr("“%1” is a folder. Choose a CSV or JSON Lines file.").arg(name));
            break;
        case FileReadError::Kind::TooLarge:
            showFileError(tr("“%1” is %2 MB; a rows file holds meta and small payloads, at most %3 "
                             "MB. Split it, or use payload_file columns for large payloads.")
                              .arg(name)
                              .arg(e.size / (1024 * 1024))
                              .arg(kMaxRowsFileBytes / (1024 * 1024)));
            break;
        default:
            showFileError(tr("Could not read “%1”: %2. Check that it exists and that you may read "
                             "it, or choose another file.")
                              .arg(name, e.message()));
        }
        return finish(false);
    }
    const QByteArray content = *read;
    if (content.trimmed().isEmpty()) {
        showFileError(tr("“%1” is empty. A CSV needs a header naming the columns (meta keys, "
                         "and payload, payload_file or payload_base64) and one line per "
                         "dispatch; JSON Lines needs one object per line.")
                          .arg(name));
        return finish(false);
    }

    const BatchFormat format = guessBatchFormat(path, content);
    const BatchPlan plan =
        planBatch({content, format, info.absolutePath(), m_payloadRoot}, m_job.id, &m_job);
    const QString formatName = format == BatchFormat::Csv ? tr("CSV") : tr("JSON Lines");
    // Problems of the whole file stop here; a bad line is one skipped row.
    if (!plan.fileProblems.isEmpty()) {
        showFileError(tr("Could not read “%1” as %2: %3. Fix the file and choose it again.")
                          .arg(name, formatName, plan.fileProblems.constFirst()));
        return finish(false);
    }
    showPlan(plan);

    if (m_plan.rows.isEmpty()) {
        showFileError(
            format == BatchFormat::Csv
                ? tr("“%1” has a header but no rows. Add one line per dispatch below the header.")
                      .arg(name)
                : tr("“%1” has no rows: every line is blank or a # comment. Add one JSON object "
                     "per line.")
                      .arg(name));
        return finish(false);
    }
    if (m_dispatchRows.isEmpty()) {
        showFileError(
            tr("None of the %1 rows of “%2” can be dispatched (read as %3); the Problem column "
               "says why. Fix the file and choose it again.")
                .arg(m_plan.rows.size())
                .arg(name, formatName));
    }
    updateSummary();
    return finish(!m_dispatchRows.isEmpty());
}

void BulkDispatchDialog::showPlan(const BatchPlan &plan)
{
    m_plan = plan;
    m_dispatchRows.clear();
    QList<BatchRow> rows;
    QList<BatchRowState> states;
    for (const PlannedRow &planned : std::as_const(m_plan.rows)) {
        BatchRowState state;
        if (planned.isValid()) {
            m_dispatchRows.append(int(rows.size()));
        } else {
            state.status =
                planned.isUnreadable() ? BatchRowStatus::Unreadable : BatchRowStatus::Invalid;
            QStringList problems;
            for (const BatchRowProblem &p : planned.problems) {
                QString text = sentence(p.message);
                if (!text.isEmpty())
                    text[0] = text.at(0).toUpper();
                problems.append(text);
            }
            state.error = problems.join(u' ');
        }
        rows.append(planned.row);
        states.append(state);
    }
    m_model->setRows(rows, states);
}

void BulkDispatchDialog::updateSummary()
{
    const int total = m_model->rowCount();
    const int invalid = total - int(m_dispatchRows.size());
    if (total == 0) {
        showMessage(m_ui->summaryLabel, MessageKind::Info, {});
        return;
    }
    if (invalid == 0) {
        showMessage(m_ui->summaryLabel, MessageKind::Success,
                    m_dispatcher ? tr("%1 rows, all valid.").arg(total)
                                 : tr("%1 rows, all valid: Start sends %1 dispatches of “%2”.")
                                       .arg(total)
                                       .arg(jobName()));
        return;
    }
    QStringList listed;
    for (int row = 0; row < total && listed.size() < kListedProblems; ++row) {
        const BatchRowState &s = m_model->state(row);
        if (BatchRowModel::isSkipped(s.status)) {
            QString error = s.error;
            if (error.endsWith(u'.'))
                error.chop(1);
            listed.append(
                tr("line %1: %2").arg(QString::number(m_model->batchRow(row).line), error));
        }
    }
    if (invalid > kListedProblems)
        listed.append(tr("and %1 more (see the Problem column)").arg(invalid - kListedProblems));
    QString text = tr("%1 rows, %2 invalid: %3.")
                       .arg(QString::number(total), QString::number(invalid), listed.join(u"; "));
    if (m_dispatchRows.isEmpty())
        text += u' ' + tr("No row can be sent.");
    else if (!m_dispatcher)
        text += u' ' + tr("Invalid rows are skipped: Start sends the %1 valid ones.")
                           .arg(m_dispatchRows.size());
    showMessage(m_ui->summaryLabel, MessageKind::Warning, text);
}

} // namespace dd::gui
