#include "models/childjobmodel.h"

#include "models/timeformat.h"

#include <algorithm>

namespace dd::models {

ChildJobModel::ChildJobModel(QObject *parent)
    : KeyedTableModel<ChildJob>(parent)
{}

QString ChildJobModel::outcomeOf(const JobStub &stub)
{
    if (stub.status != u"dead")
        return stub.status.isEmpty() ? QStringLiteral("pending") : stub.status;
    if (stub.allocations.failed > 0 || stub.allocations.lost > 0)
        return QStringLiteral("failed");
    if (stub.allocations.complete > 0)
        return QStringLiteral("complete");
    return QStringLiteral("dead");
}

QString ChildJobModel::statusText(const QString &outcome)
{
    if (outcome == u"pending")
        return tr("Pending");
    if (outcome == u"running")
        return tr("Running");
    if (outcome == u"complete")
        return tr("Completed");
    if (outcome == u"failed")
        return tr("Failed");
    if (outcome == u"dead")
        return tr("Stopped");
    return outcome;
}

QString ChildJobModel::formatMeta(const MetaMap &meta)
{
    QStringList parts;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u", ");
}

ApplyStats ChildJobModel::setChildren(const QList<JobStub> &children)
{
    QList<ChildJob> fresh;
    fresh.reserve(children.size());
    for (const JobStub &stub : children) {
        ChildJob child{stub, {}, false};
        // Meta never changes after dispatch: keep what was read.
        const int row = rowOf(stub.id);
        if (row >= 0 && at(row).metaKnown) {
            child.meta = at(row).meta;
            child.metaKnown = true;
        }
        fresh.append(child);
    }
    return apply(fresh);
}

void ChildJobModel::setMeta(const QString &id, const MetaMap &meta)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    ChildJob child = at(row);
    if (child.metaKnown && child.meta == meta)
        return;
    child.meta = meta;
    child.metaKnown = true;
    replaceAt(row, child);
}

QStringList ChildJobModel::idsWithoutMeta() const
{
    QList<const ChildJob *> missing;
    for (const ChildJob &child : rows()) {
        if (!child.metaKnown)
            missing.append(&child);
    }
    std::sort(missing.begin(), missing.end(), [](const ChildJob *a, const ChildJob *b) {
        return a->stub.submitTime > b->stub.submitTime;
    });
    QStringList ids;
    for (const ChildJob *child : missing)
        ids.append(child->stub.id);
    return ids;
}

int ChildJobModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString allocationSummary(const TaskGroupSummary &s)
{
    QStringList parts;
    if (s.queued > 0)
        parts.append(ChildJobModel::tr("%n queued", nullptr, s.queued));
    if (s.starting > 0)
        parts.append(ChildJobModel::tr("%n starting", nullptr, s.starting));
    if (s.running > 0)
        parts.append(ChildJobModel::tr("%n running", nullptr, s.running));
    if (s.complete > 0)
        parts.append(ChildJobModel::tr("%n complete", nullptr, s.complete));
    if (s.failed > 0)
        parts.append(ChildJobModel::tr("%n failed", nullptr, s.failed));
    if (s.lost > 0)
        parts.append(ChildJobModel::tr("%n lost", nullptr, s.lost));
    return parts.isEmpty() ? ChildJobModel::tr("none") : parts.join(u", ");
}
} // namespace

QVariant ChildJobModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChildJob &child = at(index.row());
    const JobStub &stub = child.stub;
    switch (role) {
    case IdRole:
        return stub.id;
    case StatusRole:
        return outcomeOf(stub);
    case MetaKnownRole:
        return child.metaKnown;
    case SortRole:
        if (index.column() == SubmittedColumn)
            return stub.submitTime;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            // The parent's name is the same on every row: show what differs.
            return stub.parentId.isEmpty() || !stub.id.startsWith(stub.parentId + u'/')
                       ? stub.id
                       : stub.id.mid(stub.parentId.size() + 1);
        case SubmittedColumn:
            return formatNanos(stub.submitTime);
        case StatusColumn:
            return statusText(outcomeOf(stub));
        case AllocationsColumn:
            return allocationSummary(stub.allocations);
        case MetaColumn:
            return child.metaKnown ? formatMeta(child.meta) : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == IdColumn)
            return stub.id;
        if (index.column() == MetaColumn && child.metaKnown)
            return formatMeta(child.meta);
        if (index.column() == StatusColumn && !stub.statusDescription.isEmpty())
            return stub.statusDescription;
        break;
    default:
        break;
    }
    return {};
}

QVariant ChildJobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Dispatched job");
    case SubmittedColumn:
        return tr("Submitted");
    case StatusColumn:
        return tr("Status");
    case AllocationsColumn:
        return tr("Allocations");
    case MetaColumn:
        return tr("Meta");
    }
    return {};
}

} // namespace dd::models
