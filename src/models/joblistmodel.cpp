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

int JobListModel::countIn(const JobStub &job, int column)
{
    switch (column) {
    case QueuedColumn:
        return job.children.pending;
    case RunningColumn:
        return job.children.running;
    case FinishedColumn:
        return job.children.dead;
    default:
        return 0;
    }
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
        case QueuedColumn:
        case RunningColumn:
        case FinishedColumn:
            return countIn(job, index.column());
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            QString tip = job.id;
            if (!job.statusDescription.isEmpty())
                tip += u'\n' + job.statusDescription;
            return tip;
        }
        if (index.column() == QueuedColumn)
            return tr("%1 dispatched jobs are waiting to be placed or to start")
                .arg(job.children.pending);
        if (index.column() == RunningColumn)
            return tr("%1 dispatched jobs are running").arg(job.children.running);
        if (index.column() == FinishedColumn)
            return tr("%1 dispatched jobs have finished, as Nomad's summary counts them: "
                      "purged ones included")
                .arg(job.children.dead);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= QueuedColumn)
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
        case QueuedColumn:
            return tr("Queued");
        case RunningColumn:
            return tr("Running");
        case FinishedColumn:
            return tr("Done (all)");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case QueuedColumn:
            return tr("Dispatched jobs not running yet: waiting to be placed, blocked, or "
                      "starting (Nomad calls them pending)");
        case RunningColumn:
            return tr("Dispatched jobs that are running");
        case FinishedColumn:
            return tr("Dispatched jobs that have finished (Nomad calls them dead), counted by "
                      "Nomad's job summary: purged ones are included, so this can be more than "
                      "the Dispatched jobs tab lists");
        }
    }
    return {};
}

} // namespace dd::models
