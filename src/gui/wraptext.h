#pragma once
// Long cell text shown whole, wrapped to its column, instead of cut off or
// elided. Qt's views size rows as if text never wrapped: QTreeView asks the
// delegate without a width, and a QTableView only wraps rows it is told to fit.

#include <QObject>
#include <QStyledItemDelegate>

class QTableView;
class QTimer;
class QTreeView;

namespace dd::gui {

// For a QTreeView without child rows: each row is as tall as its wrapped text
// at the column's width, and rows are laid out again when a column changes width.
class WrapDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit WrapDelegate(QTreeView *view);
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QTreeView *m_view;
    QTimer *m_relayout;
};

// For a QTableView with word wrap: fits the rows in view to their wrapped
// text whenever they change, scroll into view or their columns change width.
// Only the rows shown are measured, so a long table costs no more than a short one.
class RowFitter : public QObject
{
    Q_OBJECT
public:
    explicit RowFitter(QTableView *view);
    void fitNow();

private:
    QTableView *m_view;
    QTimer *m_timer;
};

} // namespace dd::gui
