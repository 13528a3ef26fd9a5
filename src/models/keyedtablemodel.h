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
#include <optional>
#include <utility>

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
    // The key of a row, computed once when the row arrived.
    const QString &keyAt(int row) const { return m_keys.at(row); }
    int rowOf(const QString &key) const { return m_index.value(key, -1); }
    bool contains(const QString &key) const { return m_index.contains(key); }

    // The fresh list replaces the rows: missing keys are removed, changed
    // values announced, new keys appended (sorting is the proxies' job).
    ApplyStats apply(const QList<T> &fresh) { return update(fresh, true); }
    // Like apply, but keys missing from the list stay (for partial updates).
    // Costs a lookup per row of `fresh`, whatever the size of the model.
    ApplyStats merge(const QList<T> &fresh) { return update(fresh, false); }

    void clear()
    {
        ++m_generation;
        if (m_rows.isEmpty())
            return;
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        m_keys.clear();
        m_index.clear();
        endRemoveRows();
    }

    // The rows as they are now, shared (no copy), for a worker thread.
    struct Snapshot
    {
        QList<T> rows;
        QList<QString> keys;
        QHash<QString, int> index;
        quint64 generation = 0;
    };
    Snapshot snapshot() const { return {m_rows, m_keys, m_index, m_generation}; }

    // What applying a fresh list would do. Computed from a snapshot, so a
    // large list can be compared on a worker thread and applied later.
    struct Plan
    {
        quint64 generation = 0;
        QList<int> removed;               // rows, ascending, numbered before the removal
        QList<std::pair<int, T>> changed; // rows numbered after the removal, ascending
        QList<T> added;                   // in the order the server gave them
        QList<QString> addedKeys;
        qsizetype addedCount = 0;
        // For a large addition: the whole state after the change, built off
        // the GUI thread, so that applying it is a swap.
        bool prebuilt = false;
        QList<T> rowsAfter;
        QList<QString> keysAfter;
        QHash<QString, int> indexAfter;
    };

    // Pure: reads only its arguments. `prebuild` asks for the state after the
    // change when many rows are added (worth it off the GUI thread only).
    template<typename KeyFn, typename SameFn>
    static Plan makePlan(const Snapshot &now, const QList<T> &fresh, bool removeMissing,
                         KeyFn keyOf, SameFn same, bool prebuild = false)
    {
        Plan plan;
        plan.generation = now.generation;
        // Existing rows named by the fresh list: (row, position in fresh).
        QList<std::pair<int, qsizetype>> hits;
        hits.reserve(qMin(fresh.size(), now.rows.size()));
        QHash<QString, qsizetype> addedAt;
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            QString key = keyOf(fresh.at(i));
            const auto it = now.index.constFind(key);
            if (it != now.index.cend()) {
                hits.append({*it, i});
                continue;
            }
            // A new key; the last duplicate's value wins, at the first one's place.
            const auto added = addedAt.constFind(key);
            if (added != addedAt.cend()) {
                plan.added[*added] = fresh.at(i);
                continue;
            }
            addedAt.insert(key, plan.added.size());
            plan.added.append(fresh.at(i));
            plan.addedKeys.append(std::move(key));
        }
        if (plan.added.size() == fresh.size())
            plan.added = fresh; // the same rows: share them instead of a copy
        // Sorted by row, the last duplicate last (stable).
        if (!std::is_sorted(hits.cbegin(), hits.cend()))
            std::stable_sort(hits.begin(), hits.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });

        if (removeMissing) {
            int next = 0; // rows before it that are not in `hits` are removed
            for (const auto &[row, from] : std::as_const(hits)) {
                Q_UNUSED(from);
                for (; next < row; ++next)
                    plan.removed.append(next);
                next = row + 1;
            }
            for (; next < now.rows.size(); ++next)
                plan.removed.append(next);
        }

        qsizetype removedBefore = 0;
        for (qsizetype h = 0; h < hits.size(); ++h) {
            const auto [row, from] = hits.at(h);
            if (h + 1 < hits.size() && hits.at(h + 1).first == row)
                continue; // a later duplicate wins
            while (removedBefore < plan.removed.size() && plan.removed.at(removedBefore) < row)
                ++removedBefore;
            const T &value = fresh.at(from);
            if (!same(now.rows.at(row), value))
                plan.changed.append({row - int(removedBefore), value});
        }

        plan.addedCount = plan.added.size();
        if (prebuild && plan.added.size() > kPrebuildRows) {
            plan.prebuilt = true;
            if (now.rows.isEmpty()) {
                // A copy of its own: rows shared with the caller's list would be
                // copied, all of them, on the GUI thread at the first change.
                plan.rowsAfter.reserve(plan.added.size());
                for (const T &value : std::as_const(plan.added))
                    plan.rowsAfter.append(value);
                plan.keysAfter = plan.addedKeys;
            } else {
                plan.rowsAfter = now.rows;
                plan.keysAfter = now.keys;
                for (auto it = plan.removed.crbegin(); it != plan.removed.crend(); ++it) {
                    plan.rowsAfter.remove(*it);
                    plan.keysAfter.remove(*it);
                }
                for (const auto &[row, value] : std::as_const(plan.changed))
                    plan.rowsAfter[row] = value;
                plan.rowsAfter += plan.added;
                plan.keysAfter += plan.addedKeys;
            }
            if (plan.removed.isEmpty() && !now.rows.isEmpty()) {
                plan.indexAfter = now.index;
                for (qsizetype i = 0; i < plan.addedKeys.size(); ++i)
                    plan.indexAfter.insert(plan.addedKeys.at(i), int(now.rows.size() + i));
            } else {
                plan.indexAfter.reserve(plan.keysAfter.size());
                for (qsizetype i = 0; i < plan.keysAfter.size(); ++i)
                    plan.indexAfter.insert(plan.keysAfter.at(i), int(i));
            }
            // Dropped here, on the worker, rather than on the GUI thread.
            plan.added.clear();
            plan.addedKeys.clear();
        }
        return plan;
    }

    // Applies a plan made from this model's snapshot. Returns nothing, and
    // changes nothing, when the model changed since the snapshot.
    std::optional<ApplyStats> applyPlan(Plan plan)
    {
        if (plan.generation != m_generation)
            return std::nullopt;
        ++m_generation;
        updateStarting();
        ApplyStats stats;
        stats.removed = removeRows(plan.removed);

        // Changes, announced as contiguous ranges.
        int first = -1;
        int last = -1;
        auto flush = [&]() {
            if (first >= 0)
                Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
            first = last = -1;
        };
        for (auto &[row, value] : plan.changed) {
            m_rows[row] = std::move(value);
            if (first >= 0 && last == row - 1) {
                last = row;
            } else {
                flush();
                first = last = row;
            }
        }
        flush();
        stats.changed = int(plan.changed.size());

        if (plan.addedCount > 0) {
            const int start = int(m_rows.size());
            beginInsertRows({}, start, start + int(plan.addedCount) - 1);
            if (plan.prebuilt) {
                m_rows = std::move(plan.rowsAfter);
                m_keys = std::move(plan.keysAfter);
                m_index = std::move(plan.indexAfter);
            } else {
                m_rows.reserve(m_rows.size() + plan.added.size());
                for (qsizetype i = 0; i < plan.added.size(); ++i) {
                    m_index.insert(plan.addedKeys.at(i), int(m_rows.size()));
                    m_rows.append(plan.added.at(i)); // at(): `added` may share the caller's list
                    m_keys.append(plan.addedKeys.at(i));
                }
            }
            endInsertRows();
            stats.inserted = int(plan.addedCount);
        }
        updateFinished();
        return stats;
    }

protected:
    // Must be a pure function of the value.
    virtual QString keyOf(const T &value) const = 0;
    virtual bool sameValue(const T &a, const T &b) const { return a == b; }
    // Around every apply and merge, so listeners can handle its signals as one batch.
    virtual void updateStarting() {}
    virtual void updateFinished() {}

    // For subclasses that update one part of a row (e.g. details read later).
    // The key must stay the same.
    void replaceAt(int row, const T &value)
    {
        ++m_generation;
        m_rows[row] = value;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    }

private:
    static constexpr qsizetype kPrebuildRows = 256;

    ApplyStats update(const QList<T> &fresh, bool removeMissing)
    {
        Plan plan;
        {
            // Shares the containers; gone before they change, so nothing is copied.
            const Snapshot now = snapshot();
            plan = makePlan(
                now, fresh, removeMissing, [this](const T &v) { return keyOf(v); },
                [this](const T &a, const T &b) { return sameValue(a, b); });
        }
        return *applyPlan(std::move(plan));
    }

    // Removes rows (ascending), announced as contiguous ranges from the end.
    int removeRows(const QList<int> &rows)
    {
        if (rows.isEmpty())
            return 0;
        for (int row : rows)
            m_index.remove(m_keys.at(row));
        qsizetype i = rows.size() - 1;
        while (i >= 0) {
            const int last = rows.at(i);
            int firstRow = last;
            while (i > 0 && rows.at(i - 1) == firstRow - 1) {
                --i;
                --firstRow;
            }
            --i;
            beginRemoveRows({}, firstRow, last);
            m_rows.remove(firstRow, last - firstRow + 1);
            m_keys.remove(firstRow, last - firstRow + 1);
            endRemoveRows();
        }
        for (int row = rows.first(); row < m_rows.size(); ++row)
            m_index[m_keys.at(row)] = row;
        return int(rows.size());
    }

    QList<T> m_rows;
    QList<QString> m_keys; // keyOf(m_rows[i]), computed once
    QHash<QString, int> m_index;
    // Bumped by every change, so a plan from an older snapshot is refused.
    quint64 m_generation = 0;
};

} // namespace dd::models
