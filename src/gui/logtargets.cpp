#include "gui/logtargets.h"

#include "core/types.h"
#include "models/allocationmodel.h"

#include <algorithm>

namespace dd::gui {

QList<LogTarget> logTargets(const QList<Allocation> &allocations, const QString &nameSpace)
{
    QList<Allocation> sorted = allocations;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Allocation &a, const Allocation &b) {
        return a.createIndex < b.createIndex;
    });
    QList<LogTarget> targets;
    for (const Allocation &a : sorted) {
        for (auto it = a.taskStates.cbegin(); it != a.taskStates.cend(); ++it) {
            // A task still pending has written nothing yet (Nomad answers 404 for its log).
            if (it->state == u"pending")
                continue;
            LogTarget t;
            t.allocationId = a.id;
            t.task = it.key();
            t.label = a.id.left(8) + u" · " + it.key();
            t.nameSpace = a.nameSpace.isEmpty() ? nameSpace : a.nameSpace;
            targets.append(t);
        }
    }
    return targets;
}

LogTargetBinder::LogTargetBinder(models::AllocationModel *allocations, LogPanel *panel,
                                 const QString &nameSpace)
    : QObject(panel)
    , m_allocations(allocations)
    , m_panel(panel)
    , m_nameSpace(nameSpace)
{
    panel->setPlaceholder(tr("No task has started yet: its output shows here as soon as it runs."));
    using M = QAbstractItemModel;
    connect(allocations, &M::rowsInserted, this, &LogTargetBinder::update);
    connect(allocations, &M::rowsRemoved, this, &LogTargetBinder::update);
    connect(allocations, &M::dataChanged, this, &LogTargetBinder::update);
    connect(allocations, &M::modelReset, this, &LogTargetBinder::update);
    connect(allocations, &M::layoutChanged, this, &LogTargetBinder::update);
    update();
}

void LogTargetBinder::update()
{
    QList<Allocation> all;
    all.reserve(m_allocations->rowCount());
    for (int row = 0; row < m_allocations->rowCount(); ++row)
        all.append(m_allocations->at(row));
    m_panel->setTargets(logTargets(all, m_nameSpace));
    for (const Allocation &a : all) {
        if (a.isTerminal())
            m_panel->setAllocationTerminal(a.id);
    }
}

} // namespace dd::gui
