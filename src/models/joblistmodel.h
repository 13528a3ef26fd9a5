#pragma once
// The parameterized jobs a user can dispatch, with their children's counts.

#include "core/types.h"
#include "models/keyedtablemodel.h"

namespace dd::models {

class JobListModel : public KeyedTableModel<JobStub>
{
    Q_OBJECT
public:
    // Queued, running and finished children are Nomad's Pending, Running and Dead.
    enum Column {
        NameColumn,
        NamespaceColumn,
        QueuedColumn,
        RunningColumn,
        FinishedColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole, NamespaceRole, SortRole, KeyRole };

    explicit JobListModel(QObject *parent = nullptr);

    // The same job ID can exist in two namespaces, so the key holds both.
    static QString keyFor(const QString &nameSpace, const QString &id);
    static QString keyOfJob(const JobStub &job) { return keyFor(job.nameSpace, job.id); }
    // Only parents can be dispatched; children and plain jobs are left out.
    static QList<JobStub> parameterizedParents(const QList<JobStub> &jobs);
    // A plan for setJobs, made on any thread from a snapshot (see KeyedTableModel).
    static Plan planJobs(const Snapshot &now, const QList<JobStub> &jobs);

    ApplyStats setJobs(const QList<JobStub> &jobs) { return apply(jobs); }
    QModelIndex indexOf(const QString &nameSpace, const QString &id) const;
    // The count a count column shows for the job (0 for a text column).
    static int countIn(const JobStub &job, int column);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Around the signals of one setJobs or merge, so a proxy can place all the
    // changed rows at once.
    void changesStarting();
    void changesDone();

protected:
    QString keyOf(const JobStub &job) const override { return keyOfJob(job); }
    void updateStarting() override { Q_EMIT changesStarting(); }
    void updateFinished() override { Q_EMIT changesDone(); }
};

} // namespace dd::models
