#pragma once
// Named dispatch presets of the selected job: pick one to fill the form,
// save the form under a name, delete one. The same store the CLI reads with
// `dispatch-desk-cli job dispatch -preset NAME`, so a preset made here runs
// from a script unchanged.

#include "core/presetstore.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QToolButton;

namespace dd::gui {

class Prompter;

class PresetBar : public QWidget
{
    Q_OBJECT
public:
    explicit PresetBar(QWidget *parent = nullptr);

    // Without a store the bar stays hidden.
    void setStore(PresetStore *store, Prompter *prompter);
    // What "Save" stores: the form as it is now.
    void setCapture(std::function<DispatchPreset()> capture) { m_capture = std::move(capture); }
    void setJob(const QString &jobId);

    QStringList names() const;
    bool apply(const QString &name);
    // Saves the form under `name`, asking before it replaces another preset.
    bool save(const QString &name);
    bool remove(const QString &name);

Q_SIGNALS:
    void applyRequested(const dd::DispatchPreset &preset);
    // What went wrong, in words; empty to clear.
    void problem(const QString &text);

private:
    void reload(const QString &select = {});
    void askAndSave();
    void askAndRemove();

    PresetStore *m_store = nullptr;
    Prompter *m_prompter = nullptr;
    std::function<DispatchPreset()> m_capture;
    QString m_jobId;
    QComboBox *m_combo;
    QToolButton *m_save;
    QToolButton *m_remove;
    bool m_reloading = false;
};

} // namespace dd::gui
