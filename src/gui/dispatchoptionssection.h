#pragma once
// Dispatch options that depend on the server's version: each is disabled,
// with the version it needs in its tooltip, when the server cannot honour it
// (old servers silently ignore unknown parameters), and why in words below them.

#include "core/serverversion.h"
#include "core/types.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class DispatchOptionsSection;
}

namespace dd::gui {

class DispatchOptionsSection : public QWidget
{
    Q_OBJECT
public:
    explicit DispatchOptionsSection(QWidget *parent = nullptr);
    ~DispatchOptionsSection() override;

    // nullopt with known = true: the server answered but its version is unreadable.
    void setServerVersion(const std::optional<ServerVersion> &version, bool known);
    // Fills the request with the options the server supports.
    void applyTo(DispatchRequest &request) const;
    bool waitUntilFinished() const;
    void setWaitUntilFinished(bool wait);
    // A token names one intended dispatch: after it succeeded, the next needs a new one.
    void clearToken();
    // From a preset: the ID prefix template and priority (0 = the job's own).
    void setTemplateAndPriority(const QString &idPrefixTemplate, int priority);
    bool isSupported(ServerFeature feature) const;

Q_SIGNALS:
    void changed();

private:
    void updateControls();

    std::unique_ptr<Ui::DispatchOptionsSection> m_ui;
    std::optional<ServerVersion> m_version;
    bool m_versionKnown = false;
};

} // namespace dd::gui
