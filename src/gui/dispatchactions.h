#pragma once
// What a user reaches for around a dispatch besides sending it: the same
// dispatch as a `nomad job dispatch` or `curl` command line (the token read
// from $NOMAD_TOKEN, never written out), and the job or a child in Nomad's
// web UI.

#include "gui/dispatchpanel.h"

#include <QObject>

namespace dd {
class Connection;
struct CommandTarget;
} // namespace dd

namespace dd::gui {

class Desktop;

class DispatchActions : public QObject
{
    Q_OBJECT
public:
    DispatchActions(Connection *connection, DispatchPanel *panel, Desktop *desktop,
                    QObject *parent = nullptr);

    // The command for the form as it is now; empty without a job.
    QString command(CommandKind kind) const;
    void copyCommand(CommandKind kind);
    // <address>/ui/jobs/<escaped id>@<namespace>
    QUrl webUiUrl(const QString &jobId, const QString &nameSpace) const;
    void openInWebUi(const QString &jobId, const QString &nameSpace);

Q_SIGNALS:
    // A line for the status bar: what was copied or opened.
    void status(const QString &text);

private:
    CommandTarget target(const QString &nameSpace) const;

    Connection *m_connection;
    DispatchPanel *m_panel;
    Desktop *m_desktop;
};

} // namespace dd::gui
