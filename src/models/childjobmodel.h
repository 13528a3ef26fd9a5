#pragma once
// The dispatched children of one parameterized job. The job list gives the
// status and allocation counts; meta comes from reading each child, later.

#include "core/types.h"
#include "models/keyedtablemodel.h"

namespace dd::models {

struct ChildJob
{
    JobStub stub;
    MetaMap meta;
    bool metaKnown = false;
    friend bool operator==(const ChildJob &, const ChildJob &) = default;
};

class ChildJobModel : public KeyedTableModel<ChildJob>
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        SubmittedColumn,
        StatusColumn,
        AllocationsColumn,
        MetaColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole, StatusRole, SortRole, MetaKnownRole };

    explicit ChildJobModel(QObject *parent = nullptr);

    // pending, running, complete, failed or dead (stopped without a verdict).
    static QString outcomeOf(const JobStub &stub);
    static QString statusText(const QString &outcome);
    static QString formatMeta(const MetaMap &meta);

    ApplyStats setChildren(const QList<JobStub> &children);
    void setMeta(const QString &id, const MetaMap &meta);
    // Children whose meta has not been read yet, newest first.
    QStringList idsWithoutMeta() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const ChildJob &child) const override { return child.stub.id; }
};

} // namespace dd::models
