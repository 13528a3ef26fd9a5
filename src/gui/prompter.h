#pragma once
// Every question the app asks the user goes through this interface, so tests
// answer them without modal dialogs.

#include <QString>

class QWidget;

namespace dd::gui {

class Prompter
{
public:
    virtual ~Prompter() = default;
    // A file to load as the payload, or empty when the user cancelled.
    virtual QString payloadFileToOpen(QWidget *parent) = 0;
    // Asked at first start when no Nomad answers: start the demo cluster?
    virtual bool acceptDemoCluster(QWidget *parent, const QString &why) = 0;
    // A yes/no question about something that cannot be undone.
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text) = 0;
    // A line of text (e.g. a preset's name); empty when the user cancelled.
    virtual QString askText(QWidget *parent, const QString &title, const QString &label,
                            const QString &suggestion) = 0;
};

// The real dialogs.
class DialogPrompter : public Prompter
{
public:
    QString payloadFileToOpen(QWidget *parent) override;
    bool acceptDemoCluster(QWidget *parent, const QString &why) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
    QString askText(QWidget *parent, const QString &title, const QString &label,
                    const QString &suggestion) override;
};

} // namespace dd::gui
