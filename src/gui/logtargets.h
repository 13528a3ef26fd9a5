#pragma once
// The tasks of a dispatch's (or a child's) allocations offered in its Logs
// tab: kept in step with the allocation model as tasks start, and each
// allocation's streams told when it has finished.

#include "gui/logpanel.h"

#include <QObject>

namespace dd {
struct Allocation;
}

namespace dd::models {
class AllocationModel;
}

namespace dd::gui {

// Every task that has started (or ended), oldest allocation first.
QList<LogTarget> logTargets(const QList<Allocation> &allocations, const QString &nameSpace);

class LogTargetBinder : public QObject
{
    Q_OBJECT
public:
    LogTargetBinder(models::AllocationModel *allocations, LogPanel *panel,
                    const QString &nameSpace);

    void update();
    // For allocations that do not name theirs.
    void setNameSpace(const QString &nameSpace) { m_nameSpace = nameSpace; }

private:
    models::AllocationModel *m_allocations;
    LogPanel *m_panel;
    QString m_nameSpace;
};

} // namespace dd::gui
