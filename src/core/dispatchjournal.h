#pragma once
// A local, append-only record of every dispatch: written before the request
// is sent and completed with its result, so a crash never loses track of
// work started on a cluster. One JSON object per line; a torn last line
// (a crash mid-write) is reported and skipped, never fatal. ACL tokens are
// never written; the idempotency token is, because it identifies the dispatch.

#include "core/types.h"

#include <QDateTime>
#include <QString>

#include <expected>

namespace dd {

struct JournalEntry
{
    QString id; // one per intended dispatch; retries share it
    QDateTime time;
    QString source; // "cli", "app", "batch"
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
    QString verdict; // dispatched, failed, complete, placement-failed, ...
    QString error;
    int attempts = 0;

    bool isOpen() const { return !completedAt.isValid(); }
    friend bool operator==(const JournalEntry &, const JournalEntry &) = default;
};

struct JournalLoad
{
    QList<JournalEntry> entries; // in the order they were started
    QStringList problems;        // damaged lines, with their line numbers
};

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
    std::expected<void, QString> note(const QString &id, const QString &verdict, int attempts);

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
