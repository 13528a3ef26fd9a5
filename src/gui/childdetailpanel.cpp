#include "gui/childdetailpanel.h"

#include "api/blockingfollower.h"
#include "gui/allocationchooser.h"
#include "gui/allocationtabs.h"
#include "gui/errortext.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "gui/logtargets.h"
#include "gui/payloadformat.h"
#include "gui/tasklogfeed.h"
#include "models/allocationmodel.h"
#include "models/childjobmodel.h"
#include "models/evaluationmodel.h"
#include "models/timeformat.h"
#include "ui_childdetailpanel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QVBoxLayout>

namespace dd::gui {

ChildDetailPanel::ChildDetailPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ChildDetailPanel>())
    , m_allocations(new models::AllocationModel(this))
    , m_evaluations(new models::EvaluationModel(this))
{
    m_ui->setupUi(this);
    m_ui->childPayloadView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->dispatchAgainButton->setIcon(icon(QStringLiteral("again")));
    m_ui->childMetaTable->setColumnCount(2);
    m_ui->childMetaTable->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_ui->childMetaTable->horizontalHeader()->setSectionResizeMode(0,
                                                                   QHeaderView::ResizeToContents);
    // Rows as tall as their text (a long value wraps), not the style's roomy default.
    m_ui->childMetaTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *allocIcons = new IconProxy(
        models::AllocationModel::StatusColumn,
        [](const QModelIndex &i) {
            return statusIcon(i.data(models::AllocationModel::StatusRole).toString());
        },
        this);
    allocIcons->setSourceModel(m_allocations);
    m_ui->childAllocationsView->setModel(allocIcons);
    m_ui->childAllocationsView->horizontalHeader()->setSectionResizeMode(
        QHeaderView::ResizeToContents);
    m_ui->childAllocationsView->horizontalHeader()->setStretchLastSection(true);

    auto *evalIcons = new IconProxy(
        models::EvaluationModel::StatusColumn,
        [](const QModelIndex &i) {
            return statusIcon(i.data(models::EvaluationModel::StatusRole).toString());
        },
        this);
    evalIcons->setSourceModel(m_evaluations);
    m_ui->childEvaluationsView->setModel(evalIcons);
    m_ui->childEvaluationsView->horizontalHeader()->setSectionResizeMode(
        QHeaderView::ResizeToContents);
    m_ui->childEvaluationsView->horizontalHeader()->setStretchLastSection(true);

    m_ui->childWebUiButton->setIcon(icon(QStringLiteral("job")));
    connect(m_ui->childWebUiButton, &QToolButton::clicked, this, [this]() {
        if (m_child)
            Q_EMIT openInWebUiRequested(m_child->id, m_child->nameSpace);
    });
    connect(m_ui->dispatchAgainButton, &QPushButton::clicked, this, [this]() {
        if (m_child)
            Q_EMIT dispatchAgainRequested(*m_child);
    });
    m_logsTab = new QWidget;
    m_logsTab->setObjectName(QStringLiteral("childLogsTab"));
    auto *logsLayout = new QVBoxLayout(m_logsTab);
    logsLayout->setContentsMargins(2, 2, 2, 0);
    m_ui->childTabs->addTab(m_logsTab, tr("&Logs"));
    setAllocationTools({});
    // Files and Usage: the allocation picked in the table, else the newest running one.
    m_chooser = new AllocationChooser(m_allocations, {}, this);
    m_chooser->followCurrentRow(m_ui->childAllocationsView);
    m_allocationTabs = new AllocationTabs(m_chooser, nullptr, *m_tools.fileDialogs, m_ui->childTabs,
                                          m_ui->childTabs->count(), QStringLiteral("child"));
    clear();
}

ChildDetailPanel::~ChildDetailPanel() = default;

void ChildDetailPanel::setAllocationTools(const AllocationTools &tools)
{
    m_tools = withFallbacks(tools);
    rebuildLogs();
    if (m_allocationTabs)
        m_allocationTabs->setFileDialogs(*m_tools.fileDialogs);
}

// The log feeds read through the client they were made with: a new client
// (another profile) gets a new panel; until there is one, there is none
// (nothing can be shown before a child is, and that needs a client).
void ChildDetailPanel::rebuildLogs()
{
    delete m_logs;
    m_logs = nullptr;
    m_logTargets = nullptr; // a child of the panel
    if (!m_client)
        return;
    NomadClient *client = m_client;
    const std::chrono::milliseconds idle = m_tools.logIdleTimeout;
    m_logs = new LogPanel(*m_tools.fileDialogs, *m_tools.desktop, [client, idle](QObject *parent) {
        return new TaskLogFeed(client, {idle}, parent);
    });
    m_logs->setObjectName(QStringLiteral("childLogPanel"));
    m_logsTab->layout()->addWidget(m_logs);
    m_logTargets = new LogTargetBinder(m_allocations, m_logs, m_nameSpace);
}

void ChildDetailPanel::showLogs()
{
    m_ui->childTabs->setCurrentWidget(m_logsTab);
}

void ChildDetailPanel::setClient(NomadClient *client, const QString &profileName,
                                 const Tuning &tuning)
{
    clear();
    const bool changed = client != m_client;
    m_client = client;
    m_profileName = profileName;
    m_tuning = tuning;
    if (changed) {
        rebuildLogs();
        m_allocationTabs->setClient(client);
    }
}

void ChildDetailPanel::stopWatchers()
{
    m_jobCall.cancel();
    delete m_allocWatcher;
    m_allocWatcher = nullptr;
    delete m_evalWatcher;
    m_evalWatcher = nullptr;
}

void ChildDetailPanel::clear()
{
    stopWatchers();
    m_child.reset();
    m_childId.clear();
    m_listedOutcome.clear();
    m_allocations->clear();
    m_evaluations->clear();
    m_chooser->reset();
    m_ui->childTitleLabel->setText(tr("Select a dispatched job to see its meta, payload, "
                                      "evaluations and allocations."));
    m_ui->childMetaTable->setRowCount(0);
    m_ui->childPayloadView->clear();
    m_ui->childPayloadKindLabel->clear();
    m_ui->dispatchAgainButton->setEnabled(false);
    m_ui->childWebUiButton->setEnabled(false);
    m_ui->childTabs->setEnabled(false);
    showMessage(m_ui->childErrorLabel, MessageKind::Error, {});
}

void ChildDetailPanel::showChild(const QString &nameSpace, const QString &childId)
{
    if (childId == m_childId && m_nameSpace == nameSpace)
        return;
    clear();
    if (!m_client || childId.isEmpty())
        return;
    m_nameSpace = nameSpace;
    m_logTargets->setNameSpace(nameSpace);
    m_chooser->setNameSpace(nameSpace);
    m_childId = childId;
    m_ui->childTitleLabel->setText(tr("<b>%1</b> — loading…").arg(childId.toHtmlEscaped()));
    QueryOptions o;
    o.nameSpace = nameSpace;
    m_jobCall = m_client->job(childId, o, this, [this, childId](Result<Reply<Job>> reply) {
        if (childId != m_childId)
            return;
        if (!reply) {
            showError(tr("read “%1”").arg(childId), reply.error());
            return;
        }
        showJob(reply->value);
    });

    NomadClient *client = m_client;
    m_allocWatcher = new BlockingFollower(
        [this, client, childId](const BlockingFollower::Round &round) {
            client->jobAllocations(childId, round.options(), round.context(),
                                   [this, round](Result<Reply<QList<Allocation>>> r) {
                                       if (!round.accept(r))
                                           return;
                                       m_allocations->setAllocations(r->value);
                                       updateTitle();
                                       round.next();
                                   });
        },
        o, m_tuning.listFollowing(), this);
    m_evalWatcher = new BlockingFollower(
        [this, client, childId](const BlockingFollower::Round &round) {
            client->jobEvaluations(childId, round.options(), round.context(),
                                   [this, round](Result<Reply<QList<Evaluation>>> r) {
                                       if (!round.accept(r))
                                           return;
                                       m_evaluations->setEvaluations(r->value);
                                       round.next();
                                   });
        },
        o, m_tuning.listFollowing(), this);
    for (BlockingFollower *w : {m_allocWatcher, m_evalWatcher}) {
        if (ChangeFeed *feed = client->changeFeed())
            w->followChanges(feed, o.nameSpace.value_or(client->config().nameSpace),
                             changes::ofJob(childId));
        connect(w, &BlockingFollower::failed, this, [this, childId](const ApiError &e) {
            showError(tr("read the evaluations and allocations of “%1”").arg(childId), e);
        });
        w->start();
    }
}

void ChildDetailPanel::showError(const QString &what, const ApiError &error)
{
    showMessage(m_ui->childErrorLabel, MessageKind::Error,
                failureText(tr("Could not %1 on “%2”").arg(what, m_profileName), error,
                            Capability::ReadJob, m_nameSpace));
}

void ChildDetailPanel::updateTitle()
{
    if (!m_child)
        return;
    // A dead job's verdict is in its allocations, as in the children table.
    JobStub stub;
    stub.status = m_child->status;
    for (const Allocation &a : m_allocations->rows()) {
        if (a.clientStatus == u"failed")
            ++stub.allocations.failed;
        else if (a.clientStatus == u"lost")
            ++stub.allocations.lost;
        else if (a.clientStatus == u"complete")
            ++stub.allocations.complete;
    }
    const QString outcome =
        m_listedOutcome.isEmpty() ? models::ChildJobModel::outcomeOf(stub) : m_listedOutcome;
    m_ui->childTitleLabel->setText(tr("<b>%1</b> — %2, submitted %3")
                                       .arg(m_child->id.toHtmlEscaped(),
                                            models::ChildJobModel::statusText(outcome),
                                            models::formatNanos(m_child->submitTime)));
    m_ui->childTitleLabel->setProperty("outcome", outcome);
}

void ChildDetailPanel::setListedOutcome(const QString &outcome)
{
    if (outcome == m_listedOutcome)
        return;
    m_listedOutcome = outcome;
    updateTitle();
}

void ChildDetailPanel::showJob(const Job &job)
{
    m_child = job;
    updateTitle();
    m_ui->childMetaTable->setRowCount(int(job.meta.size()));
    int row = 0;
    for (auto it = job.meta.begin(); it != job.meta.end(); ++it, ++row) {
        m_ui->childMetaTable->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_ui->childMetaTable->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    const PayloadCheck check = checkPayload(job.payload);
    QString kind;
    switch (check.kind) {
    case PayloadKind::Empty:
        kind = tr("No payload");
        break;
    case PayloadKind::Json:
        kind = tr("JSON, %1 bytes (shown indented)").arg(job.payload.size());
        break;
    case PayloadKind::Text:
        kind = tr("Text, %1 bytes").arg(job.payload.size());
        break;
    case PayloadKind::Binary:
        kind = tr("Binary, %1 bytes (shown as hex)").arg(job.payload.size());
        break;
    }
    m_ui->childPayloadKindLabel->setText(kind);
    m_ui->childPayloadView->setPlainText(displayText(job.payload));
    m_ui->childTabs->setEnabled(true);
    m_ui->dispatchAgainButton->setEnabled(true);
    m_ui->childWebUiButton->setEnabled(true);
    Q_EMIT childLoaded(job);
}

} // namespace dd::gui
