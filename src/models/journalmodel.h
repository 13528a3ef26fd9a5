#pragma once
// The dispatch journal as a table: newest dispatches are appended, changed
// entries (a completion, a final verdict) are updated in place by their id.
// Entries still open are "in progress" when this process started them and
// "interrupted" otherwise: a crash or a closed window left them unfinished,
// and the child may or may not exist.

#include "core/dispatchjournal.h"
#include "models/keyedtablemodel.h"

#include <QSet>

namespace dd::models {

class JournalModel : public KeyedTableModel<JournalEntry>
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ProfileColumn,
        JobColumn,
        ChildColumn,
        VerdictColumn,
        MetaColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole,
        SortRole,
        OutcomeRole, // "ok", "failed", "open", "unknown": for colour and filtering
        SearchRole,  // every field a filter should match, in one string
    };

    explicit JournalModel(QObject *parent = nullptr);

    ApplyStats setEntries(const QList<JournalEntry> &entries);
    // Dispatches started by this process: open ones are in progress, not interrupted.
    void markOwn(const QString &id) { m_own.insert(id); }

    // The verdict in words, and its outcome class.
    QString verdictText(const JournalEntry &entry) const;
    QString outcomeOf(const JournalEntry &entry) const;
    // The same for a stop or purge entry.
    QString actionText(const JournalEntry &entry) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const JournalEntry &entry) const override { return entry.id; }

private:
    QSet<QString> m_own;
};

} // namespace dd::models
