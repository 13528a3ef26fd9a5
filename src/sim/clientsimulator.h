#pragma once
// The simulated Nomad clients: they pick up placed allocations and play each
// task out on the simulated clock (received, set up, started, terminated with
// its exit code, restarted per the restart policy), reporting every step as an
// allocation update, as a Nomad client does.

#include "sim/clusterstate.h"
#include "sim/simclock.h"
#include "sim/taskplan.h"

#include <QObject>

namespace dd::sim {

class Scheduler;

class ClientSimulator : public QObject
{
    Q_OBJECT
public:
    // Delays of a client's allocation runner, as a real client shows them.
    static constexpr qint64 kReceivedMs = 2;
    static constexpr qint64 kSetupMs = 3;
    static constexpr qint64 kStartedMs = 38;
    static constexpr qint64 kFirstUpdateMs = 46;
    static constexpr qint64 kUpdateLagMs = 7;

    ClientSimulator(ClusterState &state, SimClock &clock, Scheduler &scheduler,
                    QObject *parent = nullptr);

    void start(const QString &allocId);
    void stop(const QString &allocId);

private:
    struct TaskRun
    {
        TaskPlan plan;
        QString mode; // restart mode
        int attempts = 0;
        qint64 delayNs = 0;
        qint64 intervalNs = 0;
    };
    struct AllocRun
    {
        QMap<QString, TaskRun> tasks;
        QList<SimClock::TimerId> timers;
    };

    void firstUpdate(const QString &allocId);
    void scheduleExit(const QString &allocId, const QString &task);
    void taskExited(const QString &allocId, const QString &task);
    void restartTask(const QString &allocId, const QString &task);
    // Sets the allocation's client status from its tasks and publishes it.
    void publish(ApplyContext &ctx, SimAlloc &alloc);
    static void updateClientStatus(SimAlloc &alloc);
    void after(const QString &allocId, qint64 ms, std::function<void()> fn);

    ClusterState &m_state;
    SimClock &m_clock;
    Scheduler &m_scheduler;
    QHash<QString, AllocRun> m_runs;
};

} // namespace dd::sim
