#pragma once
// Allocations of one dispatch or one job: where each task group runs and how
// its tasks are doing.

#include "core/types.h"
#include "models/keyedtablemodel.h"

namespace dd::models {

class AllocationModel : public KeyedTableModel<Allocation>
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TaskGroupColumn,
        NodeColumn,
        StatusColumn,
        TasksColumn,
        LastEventColumn,
        ModifiedColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole, StatusRole, SortRole };

    explicit AllocationModel(QObject *parent = nullptr);

    static QString statusText(const QString &clientStatus);
    static QString tasksSummary(const Allocation &allocation);
    static QString lastEventText(const Allocation &allocation);
    // Why a failed allocation failed: each failed task's exit (the event that
    // ended it), since the last event is often only "Not Restarting".
    static QString failureText(const Allocation &allocation);

    ApplyStats setAllocations(const QList<Allocation> &allocations) { return apply(allocations); }
    ApplyStats mergeAllocations(const QList<Allocation> &allocations) { return merge(allocations); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Allocation &allocation) const override { return allocation.id; }
};

} // namespace dd::models
