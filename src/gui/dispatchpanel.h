#pragma once
// The dispatch form of one parameterized job. It is built from the job's
// schema, validates with Nomad's own words before anything is sent, and
// refuses a second click while a dispatch is in flight.

#include "core/serverversion.h"
#include "core/types.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class DispatchPanel;
}

namespace dd {
struct DispatchProblem;
struct DispatchPreset;
class PresetStore;
} // namespace dd

namespace dd::gui {

class DispatchOptionsSection;
class MetaSection;
class PresetBar;
class PayloadSection;
class Prompter;

enum class CommandKind { Nomad, Curl };

struct DispatchIntent
{
    Job job;
    DispatchRequest request;
    bool waitUntilFinished = true;
};

class DispatchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DispatchPanel(QWidget *parent = nullptr);
    ~DispatchPanel() override;

    void setPrompter(Prompter *prompter);
    // Presets shared with the CLI; without a store the preset bar is hidden.
    void setPresetStore(PresetStore *store);
    void setProfileName(const QString &name);
    void setServerVersion(const std::optional<ServerVersion> &version, bool known);
    void setConnected(bool connected);

    void setJob(const Job &job);
    // The user picked another job: its name at once, and no Dispatch until its
    // schema arrives (setJob), so the form never belongs to another job than
    // the one selected. Picking the job already shown keeps the form.
    void showLoading(const QString &nameSpace, const QString &id);
    // Whether the form is for this job (false while it loads).
    bool isShowing(const QString &nameSpace, const QString &id) const;
    // Back to the empty page, with a word on why (e.g. the job was not found).
    void clearJob(const QString &message = {});
    std::optional<Job> job() const { return m_job; }

    // "Dispatch again": the child's payload and meta in the form.
    void fillFrom(const Job &child);
    // A preset's meta, payload, ID prefix template and priority in the form.
    void applyPreset(const DispatchPreset &preset);
    DispatchPreset capturePreset() const;

    DispatchRequest request() const;
    QList<DispatchProblem> problems() const;
    bool canDispatch() const;
    void setInFlight(bool inFlight);
    bool isInFlight() const { return m_inFlight; }
    // Inline, under the form: what Nomad answered and what to do.
    void showError(const QString &text);
    // After a dispatch went through: a one-shot token is spent.
    void dispatchSucceeded();

    PayloadSection *payloadSection() const;
    MetaSection *metaSection() const;
    DispatchOptionsSection *optionsSection() const;
    PresetBar *presetBar() const;
    // The file the payload came from, while unedited (for "Copy as").
    QString payloadFile() const;

public Q_SLOTS:
    // Emits dispatchRequested when the form is valid and nothing is in flight.
    void requestDispatch();

Q_SIGNALS:
    void dispatchRequested(const dd::gui::DispatchIntent &intent);
    void readinessChanged(bool canDispatch);
    void copyCommandRequested(dd::gui::CommandKind kind);
    void openInWebUiRequested();

private:
    void revalidate();
    QString schemaText(const Job &job) const;

    std::unique_ptr<Ui::DispatchPanel> m_ui;
    Prompter *m_prompter = nullptr;
    std::optional<Job> m_job;
    QString m_profileName;
    bool m_inFlight = false;
    bool m_connected = false;
    bool m_lastReady = false;
};

} // namespace dd::gui

Q_DECLARE_METATYPE(dd::gui::DispatchIntent)
