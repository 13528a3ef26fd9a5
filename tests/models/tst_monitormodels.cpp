// Evaluation, allocation and timeline models, and the placement explanation.

#include "models/allocationmodel.h"
#include "models/evaluationmodel.h"
#include "models/placementexplanation.h"
#include "models/timelinemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

class TestMonitorModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void allocationsMergeAndApply()
    {
        AllocationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Allocation a;
        a.id = u"2d639790-0000-0000-0000-000000000000"_s;
        a.taskGroup = u"import"_s;
        a.nodeName = u"node-1"_s;
        a.clientStatus = u"running"_s;
        TaskState ts;
        ts.state = u"running"_s;
        ts.events.append(TaskEvent{u"Started"_s, u"Task started by client"_s, 10});
        a.taskStates.insert(u"import"_s, ts);
        model.mergeAllocations({a});
        QCOMPARE(model.index(0, AllocationModel::IdColumn).data().toString(), u"2d639790"_s);
        QCOMPARE(model.index(0, AllocationModel::StatusColumn).data().toString(), u"Running"_s);
        QCOMPARE(model.index(0, AllocationModel::LastEventColumn).data().toString(),
                 u"Started: Task started by client"_s);

        Allocation b = a;
        b.id = u"bbbbbbbb-0000-0000-0000-000000000000"_s;
        model.mergeAllocations({b}); // merge keeps a
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        a.clientStatus = u"failed"_s;
        a.taskStates[u"import"_s].state = u"dead"_s;
        a.taskStates[u"import"_s].failed = true;
        a.taskStates[u"import"_s].events.append(
            TaskEvent{u"Terminated"_s, u"Exit Code: 3"_s, 20, 3});
        model.setAllocations({a}); // apply drops b
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.index(0, AllocationModel::TasksColumn).data().toString(),
                 u"import: failed"_s);
        QCOMPARE(model.index(0, AllocationModel::LastEventColumn).data().toString(),
                 u"Terminated: Exit Code: 3"_s);
        QCOMPARE(model.index(0, 0).data(AllocationModel::StatusRole).toString(), u"failed"_s);
    }

    void placementWords()
    {
        Evaluation e;
        e.id = u"fe19c3f8-aaaa"_s;
        e.status = u"complete"_s;
        e.blockedEval = u"5ae5b2c2-bbbb"_s;
        AllocationMetric m;
        m.nodesEvaluated = 1;
        m.nodesExhausted = 1;
        m.dimensionExhausted.insert(u"memory"_s, 1);
        e.failedTgAllocs.insert(u"g"_s, m);
        QCOMPARE(explainPlacement(e),
                 QStringList({u"Task group “g”: 1 allocation could not be placed."_s,
                              u"Not enough memory: exhausted on 1 node."_s}));

        AllocationMetric c;
        c.nodesEvaluated = 1;
        c.nodesFiltered = 1;
        c.coalescedFailures = 1;
        c.constraintFiltered.insert(u"${attr.kernel.name} = windows"_s, 1);
        QCOMPARE(
            explainMetric(u"render"_s, c),
            QStringList({u"Task group “render”: 2 allocations could not be placed."_s,
                         u"The constraint “${attr.kernel.name} = windows” ruled out 1 node."_s}));

        // Memory ran out: freed capacity places it. Only a constraint: it never will (issue 15).
        QVERIFY(!placementNeedsMatchingNode(e));
        QVERIFY(queuedOutlook(placementNeedsMatchingNode(e))
                    .contains(u"as soon as capacity frees up"_s));
        Evaluation constrained = e;
        constrained.failedTgAllocs.clear();
        constrained.failedTgAllocs.insert(u"render"_s, c);
        QVERIFY(placementNeedsMatchingNode(constrained));
        QVERIFY2(queuedOutlook(placementNeedsMatchingNode(constrained))
                     .contains(u"until a node that matches joins"_s),
                 qPrintable(queuedOutlook(placementNeedsMatchingNode(constrained))));
        constrained.failedTgAllocs.insert(u"g"_s, m); // one group short of memory as well
        QVERIFY(!placementNeedsMatchingNode(constrained));

        AllocationMetric dc;
        dc.nodesAvailable.insert(u"dc2"_s, 0);
        const auto lines = explainMetric(u"g"_s, dc);
        QVERIFY(lines.contains(u"No nodes are available in datacenter “dc2”."_s));

        EvaluationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.updateEvaluation(e);
        QCOMPARE(model.index(0, EvaluationModel::PlacementColumn).data().toString(),
                 u"1 unplaced in “g”: not enough memory"_s);
        Evaluation blocked;
        blocked.id = e.blockedEval;
        blocked.status = u"blocked"_s;
        model.updateEvaluation(blocked);
        QCOMPARE(model.rowCount(), 2);
        blocked.status = u"complete"_s;
        model.updateEvaluation(blocked);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, EvaluationModel::StatusColumn).data().toString(), u"complete"_s);
    }

    void timeline()
    {
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(
            {QDateTime::currentDateTimeUtc(), TimelineEntry::Severity::Info, u"Dispatched"_s, {}});
        model.append({QDateTime::currentDateTimeUtc(), TimelineEntry::Severity::Error, u"Failed"_s,
                      u"because"_s});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.texts(), QStringList({u"Dispatched"_s, u"Failed"_s}));
        QCOMPARE(model.index(1, TimelineModel::EventColumn).data().toString(),
                 u"Failed\nbecause"_s);
        QCOMPARE(model.index(1, 0).data(TimelineModel::SeverityRole).toInt(),
                 int(TimelineEntry::Severity::Error));
    }
};

DD_TEST_GUILESS_MAIN(TestMonitorModels)
#include "tst_monitormodels.moc"
