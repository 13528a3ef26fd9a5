#pragma once
// Adds icons to a Core-only model for display: the models stay free of
// QtGui, the views still show a status at a glance.

#include <QIcon>
#include <QIdentityProxyModel>

#include <functional>

namespace dd::gui {

class IconProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using IconFor = std::function<QIcon(const QModelIndex &sourceIndex)>;
    IconProxy(int column, IconFor iconFor, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    int m_column;
    IconFor m_iconFor;
};

} // namespace dd::gui
