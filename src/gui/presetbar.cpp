#include "gui/presetbar.h"

#include "gui/icons.h"
#include "gui/prompter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace dd::gui {

PresetBar::PresetBar(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_save(new QToolButton(this))
    , m_remove(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Pr&eset:"), this);
    label->setBuddy(m_combo);
    m_combo->setObjectName(QStringLiteral("presetCombo"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(12);
    m_combo->setToolTip(tr("Fill the form from a saved preset of this job (also usable as "
                           "dispatch-desk-cli job dispatch -preset NAME)"));
    m_save->setObjectName(QStringLiteral("presetSaveButton"));
    m_save->setText(tr("Save…"));
    m_save->setIcon(icon(QStringLiteral("add")));
    m_save->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_save->setToolTip(tr("Save the meta, payload, ID prefix template and priority as a preset"));
    m_remove->setObjectName(QStringLiteral("presetDeleteButton"));
    m_remove->setIcon(icon(QStringLiteral("remove")));
    m_remove->setToolTip(tr("Delete the selected preset"));
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addWidget(m_save);
    layout->addWidget(m_remove);
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (!m_reloading && index > 0)
            apply(m_combo->itemText(index));
        m_remove->setEnabled(m_combo->currentIndex() > 0);
    });
    connect(m_save, &QToolButton::clicked, this, &PresetBar::askAndSave);
    connect(m_remove, &QToolButton::clicked, this, &PresetBar::askAndRemove);
    setVisible(false);
}

void PresetBar::setStore(PresetStore *store, Prompter *prompter)
{
    m_store = store;
    m_prompter = prompter;
    setVisible(m_store != nullptr);
    reload();
}

void PresetBar::setJob(const QString &jobId)
{
    if (jobId == m_jobId)
        return;
    m_jobId = jobId;
    reload();
}

QStringList PresetBar::names() const
{
    QStringList out;
    for (int i = 1; i < m_combo->count(); ++i)
        out.append(m_combo->itemText(i));
    return out;
}

void PresetBar::reload(const QString &select)
{
    m_reloading = true;
    m_combo->clear();
    m_combo->addItem(m_store && !m_jobId.isEmpty() ? tr("(none)") : QString());
    if (m_store && !m_jobId.isEmpty()) {
        for (const DispatchPreset &p : m_store->presets(m_jobId))
            m_combo->addItem(p.name);
    }
    const int at = select.isEmpty() ? 0 : m_combo->findText(select);
    m_combo->setCurrentIndex(at < 0 ? 0 : at);
    m_reloading = false;
    const bool usable = m_store && !m_jobId.isEmpty();
    m_combo->setEnabled(usable && m_combo->count() > 1);
    m_save->setEnabled(usable);
    m_remove->setEnabled(usable && m_combo->currentIndex() > 0);
}

bool PresetBar::apply(const QString &name)
{
    if (!m_store)
        return false;
    const auto preset = m_store->preset(m_jobId, name);
    if (!preset) {
        Q_EMIT problem(tr("The preset “%1” of “%2” is gone; it may have been deleted from the "
                          "command line.")
                           .arg(name, m_jobId));
        reload();
        return false;
    }
    m_combo->setCurrentIndex(m_combo->findText(name));
    m_remove->setEnabled(true);
    Q_EMIT problem({});
    Q_EMIT applyRequested(*preset);
    return true;
}

bool PresetBar::save(const QString &name)
{
    if (!m_store || !m_capture || m_jobId.isEmpty())
        return false;
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        Q_EMIT problem(tr("A preset needs a name."));
        return false;
    }
    if (m_store->preset(m_jobId, trimmed) && m_prompter &&
        !m_prompter->confirm(this, tr("Replace preset?"),
                             tr("“%1” already has a preset named “%2”. Replace it with the form "
                                "as it is now?")
                                 .arg(m_jobId, trimmed))) {
        return false;
    }
    DispatchPreset preset = m_capture();
    preset.name = trimmed;
    preset.jobId = m_jobId;
    const auto saved = m_store->save(preset);
    if (!saved) {
        Q_EMIT problem(tr("Could not save the preset “%1”: %2").arg(trimmed, saved.error()));
        return false;
    }
    Q_EMIT problem({});
    reload(trimmed);
    return true;
}

bool PresetBar::remove(const QString &name)
{
    if (!m_store)
        return false;
    const auto removed = m_store->remove(m_jobId, name);
    if (!removed) {
        Q_EMIT problem(tr("Could not delete the preset “%1”: %2").arg(name, removed.error()));
        return false;
    }
    Q_EMIT problem({});
    reload();
    return true;
}

void PresetBar::askAndSave()
{
    if (!m_prompter)
        return;
    const QString current = m_combo->currentIndex() > 0 ? m_combo->currentText() : QString();
    const QString name = m_prompter->askText(
        this, tr("Save preset"),
        tr("Name for this preset of “%1” (meta, payload, ID prefix template and priority):")
            .arg(m_jobId),
        current);
    if (!name.isEmpty())
        save(name);
}

void PresetBar::askAndRemove()
{
    if (m_combo->currentIndex() <= 0)
        return;
    const QString name = m_combo->currentText();
    if (m_prompter && !m_prompter->confirm(this, tr("Delete preset?"),
                                           tr("Delete the preset “%1” of “%2”? Scripts that "
                                              "use it with -preset will stop working.")
                                               .arg(name, m_jobId)))
        return;
    remove(name);
}

} // namespace dd::gui
