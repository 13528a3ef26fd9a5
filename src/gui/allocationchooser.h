#pragma once
// Which allocation a dispatch's (or a child's) Files and Usage tabs show.
// Until the user picks one it is the newest allocation that is running, else
// the newest; a row made current in the allocations table, or a choice in a
// tab's picker, is the user's pick and stays until another child is shown.
// currentChanged() is sent when the choice changes and when the chosen
// allocation does (a task starts, the allocation ends).

#include "core/types.h"

#include <QObject>

#include <optional>

class QAbstractItemModel;
class QAbstractItemView;
class QComboBox;

namespace dd::models {
class AllocationModel;
}

namespace dd::gui {

class AllocationChooser : public QObject
{
    Q_OBJECT
public:
    AllocationChooser(models::AllocationModel *allocations, const QString &nameSpace,
                      QObject *parent = nullptr);

    // A row of `view` (over the allocation model, through any proxies) made
    // current picks its allocation.
    void followCurrentRow(QAbstractItemView *view);
    // A combo box that shows the allocations, newest first, and picks one.
    void bindPicker(QComboBox *picker);
    // The user's pick (the full ID); an unknown ID is kept until it appears.
    void choose(const QString &allocId);
    // Forgets the user's pick: another child, another dispatch.
    void reset();
    // For allocations that do not name theirs.
    void setNameSpace(const QString &nameSpace);

    std::optional<Allocation> current() const;
    QString currentId() const { return m_currentId; }
    QString nameSpace() const;
    bool isUserChoice() const { return !m_userChoice.isEmpty(); }

Q_SIGNALS:
    void currentChanged();

private:
    void update();
    void syncPickers();

    models::AllocationModel *m_allocations;
    QAbstractItemModel *m_pickerModel;
    QList<QComboBox *> m_pickers;
    QString m_nameSpace;
    QString m_userChoice;
    QString m_currentId;
    std::optional<Allocation> m_current;
};

} // namespace dd::gui
