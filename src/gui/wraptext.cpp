#include "gui/wraptext.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

namespace dd::gui {

WrapDelegate::WrapDelegate(QTreeView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_relayout(new QTimer(this))
{
    view->setWordWrap(true);
    view->setUniformRowHeights(false);
    // Once per burst of resizes (a dragged splitter resizes many times).
    m_relayout->setSingleShot(true);
    m_relayout->setInterval(0);
    connect(m_relayout, &QTimer::timeout, view, [view]() { view->doItemsLayout(); });
    connect(view->header(), &QHeaderView::sectionResized, m_relayout, qOverload<>(&QTimer::start));
}

QSize WrapDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem wrapped = option;
    // Without a width the style measures the text on one line.
    wrapped.rect.setWidth(m_view->header()->sectionSize(index.column()));
    wrapped.rect.setHeight(1);
    return QStyledItemDelegate::sizeHint(wrapped, index);
}

RowFitter::RowFitter(QTableView *view)
    : QObject(view)
    , m_view(view)
    , m_timer(new QTimer(this))
{
    view->setWordWrap(true);
    m_timer->setSingleShot(true);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &RowFitter::fitNow);
    const auto schedule = qOverload<>(&QTimer::start);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, m_timer, schedule);
    connect(view->verticalScrollBar(), &QScrollBar::rangeChanged, m_timer, schedule);
    connect(view->horizontalHeader(), &QHeaderView::sectionResized, m_timer, schedule);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::rowsInserted, m_timer, schedule);
        connect(model, &QAbstractItemModel::dataChanged, m_timer, schedule);
        connect(model, &QAbstractItemModel::layoutChanged, m_timer, schedule);
        connect(model, &QAbstractItemModel::modelReset, m_timer, schedule);
    }
}

void RowFitter::fitNow()
{
    QAbstractItemModel *model = m_view->model();
    if (!model || model->rowCount() == 0)
        return;
    const int first = std::max(0, m_view->rowAt(0));
    // Rows that grow push others out of view, and rows that shrink pull more
    // in: fit until the last row in view has been fitted.
    for (int row = first; row < model->rowCount(); ++row) {
        m_view->resizeRowToContents(row);
        if (m_view->rowViewportPosition(row) > m_view->viewport()->height())
            break;
    }
}

} // namespace dd::gui
