// The bulk stop / purge dialog: its plan (the confirmation), the run and the results.
#include "gui/stopjobsdialog.h"

#include "core/dispatchjournal.h"
#include "gui/icons.h"
#include "ui_stopjobsdialog.h"

#include <QDateTime>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>

#include <algorithm>

using namespace std::chrono_literals;

namespace dd::gui {

namespace {
QString dialogQuoted(const QString &s)
{
    return u'“' + s + u'”';
}

// "Purge finished children…": the ages offered, in hours (0: any age).
constexpr int kAgeHours[] = {0, 1, 24, 7 * 24, 30 * 24};
} // namespace

StopJobsDialog::StopJobsDialog(const Context &context, StopMode mode, const QStringList &childIds,
                               QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::StopJobsDialog>())
    , m_context(context)
    , m_mode(mode)
    , m_ids(childIds)
{
    setUp();
}

StopJobsDialog::StopJobsDialog(const Context &context, const QList<JobStub> &children,
                               QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::StopJobsDialog>())
    , m_context(context)
    , m_mode(StopMode::Purge)
    , m_finishedChildren(true)
    , m_candidates(children)
{
    setUp();
}

StopJobsDialog::~StopJobsDialog() = default;

void StopJobsDialog::setUp()
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("stopJobsDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(m_finishedChildren          ? tr("Purge Finished Children")
                   : m_mode == StopMode::Purge ? tr("Stop and Purge Dispatched Jobs")
                                               : tr("Stop Dispatched Jobs"));
    m_ui->stopJobsAge->addItem(tr("any age"));
    m_ui->stopJobsAge->addItem(tr("submitted more than 1 hour ago"));
    m_ui->stopJobsAge->addItem(tr("submitted more than 1 day ago"));
    m_ui->stopJobsAge->addItem(tr("submitted more than 7 days ago"));
    m_ui->stopJobsAge->addItem(tr("submitted more than 30 days ago"));
    m_ui->stopJobsAgeLabel->setVisible(m_finishedChildren);
    m_ui->stopJobsAge->setVisible(m_finishedChildren);
    connect(m_ui->stopJobsAge, &QComboBox::currentIndexChanged, this, &StopJobsDialog::updatePlan);
    m_ui->stopJobsProgress->setVisible(false);
    m_ui->stopJobsClose->setVisible(false);
    m_ui->stopJobsStart->setIcon(
        icon(m_mode == StopMode::Purge ? QStringLiteral("remove") : QStringLiteral("stop")));
    m_ui->stopJobsStart->setDefault(false);
    m_ui->stopJobsCancel->setDefault(true);
    m_ui->stopJobsItems->header()->setStretchLastSection(true);
    connect(m_ui->stopJobsStart, &QPushButton::clicked, this, &StopJobsDialog::start);
    connect(m_ui->stopJobsCancel, &QPushButton::clicked, this, &StopJobsDialog::cancel);
    connect(m_ui->stopJobsClose, &QPushButton::clicked, this, &QDialog::accept);
    updatePlan();
}

void StopJobsDialog::setAgeChoice(int index)
{
    m_ui->stopJobsAge->setCurrentIndex(index);
}

void StopJobsDialog::updatePlan()
{
    if (m_finishedChildren) {
        const int hours = kAgeHours[std::clamp(m_ui->stopJobsAge->currentIndex(), 0, 4)];
        std::optional<std::chrono::nanoseconds> olderThan;
        if (hours > 0)
            olderThan = std::chrono::hours(hours);
        m_ids.clear();
        const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
        for (const JobStub &child :
             selectFinishedChildren(m_candidates, m_context.parentId, olderThan, nowNs))
            m_ids.append(child.id);
    }
    const int n = int(m_ids.size());
    // English plurals without a translation file: the two forms, chosen here.
    const QString jobs = n == 1 ? tr("1 dispatched job") : tr("%1 dispatched jobs").arg(n);
    const QString finished =
        n == 1 ? tr("1 finished dispatched job") : tr("%1 finished dispatched jobs").arg(n);
    const QString of =
        tr("%1 on %2").arg(dialogQuoted(m_context.parentId), dialogQuoted(m_context.profileName));
    QString heading;
    if (m_finishedChildren && n == 0)
        heading = tr("No finished dispatched jobs of %1 match: there is nothing to purge.").arg(of);
    else if (m_finishedChildren)
        heading = tr("Purge %1 of %2? Nomad forgets them; this cannot be undone. Running and "
                     "pending jobs are not touched.")
                      .arg(finished, of);
    else if (m_mode == StopMode::Purge)
        heading = tr("Stop and purge %1 of %2? Their running allocations are killed, and Nomad "
                     "forgets them; this cannot be undone.")
                      .arg(jobs, of);
    else
        heading = tr("Stop %1 of %2? Their running allocations are killed.").arg(jobs, of);
    m_ui->stopJobsHeading->setText(heading);
    m_ui->stopJobsItems->clear();
    for (const QString &id : std::as_const(m_ids))
        new QTreeWidgetItem(m_ui->stopJobsItems, {id, tr("Not sent yet")});
    m_ui->stopJobsItems->resizeColumnToContents(0);
    if (m_mode == StopMode::Purge)
        m_ui->stopJobsStart->setText(n == 1 ? tr("&Purge 1 Job") : tr("&Purge %1 Jobs").arg(n));
    else
        m_ui->stopJobsStart->setText(n == 1 ? tr("&Stop 1 Job") : tr("&Stop %1 Jobs").arg(n));
    m_ui->stopJobsStart->setEnabled(n > 0 && m_context.client);
    m_ui->stopJobsSummary->clear();
}

void StopJobsDialog::start()
{
    if (m_stopper || m_ids.isEmpty() || !m_context.client)
        return;
    m_ui->stopJobsAge->setEnabled(false);
    // From here the heading says what is happening, not what would.
    const int n = int(m_ids.size());
    const QString jobs = n == 1 ? tr("1 dispatched job") : tr("%1 dispatched jobs").arg(n);
    const QString of =
        tr("%1 on %2").arg(dialogQuoted(m_context.parentId), dialogQuoted(m_context.profileName));
    m_ui->stopJobsHeading->setText((m_mode == StopMode::Purge ? tr("Stopping and purging %1 of %2.")
                                                              : tr("Stopping %1 of %2."))
                                       .arg(jobs, of));
    m_ui->stopJobsStart->setVisible(false);
    m_ui->stopJobsProgress->setRange(0, int(m_ids.size()));
    m_ui->stopJobsProgress->setValue(0);
    m_ui->stopJobsProgress->setVisible(true);
    m_ui->stopJobsCancel->setText(tr("Cancel the Rest"));

    if (m_context.journal) {
        DispatchRecordContext record;
        record.source = QStringLiteral("app");
        record.profile = m_context.profileName;
        record.address = m_context.client->config().address.toString();
        record.nameSpace = m_context.nameSpace;
        QList<JournalEntry> entries;
        for (const QString &id : std::as_const(m_ids))
            entries.append(beginStopEntry(m_mode, id, record));
        if (auto begun = m_context.journal->beginMany(entries)) {
            m_entries = *begun;
            for (const JournalEntry &e : std::as_const(m_entries))
                Q_EMIT journalBegun(e.id);
            Q_EMIT journalChanged();
        }
    }

    m_stopper = new JobStopper(m_context.client, this);
    m_stopper->setMode(m_mode);
    m_stopper->setConcurrency(4);
    QueryOptions options;
    options.nameSpace = m_context.nameSpace;
    m_stopper->setOptions(options);
    connect(m_stopper, &JobStopper::itemChanged, this, &StopJobsDialog::onItemChanged);
    connect(m_stopper, &JobStopper::progress, m_ui->stopJobsProgress,
            [this](int done, int) { m_ui->stopJobsProgress->setValue(done); });
    connect(m_stopper, &JobStopper::finished, this, &StopJobsDialog::onFinished);
    m_stopper->start(m_ids);
}

void StopJobsDialog::cancel()
{
    if (isRunning()) {
        m_stopper->cancel();
        return;
    }
    if (!m_stopper)
        QDialog::reject();
}

void StopJobsDialog::reject()
{
    // Escape and the close button cancel what is not sent; the dialog stays to show results.
    if (isRunning()) {
        m_stopper->cancel();
        return;
    }
    QDialog::reject();
}

void StopJobsDialog::onItemChanged(const StopItemResult &r)
{
    QTreeWidgetItem *item = m_ui->stopJobsItems->topLevelItem(r.index);
    if (!item)
        return;
    QString text;
    QString iconName;
    switch (r.status) {
    case StopItemResult::Status::Waiting:
        text = tr("Not sent yet");
        break;
    case StopItemResult::Status::Sending:
        text = m_mode == StopMode::Purge ? tr("Purging…") : tr("Stopping…");
        iconName = QStringLiteral("running");
        break;
    case StopItemResult::Status::Done:
        text = (m_mode == StopMode::Purge ? tr("Purged (evaluation %1)")
                                          : tr("Stopped (evaluation %1)"))
                   .arg(r.response.evalId.left(8));
        iconName = QStringLiteral("success");
        break;
    case StopItemResult::Status::Failed:
        text = stopFailureText(r.error.value_or(ApiError::cancelled()), m_mode, r.jobId,
                               m_context.profileName, m_context.nameSpace);
        iconName = QStringLiteral("failed");
        if (m_firstFailure.isEmpty())
            m_firstFailure = text;
        break;
    case StopItemResult::Status::Cancelled:
        text = tr("Cancelled: not sent");
        iconName = QStringLiteral("stopped");
        break;
    }
    item->setText(1, text);
    item->setToolTip(1, text);
    item->setIcon(1, iconName.isEmpty() ? QIcon() : icon(iconName));
    if (r.isFinal() && r.index < m_entries.size() && m_context.journal) {
        completeStopEntry(m_entries[r.index], r);
        m_context.journal->complete(m_entries.at(r.index));
        Q_EMIT journalChanged();
    }
}

void StopJobsDialog::onFinished(const StopSummary &summary)
{
    QStringList parts;
    const QString total = summary.total == 1 ? tr("1 job") : tr("%1 jobs").arg(summary.total);
    parts.append((m_mode == StopMode::Purge ? tr("Purged %1 of %2.") : tr("Stopped %1 of %2."))
                     .arg(summary.done)
                     .arg(total));
    if (summary.cancelled > 0)
        parts.append(tr("%1 cancelled before being sent.").arg(summary.cancelled));
    if (summary.failed > 0)
        parts.append(tr("%1 failed. The first: %2").arg(summary.failed).arg(m_firstFailure));
    showMessage(m_ui->stopJobsSummary,
                summary.failed > 0      ? MessageKind::Error
                : summary.cancelled > 0 ? MessageKind::Warning
                                        : MessageKind::Success,
                parts.join(u' '));
    m_ui->stopJobsCancel->setVisible(false);
    m_ui->stopJobsClose->setVisible(true);
    m_ui->stopJobsClose->setDefault(true);
    Q_EMIT runFinished(summary);
}

} // namespace dd::gui
