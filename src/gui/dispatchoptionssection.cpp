#include "gui/dispatchoptionssection.h"

#include "core/ids.h"
#include "gui/icons.h"
#include "ui_dispatchoptionssection.h"

namespace dd::gui {

namespace {
// "1.2" rather than "1.2.0": the release names people know.
QString releaseName(const ServerVersion &v)
{
    return v.patch == 0 ? QStringLiteral("%1.%2").arg(v.major).arg(v.minor) : v.toString();
}
} // namespace

DispatchOptionsSection::DispatchOptionsSection(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::DispatchOptionsSection>())
{
    m_ui->setupUi(this);
    m_ui->generateTokenButton->setIcon(icon(QStringLiteral("generate")));
    connect(m_ui->generateTokenButton, &QToolButton::clicked, this,
            [this]() { m_ui->idempotencyTokenEdit->setText(newUuid()); });
    connect(m_ui->idempotencyTokenEdit, &QLineEdit::textChanged, this,
            &DispatchOptionsSection::changed);
    connect(m_ui->idPrefixEdit, &QLineEdit::textChanged, this, &DispatchOptionsSection::changed);
    connect(m_ui->prioritySpin, &QSpinBox::valueChanged, this, &DispatchOptionsSection::changed);
    connect(m_ui->waitCheck, &QCheckBox::toggled, this, &DispatchOptionsSection::changed);
    updateControls();
}

DispatchOptionsSection::~DispatchOptionsSection() = default;

void DispatchOptionsSection::setServerVersion(const std::optional<ServerVersion> &version,
                                              bool known)
{
    m_version = version;
    m_versionKnown = known;
    updateControls();
}

bool DispatchOptionsSection::isSupported(ServerFeature feature) const
{
    return supports(m_version, feature);
}

void DispatchOptionsSection::updateControls()
{
    QString server;
    if (!m_versionKnown)
        server = tr("the server's version is not known yet");
    else if (m_version)
        server = tr("this server runs %1").arg(m_version->toString());
    else
        server = tr("this server did not say which version it runs");
    // Why an option is off is said beside the options, not only in a tooltip.
    QStringList off;
    auto gate = [&](ServerFeature feature, QLabel *label, std::initializer_list<QWidget *> widgets,
                    const QString &help) {
        const bool ok = supports(m_version, feature);
        QString tip = help;
        if (!ok) {
            const QString version = releaseName(minimumVersion(feature));
            tip = tr("Needs Nomad %1 or newer; %2.").arg(version, server);
            off.append(tr("%1 needs Nomad %2 or newer")
                           .arg(label->text().remove(u'&').chopped(1), version));
        }
        label->setEnabled(ok);
        label->setToolTip(tip);
        for (QWidget *w : widgets) {
            w->setEnabled(ok);
            w->setToolTip(tip);
        }
    };
    gate(ServerFeature::IdempotencyToken, m_ui->idempotencyTokenLabel,
         {m_ui->idempotencyTokenEdit, m_ui->generateTokenButton},
         tr("Nomad dispatches at most one job per token: a repeated click or retry returns the "
            "job already dispatched."));
    gate(ServerFeature::IdPrefixTemplate, m_ui->idPrefixLabel, {m_ui->idPrefixEdit},
         tr("Put a word of yours into the dispatched job's ID, to find it later."));
    gate(ServerFeature::Priority, m_ui->priorityLabel, {m_ui->prioritySpin},
         tr("The scheduling priority of the dispatched job, 1 to 100."));
    // "Priority needs Nomad 1.10 or newer; this server runs 1.4.7."
    const QString note = off.isEmpty() ? QString() : tr("%1; %2.").arg(off.join(tr("; ")), server);
    m_ui->optionsVersionNote->setText(note);
    m_ui->optionsVersionNote->setVisible(!note.isEmpty());
}

void DispatchOptionsSection::applyTo(DispatchRequest &request) const
{
    if (m_ui->idempotencyTokenEdit->isEnabled())
        request.idempotencyToken = m_ui->idempotencyTokenEdit->text().trimmed();
    if (m_ui->idPrefixEdit->isEnabled())
        request.idPrefixTemplate = m_ui->idPrefixEdit->text().trimmed();
    if (m_ui->prioritySpin->isEnabled())
        request.priority = m_ui->prioritySpin->value();
}

void DispatchOptionsSection::setTemplateAndPriority(const QString &idPrefixTemplate, int priority)
{
    m_ui->idPrefixEdit->setText(idPrefixTemplate);
    m_ui->prioritySpin->setValue(priority);
}

bool DispatchOptionsSection::waitUntilFinished() const
{
    return m_ui->waitCheck->isChecked();
}

void DispatchOptionsSection::setWaitUntilFinished(bool wait)
{
    m_ui->waitCheck->setChecked(wait);
}

void DispatchOptionsSection::clearToken()
{
    m_ui->idempotencyTokenEdit->clear();
}

} // namespace dd::gui
