#include "models/statusfilterproxy.h"

namespace dd::models {

StatusFilterProxy::StatusFilterProxy(int statusRole, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_statusRole(statusRole)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setDynamicSortFilter(true);
}

void StatusFilterProxy::setStatuses(const QSet<QString> &statuses)
{
    if (statuses == m_statuses)
        return;
    // Qt 6.4 has no begin/endFilterChange; invalidateRowsFilter keeps columns.
    m_statuses = statuses;
    invalidateRowsFilter();
}

bool StatusFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_statuses.isEmpty()) {
        const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
        if (!m_statuses.contains(idx.data(m_statusRole).toString()))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace dd::models
