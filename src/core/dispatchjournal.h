#pragma once
// A local, append-only record of every dispatch: written before the request
// is sent and completed with its result, so a crash never loses track of
// work started on a cluster. One JSON object per line; a torn last line
// (a crash mid-write) is reported and skipped, never fatal. ACL tokens are
// never written; the idempotency token is, because it identifies the dispatch.
// The file is private to its owner (0600, fixed when found wider) and never
// written through a symbolic link.

#include "core/types.h"

#include <QDateTime>
#include <QString>

#include <expected>

namespace dd {

// How a dispatch ended, as far as this program knows. Each value has one
// spelling on disk (journalVerdictName); reading is tolerant of every word an
// earlier version wrote (journalVerdictFromName), and a word this version does
// not know is kept (JournalEntry::verdictWord) rather than lost.
enum class JournalVerdict {
    None,              // not completed: in flight, or interrupted
    Dispatched,        // "dispatched": Nomad created the child
    AlreadyDispatched, // "already-dispatched": the token named an existing child
    Refused,           // "refused": Nomad (or the network) said no; nothing was created
    NotFound,          // "not-found": no parameterized job by that ID
    OutcomeUnknown,    // "unknown": the answer was lost; the child may exist
    Placed,            // "placed": every allocation placed, not waiting for the end
    Running,           // "running"
    Complete,          // "complete": every allocation finished successfully
    Failed,            // "failed": an allocation failed or was lost
    PlacementFailed,   // "placement-failed"
    EvaluationFailed,  // "evaluation-failed"
    Lost,              // "lost"
    NotFollowed,       // "not-followed": the user stopped following before an outcome
    Stopped,           // "stopped": a stop entry, Nomad accepted the stop
    Purged,            // "purged": a purge entry, Nomad accepted the stop and purge
    Other,             // a word this version does not know
};

// What an entry records. Dispatches were the only kind before stop and purge
// were recorded, so a begin line without "action" is a dispatch, and a dispatch
// is written without one (older versions read the file unchanged). A word this
// version does not know is kept (JournalEntry::actionWord).
enum class JournalAction {
    Dispatch, // no "action", or "dispatch"
    Stop,     // "stop": DELETE /v1/job/<child>
    Purge,    // "purge": DELETE /v1/job/<child>?purge=true
    Other,
};
QString journalActionName(JournalAction action);
JournalAction journalActionFromName(QStringView word);

// The one spelling written to the journal (empty for None and Other).
QString journalVerdictName(JournalVerdict verdict);
// Any word the app, the CLI or bulk dispatch ever wrote; Other when unknown.
JournalVerdict journalVerdictFromName(QStringView word);

struct JournalEntry
{
    QString id; // one per intended dispatch; retries share it
    QDateTime time;
    JournalAction action = JournalAction::Dispatch;
    QString actionWord; // with Other: the word as found on disk
    QString source;     // "cli", "app", "batch"
    QString profile;
    QString address;
    QString jobId;
    QString nameSpace;
    MetaMap meta;
    QString payloadSha256;
    qint64 payloadSize = 0;
    QString idempotencyToken;
    // Completion; empty while the dispatch is in flight or was interrupted.
    QDateTime completedAt;
    QString childJobId;
    QString evalId;
    JournalVerdict verdict = JournalVerdict::None;
    QString verdictWord; // with Other: the word as found on disk, for display
    QString error;
    int attempts = 0;      // dispatch attempts (retries share the token)
    int sent = 0;          // of them, requests that went on the wire (DispatchOutcome::sent)
    bool answered = false; // Nomad answered the last of them (even with a refusal)

    bool isOpen() const { return !completedAt.isValid(); }
    bool isDispatch() const { return action == JournalAction::Dispatch; }
    // The verdict as written on disk (the word kept for Other).
    QString verdictName() const;
    friend bool operator==(const JournalEntry &, const JournalEntry &) = default;
};

// Longest field written (a job ID, a meta key or value, an address); longer
// ones are cut with a marker saying how long they were. Nomad's error text
// gets more room.
constexpr qsizetype kMaxJournalFieldLength = 1024;
constexpr qsizetype kMaxJournalErrorLength = 4096;
// `value` cut to `max` characters, with "…[cut: N characters in all]" when cut.
QString journalFieldText(const QString &value, qsizetype max);

struct JournalLoad
{
    QList<JournalEntry> entries; // in the order they were started
    QStringList problems;        // damaged lines, with their line numbers
};

// How a dispatch's requests travelled, in the words every front end uses:
// "not sent", "sent once, no answer", "sent 3 times with the same idempotency
// token". `withToken`: they all carried one token.
QString dispatchDeliveryText(int sent, bool answered, bool withToken);
// The same for a journal entry; empty while nothing is recorded (in flight).
QString journalDeliveryText(const JournalEntry &entry);

class DispatchJournal
{
public:
    explicit DispatchJournal(QString path);

    const QString &path() const { return m_path; }

    // Appends the intent; the entry's id and time are filled in when empty.
    std::expected<JournalEntry, QString> begin(JournalEntry entry);
    // Appends the result of an entry begun earlier (by its id).
    std::expected<void, QString> complete(const JournalEntry &entry);
    // Appends an update to an entry without closing it (a retry, a verdict).
    std::expected<void, QString> note(const QString &id, JournalVerdict verdict, int attempts);

    // Many entries in one write and one fsync, for batches.
    std::expected<QList<JournalEntry>, QString> beginMany(QList<JournalEntry> entries);
    std::expected<void, QString> completeMany(const QList<JournalEntry> &entries);

    JournalLoad load() const;

    static QString payloadHash(const QByteArray &payload);

private:
    // `durable`: fsync before returning. Begin lines are durable, since they must
    // survive a power loss before the request is sent; completions need only
    // survive the process (a lost one shows the entry as interrupted).
    std::expected<void, QString> append(const QByteArray &lines, bool durable);
    static QByteArray beginLine(JournalEntry &entry);
    static QByteArray completeLine(const JournalEntry &entry);

    QString m_path;
};

} // namespace dd
