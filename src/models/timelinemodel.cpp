#include "models/timelinemodel.h"

namespace dd::models {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TimelineModel::append(const TimelineEntry &entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

QStringList TimelineModel::texts() const
{
    QStringList out;
    for (const TimelineEntry &e : m_entries)
        out.append(e.text);
    return out;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TimeColumn)
            return e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        if (e.detail.isEmpty())
            return e.text;
        return QString(e.text + u'\n' + e.detail);
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return e.time.toLocalTime().toString(Qt::ISODateWithMs);
        return e.detail.isEmpty() ? e.text : QString(e.text + u'\n' + e.detail);
    case SeverityRole:
        return int(e.severity);
    case DetailRole:
        return e.detail;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == TimeColumn ? tr("Time") : tr("What happened");
}

} // namespace dd::models
