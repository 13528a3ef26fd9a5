#pragma once
// A table of values identified by a string key. A fresh list from the server
// is applied as the smallest set of removals, changes and insertions, never a
// reset: views keep their selection, current index and scroll position.
//
// Not a QObject of its own (moc does not do templates): subclasses add
// Q_OBJECT and the columns.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <algorithm>

namespace dd::models {

struct ApplyStats
{
    int inserted = 0;
    int removed = 0;
    int changed = 0;
};

template<typename T> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    const T &at(int row) const { return m_rows.at(row); }
    const QList<T> &rows() const { return m_rows; }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }
    bool contains(const QString &key) const { return m_index.contains(key); }

    // The fresh list replaces the rows: missing keys are removed, changed
    // values announced, new keys appended (sorting is the proxies' job).
    ApplyStats apply(const QList<T> &fresh) { return update(fresh, true); }
    // Like apply, but keys missing from the list stay (for partial updates).
    ApplyStats merge(const QList<T> &fresh) { return update(fresh, false); }

    void clear()
    {
        if (m_rows.isEmpty())
            return;
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        m_index.clear();
        endRemoveRows();
    }

protected:
    virtual QString keyOf(const T &value) const = 0;
    virtual bool sameValue(const T &a, const T &b) const { return a == b; }

    // For subclasses that update one part of a row (e.g. details read later).
    void replaceAt(int row, const T &value)
    {
        m_rows[row] = value;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    }

private:
    ApplyStats update(const QList<T> &fresh, bool removeMissing)
    {
        ApplyStats stats;
        QHash<QString, qsizetype> freshIndex;
        freshIndex.reserve(fresh.size());
        for (qsizetype i = 0; i < fresh.size(); ++i)
            freshIndex.insert(keyOf(fresh.at(i)), i); // the last duplicate wins

        if (removeMissing)
            stats.removed = removeRowsNotIn(freshIndex);

        // Changes, announced as contiguous ranges.
        int first = -1;
        int last = -1;
        auto flush = [&]() {
            if (first >= 0)
                Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
            first = last = -1;
        };
        for (int row = 0; row < m_rows.size(); ++row) {
            const auto it = freshIndex.constFind(keyOf(m_rows.at(row)));
            if (it == freshIndex.cend())
                continue;
            const T &value = fresh.at(*it);
            if (sameValue(m_rows.at(row), value))
                continue;
            m_rows[row] = value;
            ++stats.changed;
            if (first >= 0 && last == row - 1) {
                last = row;
            } else {
                flush();
                first = last = row;
            }
        }
        flush();

        // New keys, in the order the server gave them.
        QList<T> added;
        QSet<QString> seen;
        for (const T &value : fresh) {
            const QString key = keyOf(value);
            if (m_index.contains(key) || seen.contains(key))
                continue;
            seen.insert(key);
            added.append(fresh.at(freshIndex.value(key)));
        }
        if (!added.isEmpty()) {
            const int start = int(m_rows.size());
            beginInsertRows({}, start, start + int(added.size()) - 1);
            for (const T &value : added) {
                m_index.insert(keyOf(value), int(m_rows.size()));
                m_rows.append(value);
            }
            endInsertRows();
            stats.inserted = int(added.size());
        }
        return stats;
    }

    int removeRowsNotIn(const QHash<QString, qsizetype> &keep)
    {
        int removed = 0;
        int row = int(m_rows.size()) - 1;
        while (row >= 0) {
            if (keep.contains(keyOf(m_rows.at(row)))) {
                --row;
                continue;
            }
            const int last = row;
            while (row > 0 && !keep.contains(keyOf(m_rows.at(row - 1))))
                --row;
            beginRemoveRows({}, row, last);
            m_rows.remove(row, last - row + 1);
            endRemoveRows();
            removed += last - row + 1;
            --row;
        }
        if (removed > 0) {
            m_index.clear();
            for (int i = 0; i < m_rows.size(); ++i)
                m_index.insert(keyOf(m_rows.at(i)), i);
        }
        return removed;
    }

    QList<T> m_rows;
    QHash<QString, int> m_index;
};

} // namespace dd::models
