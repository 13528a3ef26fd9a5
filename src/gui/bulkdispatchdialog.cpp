#include "gui/bulkdispatchdialog.h"

#include "api/nomadclient.h"
#include "core/batchrows.h"
#include "core/dispatchjournal.h"
#include "core/dispatchvalidation.h"
#include "gui/errortext.h"
#include "gui/filedialogs.h"
#include "gui/icons.h"
#include "gui/prompter.h"
#include "models/batchrowmodel.h"
#include "ui_bulkdispatchdialog.h"

#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTimer>

#include <map>

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

BatchRowStatus statusFrom(BatchRowResult::Status status)
{
    switch (status) {
    case BatchRowResult::Status::Waiting:
        return BatchRowStatus::Waiting;
    case BatchRowResult::Status::Sending:
        return BatchRowStatus::Sending;
    case BatchRowResult::Status::Dispatched:
        return BatchRowStatus::Dispatched;
    case BatchRowResult::Status::AlreadyDispatched:
        return BatchRowStatus::AlreadyDispatched;
    case BatchRowResult::Status::Failed:
        return BatchRowStatus::Failed;
    case BatchRowResult::Status::Unknown:
        return BatchRowStatus::Unknown;
    case BatchRowResult::Status::Cancelled:
        return BatchRowStatus::Cancelled;
    }
    return BatchRowStatus::Failed;
}

QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}

} // namespace

BulkDispatchDialog::BulkDispatchDialog(NomadClient *client, const Job &job,
                                       const QString &nameSpace, const QString &profileName,
                                       std::optional<ServerVersion> serverVersion,
                                       bool versionKnown, DispatchJournal *journal,
                                       FileDialogs *files, Prompter *prompter, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::BulkDispatchDialog>())
    , m_client(client)
    , m_job(job)
    , m_nameSpace(nameSpace.isEmpty() ? (job.nameSpace.isEmpty() ? u"default"_s : job.nameSpace)
                                      : nameSpace)
    , m_profileName(profileName)
    , m_version(serverVersion)
    , m_versionKnown(versionKnown)
    , m_journal(journal)
    , m_files(files)
    , m_prompter(prompter)
    , m_model(new BatchRowModel(this))
{
    m_ui->setupUi(this);
    setObjectName(u"bulkDispatchDialog"_s);
    setWindowTitle(tr("Dispatch “%1” from a file").arg(jobName()));
    setAcceptDrops(true);

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

    for (QPushButton *b : {m_ui->chooseFileButton, m_ui->startButton, m_ui->cancelButton,
                           m_ui->retryButton, m_ui->closeButton}) {
        // Enter in the dialog never sends anything.
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    m_ui->chooseFileButton->setIcon(icon(u"open"_s));
    m_ui->startButton->setIcon(icon(u"dispatch"_s));
    m_ui->cancelButton->setIcon(icon(u"stop"_s));
    m_ui->retryButton->setIcon(icon(u"again"_s));
    m_ui->progressBar->setFormat(tr("%v of %m done"));

    connect(m_ui->chooseFileButton, &QPushButton::clicked, this, &BulkDispatchDialog::chooseFile);
    connect(m_ui->startButton, &QPushButton::clicked, this, &BulkDispatchDialog::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BulkDispatchDialog::cancel);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &BulkDispatchDialog::retryFailed);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QWidget::close);

    m_ui->jobLabel->setText(
        tr("Dispatches “%1” once per row of a CSV or JSON Lines file, in namespace “%2” on “%3”. "
           "Rows are checked before anything is sent.")
            .arg(jobName(), m_nameSpace, m_profileName));

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
    m_ui->schemaLabel->setText(schema.join(u"  "));

    showMessage(m_ui->fileMessage, MessageKind::Info, {});
    showMessage(m_ui->summaryLabel, MessageKind::Info, {});
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    if (!m_job.isParameterizedParent())
        showFileError(tr("“%1” is not a parameterized job, so it cannot be dispatched. Choose a "
                         "parameterized job in the job list.")
                          .arg(jobName()));
    updateTokenNote();
    updateProgress();
    updateButtons();
    resize(1100, 700);
}

BulkDispatchDialog::~BulkDispatchDialog() = default;

QString BulkDispatchDialog::jobName() const
{
    return m_job.id;
}

bool BulkDispatchDialog::isRunning() const
{
    return m_readingVersion || (m_dispatcher && m_dispatcher->isRunning());
}

bool BulkDispatchDialog::tokensHonoured() const
{
    return m_versionKnown && supports(m_version, ServerFeature::IdempotencyToken) &&
           !m_batchId.isEmpty();
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

bool BulkDispatchDialog::loadFile(const QString &path)
{
    if (isRunning())
        return false;
    // A new file is a new batch: the previous run's results stay in the journal.
    if (m_dispatcher)
        m_dispatcher->deleteLater();
    m_dispatcher = nullptr;
    m_path = path;
    m_batchId.clear();
    m_validRows.clear();
    m_dispatchRows.clear();
    m_model->setRows({});
    m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
    m_ui->fileEdit->setToolTip(QDir::toNativeSeparators(path));
    m_ui->rowsTable->setColumnHidden(BatchRowModel::ChildColumn, true);
    m_ui->rowsTable->setColumnHidden(BatchRowModel::AttemptsColumn, true);
    showMessage(m_ui->fileMessage, MessageKind::Info, {});
    showMessage(m_ui->summaryLabel, MessageKind::Info, {});
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    auto finish = [this](bool ok) {
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

    const QString name = QFileInfo(path).fileName();
    const QFileInfo info(path);
    if (info.isDir()) {
        showFileError(tr("“%1” is a folder. Choose a CSV or JSON Lines file.").arg(name));
        return finish(false);
    }
    if (info.size() > kMaxRowsFileBytes) {
        showFileError(tr("“%1” is %2 MB; a rows file holds meta and small payloads, at most %3 "
                         "MB. Split it, or use payload_file columns for large payloads.")
                          .arg(name)
                          .arg(info.size() / (1024 * 1024))
                          .arg(kMaxRowsFileBytes / (1024 * 1024)));
        return finish(false);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showFileError(tr("Could not read “%1”: %2. Check that it exists and that you may read "
                         "it, or choose another file.")
                          .arg(name, file.errorString()));
        return finish(false);
    }
    const QByteArray content = file.readAll();
    if (content.trimmed().isEmpty()) {
        showFileError(tr("“%1” is empty. A CSV needs a header naming the columns (meta keys, "
                         "and payload, payload_file or payload_base64) and one line per "
                         "dispatch; JSON Lines needs one object per line.")
                          .arg(name));
        return finish(false);
    }

    const BatchFormat format = guessBatchFormat(path, content);
    BatchParse parsed = parseBatchRows(content, format, info.absolutePath());
    const QList<BatchRowError> payloadErrors = loadBatchPayloads(parsed.rows);
    const QString formatName = format == BatchFormat::Csv ? tr("CSV") : tr("JSON Lines");

    // Problems of the whole file (line 0) stop here; a bad line is one skipped row.
    for (const BatchRowError &e : std::as_const(parsed.errors)) {
        if (e.line <= 0) {
            showFileError(tr("Could not read “%1” as %2: %3. Fix the file and choose it again.")
                              .arg(name, formatName, e.message));
            return finish(false);
        }
    }

    std::map<int, std::pair<BatchRow, BatchRowState>> byLine;
    for (const BatchRow &row : std::as_const(parsed.rows)) {
        BatchRowState state;
        QStringList problems;
        for (const BatchRowError &e : payloadErrors) {
            if (e.line == row.line) {
                QString text = sentence(e.message);
                if (!text.isEmpty())
                    text[0] = text.at(0).toUpper();
                problems.append(text);
            }
        }
        DispatchRequest request;
        request.jobId = m_job.id;
        request.meta = row.meta;
        request.payload = row.payload;
        request.hasPayload = row.hasPayload;
        for (const DispatchProblem &p : validateDispatch(m_job, request))
            problems.append(sentence(p.message));
        if (!problems.isEmpty()) {
            state.status = BatchRowStatus::Invalid;
            state.error = problems.join(u' ');
        }
        byLine[row.line] = {row, state};
    }
    for (const BatchRowError &e : std::as_const(parsed.errors)) {
        auto it = byLine.find(e.line);
        if (it == byLine.end()) {
            BatchRow row;
            row.line = e.line;
            BatchRowState state;
            state.status = BatchRowStatus::Unreadable;
            it = byLine.emplace(e.line, std::pair{row, state}).first;
        }
        BatchRowState &state = it->second.second;
        state.status = BatchRowStatus::Unreadable;
        QString text = sentence(e.message);
        if (!text.isEmpty())
            text[0] = text.at(0).toUpper();
        state.error = state.error.isEmpty() ? text : state.error + u' ' + text;
    }

    QList<BatchRow> rows;
    QList<BatchRowState> states;
    for (const auto &[line, entry] : byLine) {
        if (!BatchRowModel::isSkipped(entry.second.status)) {
            m_dispatchRows.append(int(rows.size()));
            m_validRows.append(entry.first);
        }
        rows.append(entry.first);
        states.append(entry.second);
    }
    m_model->setRows(rows, states);

    if (rows.isEmpty()) {
        showFileError(
            format == BatchFormat::Csv
                ? tr("“%1” has a header but no rows. Add one line per dispatch below the header.")
                      .arg(name)
                : tr("“%1” has no rows: every line is blank or a # comment. Add one JSON object "
                     "per line.")
                      .arg(name));
        return finish(false);
    }
    if (m_validRows.isEmpty()) {
        showFileError(
            tr("None of the %1 rows of “%2” can be dispatched (read as %3); the Problem column "
               "says why. Fix the file and choose it again.")
                .arg(rows.size())
                .arg(name, formatName));
    }

    // The same job and file make the same batch (as in dispatch-desk-cli), so
    // the tokens of a rerun match those of the first run.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(m_job.id.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(content);
    m_batchId = QString::fromLatin1(hash.result().toHex().left(16));

    updateSummary();
    return finish(!m_validRows.isEmpty());
}

void BulkDispatchDialog::updateSummary()
{
    const int total = m_model->rowCount();
    const int invalid = total - int(m_validRows.size());
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
    if (m_validRows.isEmpty())
        text += u' ' + tr("No row can be sent.");
    else if (!m_dispatcher)
        text +=
            u' ' +
            tr("Invalid rows are skipped: Start sends the %1 valid ones.").arg(m_validRows.size());
    showMessage(m_ui->summaryLabel, MessageKind::Warning, text);
}

void BulkDispatchDialog::updateTokenNote()
{
    if (m_validRows.isEmpty() && !m_dispatcher) {
        showMessage(m_ui->tokenNote, MessageKind::Info, {});
        return;
    }
    if (!m_versionKnown) {
        showMessage(m_ui->tokenNote, MessageKind::Info,
                    tr("Start first reads the server's version: from Nomad 1.2, every row "
                       "carries an idempotency token, so a retried row is never dispatched "
                       "twice."));
    } else if (tokensHonoured()) {
        showMessage(m_ui->tokenNote, MessageKind::Info,
                    tr("Every row carries an idempotency token derived from this file (batch "
                       "%1), so a retried row is never dispatched twice.")
                        .arg(m_batchId));
    } else {
        showMessage(m_ui->tokenNote, MessageKind::Warning,
                    tr("%1 ignores idempotency tokens: a row whose answer is lost cannot be "
                       "retried safely, and running this file again dispatches every row again.")
                        .arg(m_version ? tr("Nomad %1").arg(m_version->toString())
                                       : tr("This server (version unknown)")));
    }
}

void BulkDispatchDialog::updateButtons()
{
    const bool running = isRunning();
    m_ui->chooseFileButton->setEnabled(!running && m_job.isParameterizedParent());
    m_ui->startButton->setEnabled(!m_dispatcher && !m_readingVersion && !m_validRows.isEmpty());
    m_ui->cancelButton->setEnabled(running);
    m_ui->retryButton->setEnabled(m_dispatcher && !running && !retryableRows().isEmpty());
    m_ui->concurrencySpin->setEnabled(!m_dispatcher && !m_readingVersion);
}

void BulkDispatchDialog::updateProgress()
{
    const int total = int(m_validRows.size());
    m_ui->progressBar->setRange(0, std::max(total, 1));
    const int done = m_model->count({BatchRowStatus::Dispatched, BatchRowStatus::AlreadyDispatched,
                                     BatchRowStatus::Failed, BatchRowStatus::Unknown,
                                     BatchRowStatus::Cancelled});
    m_ui->progressBar->setValue(done);
    m_ui->progressBar->setVisible(total > 0);
    if (m_readingVersion) {
        m_ui->progressLabel->setText(tr("Reading the server's version…"));
        return;
    }
    if (!m_dispatcher) {
        m_ui->progressLabel->setText(total > 0 ? tr("Not started: nothing has been sent.")
                                               : QString());
        return;
    }
    QStringList parts;
    auto add = [&](BatchRowStatus status, const QString &words) {
        const int n = m_model->count(status);
        if (n > 0)
            parts.append(words.arg(n));
    };
    add(BatchRowStatus::Dispatched, tr("%1 dispatched"));
    add(BatchRowStatus::AlreadyDispatched, tr("%1 already dispatched"));
    add(BatchRowStatus::Failed, tr("%1 failed"));
    add(BatchRowStatus::Unknown, tr("%1 unknown"));
    add(BatchRowStatus::Cancelled, tr("%1 cancelled"));
    add(BatchRowStatus::Sending, tr("%1 in flight"));
    add(BatchRowStatus::Waiting, tr("%1 waiting"));
    QString text = parts.join(u", ");
    const qint64 ms = m_runClock.isValid() ? m_runClock.elapsed() : 0;
    if (ms >= 200) {
        const double rate = (done - m_runStartDone) * 1000.0 / double(ms);
        text += u"  ·  " + tr("%1 rows/s").arg(rate, 0, 'f', rate < 10 ? 1 : 0);
    }
    m_ui->progressLabel->setText(text);
}

void BulkDispatchDialog::start()
{
    if (m_dispatcher || m_readingVersion || m_validRows.isEmpty() || !m_client)
        return;
    startRun([this]() { beginRun(); });
}

void BulkDispatchDialog::startRun(const std::function<void()> &run)
{
    if (m_versionKnown) {
        run();
        return;
    }
    // Whether tokens protect a retry depends on the version: ask before the first row.
    m_readingVersion = true;
    updateProgress();
    updateButtons();
    delete m_versionCall;
    m_versionCall = new QObject(this); // deleting it (cancel) drops the answer
    m_client->agentSelf(m_versionCall, [this, run](Result<AgentSelf> agent) {
        m_versionCall->deleteLater();
        m_readingVersion = false;
        m_versionKnown = true;
        m_version = agent ? ServerVersion::parse(agent->version) : std::nullopt;
        updateTokenNote();
        run();
    });
}

void BulkDispatchDialog::beginRun()
{
    BatchDispatcher::Options options;
    options.jobId = m_job.id;
    options.nameSpace = m_nameSpace;
    options.concurrency = m_ui->concurrencySpin->value();
    options.batchId = m_batchId;
    options.journal = m_journal;
    options.profile = m_profileName;
    m_dispatcher = new BatchDispatcher(m_client, options, this);
    m_dispatcher->setServerVersion(m_version);
    connect(m_dispatcher, &BatchDispatcher::rowUpdated, this, &BulkDispatchDialog::onRowUpdated);
    connect(m_dispatcher, &BatchDispatcher::finished, this, &BulkDispatchDialog::onRunFinished);

    m_ui->rowsTable->setColumnHidden(BatchRowModel::ChildColumn, false);
    m_ui->rowsTable->setColumnHidden(BatchRowModel::AttemptsColumn, false);
    for (int row : std::as_const(m_dispatchRows)) {
        BatchRowState waiting;
        waiting.status = BatchRowStatus::Waiting;
        m_model->updateRow(row, waiting);
    }
    m_runActive = true;
    m_runStartDone = 0;
    m_runClock.start();
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    updateSummary();
    updateTokenNote();
    m_dispatcher->start(m_validRows);
    updateProgress();
    updateButtons();
}

void BulkDispatchDialog::onRowUpdated(const BatchRowResult &r)
{
    const int row = m_dispatchRows.value(r.index, -1);
    if (row < 0)
        return;
    BatchRowState state;
    state.status = statusFrom(r.status);
    state.childJobId = r.response.dispatchedJobId;
    state.evalId = r.response.evalId;
    state.attempts = r.attempts;
    switch (state.status) {
    case BatchRowStatus::Failed:
        if (r.error) {
            state.error = sentence(r.error->message());
            QStringList detail;
            const QString hint = dispatchHint(*r.error, m_job);
            detail << (hint.isEmpty()
                           ? sentence(hintFor(*r.error, Capability::DispatchJob, m_nameSpace))
                           : hint);
            detail << r.error->referenceText();
            detail.removeAll(QString());
            state.errorDetail = detail.join(u'\n');
        }
        break;
    case BatchRowStatus::Unknown:
        state.error = state.childJobId.isEmpty()
                          ? tr("The answer was lost: Nomad may or may not have dispatched it.")
                          : tr("The answer was lost; a child with this row's meta exists.");
        if (r.error)
            state.errorDetail = sentence(r.error->message());
        break;
    case BatchRowStatus::Cancelled:
        state.error = tr("Not sent: the run was cancelled.");
        break;
    default:
        break;
    }
    m_model->updateRow(row, state);
    updateProgress();
    if (state.status == BatchRowStatus::Sending || state.status == BatchRowStatus::Waiting)
        return;
    updateButtons();
}

QList<int> BulkDispatchDialog::retryableRows() const
{
    QList<int> indexes;
    if (!m_dispatcher)
        return indexes;
    const bool tokens = tokensHonoured();
    const QList<BatchRowResult> &results = m_dispatcher->results();
    for (const BatchRowResult &r : results) {
        // A lost answer is retried only when the token makes a second dispatch impossible.
        if (r.status == BatchRowResult::Status::Failed ||
            r.status == BatchRowResult::Status::Cancelled ||
            (r.status == BatchRowResult::Status::Unknown && tokens))
            indexes.append(r.index);
    }
    return indexes;
}

void BulkDispatchDialog::onRunFinished(const BatchSummary &s)
{
    if (!m_runActive)
        return;
    m_runActive = false;
    updateProgress();
    updateButtons();

    const double seconds = double(m_runClock.elapsed()) / 1000.0;
    const int skipped = m_model->rowCount() - int(m_validRows.size());
    const int landed = s.dispatched + s.alreadyDispatched;
    QStringList parts;
    parts << tr("Dispatched %1 of %2 rows of “%3” on “%4” in %5 s.")
                 .arg(QString::number(landed), QString::number(s.total), jobName(), m_profileName,
                      QString::number(seconds, 'f', 1));
    QStringList notLanded;
    if (s.alreadyDispatched > 0)
        notLanded
            << tr("%1 of them had been dispatched before (same token)").arg(s.alreadyDispatched);
    if (s.failed > 0)
        notLanded << tr("%1 failed").arg(s.failed);
    if (s.unknown > 0)
        notLanded << tr("%1 unknown").arg(s.unknown);
    if (s.cancelled > 0)
        notLanded << tr("%1 cancelled").arg(s.cancelled);
    if (!notLanded.isEmpty()) {
        QString text = notLanded.join(u", ");
        text[0] = text.at(0).toUpper();
        parts << sentence(text);
    }
    if (skipped > 0)
        parts << tr("%1 invalid rows were skipped.").arg(skipped);

    const QList<int> failedRows = m_model->rowsWith({BatchRowStatus::Failed});
    if (!failedRows.isEmpty()) {
        const int row = failedRows.first();
        parts << tr("First failure, line %1: %2")
                     .arg(QString::number(m_model->batchRow(row).line), m_model->state(row).error);
    }
    if (s.failed + s.unknown + s.cancelled > 0) {
        if (tokensHonoured())
            parts << tr("“Retry failed rows” sends them again with the same tokens; rows that "
                        "landed are not sent again.");
        else if (s.unknown > 0)
            parts << tr("Rows marked unknown are not retried: this server ignores idempotency "
                        "tokens, so check the job's children for them first.");
        else
            parts << tr("“Retry failed rows” sends the failed and cancelled rows again.");
    }
    const MessageKind kind = s.failed + s.unknown > 0 ? MessageKind::Warning
                             : s.cancelled > 0        ? MessageKind::Info
                                                      : MessageKind::Success;
    showMessage(m_ui->resultLabel, kind, parts.join(u' '));
    Q_EMIT runFinished(s);

    if (m_closeWhenDone) {
        m_closeWhenDone = false;
        QTimer::singleShot(0, this, [this]() { QDialog::reject(); });
    }
}

void BulkDispatchDialog::cancel()
{
    if (m_readingVersion) {
        delete m_versionCall; // nothing was sent yet, and now nothing will be
        m_readingVersion = false;
        updateProgress();
        updateButtons();
        return;
    }
    if (!m_dispatcher || !m_dispatcher->isRunning())
        return;
    m_dispatcher->cancel();
    updateProgress();
    updateButtons();
}

void BulkDispatchDialog::retryFailed()
{
    if (!m_dispatcher || isRunning())
        return;
    const QList<int> indexes = retryableRows();
    if (indexes.isEmpty())
        return;
    const int done = m_model->count({BatchRowStatus::Dispatched, BatchRowStatus::AlreadyDispatched,
                                     BatchRowStatus::Failed, BatchRowStatus::Unknown,
                                     BatchRowStatus::Cancelled});
    m_runActive = true;
    m_runStartDone = done - int(indexes.size());
    m_runClock.start();
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    m_dispatcher->retry(indexes);
    updateProgress();
    updateButtons();
}

bool BulkDispatchDialog::requestClose()
{
    if (!isRunning())
        return true;
    const int waiting = m_model->count(BatchRowStatus::Waiting);
    const int inFlight = m_model->count(BatchRowStatus::Sending);
    const bool stop =
        m_prompter &&
        m_prompter->confirm(
            this, tr("Stop dispatching “%1”?").arg(jobName()),
            tr("%1 rows are waiting and %2 are in flight. Closing cancels the waiting rows; the "
               "ones in flight finish and are recorded. “Retry failed rows” cannot resume them "
               "once this window is closed.")
                .arg(waiting)
                .arg(inFlight));
    if (!stop)
        return false;
    cancel();
    if (isRunning()) {
        // Closes itself when the last answer has arrived.
        m_closeWhenDone = true;
        hide();
        return false;
    }
    return true;
}

void BulkDispatchDialog::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        event->ignore();
        if (requestClose())
            QDialog::reject();
        return;
    }
    QDialog::closeEvent(event);
}

void BulkDispatchDialog::reject()
{
    if (requestClose())
        QDialog::reject();
}

QString BulkDispatchDialog::localFileFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() ? url.toLocalFile() : QString();
}

void BulkDispatchDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (!isRunning() && m_job.isParameterizedParent() &&
        !localFileFrom(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void BulkDispatchDialog::dropEvent(QDropEvent *event)
{
    const QString path = localFileFrom(event->mimeData());
    if (path.isEmpty() || isRunning())
        return;
    event->acceptProposedAction();
    loadFile(path);
}

} // namespace dd::gui
