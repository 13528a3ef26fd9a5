// The scheduler and the simulated clients, played out on a paused clock:
// successful runs, task failures with exit codes, restarts, placement
// failures that unblock when capacity appears, and rescheduling.
#include "sim/clientsimulator.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;

class TstSimScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void successTimeline();
    void taskFailure_data();
    void taskFailure();
    void restartThenFail();
    void metaControlsTimeline_data();
    void metaControlsTimeline();
    void placementFailureUnblocksOnNewNode();
    void constraintFilteredUnblocksOnMatchingNode();
    void everyBlockedEvaluationUnblocks();
    void stoppingCancelsBlockedEvaluation();
    void blockedPlacesWhenCapacityFrees();
    void reschedulesFailedAllocation();
    void multiGroupPlacesEveryCount();
    void indexesOnlyGrow();
    void stopJobStopsAllocations();

private:
    QString dispatch(const QString &job, const QMap<QString, QString> &meta = {},
                     const QByteArray &payload = {});
    std::unique_ptr<Simulator> m_sim;
};

void TstSimScheduler::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimScheduler::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.seed = 7;
    m_sim = std::make_unique<Simulator>(o); // the demo cluster
    QVERIFY(m_sim->start());
}

QString TstSimScheduler::dispatch(const QString &job, const QMap<QString, QString> &meta,
                                  const QByteArray &payload)
{
    DispatchRequest r;
    r.jobId = job;
    r.meta = meta;
    r.payload = payload;
    const auto result = m_sim->dispatch(r);
    if (!result) {
        qWarning() << result.error().message;
        return {};
    }
    m_sim->clock().advance(0); // the scheduler's pass
    return result->dispatchedJobId;
}

void TstSimScheduler::successTimeline()
{
    const QString child = dispatch(u"video-encode"_s, {{u"input-codec"_s, u"mp4"_s}}, "{}");
    QVERIFY(!child.isEmpty());
    const SimJob *job = m_sim->job(child);
    QVERIFY(job);
    QCOMPARE(job->status, u"running"_s); // allocations placed, not yet started
    const auto evals = m_sim->state().evalsForJob(u"default"_s, child);
    QCOMPARE(evals.size(), 1);
    QCOMPARE(evals.first()->status, u"complete"_s);
    QCOMPARE(evals.first()->triggeredBy, u"job-register"_s);
    QCOMPARE(evals.first()->queuedAllocations.value(u"encode"_s), 0);
    auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 1);
    const QString allocId = allocs.first()->id;
    QCOMPARE(allocs.first()->clientStatus, u"pending"_s);
    QCOMPARE(allocs.first()->name, child + u".encode[0]"_s);
    QVERIFY(allocs.first()->taskStates.isEmpty());

    m_sim->clock().advance(ClientSimulator::kFirstUpdateMs);
    const SimAlloc *a = m_sim->alloc(allocId);
    QCOMPARE(a->clientStatus, u"running"_s);
    QCOMPARE(a->clientDescription, u"Tasks are running"_s);
    const TaskState running = a->taskStates.value(u"encode"_s);
    QCOMPARE(running.state, u"running"_s);
    QStringList types;
    for (const TaskEvent &e : running.events)
        types << e.type;
    QCOMPARE(types, (QStringList{u"Received"_s, u"Task Setup"_s, u"Started"_s}));
    QCOMPARE(running.events.first().displayMessage, u"Task received by client"_s);

    m_sim->clock().advance(900); // `sleep 1` is not over yet
    QCOMPARE(m_sim->alloc(allocId)->clientStatus, u"running"_s);
    QCOMPARE(m_sim->job(u"video-encode"_s)->summary.childrenRunning, 1);
    m_sim->clock().advance(200);
    a = m_sim->alloc(allocId);
    QCOMPARE(a->clientStatus, u"complete"_s);
    QCOMPARE(a->clientDescription, u"All tasks have completed"_s);
    const TaskState done = a->taskStates.value(u"encode"_s);
    QCOMPARE(done.state, u"dead"_s);
    QVERIFY(!done.failed);
    QCOMPARE(done.events.last().type, u"Terminated"_s);
    QCOMPARE(done.events.last().displayMessage, u"Exit Code: 0"_s);
    QCOMPARE(done.finishedAt - done.startedAt >= 1'000'000'000, true);
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
    QCOMPARE(m_sim->job(child)->summary.groups.value(u"encode"_s).complete, 1);
    const SimJob *parent = m_sim->job(u"video-encode"_s);
    QCOMPARE(parent->summary.childrenDead, 1);
    QCOMPARE(parent->summary.childrenRunning, 0);
    QCOMPARE(parent->status, u"running"_s);
}

void TstSimScheduler::taskFailure_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("flaky-import exits 3")
        << u"flaky-import"_s << 3 << u"Policy allows no restarts"_s;
}

void TstSimScheduler::taskFailure()
{
    QFETCH(QString, job);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    const QString child = dispatch(job);
    m_sim->clock().advance(1000);
    const auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 1);
    const SimAlloc *a = allocs.first();
    QCOMPARE(a->clientStatus, u"failed"_s);
    QCOMPARE(a->clientDescription, u"Failed tasks"_s);
    const TaskState s = a->taskStates.first();
    QVERIFY(s.failed);
    QCOMPARE(s.state, u"dead"_s);
    const TaskEvent terminated = s.events.at(s.events.size() - 2);
    QCOMPARE(terminated.type, u"Terminated"_s);
    QCOMPARE(terminated.exitCode, exitCode);
    QCOMPARE(terminated.displayMessage, u"Exit Code: %1"_s.arg(exitCode));
    QCOMPARE(terminated.details.value("exit_code"_L1).toString(), QString::number(exitCode));
    QCOMPARE(s.events.last().type, u"Not Restarting"_s);
    QCOMPARE(s.events.last().displayMessage, reason);
    QVERIFY(s.events.last().failsTask);
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
    QCOMPARE(m_sim->job(child)->summary.groups.first().failed, 1);
    QVERIFY(a->followupEvalId.isEmpty()); // reschedule attempts = 0
}

void TstSimScheduler::restartThenFail()
{
    // db-migrate: sleep 1; exit 2, one restart after 5s, then it fails for good.
    const QString child = dispatch(u"db-migrate"_s, {{u"schema"_s, u"v42"_s}});
    const QString allocId = m_sim->allocsOfJob(child).first()->id;
    m_sim->clock().advance(1100);
    const SimAlloc *a = m_sim->alloc(allocId);
    TaskState s = a->taskStates.first();
    QCOMPARE(s.restarts, 1);
    QCOMPARE(s.state, u"pending"_s);
    QCOMPARE(s.events.last().type, u"Restarting"_s);
    QCOMPARE(s.events.last().displayMessage, u"Task restarting in 5s"_s);
    QCOMPARE(a->clientStatus, u"pending"_s);
    m_sim->clock().advance(5000);
    QCOMPARE(m_sim->alloc(allocId)->clientStatus, u"running"_s);
    m_sim->clock().advance(1100);
    a = m_sim->alloc(allocId);
    s = a->taskStates.first();
    QCOMPARE(a->clientStatus, u"failed"_s);
    QCOMPARE(s.events.last().displayMessage,
             u"Exceeded allowed attempts 1 in interval 24h0m0s and mode is \"fail\""_s);
}

void TstSimScheduler::metaControlsTimeline_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QVariantMap>("meta");
    QTest::addColumn<int>("runsMs");
    QTest::addColumn<QString>("lastEvent");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("run_for shortens a long job")
        << u"nightly-backfill"_s << QVariantMap{{u"run_for"_s, u"2s"_s}} << 2000 << u"Terminated"_s
        << 0;
    // The default batch restart policy (3 attempts, 15s apart) restarts it.
    QTest::newRow("exit_code fails the task") << u"media-transcode"_s
                                              << QVariantMap{{u"input-uri"_s, u"s3://in"_s},
                                                             {u"profile"_s, u"hd"_s},
                                                             {u"exit_code"_s, u"4"_s}}
                                              << 3000 << u"Restarting"_s << 4;
    QTest::newRow("the script's sleeps")
        << u"fanout"_s << QVariantMap{} << 2000 << u"Terminated"_s << 0;
}

void TstSimScheduler::metaControlsTimeline()
{
    QFETCH(QString, job);
    QFETCH(QVariantMap, meta);
    QFETCH(int, runsMs);
    QFETCH(QString, lastEvent);
    QFETCH(int, exitCode);
    QMap<QString, QString> m;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        m.insert(it.key(), it.value().toString());
    const QString child = dispatch(job, m);
    QVERIFY(!child.isEmpty());
    m_sim->clock().advance(ClientSimulator::kFirstUpdateMs + runsMs - 100);
    bool anyRunning = false;
    for (const SimAlloc *a : m_sim->allocsOfJob(child))
        anyRunning = anyRunning || a->clientStatus == "running"_L1;
    QVERIFY(anyRunning);
    m_sim->clock().advance(200);
    for (const SimAlloc *a : m_sim->allocsOfJob(child)) {
        QVERIFY(a->clientStatus != "running"_L1);
        const TaskState s = a->taskStates.first();
        QCOMPARE(s.events.last().type, lastEvent);
        for (const TaskEvent &e : s.events) {
            if (e.type == "Terminated"_L1)
                QCOMPARE(e.exitCode, exitCode);
        }
    }
}

void TstSimScheduler::placementFailureUnblocksOnNewNode()
{
    const QString child = dispatch(u"huge"_s);
    const auto evals = m_sim->state().evalsForJob(u"default"_s, child);
    QCOMPARE(evals.size(), 2);
    const SimEval *first =
        evals.first()->triggeredBy == "job-register"_L1 ? evals.first() : evals.last();
    const SimEval *blocked = first == evals.first() ? evals.last() : evals.first();
    QCOMPARE(first->status, u"complete"_s);
    QCOMPARE(first->blockedEval, blocked->id);
    QCOMPARE(first->queuedAllocations.value(u"g"_s), 1);
    const QJsonObject metrics = first->failedTgAllocs.value("g"_L1).toObject();
    QCOMPARE(metrics.value("NodesEvaluated"_L1).toInt(), 1);
    QCOMPARE(metrics.value("NodesExhausted"_L1).toInt(), 1);
    QCOMPARE(metrics.value("DimensionExhausted"_L1).toObject().value("memory"_L1).toInt(), 1);
    QCOMPARE(metrics.value("CoalescedFailures"_L1).toInt(), 0);
    QCOMPARE(blocked->status, u"blocked"_s);
    QCOMPARE(blocked->triggeredBy, u"queued-allocs"_s);
    QCOMPARE(blocked->previousEval, first->id);
    QCOMPARE(m_sim->job(child)->status, u"pending"_s);
    QCOMPARE(m_sim->job(child)->summary.groups.value(u"g"_s).queued, 1);
    QCOMPARE(m_sim->job(u"huge"_s)->summary.childrenPending, 1);
    const QString blockedId = blocked->id;

    NodeSpec big;
    big.name = u"bigmem"_s;
    big.memoryMb = 1'000'000;
    m_sim->addNode(big);
    m_sim->clock().advance(0);
    QCOMPARE(m_sim->eval(blockedId)->status, u"complete"_s);
    const auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 1);
    QCOMPARE(allocs.first()->nodeName, u"bigmem"_s);
    QCOMPARE(allocs.first()->evalId, blockedId);
    QCOMPARE(m_sim->job(child)->status, u"running"_s);
    m_sim->clock().advance(2000);
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
    QCOMPARE(m_sim->job(u"huge"_s)->summary.childrenDead, 1);
}

void TstSimScheduler::constraintFilteredUnblocksOnMatchingNode()
{
    const QString child = dispatch(u"gpu-render"_s);
    const SimEval *first = nullptr;
    for (const SimEval *e : m_sim->state().evalsForJob(u"default"_s, child))
        first = e->triggeredBy == "job-register"_L1 ? e : first;
    QVERIFY(first);
    const QJsonObject metrics = first->failedTgAllocs.value("render"_L1).toObject();
    QCOMPARE(metrics.value("NodesFiltered"_L1).toInt(), 1);
    QCOMPARE(metrics.value("ConstraintFiltered"_L1)
                 .toObject()
                 .value("${attr.kernel.name} = windows"_L1)
                 .toInt(),
             1);
    QCOMPARE(metrics.value("CoalescedFailures"_L1).toInt(), 1);
    QCOMPARE(first->queuedAllocations.value(u"render"_s), 2);

    NodeSpec win; // windows and docker: both constraints hold
    win.name = u"win"_s;
    win.attributes.insert(u"kernel.name"_s, u"windows"_s);
    win.drivers << u"docker"_s;
    m_sim->addNode(win);
    m_sim->clock().advance(0);
    const auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 2);
    for (const SimAlloc *a : allocs)
        QCOMPARE(a->nodeName, u"win"_s);
}

void TstSimScheduler::everyBlockedEvaluationUnblocks()
{
    const QString first = dispatch(u"huge"_s);
    const QString second = dispatch(u"huge"_s);
    NodeSpec big;
    big.name = u"bigmem"_s;
    big.memoryMb = 2'000'000; // room for both
    m_sim->addNode(big);
    m_sim->clock().advance(0);
    m_sim->clock().advance(0);
    QCOMPARE(m_sim->allocsOfJob(first).size(), 1);
    QCOMPARE(m_sim->allocsOfJob(second).size(), 1);
    QCOMPARE(m_sim->job(u"huge"_s)->summary.childrenRunning, 2);
}

void TstSimScheduler::stoppingCancelsBlockedEvaluation()
{
    const QString child = dispatch(u"huge"_s);
    QVERIFY(m_sim->stopJob(u"default"_s, child));
    m_sim->clock().advance(0);
    for (const SimEval *e : m_sim->state().evalsForJob(u"default"_s, child))
        QVERIFY2(e->isTerminal(), qPrintable(e->status));
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
    NodeSpec big;
    big.memoryMb = 1'000'000;
    m_sim->addNode(big);
    m_sim->clock().advance(0);
    QVERIFY(m_sim->allocsOfJob(child).isEmpty());
}

void TstSimScheduler::blockedPlacesWhenCapacityFrees()
{
    // A small cluster: one node that fits two allocations of 300 MB.
    SimulatorOptions o;
    o.startPaused = true;
    o.nodes = 0;
    o.loadDemoData = false;
    m_sim = std::make_unique<Simulator>(o);
    NodeSpec small;
    small.name = u"small"_s;
    small.memoryMb = 700;
    m_sim->addNode(small);
    QJsonObject job = QJsonDocument::fromJson(R"({"ID":"trio","Type":"batch","Datacenters":["dc1"],
        "ParameterizedJob":{},"TaskGroups":[{"Name":"w","Count":3,"EphemeralDisk":{"SizeMB":10},
        "Tasks":[{"Name":"w","Driver":"raw_exec","Config":{"command":"/bin/sleep","args":["2"]},
        "Resources":{"CPU":100,"MemoryMB":300}}]}]})")
                          .object();
    QVERIFY(m_sim->registerJob(job));
    const QString child = dispatch(u"trio"_s);
    QCOMPARE(m_sim->allocsOfJob(child).size(), 2);
    QCOMPARE(m_sim->job(child)->summary.groups.value(u"w"_s).queued, 1);
    m_sim->clock().advance(2100); // the first two finish, freeing the node
    m_sim->clock().advance(0);
    const auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 3);
    QStringList names;
    for (const SimAlloc *a : allocs)
        names << a->name;
    names.sort();
    QCOMPARE(names.last(), child + u".w[2]"_s);
    m_sim->clock().advance(2200);
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
}

void TstSimScheduler::reschedulesFailedAllocation()
{
    QJsonObject job = QJsonDocument::fromJson(R"({"ID":"retry","Type":"batch","Datacenters":["dc1"],
        "ParameterizedJob":{},"TaskGroups":[{"Name":"r","RestartPolicy":{"Attempts":0},
        "ReschedulePolicy":{"Attempts":1,"Delay":3000000000},
        "Tasks":[{"Name":"r","Driver":"mock_driver","Config":{"run_for":"1s","exit_code":1},
        "Resources":{"CPU":10,"MemoryMB":10}}]}]})")
                          .object();
    QVERIFY(m_sim->registerJob(job));
    const QString child = dispatch(u"retry"_s);
    m_sim->clock().advance(1100);
    auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 1);
    const QString firstId = allocs.first()->id;
    QCOMPARE(allocs.first()->clientStatus, u"failed"_s);
    const QString followup = allocs.first()->followupEvalId;
    QVERIFY(!followup.isEmpty());
    QCOMPARE(m_sim->eval(followup)->triggeredBy, u"alloc-failure"_s);
    QCOMPARE(m_sim->eval(followup)->status, u"pending"_s);
    QCOMPARE(m_sim->job(child)->status, u"pending"_s);
    m_sim->clock().advance(3000);
    allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 2);
    const SimAlloc *replacement = allocs.first()->id == firstId ? allocs.last() : allocs.first();
    QCOMPARE(replacement->previousAllocation, firstId);
    QCOMPARE(m_sim->alloc(firstId)->nextAllocation, replacement->id);
    QCOMPARE(replacement->rescheduleEvents.size(), 1);
    m_sim->clock().advance(1200);
    QCOMPARE(m_sim->alloc(replacement->id)->clientStatus, u"failed"_s);
    QVERIFY(m_sim->alloc(replacement->id)->followupEvalId.isEmpty()); // attempts used up
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
}

void TstSimScheduler::multiGroupPlacesEveryCount()
{
    const QString child = dispatch(u"fanout"_s);
    const auto allocs = m_sim->allocsOfJob(child);
    QCOMPARE(allocs.size(), 4);
    QStringList names;
    for (const SimAlloc *a : allocs)
        names << a->name.mid(child.size());
    names.sort();
    QCOMPARE(names, (QStringList{u".map[0]"_s, u".map[1]"_s, u".map[2]"_s, u".reduce[0]"_s}));
}

void TstSimScheduler::indexesOnlyGrow()
{
    quint64 last = m_sim->index();
    QList<quint64> seen;
    connect(&m_sim->state(), &ClusterState::committed, this, [&](quint64 index) { seen << index; });
    dispatch(u"video-encode"_s, {{u"input-codec"_s, u"x"_s}}, "p");
    m_sim->clock().advance(2000);
    QVERIFY(seen.size() >= 6);
    for (quint64 i : seen) {
        QCOMPARE(i, last + 1);
        last = i;
    }
    for (const auto &[id, a] : m_sim->state().allocs())
        QVERIFY(a.createIndex <= a.modifyIndex);
}

void TstSimScheduler::stopJobStopsAllocations()
{
    const QString child = dispatch(u"nightly-backfill"_s);
    m_sim->clock().advance(100);
    QCOMPARE(m_sim->allocsOfJob(child).first()->clientStatus, u"running"_s);
    QVERIFY(m_sim->stopJob(u"default"_s, child));
    m_sim->clock().advance(100);
    const SimAlloc *a = m_sim->allocsOfJob(child).first();
    QCOMPARE(a->desiredStatus, u"stop"_s);
    QCOMPARE(a->clientStatus, u"complete"_s);
    QCOMPARE(a->taskStates.first().events.last().type, u"Killed"_s);
    QCOMPARE(m_sim->job(child)->status, u"dead"_s);
    QVERIFY(m_sim->job(child)->stop);
}

DD_TEST_GUILESS_MAIN(TstSimScheduler)
#include "tst_simscheduler.moc"
