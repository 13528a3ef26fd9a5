#include "sim/clientsimulator.h"

#include "sim/nomadformat.h"
#include "sim/scheduler.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

TaskEvent taskEvent(const QString &type, qint64 time, const QString &display)
{
    TaskEvent e;
    e.type = type;
    e.time = time;
    e.displayMessage = display;
    return e;
}

TaskEvent terminated(qint64 time, int exitCode)
{
    TaskEvent e = taskEvent(u"Terminated"_s, time, u"Exit Code: %1"_s.arg(exitCode));
    e.exitCode = exitCode;
    e.details = QJsonObject{{"exit_code"_L1, QString::number(exitCode)},
                            {"oom_killed"_L1, u"false"_s},
                            {"signal"_L1, u"0"_s}};
    return e;
}

} // namespace

ClientSimulator::ClientSimulator(ClusterState &state, SimClock &clock, Scheduler &scheduler,
                                 QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_clock(clock)
    , m_scheduler(scheduler)
{}

void ClientSimulator::after(const QString &allocId, qint64 ms, std::function<void()> fn)
{
    const SimClock::TimerId id = m_clock.callAfter(ms, this, std::move(fn));
    m_runs[allocId].timers << id;
}

void ClientSimulator::start(const QString &allocId)
{
    const SimAlloc *alloc = m_state.alloc(allocId);
    if (!alloc)
        return;
    const SimJob *job = m_state.job(alloc->ns, alloc->jobId);
    if (!job)
        return;
    AllocRun run;
    for (const QJsonValue &g : job->taskGroups()) {
        const QJsonObject group = g.toObject();
        if (group.value("Name"_L1).toString() != alloc->taskGroup)
            continue;
        for (const QJsonValue &t : group.value("Tasks"_L1).toArray()) {
            const QJsonObject task = t.toObject();
            const QJsonObject restart = task.value("RestartPolicy"_L1).toObject();
            TaskRun tr;
            tr.plan = planTask(task, group, job->meta(), job->type());
            tr.mode = restart.value("Mode"_L1).toString(u"fail"_s);
            tr.attempts = restart.value("Attempts"_L1).toInt();
            tr.delayNs = restart.value("Delay"_L1).toInteger(15 * kNsPerSecond);
            tr.intervalNs = restart.value("Interval"_L1).toInteger(24 * 3600 * kNsPerSecond);
            run.tasks.insert(task.value("Name"_L1).toString(), tr);
        }
    }
    m_runs.insert(allocId, run);
    after(allocId, kFirstUpdateMs, [this, allocId] { firstUpdate(allocId); });
}

void ClientSimulator::firstUpdate(const QString &allocId)
{
    QStringList started;
    m_state.apply([&](ApplyContext &ctx) {
        SimAlloc *a = m_state.alloc(allocId);
        if (!a)
            return;
        const qint64 t0 = a->createTime;
        for (auto it = m_runs[allocId].tasks.begin(); it != m_runs[allocId].tasks.end(); ++it) {
            TaskState s;
            s.events << taskEvent(u"Received"_s, t0 + kReceivedMs * kNsPerMs,
                                  u"Task received by client"_s);
            TaskEvent setup =
                taskEvent(u"Task Setup"_s, t0 + kSetupMs * kNsPerMs, u"Building Task Directory"_s);
            setup.message = setup.displayMessage;
            setup.details = QJsonObject{{"message"_L1, setup.message}};
            s.events << setup;
            const qint64 startedAt = t0 + kStartedMs * kNsPerMs;
            if (!it->plan.startError.isEmpty()) {
                TaskEvent failure = taskEvent(u"Driver Failure"_s, startedAt, it->plan.startError);
                failure.driverError = it->plan.startError;
                failure.details = QJsonObject{{"driver_error"_L1, it->plan.startError}};
                s.events << failure;
                a->taskStates.insert(it.key(), s);
                continue;
            }
            s.events << taskEvent(u"Started"_s, startedAt, u"Task started by client"_s);
            s.state = u"running"_s;
            s.startedAt = startedAt;
            a->taskStates.insert(it.key(), s);
            started << it.key();
        }
        a->networkStatusSet = true;
        publish(ctx, *a);
    });
    for (auto it = m_runs[allocId].tasks.begin(); it != m_runs[allocId].tasks.end(); ++it) {
        if (started.contains(it.key()))
            scheduleExit(allocId, it.key());
        else
            after(allocId, 0, [this, allocId, task = it.key()] { taskExited(allocId, task); });
    }
}

void ClientSimulator::scheduleExit(const QString &allocId, const QString &task)
{
    const TaskRun &run = m_runs[allocId].tasks[task];
    if (run.plan.forever)
        return;
    const SimAlloc *a = m_state.alloc(allocId);
    const qint64 startedAt = a->taskStates.value(task).startedAt;
    const qint64 exitAt = startedAt + run.plan.runForNs + kUpdateLagMs * kNsPerMs;
    const qint64 delayMs =
        std::max<qint64>(0, (exitAt - m_clock.nowNs() + kNsPerMs - 1) / kNsPerMs);
    after(allocId, delayMs, [this, allocId, task] { taskExited(allocId, task); });
}

void ClientSimulator::taskExited(const QString &allocId, const QString &task)
{
    bool failedAlloc = false;
    bool terminal = false;
    bool restart = false;
    qint64 restartDelayMs = 0;
    m_state.apply([&](ApplyContext &ctx) {
        SimAlloc *a = m_state.alloc(allocId);
        if (!a || !a->taskStates.contains(task))
            return;
        TaskRun &run = m_runs[allocId].tasks[task];
        TaskState &s = a->taskStates[task];
        const qint64 now = m_clock.nowNs();
        const bool startFailed = !run.plan.startError.isEmpty();
        const qint64 endedAt = startFailed ? now : s.startedAt + run.plan.runForNs;
        if (!startFailed)
            s.events << terminated(endedAt, run.plan.exitCode);
        const bool failed = startFailed || run.plan.exitCode != 0;
        if (failed && (s.restarts < run.attempts || run.mode == "delay"_L1)) {
            const bool exhausted = s.restarts >= run.attempts;
            const qint64 delay = exhausted ? run.intervalNs : run.delayNs;
            TaskEvent e = taskEvent(u"Restarting"_s, endedAt, QString());
            e.restartReason = exhausted ? u"Exceeded allowed attempts, applying a delay"_s
                                        : u"Restart within policy"_s;
            e.startDelay = delay;
            e.displayMessage =
                exhausted ? e.restartReason : u"Task restarting in %1"_s.arg(goDuration(delay));
            e.details = QJsonObject{{"restart_reason"_L1, e.restartReason},
                                    {"start_delay"_L1, QString::number(delay)}};
            s.events << e;
            s.state = u"pending"_s;
            s.restarts += 1;
            s.lastRestart = endedAt;
            restart = true;
            restartDelayMs = delay / kNsPerMs;
        } else {
            if (failed) {
                const QString reason =
                    run.attempts == 0
                        ? u"Policy allows no restarts"_s
                        : u"Exceeded allowed attempts %1 in interval %2 and mode is \"%3\""_s
                              .arg(run.attempts)
                              .arg(goDuration(run.intervalNs), run.mode);
                TaskEvent e = taskEvent(u"Not Restarting"_s, endedAt, reason);
                e.restartReason = reason;
                e.failsTask = true;
                e.details =
                    QJsonObject{{"restart_reason"_L1, reason}, {"fails_task"_L1, u"true"_s}};
                s.events << e;
                s.failed = true;
            }
            s.state = u"dead"_s;
            s.finishedAt = now;
            if (failed) {
                // A failed task takes its siblings down, as a Nomad client does.
                for (auto it = a->taskStates.begin(); it != a->taskStates.end(); ++it) {
                    if (it.key() == task || it->state == "dead"_L1)
                        continue;
                    TaskEvent sib = taskEvent(u"Sibling Task Failed"_s, now,
                                              u"Task's sibling \"%1\" failed"_s.arg(task));
                    sib.details = QJsonObject{{"failed_sibling"_L1, task}};
                    it->events << sib;
                    TaskEvent killed = taskEvent(u"Killed"_s, now, u"Task successfully killed"_s);
                    it->events << killed;
                    it->state = u"dead"_s;
                    it->finishedAt = now;
                }
            }
        }
        // The follow-up evaluation must exist before the job's status is
        // recomputed: a job waiting to reschedule is pending, not dead.
        updateClientStatus(*a);
        terminal = a->isTerminal();
        failedAlloc = a->clientStatus == "failed"_L1;
        if (failedAlloc)
            m_scheduler.allocationFailed(ctx, *a);
        publish(ctx, *a);
    });
    if (restart) {
        after(allocId, restartDelayMs, [this, allocId, task] { restartTask(allocId, task); });
    }
    if (terminal) {
        for (SimClock::TimerId id : m_runs[allocId].timers)
            m_clock.cancel(id);
        m_runs.remove(allocId);
        m_scheduler.capacityChanged();
    }
}

void ClientSimulator::restartTask(const QString &allocId, const QString &task)
{
    m_state.apply([&](ApplyContext &ctx) {
        SimAlloc *a = m_state.alloc(allocId);
        if (!a || a->isTerminal())
            return;
        TaskState &s = a->taskStates[task];
        const qint64 now = m_clock.nowNs();
        if (m_runs[allocId].tasks[task].plan.startError.isEmpty()) {
            s.events << taskEvent(u"Started"_s, now, u"Task started by client"_s);
            s.state = u"running"_s;
            s.startedAt = now;
        }
        publish(ctx, *a);
    });
    if (m_runs[allocId].tasks[task].plan.startError.isEmpty())
        scheduleExit(allocId, task);
    else
        after(allocId, 0, [this, allocId, task] { taskExited(allocId, task); });
}

void ClientSimulator::stop(const QString &allocId)
{
    for (SimClock::TimerId id : m_runs.value(allocId).timers)
        m_clock.cancel(id);
    m_runs.remove(allocId);
    m_clock.callAfter(kUpdateLagMs, this, [this, allocId] {
        m_state.apply([&](ApplyContext &ctx) {
            SimAlloc *a = m_state.alloc(allocId);
            if (!a)
                return;
            const qint64 now = m_clock.nowNs();
            for (auto it = a->taskStates.begin(); it != a->taskStates.end(); ++it) {
                if (it->state == "dead"_L1)
                    continue;
                TaskEvent killing = taskEvent(u"Killing"_s, now,
                                              u"Sent interrupt. Waiting 5s before force killing"_s);
                killing.details = QJsonObject{{"kill_timeout"_L1, u"5s"_s}};
                // A shell that gets the interrupt exits 130, as recorded.
                TaskEvent exited = terminated(now, 130);
                exited.signal = 2;
                exited.displayMessage = u"Exit Code: 130, Signal: 2"_s;
                exited.details.insert("signal"_L1, u"2"_s);
                it->events << killing << exited
                           << taskEvent(u"Killed"_s, now, u"Task successfully killed"_s);
                it->state = u"dead"_s;
                it->finishedAt = now;
            }
            a->clientStatus = u"complete"_s;
            a->clientDescription = u"All tasks have completed"_s;
            a->modifyIndex = ctx.index();
            a->modifyTime = now;
            ctx.touch(Table::Allocs);
            ctx.allocEvent(*a, u"AllocationUpdated"_s);
            m_state.refreshJob(ctx, a->ns, a->jobId, u"AllocationUpdated"_s);
        });
        m_scheduler.capacityChanged();
    });
}

void ClientSimulator::publish(ApplyContext &ctx, SimAlloc &a)
{
    updateClientStatus(a);
    a.modifyIndex = ctx.index();
    a.modifyTime = m_clock.nowNs();
    ctx.touch(Table::Allocs);
    ctx.allocEvent(a, u"AllocationUpdated"_s);
    m_state.refreshJob(ctx, a.ns, a.jobId, u"AllocationUpdated"_s);
}

// Nomad's client status from task states: failed, then running, then pending, then complete.
void ClientSimulator::updateClientStatus(SimAlloc &a)
{
    bool failed = false, running = false, pending = false, dead = false;
    for (const TaskState &s : a.taskStates) {
        if (s.state == "running"_L1)
            running = true;
        else if (s.state == "pending"_L1)
            pending = true;
        else if (s.failed)
            failed = true;
        else
            dead = true;
    }
    if (failed) {
        a.clientStatus = u"failed"_s;
        a.clientDescription = u"Failed tasks"_s;
    } else if (running) {
        a.clientStatus = u"running"_s;
        a.clientDescription = u"Tasks are running"_s;
    } else if (pending) {
        a.clientStatus = u"pending"_s;
        a.clientDescription = u"No tasks have started"_s;
    } else if (dead) {
        a.clientStatus = u"complete"_s;
        a.clientDescription = u"All tasks have completed"_s;
    }
}

} // namespace dd::sim
