#pragma once
// Sends what the dispatch form asks for: once (the form is disabled while it
// is in flight, a repeat within seconds is confirmed first, retries go through
// SafeDispatcher), then opens a monitor tab, or shows Nomad's refusal inline.

#include "api/safedispatcher.h"
#include "core/dispatchjournal.h"
#include "gui/dispatchpanel.h"
#include "gui/tuning.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

namespace dd {
class Connection;
}

namespace dd::gui {

class DispatchTracker;
class MonitorArea;
class Prompter;

class DispatchController : public QObject
{
    Q_OBJECT
public:
    DispatchController(Connection *connection, DispatchPanel *panel, MonitorArea *monitors,
                       Prompter *prompter, const Tuning &tuning, QObject *parent = nullptr);

    // Every dispatch is written there before it is sent and completed with its
    // result and final verdict. Without one, nothing is recorded.
    void setJournal(DispatchJournal *journal) { m_journal = journal; }
    void dispatch(const DispatchIntent &intent);
    bool isInFlight() const { return !m_inFlight.isNull(); }

Q_SIGNALS:
    void dispatched(const QString &nameSpace, const QString &parentId, const QString &childId);
    void trackerStarted(dd::gui::DispatchTracker *tracker);
    // A journal entry was begun (by id) or changed.
    void journalBegun(const QString &id);
    void journalChanged();
    // A warning for the status bar (e.g. the journal could not be written).
    void warning(const QString &text);

private:
    void onFinished(const DispatchIntent &intent, const QString &profile,
                    const DispatchOutcome &outcome, JournalEntry entry);
    std::optional<JournalEntry> journalBegin(const DispatchIntent &intent, const QString &profile,
                                             const QString &nameSpace);
    void journalComplete(JournalEntry &entry, const DispatchOutcome &outcome);
    void journalFinalVerdict(const QString &id, JournalVerdict verdict, int attempts);
    bool confirmRepeat(const DispatchIntent &intent);

    Connection *m_connection;
    DispatchPanel *m_panel;
    MonitorArea *m_monitors;
    Prompter *m_prompter;
    Tuning m_tuning;
    QPointer<SafeDispatcher> m_inFlight;
    DispatchJournal *m_journal = nullptr;
    QByteArray m_lastFingerprint;
    QDateTime m_lastTime;
};

} // namespace dd::gui
