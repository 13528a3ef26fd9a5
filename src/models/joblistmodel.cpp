#include "models/joblistmodel.h"

#include <functional>

namespace dd::models {

JobListModel::JobListModel(QObject *parent)
    : KeyedTableModel<JobStub>(parent)
{}

QString JobListModel::keyFor(const QString &nameSpace, const QString &id)
{
    return nameSpace + u'\n' + id;
}

QList<JobStub> JobListModel::parameterizedParents(const QList<JobStub> &jobs)
{
    QList<JobStub> parents;
    for (const JobStub &job : jobs) {
        if (job.isParameterizedParent())
            parents.append(job);
    }
    return parents;
}

JobListModel::Plan JobListModel::planJobs(const Snapshot &now, const QList<JobStub> &jobs)
{
    return makePlan(now, jobs, true, &JobListModel::keyOfJob, std::equal_to<JobStub>(), true);
}

QModelIndex JobListModel::indexOf(const QString &nameSpace, const QString &id) const
{
    const int row = rowOf(keyFor(nameSpace, id));
    return row < 0 ? QModelIndex() : index(row, NameColumn);
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobStub &job = at(index.row());
    switch (role) {
    case IdRole:
        return job.id;
    case NamespaceRole:
        return job.nameSpace;
    case KeyRole:
        return keyAt(index.row());
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return job.id;
        case NamespaceColumn:
            return job.nameSpace;
        case RunningColumn:
            return job.children.running + job.children.pending;
        case FinishedColumn:
            return job.children.dead;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            QString tip = job.id;
            if (!job.statusDescription.isEmpty())
                tip += u'\n' + job.statusDescription;
            return tip;
        }
        if (index.column() == RunningColumn)
            return tr("%1 dispatched jobs pending, %2 running")
                .arg(job.children.pending)
                .arg(job.children.running);
        if (index.column() == FinishedColumn)
            return tr("%1 dispatched jobs have finished").arg(job.children.dead);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == RunningColumn || index.column() == FinishedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Job");
        case NamespaceColumn:
            return tr("Namespace");
        case RunningColumn:
            return tr("Running");
        case FinishedColumn:
            return tr("Done");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RunningColumn:
            return tr("Dispatched jobs that are pending or running");
        case FinishedColumn:
            return tr("Dispatched jobs that have finished (Nomad calls them dead)");
        }
    }
    return {};
}

} // namespace dd::models
