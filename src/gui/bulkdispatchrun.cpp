// The run half of BulkDispatchDialog: reading the server's version when it is
// not known, starting the BatchDispatcher on the plan, following its rows in
// the table and the progress bar, cancel, "Retry failed rows" and the result.
#include "gui/bulkdispatchdialog.h"

#include "api/apierror.h"
#include "api/nomadclient.h"
#include "gui/icons.h"
#include "models/batchrowmodel.h"
#include "ui_bulkdispatchdialog.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace dd::gui {

using models::BatchRowModel;
using models::BatchRowState;
using models::BatchRowStatus;

namespace {

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

} // namespace

void BulkDispatchDialog::updateTokenNote()
{
    if (m_dispatchRows.isEmpty() && !m_dispatcher) {
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
                        .arg(m_plan.batchId));
    } else {
        showMessage(m_ui->tokenNote, MessageKind::Warning,
                    tr("%1 ignores idempotency tokens: a row whose answer is lost cannot be "
                       "retried safely, and running this file again dispatches every row again.")
                        .arg(m_version ? tr("Nomad %1").arg(m_version->toString())
                                       : tr("This server (version unknown)")));
    }
}

void BulkDispatchDialog::updateProgress()
{
    const int total = int(m_dispatchRows.size());
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
    if (m_dispatcher || m_readingVersion || m_dispatchRows.isEmpty() || !m_client)
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
    m_dispatcher->start(m_plan);
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
            detail << sentence(r.error->dispatchHint({m_job.id, m_nameSpace, &m_job}).text);
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
    const int skipped = m_model->rowCount() - int(m_dispatchRows.size());
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

} // namespace dd::gui
