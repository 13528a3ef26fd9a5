#pragma once
// Evaluations of a job or of one dispatch (the first, blocked and next ones).

#include "core/types.h"
#include "models/keyedtablemodel.h"

namespace dd::models {

class EvaluationModel : public KeyedTableModel<Evaluation>
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        StatusColumn,
        TriggeredByColumn,
        CreatedColumn,
        PlacementColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole, StatusRole, SortRole };

    explicit EvaluationModel(QObject *parent = nullptr);

    ApplyStats setEvaluations(const QList<Evaluation> &evaluations) { return apply(evaluations); }
    ApplyStats updateEvaluation(const Evaluation &evaluation) { return merge({evaluation}); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Evaluation &evaluation) const override { return evaluation.id; }
};

} // namespace dd::models
