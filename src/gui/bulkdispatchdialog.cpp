#include "gui/bulkdispatchdialog.h"

#include "gui/icons.h"
#include "gui/prompter.h"
#include "models/batchrowmodel.h"
#include "ui_bulkdispatchdialog.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace dd::gui {

using models::BatchRowModel;
using models::BatchRowStatus;

BulkDispatchDialog::BulkDispatchDialog(const Job &job, const QString &nameSpace,
                                       const Context &context, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::BulkDispatchDialog>())
    , m_client(context.client)
    , m_job(job)
    , m_nameSpace(nameSpace.isEmpty() ? (job.nameSpace.isEmpty() ? u"default"_s : job.nameSpace)
                                      : nameSpace)
    , m_profileName(context.profileName)
    , m_version(context.serverVersion)
    , m_versionKnown(context.versionKnown)
    , m_journal(context.journal)
    , m_files(context.files)
    , m_prompter(context.prompter)
    , m_model(new BatchRowModel(this))
{
    m_ui->setupUi(this);
    setObjectName(u"bulkDispatchDialog"_s);
    setWindowTitle(tr("Dispatch “%1” from a file").arg(jobName()));
    setAcceptDrops(true);

    setUpTable();

    for (QPushButton *b : {m_ui->chooseFileButton, m_ui->payloadRootButton, m_ui->startButton,
                           m_ui->cancelButton, m_ui->retryButton, m_ui->closeButton}) {
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
    connect(m_ui->payloadRootButton, &QPushButton::clicked, this,
            &BulkDispatchDialog::choosePayloadRoot);
    connect(m_ui->startButton, &QPushButton::clicked, this, &BulkDispatchDialog::start);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BulkDispatchDialog::cancel);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &BulkDispatchDialog::retryFailed);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QWidget::close);

    m_ui->jobLabel->setText(
        tr("Dispatches “%1” once per row of a CSV or JSON Lines file, in namespace “%2” on “%3”. "
           "Rows are checked before anything is sent.")
            .arg(jobName(), m_nameSpace, m_profileName));

    m_ui->schemaLabel->setText(schemaText());

    showMessage(m_ui->fileMessage, MessageKind::Info, {});
    showMessage(m_ui->summaryLabel, MessageKind::Info, {});
    showMessage(m_ui->resultLabel, MessageKind::Info, {});
    if (!m_job.isParameterizedParent())
        showFileError(tr("“%1” is not a parameterized job, so it cannot be dispatched. Choose a "
                         "parameterized job in the job list.")
                          .arg(jobName()));
    updatePayloadRootLabel();
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
           !m_plan.batchId.isEmpty();
}

QString BulkDispatchDialog::sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}

void BulkDispatchDialog::updateButtons()
{
    const bool running = isRunning();
    m_ui->chooseFileButton->setEnabled(!running && m_job.isParameterizedParent());
    m_ui->payloadRootButton->setEnabled(!running && m_job.isParameterizedParent());
    m_ui->startButton->setEnabled(!m_dispatcher && !m_readingVersion && !m_dispatchRows.isEmpty());
    m_ui->cancelButton->setEnabled(running);
    m_ui->retryButton->setEnabled(m_dispatcher && !running && !retryableRows().isEmpty());
    m_ui->concurrencySpin->setEnabled(!m_dispatcher && !m_readingVersion);
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
