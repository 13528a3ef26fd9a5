#include "gui/dispatchpanel.h"

#include "core/dispatchvalidation.h"
#include "core/presetstore.h"
#include "gui/dispatchoptionssection.h"
#include "gui/icons.h"
#include "gui/metasection.h"
#include "gui/payloadsection.h"
#include "gui/presetbar.h"

#include "ui_dispatchpanel.h"
#include <QMenu>

namespace dd::gui {

DispatchPanel::DispatchPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DispatchPanel>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->jobTitleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.3);
    title.setBold(true);
    m_ui->jobTitleLabel->setFont(title);
    m_ui->dispatchButton->setIcon(icon(QStringLiteral("dispatch")));
    m_ui->dispatchStack->setCurrentWidget(m_ui->emptyPage);

    connect(m_ui->dispatchButton, &QPushButton::clicked, this, &DispatchPanel::requestDispatch);
    auto *copyMenu = new QMenu(m_ui->copyCommandButton);
    QAction *copyNomad = copyMenu->addAction(tr("&nomad job dispatch command"));
    copyNomad->setObjectName(QStringLiteral("copyNomadAction"));
    copyNomad->setToolTip(tr("The same dispatch with Nomad's own CLI; the token is read from "
                             "$NOMAD_TOKEN"));
    QAction *copyCurl = copyMenu->addAction(tr("c&url command (HTTP API)"));
    copyCurl->setObjectName(QStringLiteral("copyCurlAction"));
    connect(copyNomad, &QAction::triggered, this,
            [this]() { Q_EMIT copyCommandRequested(CommandKind::Nomad); });
    connect(copyCurl, &QAction::triggered, this,
            [this]() { Q_EMIT copyCommandRequested(CommandKind::Curl); });
    m_ui->copyCommandButton->setMenu(copyMenu);
    m_ui->copyCommandButton->setIcon(icon(QStringLiteral("format")));
    m_ui->webUiButton->setIcon(icon(QStringLiteral("job")));
    connect(m_ui->webUiButton, &QToolButton::clicked, this, &DispatchPanel::openInWebUiRequested);
    m_ui->presetBar->setCapture([this]() { return capturePreset(); });
    connect(m_ui->presetBar, &PresetBar::applyRequested, this, &DispatchPanel::applyPreset);
    connect(m_ui->presetBar, &PresetBar::problem, this, &DispatchPanel::showError);
    connect(m_ui->payloadSection, &PayloadSection::changed, this, &DispatchPanel::revalidate);
    connect(m_ui->metaSection, &MetaSection::changed, this, &DispatchPanel::revalidate);
    connect(m_ui->optionsSection, &DispatchOptionsSection::changed, this,
            &DispatchPanel::revalidate);
    revalidate();
}

DispatchPanel::~DispatchPanel() = default;

PayloadSection *DispatchPanel::payloadSection() const
{
    return m_ui->payloadSection;
}

MetaSection *DispatchPanel::metaSection() const
{
    return m_ui->metaSection;
}

DispatchOptionsSection *DispatchPanel::optionsSection() const
{
    return m_ui->optionsSection;
}

void DispatchPanel::setPrompter(Prompter *prompter)
{
    m_prompter = prompter;
    m_ui->payloadSection->setPrompter(prompter);
}

void DispatchPanel::setPresetStore(PresetStore *store)
{
    m_ui->presetBar->setStore(store, m_prompter);
    m_ui->presetBar->setJob(m_job ? m_job->id : QString());
}

PresetBar *DispatchPanel::presetBar() const
{
    return m_ui->presetBar;
}

QString DispatchPanel::payloadFile() const
{
    return m_ui->payloadSection->loadedFile();
}

void DispatchPanel::applyPreset(const DispatchPreset &preset)
{
    if (!m_job)
        return;
    const ParameterizedConfig c = m_job->parameterized.value_or(ParameterizedConfig{});
    if (c.payload != PayloadRule::Forbidden) {
        if (preset.hasPayload)
            m_ui->payloadSection->setPayload(preset.payload);
        else
            m_ui->payloadSection->clear();
    }
    m_ui->metaSection->clearValues();
    m_ui->metaSection->setValues(preset.meta);
    m_ui->optionsSection->setTemplateAndPriority(preset.idPrefixTemplate, preset.priority);
    revalidate();
}

DispatchPreset DispatchPanel::capturePreset() const
{
    const DispatchRequest r = request();
    DispatchPreset p;
    p.jobId = r.jobId;
    p.meta = r.meta;
    p.payload = r.payload;
    p.hasPayload = r.hasPayload;
    p.idPrefixTemplate = r.idPrefixTemplate;
    p.priority = r.priority;
    return p;
}

void DispatchPanel::setProfileName(const QString &name)
{
    m_profileName = name;
    revalidate();
}

void DispatchPanel::setServerVersion(const std::optional<ServerVersion> &version, bool known)
{
    m_ui->optionsSection->setServerVersion(version, known);
    revalidate();
}

void DispatchPanel::setConnected(bool connected)
{
    m_connected = connected;
    revalidate();
}

QString DispatchPanel::schemaText(const Job &job) const
{
    const ParameterizedConfig c = job.parameterized.value_or(ParameterizedConfig{});
    QString payload;
    switch (c.payload) {
    case PayloadRule::Required:
        payload = tr("needs a payload");
        break;
    case PayloadRule::Optional:
        payload = tr("takes an optional payload");
        break;
    case PayloadRule::Forbidden:
        payload = tr("takes no payload");
        break;
    }
    auto keys = [&](const QStringList &list) {
        QStringList out;
        for (const QString &key : list) {
            const auto def = job.meta.constFind(key);
            out.append(def == job.meta.cend() ? key : tr("%1 (default “%2”)").arg(key, *def));
        }
        return out.join(u", ");
    };
    QStringList parts;
    parts.append(payload);
    if (!c.metaRequired.isEmpty())
        parts.append(tr("requires meta %1").arg(keys(c.metaRequired)));
    if (!c.metaOptional.isEmpty())
        parts.append(tr("accepts meta %1").arg(keys(c.metaOptional)));
    if (c.metaRequired.isEmpty() && c.metaOptional.isEmpty())
        parts.append(tr("accepts no meta"));
    QString text = tr("This job %1.").arg(parts.join(tr("; ")));
    if (!job.datacenters.isEmpty())
        text += u' ' + tr("Runs in %1.").arg(job.datacenters.join(u", "));
    return text;
}

void DispatchPanel::setJob(const Job &job)
{
    const bool sameJob = m_job && m_job->id == job.id && m_job->nameSpace == job.nameSpace &&
                         m_job->parameterized == job.parameterized && m_job->meta == job.meta;
    m_job = job;
    m_ui->jobTitleLabel->setText(job.nameSpace.isEmpty() || job.nameSpace == u"default"
                                     ? job.id
                                     : tr("%1  ·  namespace %2").arg(job.id, job.nameSpace));
    m_ui->jobSchemaLabel->setText(schemaText(job));
    // A refresh of the same job keeps what the user typed.
    if (!sameJob) {
        const ParameterizedConfig c = job.parameterized.value_or(ParameterizedConfig{});
        m_ui->payloadSection->clear();
        m_ui->payloadSection->setRule(c.payload);
        m_ui->payloadGroup->setTitle(c.payload == PayloadRule::Required ? tr("Payload (required)")
                                     : c.payload == PayloadRule::Forbidden
                                         ? tr("Payload (not accepted)")
                                         : tr("Payload (optional)"));
        m_ui->metaSection->setJob(job);
        showError({});
    }
    m_ui->presetBar->setJob(job.id);
    m_ui->dispatchStack->setCurrentWidget(m_ui->formPage);
    revalidate();
}

void DispatchPanel::showLoading(const QString &nameSpace, const QString &id)
{
    if (isShowing(nameSpace, id))
        return;
    m_job.reset();
    m_ui->presetBar->setJob({});
    m_ui->emptyLabel->setText(tr("Loading the parameters of “%1”…").arg(id));
    m_ui->dispatchStack->setCurrentWidget(m_ui->emptyPage);
    revalidate();
}

bool DispatchPanel::isShowing(const QString &nameSpace, const QString &id) const
{
    return m_job && m_job->id == id && m_job->nameSpace == nameSpace;
}

void DispatchPanel::clearJob(const QString &message)
{
    m_job.reset();
    m_ui->presetBar->setJob({});
    m_ui->emptyLabel->setText(message.isEmpty() ? tr("Pick a job on the left to dispatch it.")
                                                : message);
    m_ui->dispatchStack->setCurrentWidget(m_ui->emptyPage);
    revalidate();
}

void DispatchPanel::fillFrom(const Job &child)
{
    if (!m_job)
        return;
    const ParameterizedConfig c = m_job->parameterized.value_or(ParameterizedConfig{});
    if (c.payload != PayloadRule::Forbidden)
        m_ui->payloadSection->setPayload(child.payload);
    // The child's meta has the parent's defaults merged in: send only what differs.
    MetaMap values;
    for (auto it = child.meta.begin(); it != child.meta.end(); ++it) {
        if (!c.allowsKey(it.key()))
            continue;
        if (c.metaOptional.contains(it.key()) && m_job->meta.value(it.key()) == it.value() &&
            m_job->meta.contains(it.key()))
            continue;
        values.insert(it.key(), it.value());
    }
    m_ui->metaSection->clearValues();
    m_ui->metaSection->setValues(values);
    showError({});
    revalidate();
}

DispatchRequest DispatchPanel::request() const
{
    DispatchRequest r;
    if (m_job)
        r.jobId = m_job->id;
    r.payload = m_ui->payloadSection->payload();
    r.hasPayload = m_ui->payloadSection->hasPayload();
    r.meta = m_ui->metaSection->requestMeta();
    m_ui->optionsSection->applyTo(r);
    return r;
}

QList<DispatchProblem> DispatchPanel::problems() const
{
    if (!m_job)
        return {};
    return validateDispatch(*m_job, request());
}

bool DispatchPanel::canDispatch() const
{
    return m_job && m_connected && !m_inFlight && problems().isEmpty();
}

void DispatchPanel::setInFlight(bool inFlight)
{
    m_inFlight = inFlight;
    m_ui->dispatchButton->setText(inFlight ? tr("Dispatching…") : tr("&Dispatch"));
    revalidate();
}

void DispatchPanel::showError(const QString &text)
{
    showMessage(m_ui->dispatchErrorLabel, MessageKind::Error, text);
}

void DispatchPanel::dispatchSucceeded()
{
    m_ui->optionsSection->clearToken();
    showError({});
}

void DispatchPanel::requestDispatch()
{
    if (!canDispatch())
        return;
    DispatchIntent intent;
    intent.job = *m_job;
    intent.request = request();
    intent.waitUntilFinished = m_ui->optionsSection->waitUntilFinished();
    Q_EMIT dispatchRequested(intent);
}

void DispatchPanel::revalidate()
{
    const QList<DispatchProblem> list = problems();
    QString reason;
    MessageKind kind = MessageKind::Info;
    if (!m_job) {
        reason.clear();
    } else if (!list.isEmpty()) {
        QStringList lines;
        for (const DispatchProblem &p : list)
            lines.append(p.message);
        reason = tr("Not ready to dispatch: Nomad would answer “%1”.").arg(lines.join(u"”, “"));
        kind = MessageKind::Warning;
    } else if (!m_connected) {
        reason = tr("Not connected to a Nomad cluster.");
        kind = MessageKind::Warning;
    } else if (m_inFlight) {
        reason = tr("Dispatching “%1”…").arg(m_job->id);
    } else {
        reason = m_profileName.isEmpty()
                     ? tr("Ready to dispatch “%1”.").arg(m_job->id)
                     : tr("Ready to dispatch “%1” on “%2”.").arg(m_job->id, m_profileName);
        kind = MessageKind::Success;
    }
    showMessage(m_ui->validationLabel, kind, reason);
    const bool ready = canDispatch();
    m_ui->dispatchButton->setEnabled(ready);
    m_ui->dispatchButton->setToolTip(
        ready ? tr("Dispatch the job with this payload and meta (Ctrl+Return)") : reason);
    if (ready != m_lastReady) {
        m_lastReady = ready;
        Q_EMIT readinessChanged(ready);
    }
}

} // namespace dd::gui
