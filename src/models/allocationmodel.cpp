#include "models/allocationmodel.h"

#include "core/ids.h"
#include "models/timeformat.h"

namespace dd::models {

AllocationModel::AllocationModel(QObject *parent)
    : KeyedTableModel<Allocation>(parent)
{}

QString AllocationModel::statusText(const QString &clientStatus)
{
    if (clientStatus == u"pending")
        return tr("Pending");
    if (clientStatus == u"running")
        return tr("Running");
    if (clientStatus == u"complete")
        return tr("Complete");
    if (clientStatus == u"failed")
        return tr("Failed");
    if (clientStatus == u"lost")
        return tr("Lost");
    return clientStatus;
}

QString AllocationModel::tasksSummary(const Allocation &allocation)
{
    QStringList parts;
    for (auto it = allocation.taskStates.begin(); it != allocation.taskStates.end(); ++it) {
        QString state = it->state;
        if (it->state == u"dead")
            state = it->failed ? tr("failed") : tr("finished");
        QString part = it.key() + u": " + state;
        if (it->restarts > 0)
            part += u' ' + tr("(restarted %1×)").arg(it->restarts);
        parts.append(part);
    }
    return parts.join(u", ");
}

QString AllocationModel::lastEventText(const Allocation &allocation)
{
    const auto event = allocation.lastEvent();
    if (!event)
        return allocation.clientDescription;
    if (event->displayMessage.isEmpty())
        return event->type;
    return event->type + u": " + event->displayMessage;
}

QString AllocationModel::failureText(const Allocation &allocation)
{
    QStringList parts;
    for (auto it = allocation.taskStates.begin(); it != allocation.taskStates.end(); ++it) {
        if (!it->failed)
            continue;
        const TaskEvent *cause = nullptr;
        const TaskEvent *last = nullptr;
        const TaskEvent *failing = nullptr;
        for (const TaskEvent &e : it->events) {
            // "Not Restarting" also fails the task, but the exit says why.
            if (e.exitCode != 0 || e.type == u"Terminated" || e.type == u"Driver Failure" ||
                e.type == u"Setup Failure" || e.type == u"Failed Validation")
                cause = &e;
            if (e.failsTask)
                failing = &e;
            last = &e;
        }
        if (!cause)
            cause = failing;
        auto text = [](const TaskEvent *e) {
            return e->displayMessage.isEmpty() ? e->type : e->type + u": " + e->displayMessage;
        };
        QString part;
        if (cause && cause->exitCode != 0)
            part = tr("task “%1” exited with code %2").arg(it.key()).arg(cause->exitCode);
        else if (cause)
            part = tr("task “%1”: %2").arg(it.key(), text(cause));
        else
            part = tr("task “%1” failed").arg(it.key());
        if (last && last != cause) {
            part += last->type == u"Not Restarting"
                        ? tr("; not restarted (%1)").arg(last->displayMessage)
                        : tr("; then %1").arg(text(last));
        }
        parts.append(part);
    }
    if (parts.isEmpty())
        return allocation.clientDescription.isEmpty() ? lastEventText(allocation)
                                                      : allocation.clientDescription;
    return parts.join(u"; ");
}

int AllocationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AllocationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Allocation &a = at(index.row());
    switch (role) {
    case IdRole:
        return a.id;
    case StatusRole:
        return a.clientStatus;
    case SortRole:
        if (index.column() == ModifiedColumn)
            return a.modifyTime;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return shortId(a.id);
        case TaskGroupColumn:
            return a.taskGroup;
        case NodeColumn:
            return a.nodeName.isEmpty() ? shortId(a.nodeId) : a.nodeName;
        case StatusColumn:
            return statusText(a.clientStatus);
        case TasksColumn:
            return tasksSummary(a);
        case LastEventColumn:
            return lastEventText(a);
        case ModifiedColumn:
            return formatNanos(a.modifyTime);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case IdColumn:
            return a.id;
        case NodeColumn:
            return a.nodeId;
        case StatusColumn:
            return a.clientDescription.isEmpty() ? QVariant() : QVariant(a.clientDescription);
        case LastEventColumn:
            return lastEventText(a);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AllocationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Allocation");
    case TaskGroupColumn:
        return tr("Task group");
    case NodeColumn:
        return tr("Node");
    case StatusColumn:
        return tr("Status");
    case TasksColumn:
        return tr("Tasks");
    case LastEventColumn:
        return tr("Last event");
    case ModifiedColumn:
        return tr("Updated");
    }
    return {};
}

} // namespace dd::models
