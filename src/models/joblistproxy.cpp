// Over 400 lines: one proxy's full sort (off the GUI thread for a large list) and its
// placing of each changed row, which share the sort keys and the positions.

#include "models/joblistproxy.h"

#include "models/joblistmodel.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace dd::models {

namespace {
// More changed or new rows than this in one batch: sort everything again
// (off the GUI thread for a large list) instead of placing each row.
constexpr qsizetype kMaxPlaced = 1000;
// Rows whose keys are copied per event loop turn before a worker sorts them.
constexpr int kKeysPerTurn = 8192;

template<typename K> int compareKeys(const K &a, const K &b)
{
    if constexpr (std::is_same_v<K, QString>)
        return QString::compare(a, b, Qt::CaseSensitive);
    else
        return a < b ? -1 : (b < a ? 1 : 0);
}

bool isTextColumn(int column)
{
    return column == JobListModel::NameColumn || column == JobListModel::NamespaceColumn;
}

QList<int> sortedUnique(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}
} // namespace

JobListProxy::JobListProxy(QObject *parent)
    : QAbstractProxyModel(parent)
{}

void JobListProxy::setSourceModel(QAbstractItemModel *source)
{
    auto *jobs = qobject_cast<JobListModel *>(source);
    Q_ASSERT_X(jobs || !source, "JobListProxy", "the source must be a JobListModel");
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(jobs);
    m_jobs = jobs;
    m_order.clear();
    m_pos.clear();
    m_changed.clear();
    m_added.clear();
    m_batchDepth = 0;
    ++m_generation;
    if (m_jobs) {
        m_connections = {
            connect(m_jobs, &QAbstractItemModel::dataChanged, this, &JobListProxy::onDataChanged),
            connect(m_jobs, &QAbstractItemModel::rowsInserted, this, &JobListProxy::onRowsInserted),
            connect(m_jobs, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    &JobListProxy::onRowsAboutToBeRemoved),
            connect(m_jobs, &QAbstractItemModel::rowsRemoved, this, &JobListProxy::onRowsRemoved),
            connect(m_jobs, &QAbstractItemModel::modelAboutToBeReset, this,
                    &JobListProxy::onSourceAboutToReset),
            connect(m_jobs, &QAbstractItemModel::modelReset, this, &JobListProxy::onSourceReset),
            // A JobListModel does not move rows or change its layout; if it ever
            // does, start over.
            connect(m_jobs, &QAbstractItemModel::layoutAboutToBeChanged, this,
                    &JobListProxy::onSourceAboutToReset),
            connect(m_jobs, &QAbstractItemModel::layoutChanged, this, &JobListProxy::onSourceReset),
            connect(m_jobs, &QAbstractItemModel::rowsAboutToBeMoved, this,
                    &JobListProxy::onSourceAboutToReset),
            connect(m_jobs, &QAbstractItemModel::rowsMoved, this, &JobListProxy::onSourceReset),
            connect(m_jobs, &QAbstractItemModel::headerDataChanged, this,
                    &QAbstractItemModel::headerDataChanged),
            connect(m_jobs, &JobListModel::changesStarting, this, &JobListProxy::onChangesStarting),
            connect(m_jobs, &JobListModel::changesDone, this, &JobListProxy::onChangesDone),
        };
        m_pos.fill(-1, m_jobs->rowCount());
    }
    endResetModel();
    if (m_jobs && m_jobs->rowCount() > 0)
        recompute();
}

void JobListProxy::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    recompute();
}

void JobListProxy::sort(int column, Qt::SortOrder order)
{
    if (column >= JobListModel::ColumnCount)
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    recompute();
}

QModelIndex JobListProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_jobs || !proxyIndex.isValid() || proxyIndex.model() != this ||
        proxyIndex.row() >= m_order.size())
        return {};
    return m_jobs->index(m_order.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex JobListProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_jobs || !sourceIndex.isValid() || sourceIndex.model() != m_jobs)
        return {};
    const int row = m_pos.value(sourceIndex.row(), -1);
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

QModelIndex JobListProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_order.size() || column < 0 ||
        column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex JobListProxy::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex JobListProxy::sibling(int row, int column, const QModelIndex &idx) const
{
    return idx.isValid() ? index(row, column) : QModelIndex();
}

int JobListProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int JobListProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_jobs ? 0 : m_jobs->columnCount();
}

bool JobListProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_order.isEmpty();
}

QList<int> JobListProxy::computeOrder(const Keys &keys, int rowCount, int column,
                                      Qt::SortOrder order, const QString &filter)
{
    QList<int> rows;
    rows.reserve(rowCount);
    for (int row = 0; row < rowCount; ++row) {
        if (filter.isEmpty() || keys.ids.at(row).contains(filter, Qt::CaseInsensitive))
            rows.append(row);
    }
    const bool ascending = order == Qt::AscendingOrder;
    // Equal keys keep the source order in both directions, like a stable sort.
    auto sortBy = [&](const auto &values) {
        std::sort(rows.begin(), rows.end(), [&](int a, int b) {
            const int c = compareKeys(values.at(a), values.at(b));
            if (c != 0)
                return ascending ? c < 0 : c > 0;
            return a < b;
        });
    };
    if (column < 0)
        return rows;
    if (isTextColumn(column))
        sortBy(keys.text);
    else
        sortBy(keys.number);
    return rows;
}

bool JobListProxy::accepts(int sourceRow) const
{
    return m_filter.isEmpty() || m_jobs->at(sourceRow).id.contains(m_filter, Qt::CaseInsensitive);
}

bool JobListProxy::lessThan(int a, int b) const
{
    int c = 0;
    const JobStub &ja = m_jobs->at(a);
    const JobStub &jb = m_jobs->at(b);
    switch (m_sortColumn) {
    case JobListModel::NameColumn:
        c = compareKeys(ja.id, jb.id);
        break;
    case JobListModel::NamespaceColumn:
        c = compareKeys(ja.nameSpace, jb.nameSpace);
        break;
    case JobListModel::QueuedColumn:
    case JobListModel::RunningColumn:
    case JobListModel::FinishedColumn:
        c = compareKeys(JobListModel::countIn(ja, m_sortColumn),
                        JobListModel::countIn(jb, m_sortColumn));
        break;
    default:
        break;
    }
    if (c != 0)
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    return a < b;
}

bool JobListProxy::inOrder(int proxyRow) const
{
    const int row = m_order.at(proxyRow);
    if (proxyRow > 0 && !lessThan(m_order.at(proxyRow - 1), row))
        return false;
    if (proxyRow + 1 < m_order.size() && !lessThan(row, m_order.at(proxyRow + 1)))
        return false;
    return true;
}

void JobListProxy::addKeys(Keys &keys, int from, int to) const
{
    const QList<JobStub> &rows = m_jobs->rows();
    const bool ids = !m_filter.isEmpty() || m_sortColumn == JobListModel::NameColumn;
    for (int row = from; row < to; ++row) {
        const JobStub &job = rows.at(row);
        if (ids)
            keys.ids.append(job.id);
        if (m_sortColumn == JobListModel::NamespaceColumn)
            keys.text.append(job.nameSpace);
        else if (m_sortColumn >= 0 && !isTextColumn(m_sortColumn))
            keys.number.append(JobListModel::countIn(job, m_sortColumn));
    }
}

void JobListProxy::rebuildPositions()
{
    m_pos.fill(-1, m_jobs ? m_jobs->rowCount() : 0);
    for (int i = 0; i < m_order.size(); ++i)
        m_pos[m_order.at(i)] = i;
}

void JobListProxy::installOrder(QList<int> order, QAbstractItemModel::LayoutChangeHint hint)
{
    if (m_order.isEmpty() && order.isEmpty())
        return;
    if (m_order.isEmpty()) {
        beginInsertRows({}, 0, int(order.size()) - 1);
        m_order = std::move(order);
        rebuildPositions();
        endInsertRows();
        return;
    }
    if (order.isEmpty()) {
        beginRemoveRows({}, 0, int(m_order.size()) - 1);
        m_order.clear();
        rebuildPositions();
        endRemoveRows();
        return;
    }
    if (order == m_order)
        return;
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList from = persistentIndexList();
    QList<int> sources;
    sources.reserve(from.size());
    for (const QModelIndex &index : from)
        sources.append(index.row() < m_order.size() ? m_order.at(index.row()) : -1);
    m_order = std::move(order);
    rebuildPositions();
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int row = sources.at(i) < 0 ? -1 : m_pos.value(sources.at(i), -1);
        to.append(row < 0 ? QModelIndex() : createIndex(row, from.at(i).column()));
    }
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, hint);
}

void JobListProxy::recompute()
{
    ++m_generation;
    m_changed.clear();
    m_added.clear();
    if (!m_jobs)
        return;
    const int rows = m_jobs->rowCount();
    if (rows < m_asyncRows) {
        Keys keys;
        addKeys(keys, 0, rows);
        if (m_sortColumn == JobListModel::NameColumn)
            keys.text = keys.ids;
        installOrder(computeOrder(keys, rows, m_sortColumn, m_sortOrder, m_filter),
                     QAbstractItemModel::VerticalSortHint);
        return;
    }
    if (!m_busy) // else the running one is stale now and starts this one when it ends
        startWorker();
}

void JobListProxy::startWorker()
{
    m_busy = true;
    m_collected = {};
    m_collectNext = 0;
    m_collectGeneration = m_generation;
    collectKeys();
}

void JobListProxy::collectKeys()
{
    if (m_collectGeneration != m_generation) { // changed meanwhile: start over
        m_busy = false;
        recompute();
        return;
    }
    const int rows = m_jobs->rowCount();
    const int end = qMin(rows, m_collectNext + kKeysPerTurn);
    addKeys(m_collected, m_collectNext, end);
    m_collectNext = end;
    if (end < rows) {
        QMetaObject::invokeMethod(this, &JobListProxy::collectKeys, Qt::QueuedConnection);
        return;
    }
    if (m_sortColumn == JobListModel::NameColumn)
        m_collected.text = m_collected.ids; // shared, not copied
    const quint64 generation = m_generation;
    QtConcurrent::run([keys = std::exchange(m_collected, {}), rows, column = m_sortColumn,
                       order = m_sortOrder, filter = m_filter]() mutable {
        QList<int> result = computeOrder(keys, rows, column, order, filter);
        keys = {}; // released on the worker, not on the GUI thread
        return result;
    }).then(this, [this, generation](QFuture<QList<int>> future) {
        QList<int> order = future.takeResult();
        m_busy = false;
        if (generation != m_generation) {
            recompute();
            return;
        }
        installOrder(std::move(order), QAbstractItemModel::VerticalSortHint);
        Q_EMIT orderInstalled();
    });
}

void JobListProxy::placeAgain(const QList<int> &sourceRows)
{
    QList<bool> moving(m_pos.size(), false);
    for (int row : sourceRows)
        moving[row] = true;
    QList<int> kept;
    kept.reserve(m_order.size() + sourceRows.size());
    for (int row : std::as_const(m_order)) {
        if (!moving.at(row))
            kept.append(row);
    }
    QList<int> placed;
    for (int row : sourceRows) {
        if (accepts(row))
            placed.append(row);
    }
    auto less = [this](int a, int b) { return lessThan(a, b); };
    std::sort(placed.begin(), placed.end(), less);
    // Binary search for each placed row, then one pass to splice them in.
    QList<int> order;
    order.reserve(kept.size() + placed.size());
    auto from = kept.cbegin();
    for (int row : std::as_const(placed)) {
        const auto at = std::upper_bound(from, kept.cend(), row, less);
        order.append(from, at);
        order.append(row);
        from = at;
    }
    order.append(from, kept.cend());
    installOrder(std::move(order), QAbstractItemModel::VerticalSortHint);
}

void JobListProxy::flush()
{
    const QList<int> changed = sortedUnique(std::exchange(m_changed, {}));
    const QList<int> added = sortedUnique(std::exchange(m_added, {}));
    if (m_busy)
        return; // the running computation is stale: it starts over when it ends
    bool place = false;
    for (int row : added)
        place = place || accepts(row);
    for (int row : changed) {
        if (place)
            break;
        const int at = m_pos.at(row);
        const bool shown = at >= 0;
        place = shown != accepts(row) || (shown && !inOrder(at));
    }
    if (place) {
        if (changed.size() + added.size() > kMaxPlaced) {
            const int lastColumn = columnCount() - 1;
            for (int row : changed) {
                const int at = m_pos.at(row);
                if (at >= 0)
                    Q_EMIT dataChanged(index(at, 0), index(at, lastColumn));
            }
            recompute();
            return;
        }
        // The unchanged rows are still in order among themselves: take every
        // changed and new row out and put the ones that pass back in.
        placeAgain(changed + added);
    }
    const int lastColumn = columnCount() - 1;
    for (int row : changed) {
        const int at = m_pos.at(row);
        if (at >= 0)
            Q_EMIT dataChanged(index(at, 0), index(at, lastColumn));
    }
}

void JobListProxy::onChangesStarting()
{
    ++m_batchDepth;
}

void JobListProxy::onChangesDone()
{
    if (m_batchDepth > 0 && --m_batchDepth == 0)
        flush();
}

void JobListProxy::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                 const QList<int> &)
{
    if (m_resetting || topLeft.parent().isValid())
        return;
    if (m_busy) {
        ++m_generation; // a computed order may have used the old values
        const int lastColumn = columnCount() - 1;
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            const int at = m_pos.value(row, -1);
            if (at >= 0)
                Q_EMIT dataChanged(index(at, 0), index(at, lastColumn));
        }
        return;
    }
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        m_changed.append(row);
    if (m_batchDepth == 0)
        flush();
}

void JobListProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (m_resetting || parent.isValid())
        return;
    ++m_generation;
    const int count = last - first + 1;
    for (int &row : m_order) {
        if (row >= first)
            row += count;
    }
    m_pos.insert(first, count, -1); // positions of the other rows are unchanged
    for (QList<int> *pending : {&m_changed, &m_added}) {
        for (int &row : *pending) {
            if (row >= first)
                row += count;
        }
    }
    if (m_busy)
        return;
    if (count > kMaxPlaced) {
        recompute();
        return;
    }
    for (int row = first; row <= last; ++row)
        m_added.append(row);
    if (m_batchDepth == 0)
        flush();
}

void JobListProxy::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (m_resetting || parent.isValid())
        return;
    QList<int> gone;
    for (int row = first; row <= last; ++row) {
        const int at = m_pos.value(row, -1);
        if (at >= 0)
            gone.append(at);
    }
    std::sort(gone.begin(), gone.end());
    // Contiguous proxy ranges, removed from the end so earlier rows keep their numbers.
    QList<std::pair<int, int>> ranges;
    for (int at : std::as_const(gone)) {
        if (!ranges.isEmpty() && ranges.last().second == at - 1)
            ranges.last().second = at;
        else
            ranges.append({at, at});
    }
    if (ranges.size() <= 16) {
        for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
            beginRemoveRows({}, it->first, it->second);
            m_order.remove(it->first, it->second - it->first + 1);
            rebuildPositions();
            endRemoveRows();
        }
    } else {
        QList<int> order;
        order.reserve(m_order.size());
        for (int row : std::as_const(m_order)) {
            if (row < first || row > last)
                order.append(row);
        }
        installOrder(std::move(order), QAbstractItemModel::VerticalSortHint);
    }
}

void JobListProxy::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (m_resetting || parent.isValid())
        return;
    ++m_generation;
    const int count = last - first + 1;
    for (int &row : m_order) {
        if (row > last)
            row -= count;
    }
    m_pos.remove(first, count);
    for (QList<int> *pending : {&m_changed, &m_added}) {
        QList<int> kept;
        for (int row : std::as_const(*pending)) {
            if (row < first)
                kept.append(row);
            else if (row > last)
                kept.append(row - count);
        }
        *pending = kept;
    }
}

void JobListProxy::onSourceAboutToReset()
{
    beginResetModel();
    m_resetting = true;
}

void JobListProxy::onSourceReset()
{
    m_order.clear();
    m_changed.clear();
    m_added.clear();
    m_pos.fill(-1, m_jobs ? m_jobs->rowCount() : 0);
    ++m_generation;
    m_resetting = false;
    endResetModel();
    recompute();
}

} // namespace dd::models
