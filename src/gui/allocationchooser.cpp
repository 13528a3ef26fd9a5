#include "gui/allocationchooser.h"

#include "gui/icons.h"
#include "models/allocationmodel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QSortFilterProxyModel>

namespace dd::gui {

namespace {

using models::AllocationModel;

// The allocations as a picker lists them: newest first, one line each
// ("1a2b3c4d · encode · Running") with the status icon.
class PickerModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (index.column() != AllocationModel::IdColumn ||
            (role != Qt::DisplayRole && role != Qt::DecorationRole && role != Qt::ToolTipRole))
            return QSortFilterProxyModel::data(index, role);
        const Allocation &a = allocation(index);
        if (role == Qt::DecorationRole)
            return statusIcon(a.clientStatus);
        if (role == Qt::ToolTipRole)
            return a.id;
        return QStringLiteral("%1 · %2 · %3")
            .arg(a.id.left(8), a.taskGroup, AllocationModel::statusText(a.clientStatus));
    }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        return source()->at(left.row()).createIndex < source()->at(right.row()).createIndex;
    }

private:
    AllocationModel *source() const { return static_cast<AllocationModel *>(sourceModel()); }
    const Allocation &allocation(const QModelIndex &index) const
    {
        return source()->at(mapToSource(index).row());
    }
};

} // namespace

AllocationChooser::AllocationChooser(models::AllocationModel *allocations, const QString &nameSpace,
                                     QObject *parent)
    : QObject(parent)
    , m_allocations(allocations)
    , m_nameSpace(nameSpace)
{
    auto *picker = new PickerModel(this);
    picker->setSourceModel(allocations);
    picker->setDynamicSortFilter(true);
    picker->sort(AllocationModel::IdColumn, Qt::DescendingOrder);
    m_pickerModel = picker;
    using M = QAbstractItemModel;
    connect(allocations, &M::rowsInserted, this, &AllocationChooser::update);
    connect(allocations, &M::rowsRemoved, this, &AllocationChooser::update);
    connect(allocations, &M::dataChanged, this, &AllocationChooser::update);
    connect(allocations, &M::modelReset, this, &AllocationChooser::update);
    connect(allocations, &M::layoutChanged, this, &AllocationChooser::update);
    update();
}

void AllocationChooser::followCurrentRow(QAbstractItemView *view)
{
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) {
                const QString id = index.data(AllocationModel::IdRole).toString();
                if (!id.isEmpty())
                    choose(id);
            });
}

void AllocationChooser::bindPicker(QComboBox *picker)
{
    picker->setModel(m_pickerModel);
    picker->setModelColumn(AllocationModel::IdColumn);
    picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_pickers.append(picker);
    connect(picker, &QComboBox::activated, this, [this](int row) {
        choose(m_pickerModel->index(row, AllocationModel::IdColumn)
                   .data(AllocationModel::IdRole)
                   .toString());
    });
    connect(picker, &QObject::destroyed, this, [this, picker]() { m_pickers.removeAll(picker); });
    syncPickers();
}

void AllocationChooser::choose(const QString &allocId)
{
    if (allocId.isEmpty() || allocId == m_userChoice)
        return;
    m_userChoice = allocId;
    update();
}

void AllocationChooser::reset()
{
    m_userChoice.clear();
    update();
}

void AllocationChooser::setNameSpace(const QString &nameSpace)
{
    m_nameSpace = nameSpace;
}

QString AllocationChooser::nameSpace() const
{
    if (m_current && !m_current->nameSpace.isEmpty())
        return m_current->nameSpace;
    return m_nameSpace;
}

std::optional<Allocation> AllocationChooser::current() const
{
    return m_current;
}

void AllocationChooser::update()
{
    std::optional<Allocation> chosen;
    const Allocation *newest = nullptr;
    const Allocation *newestRunning = nullptr;
    for (int row = 0; row < m_allocations->rowCount(); ++row) {
        const Allocation &a = m_allocations->at(row);
        if (!m_userChoice.isEmpty() && a.id == m_userChoice)
            chosen = a;
        if (!newest || a.createIndex > newest->createIndex)
            newest = &a;
        if (a.clientStatus == u"running" &&
            (!newestRunning || a.createIndex > newestRunning->createIndex))
            newestRunning = &a;
    }
    if (!chosen && newestRunning)
        chosen = *newestRunning;
    else if (!chosen && newest)
        chosen = *newest;
    if (chosen == m_current)
        return;
    m_current = chosen;
    m_currentId = chosen ? chosen->id : QString();
    syncPickers();
    Q_EMIT currentChanged();
}

void AllocationChooser::syncPickers()
{
    int row = -1;
    for (int r = 0; r < m_pickerModel->rowCount(); ++r) {
        if (m_pickerModel->index(r, AllocationModel::IdColumn)
                .data(AllocationModel::IdRole)
                .toString() == m_currentId) {
            row = r;
            break;
        }
    }
    for (QComboBox *picker : std::as_const(m_pickers)) {
        const QSignalBlocker quiet(picker);
        picker->setCurrentIndex(row);
    }
}

} // namespace dd::gui
