#pragma once
// Sorts and filters a JobListModel by its typed fields, without QVariant: a
// comparison reads two JobStubs, not two data() calls. For a large list the
// full work (a new sort column, a new filter, thousands of new rows) runs on a
// worker thread and the result is installed at once; small changes (rows
// changed or added by a refresh) are placed on the spot. Selection and
// current index survive every change (persistent indexes are moved).

#include <QAbstractProxyModel>
#include <QList>
#include <QString>

namespace dd::models {

class JobListModel;

class JobListProxy : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit JobListProxy(QObject *parent = nullptr);

    // Must be a JobListModel.
    void setSourceModel(QAbstractItemModel *source) override;

    // Case-insensitive part of the job ID; empty shows every job.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

    // Lists with at least this many rows are sorted and filtered off the GUI
    // thread (tests lower it to exercise that path with a few rows).
    void setAsyncThreshold(int rows) { m_asyncRows = rows; }
    int asyncThreshold() const { return m_asyncRows; }
    // True while a sort or filter is computed on a worker thread.
    bool isBusy() const { return m_busy; }

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

    // What a comparison and the filter read, copied so a worker can use them.
    struct Keys
    {
        QList<QString> text; // the sort column's text (ID or namespace)
        QList<int> number;   // or its count
        QList<QString> ids;  // for the filter
    };
    // The proxy's order: the rows of `keys` that pass `filter`, sorted by
    // (key, row). Pure: runs on any thread.
    static QList<int> computeOrder(const Keys &keys, int rowCount, int column, Qt::SortOrder order,
                                   const QString &filter);

Q_SIGNALS:
    // A sort or filter computed off the GUI thread is now shown.
    void orderInstalled();

private:
    bool accepts(int sourceRow) const;
    bool lessThan(int sourceA, int sourceB) const;
    // Appends the keys of source rows [from, to) for the current sort and filter.
    void addKeys(Keys &keys, int from, int to) const;
    // Copies the keys a few thousand rows per event loop turn (each copy touches
    // a string's memory: 100,000 of them would hold the GUI thread too long),
    // then hands them to a worker.
    void collectKeys();
    void rebuildPositions();
    void installOrder(QList<int> order, QAbstractItemModel::LayoutChangeHint hint =
                                            QAbstractItemModel::NoLayoutChangeHint);
    // Recomputes the whole order: here for small lists, on a worker for large ones.
    void recompute();
    void startWorker();

    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onSourceAboutToReset();
    void onSourceReset();
    void onChangesStarting();
    void onChangesDone();
    // Places changed and new rows once a batch of changes is complete.
    void flush();
    void placeAgain(const QList<int> &sourceRows);
    bool inOrder(int proxyRow) const;

    JobListModel *m_jobs = nullptr;
    QList<int> m_order; // proxy row -> source row
    QList<int> m_pos;   // source row -> proxy row, -1 when not shown
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QString m_filter;
    int m_asyncRows = 5000;
    // Any change that makes a computed order stale bumps this.
    quint64 m_generation = 0;
    bool m_busy = false;
    Keys m_collected;
    int m_collectNext = 0;
    quint64 m_collectGeneration = 0;
    bool m_resetting = false;
    int m_batchDepth = 0;
    QList<int> m_changed; // source rows changed in the current batch
    QList<int> m_added;   // source rows added in the current batch
    QList<QMetaObject::Connection> m_connections;
};

} // namespace dd::models
