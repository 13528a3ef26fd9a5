#pragma once
// Sends what the dispatch form asks for: once (the form is disabled while it
// is in flight, a repeat within seconds is confirmed first, retries go through
// SafeDispatcher), then opens a monitor tab, or shows Nomad's refusal inline.

#include "api/safedispatcher.h"
#include "gui/dispatchpanel.h"
#include "gui/tuning.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace dd::gui {

class Connection;
class MonitorArea;
class Prompter;

class DispatchController : public QObject
{
    Q_OBJECT
public:
    DispatchController(Connection *connection, DispatchPanel *panel, MonitorArea *monitors,
                       Prompter *prompter, const Tuning &tuning, QObject *parent = nullptr);

    void dispatch(const DispatchIntent &intent);
    bool isInFlight() const { return !m_inFlight.isNull(); }

Q_SIGNALS:
    void dispatched(const QString &nameSpace, const QString &parentId, const QString &childId);

private:
    void onFinished(const DispatchIntent &intent, const QString &profile,
                    const DispatchOutcome &outcome);
    bool confirmRepeat(const DispatchIntent &intent);

    Connection *m_connection;
    DispatchPanel *m_panel;
    MonitorArea *m_monitors;
    Prompter *m_prompter;
    Tuning m_tuning;
    QPointer<SafeDispatcher> m_inFlight;
    QByteArray m_lastFingerprint;
    QDateTime m_lastTime;
};

} // namespace dd::gui
