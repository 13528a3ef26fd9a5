#include "gui/iconproxy.h"

namespace dd::gui {

IconProxy::IconProxy(int column, IconFor iconFor, QObject *parent)
    : QIdentityProxyModel(parent)
    , m_column(column)
    , m_iconFor(std::move(iconFor))
{}

QVariant IconProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == m_column)
        return m_iconFor(mapToSource(index));
    return QIdentityProxyModel::data(index, role);
}

} // namespace dd::gui
