#pragma once
// Sorts and filters a table by free text and by a set of statuses (read from
// a role of the source), e.g. "only failed children".

#include <QSet>
#include <QSortFilterProxyModel>

namespace dd::models {

class StatusFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit StatusFilterProxy(int statusRole, QObject *parent = nullptr);

    // Empty: every status passes.
    void setStatuses(const QSet<QString> &statuses);
    QSet<QString> statuses() const { return m_statuses; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_statusRole;
    QSet<QString> m_statuses;
};

} // namespace dd::models
