#pragma once
// How long a job's newest dispatched children ran, for ChildrenChart: it
// follows the ChildJobModel that ChildrenPanel keeps live, applies changes to
// a set of the newest children (at most capacity()), and says when to draw
// again, so a list of 100,000 children costs one scan, not a redraw per row.
//
// How long a child ran: the job list's stub has a SubmitTime but no finish
// time. For a child seen finishing while this watched, the run time is from
// SubmitTime to the moment the list reported it finished; for one that had
// finished before, ChildrenPanel reads its allocations and hands the latest
// task finish over (setFinishTime). Pending and running children run until now.

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <map>
#include <optional>

namespace dd::models {

class ChildJobModel;

class ChildRunTimes : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 500;

    // What is known of a child's end.
    enum class End {
        Open,      // pending or running: it runs until now
        Observed,  // seen finishing on the live list: a good first guess
        Read,      // read from its allocations (or the observed time is the best there is)
        Unknown,   // finished before it was seen: its allocations will tell
        Unknowable // its allocations did not tell either
    };
    struct Entry
    {
        QString id;
        qint64 submitNs = 0;
        QString outcome;
        qint64 endNs = 0;
        End end = End::Open;

        qint64 durationNs(qint64 nowNs) const;
    };

    // What to draw, as of one moment.
    struct Points
    {
        // outcome -> (submit time, run time) and the child IDs, in the same order
        QHash<QString, QList<std::pair<qint64, qint64>>> points;
        QHash<QString, QStringList> ids;
        qint64 maxDurationNs = 0;
        qint64 minSubmitNs = 0;
        qint64 maxSubmitNs = 0;
        int count = 0;
        int waiting = 0;    // finished, their end being read
        int unknowable = 0; // finished, their end never known
    };

    explicit ChildRunTimes(QObject *parent = nullptr);
    ~ChildRunTimes() override;

    void setModel(ChildJobModel *model);
    ChildJobModel *model() const { return m_model; }
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    // Children among the newest capacity().
    int childCount() const { return int(m_entries.size()); }

    // The points of the outcomes in filter (empty: all) as of nowNs.
    Points points(qint64 nowNs, const QSet<QString> &filter);
    const Entry *entry(const QString &id) const;
    // A child for people: its ID, status, how long it ran or has been running, when it
    // was submitted.
    QString describe(const QString &id, qint64 nowNs) const;

    // Finished children without a known finish time, newest first: their
    // allocations tell, and setFinishTime passes it on (nullopt: never known).
    QStringList idsWithoutFinishTime(int max) const;
    void setFinishTime(const QString &id, std::optional<qint64> finishedNs);

    static bool isFinished(const QString &outcome);

Q_SIGNALS:
    // Something to draw changed; changes come in bursts, so a view coalesces them.
    void changed();

private:
    using Key = std::pair<qint64, QString>; // submit time, ID: the newest last

    void onRowsInserted(int first, int last);
    void onRowsAboutToBeRemoved(int first, int last);
    void onDataChanged(int first, int last);
    void consider(int row);
    void updateEntry(Entry &entry, const QString &outcome, bool fresh);
    void rescan();

    ChildJobModel *m_model = nullptr;
    int m_capacity = kDefaultCapacity;
    std::map<Key, Entry> m_entries;
    QHash<QString, qint64> m_submitOf; // ID -> submit time, for the entries kept
    bool m_needsRescan = false;
};

} // namespace dd::models
