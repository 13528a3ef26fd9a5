#include "models/evaluationmodel.h"

#include "core/ids.h"
#include "models/placementexplanation.h"
#include "models/timeformat.h"

namespace dd::models {

EvaluationModel::EvaluationModel(QObject *parent)
    : KeyedTableModel<Evaluation>(parent)
{}

int EvaluationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvaluationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Evaluation &e = at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case StatusRole:
        return e.status;
    case SortRole:
        if (index.column() == CreatedColumn)
            return e.createTime;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return shortId(e.id);
        case StatusColumn:
            return e.status;
        case TriggeredByColumn:
            return e.triggeredBy;
        case CreatedColumn:
            return formatNanos(e.createTime);
        case PlacementColumn:
            if (!e.failedTgAllocs.isEmpty())
                return placementSummary(e);
            if (!e.blockedEval.isEmpty())
                return tr("Waiting for capacity in %1").arg(shortId(e.blockedEval));
            return e.statusDescription;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == IdColumn)
            return e.id;
        if (index.column() == PlacementColumn && !e.failedTgAllocs.isEmpty())
            return explainPlacement(e).join(u'\n');
        break;
    default:
        break;
    }
    return {};
}

QVariant EvaluationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Evaluation");
    case StatusColumn:
        return tr("Status");
    case TriggeredByColumn:
        return tr("Triggered by");
    case CreatedColumn:
        return tr("Created");
    case PlacementColumn:
        return tr("Placement");
    }
    return {};
}

} // namespace dd::models
