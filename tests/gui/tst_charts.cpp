// The pictures: the chart of a job's dispatched children (outcome and run
// time over submit time) and the per-dispatch allocation timeline, against
// the simulator, in the real main window.

#include "guitestsupport.h"

#include "gui/allocationtimeline.h"
#include "gui/childrenchart.h"
#include "gui/childrenpanel.h"
#include "gui/dispatchpanel.h"
#include "gui/joblistpanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "models/childjobmodel.h"
#include "models/joblistmodel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLegend>
#include <QLegendMarker>
#include <QPushButton>
#include <QScatterSeries>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kTimeout = 20000;
constexpr qint64 kNsPerMs = 1'000'000;
constexpr qint64 kNsPerSecond = 1'000'000'000;

// A job whose children fail or run as long as their meta says; no restarts or
// reschedules, so a failure is final at once.
const char *const kMixedJob = R"({"ID":"mixed","Type":"batch","Datacenters":["dc1"],
    "ParameterizedJob":{"Payload":"forbidden","MetaOptional":["exit_code","run_for"]},
    "TaskGroups":[{"Name":"work","Count":1,
      "RestartPolicy":{"Attempts":0,"Mode":"fail"},
      "ReschedulePolicy":{"Attempts":0,"Unlimited":false},
      "Tasks":[{"Name":"work","Driver":"mock_driver","Config":{"run_for":"1s"},
                "Resources":{"CPU":10,"MemoryMB":10}}]}]})";

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// "complete=3 failed=2 running=1 pending=0 dead=0": one line to compare and to read on failure.
QString pointCounts(gui::ChildrenChart *chart)
{
    QStringList parts;
    for (const QString &outcome : gui::ChildrenChart::outcomes())
        parts << outcome + u'=' + QString::number(chart->series(outcome)->count());
    return parts.join(u' ');
}

QStringList pointIds(gui::ChildrenChart *chart, const QString &outcome)
{
    QStringList ids;
    for (int i = 0; i < chart->series(outcome)->count(); ++i)
        ids << chart->childAt(outcome, i);
    ids.sort();
    return ids;
}

QStringList laneStates(const gui::AllocationTimeline::Lane &lane)
{
    QStringList states;
    for (const auto &s : lane.segments)
        states << s.state;
    return states;
}
} // namespace

class TestCharts : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;

    void registerMixedJob()
    {
        bool ok = false;
        f->host().invoke([&](sim::Simulator &s) {
            ok = s.registerJob(QJsonDocument::fromJson(kMixedJob).object()).has_value();
        });
        QVERIFY(ok);
    }
    QString dispatchChild(const QString &exitCode, const QString &runFor)
    {
        QString id;
        f->host().invoke([&](sim::Simulator &s) {
            sim::DispatchRequest r;
            r.jobId = u"mixed"_s;
            r.meta = {{u"exit_code"_s, exitCode}, {u"run_for"_s, runFor}};
            const auto result = s.dispatch(r);
            if (result)
                id = result->dispatchedJobId;
        });
        return id;
    }
    QString childStatus(const QString &id)
    {
        QString status;
        f->host().invoke([&](sim::Simulator &s) {
            if (const sim::SimJob *job = s.job(id))
                status = job->status;
        });
        return status;
    }
    bool dispatchFromForm(const QString &job)
    {
        if (!f->openJob(job))
            return false;
        auto *button = f->find<QPushButton>(u"dispatchButton"_s);
        if (!QTest::qWaitFor([&] { return button->isEnabled(); }, 10000))
            return false;
        const int before = f->window().monitorArea()->count();
        QTest::mouseClick(button, Qt::LeftButton);
        return QTest::qWaitFor([&] { return f->window().monitorArea()->count() == before + 1; },
                               kTimeout);
    }
    void showChildrenChart()
    {
        auto &w = f->window();
        f->find<QTabWidget>(u"centralTabs"_s)->setCurrentWidget(w.childrenPanel());
        QTest::mouseClick(f->find<QToolButton>(u"childrenChartButton"_s), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void childrenChartFollowsOutcomes()
    {
        QVERIFY(f->start());
        registerMixedJob();
        auto &w = f->window();
        auto *panel = w.childrenPanel();
        auto *chart = panel->chart();
        QCOMPARE(f->find<gui::ChildrenChart>(u"childrenChart"_s), chart);

        // Before a job is chosen, and for a job that has no children yet.
        showChildrenChart();
        QVERIFY(panel->isChartShown());
        QVERIFY(chart->isVisible());
        QVERIFY(!panel->view()->isVisible());
        QVERIFY(f->find<QToolButton>(u"childrenChartButton"_s)->isChecked());
        QVERIFY(!f->find<QToolButton>(u"childrenTableButton"_s)->isChecked());
        QTRY_COMPARE(chart->emptyText(), u"Select a job to see its dispatched children."_s);
        QVERIFY(f->openJob(u"mixed"_s));
        f->find<QTabWidget>(u"centralTabs"_s)->setCurrentWidget(panel);
        QTRY_VERIFY(chart->emptyText().startsWith(u"No dispatched children yet"_s));
        QVERIFY(f->find<QLabel>(u"childrenChartEmptyLabel"_s)->isVisible());
        QVERIFY(!chart->chartView()->isVisible());
        f->screenshot(u"children-chart-empty"_s);

        // Three finish, two fail, one keeps running; in three waves, so they spread over time.
        const qint64 windowStart = nowMs() - 1000;
        QStringList complete;
        QStringList failed;
        const auto waitUntilEnded = [this](const QStringList &ids) {
            for (const QString &id : ids) {
                if (!QTest::qWaitFor([&] { return childStatus(id) == u"dead"_s; }, kTimeout))
                    return false;
            }
            return true;
        };
        complete << dispatchChild(u"0"_s, u"1s"_s);
        failed << dispatchChild(u"2"_s, u"2s"_s);
        const QString running = dispatchChild(u"0"_s, u"10m"_s);
        QVERIFY(waitUntilEnded(complete + failed));
        complete << dispatchChild(u"0"_s, u"2s"_s) << dispatchChild(u"0"_s, u"3s"_s);
        QVERIFY(waitUntilEnded(complete));
        failed << dispatchChild(u"2"_s, u"1s"_s);
        QVERIFY(waitUntilEnded(failed));
        QVERIFY(!complete.contains(QString()) && !failed.contains(QString()));
        QVERIFY(!running.isEmpty());
        // Submitted after the first two: the newest four.
        QStringList newest = {running, complete.at(1), complete.at(2), failed.at(1)};
        newest.sort();
        complete.sort();
        failed.sort();

        QTRY_COMPARE_WITH_TIMEOUT(pointCounts(chart),
                                  u"complete=3 failed=2 running=1 pending=0 dead=0"_s, kTimeout);
        QCOMPARE(pointIds(chart, u"complete"_s), complete);
        QCOMPARE(pointIds(chart, u"failed"_s), failed);
        QCOMPARE(pointIds(chart, u"running"_s), QStringList{running});
        QVERIFY(!chart->isEmpty());
        QVERIFY(chart->chartView()->isVisible());

        // Submitted within the test; finished ones ran their second, none longer than the test.
        const qint64 windowEnd = nowMs() + 1000;
        const double windowSeconds = double(windowEnd - windowStart) / 1000.0;
        for (const QString &outcome : {u"complete"_s, u"failed"_s, u"running"_s}) {
            for (const QPointF &p : chart->series(outcome)->points()) {
                const double seconds = p.y() * chart->secondsPerUnit();
                QVERIFY2(p.x() >= double(windowStart) && p.x() <= double(windowEnd),
                         qPrintable(u"%1 submitted at %2"_s.arg(outcome).arg(p.x())));
                QVERIFY2(seconds >= 0 && seconds <= windowSeconds,
                         qPrintable(u"%1 ran %2 s"_s.arg(outcome).arg(seconds)));
                if (outcome != u"running")
                    QVERIFY2(seconds >= 1.0,
                             qPrintable(u"%1 ran %2 s"_s.arg(outcome).arg(seconds)));
            }
        }
        QVERIFY(chart->series(u"running"_s)->isVisible());

        // What a user reads: title, legend, the words on a point.
        QCOMPARE(chart->chart()->title(), u"Last 6 children of “mixed”"_s);
        QStringList legend;
        for (QLegendMarker *marker : chart->chart()->legend()->markers()) {
            if (marker->isVisible())
                legend << marker->label();
        }
        QCOMPARE(legend, QStringList({u"Completed"_s, u"Failed"_s, u"Running"_s, u"Pending"_s}));
        const QString text = chart->pointText(u"failed"_s, 0);
        QVERIFY2(text.startsWith(chart->childAt(u"failed"_s, 0) + u'\n'), qPrintable(text));
        QVERIFY2(text.contains(u"Failed, ran "_s), qPrintable(text));
        QVERIFY2(chart->pointText(u"running"_s, 0).contains(u"Running, running for "_s),
                 qPrintable(chart->pointText(u"running"_s, 0)));
        f->screenshot(u"children-chart"_s);

        // The status filter narrows the chart as it does the table.
        panel->setStatusFilter(u"failed"_s);
        QTRY_VERIFY(!chart->series(u"complete"_s)->isVisible());
        QCOMPARE(pointCounts(chart), u"complete=0 failed=2 running=0 pending=0 dead=0"_s);
        panel->setStatusFilter(u"all"_s);
        QTRY_COMPARE(pointCounts(chart), u"complete=3 failed=2 running=1 pending=0 dead=0"_s);

        // Only the newest children are kept: the oldest go first.
        chart->setCapacity(4);
        QTRY_COMPARE(chart->childCount(), 4);
        QTRY_VERIFY(chart->chart()->title().endsWith(u"(of 6)"_s));
        int points = 0;
        for (const QString &outcome : gui::ChildrenChart::outcomes())
            points += chart->series(outcome)->count();
        QCOMPARE(points, 4);
        QStringList kept;
        for (const QString &outcome : gui::ChildrenChart::outcomes())
            kept += pointIds(chart, outcome);
        kept.sort();
        QCOMPARE(kept, newest);
        chart->setCapacity(gui::ChildrenChart::kDefaultCapacity);
        QTRY_COMPARE(chart->childCount(), 6);

        // And back to the table.
        QTest::mouseClick(f->find<QToolButton>(u"childrenTableButton"_s), Qt::LeftButton);
        QVERIFY(!panel->isChartShown());
        QVERIFY(panel->view()->isVisible());
        QVERIFY(!chart->isVisible());
        QCOMPARE(panel->model()->rowCount(), 6);
    }

    void chartReadsWhenEarlierChildrenEnded()
    {
        QVERIFY(f->start());
        registerMixedJob();
        auto &w = f->window();
        // Children that ended before anyone looked: the job list does not say when.
        const QStringList complete = {dispatchChild(u"0"_s, u"1s"_s),
                                      dispatchChild(u"0"_s, u"2s"_s)};
        const QString failed = dispatchChild(u"3"_s, u"1s"_s);
        for (const QString &id : complete + QStringList{failed})
            QTRY_COMPARE_WITH_TIMEOUT(childStatus(id), u"dead"_s, kTimeout);

        QVERIFY(f->openJob(u"mixed"_s));
        f->find<QTabWidget>(u"centralTabs"_s)->setCurrentWidget(w.childrenPanel());
        QTRY_COMPARE(w.childrenPanel()->model()->rowCount(), 3);
        const QString allocsPath = u"^/v1/job/mixed/dispatch-[^/]+/allocations$"_s;
        // The table alone costs no reads of allocations.
        QCOMPARE(f->host().requests()->matching(u"GET"_s, allocsPath).size(), 0);

        showChildrenChart();
        auto *chart = w.childrenPanel()->chart();
        QTRY_COMPARE_WITH_TIMEOUT(pointCounts(chart),
                                  u"complete=2 failed=1 running=0 pending=0 dead=0"_s, kTimeout);
        QStringList read;
        for (const auto &r : f->host().requests()->matching(u"GET"_s, allocsPath))
            read << r.path.section(u'/', 3, 4);
        read.sort();
        QStringList expected = complete + QStringList{failed};
        expected.sort();
        QCOMPARE(read, expected); // once each
        // The run times come from the tasks' finish: at least what each was told to run.
        for (int i = 0; i < chart->series(u"complete"_s)->count(); ++i) {
            const double seconds =
                chart->series(u"complete"_s)->at(i).y() * chart->secondsPerUnit();
            const double expectedRun = chart->childAt(u"complete"_s, i) == complete.at(1) ? 2 : 1;
            QVERIFY2(seconds >= expectedRun && seconds < expectedRun + 5,
                     qPrintable(u"ran %1 s"_s.arg(seconds)));
        }
        QCOMPARE(chart->childAt(u"failed"_s, 0), failed);
        QVERIFY(!f->find<QLabel>(u"childrenChartNote"_s)->isVisible());
    }

    void allocationTimelineHasALanePerAllocation()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        const qint64 windowStart = nowMs() - 1000;
        // fanout: three "map" allocations and one "reduce".
        QVERIFY(dispatchFromForm(u"fanout"_s));
        auto *panel = w.monitorArea()->currentMonitor();
        panel->showAllocationTimeline();
        auto *timeline = panel->allocationTimeline();
        QCOMPARE(f->find<gui::AllocationTimeline>(u"allocationTimeline"_s), timeline);
        QVERIFY(timeline->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kTimeout);
        QTRY_COMPARE(timeline->lanes().size(), 4);
        QTRY_VERIFY(!timeline->isTicking()); // nothing runs: no clock
        const qint64 windowEnd = nowMs() + 1000;

        QStringList labels;
        for (const auto &lane : timeline->lanes()) {
            labels << lane.label.section(u"  "_s, 1);
            QCOMPARE(lane.label.section(u"  "_s, 0, 0), lane.allocationId.left(8));
            // Waited, ran, completed: in that order, each starting where the last ended.
            QCOMPARE(laneStates(lane), QStringList({u"pending"_s, u"running"_s, u"complete"_s}));
            qint64 t = 0;
            for (const auto &s : lane.segments) {
                QVERIFY(s.startNs >= windowStart * kNsPerMs && s.startNs <= windowEnd * kNsPerMs);
                QVERIFY(s.startNs >= t);
                if (s.endNs != 0)
                    QVERIFY(s.endNs >= s.startNs);
                t = s.endNs;
            }
            QCOMPARE(lane.segments.last().endNs, 0); // the final state holds
            const auto &run = lane.segments.at(1);
            const qint64 expected = labels.last().startsWith(u"map"_s) ? 2 : 1; // the sleeps
            QVERIFY2(run.endNs - run.startNs >= expected * kNsPerSecond - kNsPerSecond / 10,
                     qPrintable(u"%1 ran %2 ms"_s.arg(labels.last())
                                    .arg((run.endNs - run.startNs) / kNsPerMs)));
        }
        QCOMPARE(labels, QStringList({u"map[0]"_s, u"map[1]"_s, u"map[2]"_s, u"reduce[0]"_s}));
        QVERIFY(timeline->startNs() >= windowStart * kNsPerMs);
        QVERIFY(timeline->endNs() > timeline->startNs());
        f->screenshot(u"allocation-timeline"_s);
    }

    void allocationTimelineEndsFailedOrRuns()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(dispatchFromForm(u"flaky-import"_s));
        auto *failedPanel = w.monitorArea()->currentMonitor();
        failedPanel->showAllocationTimeline();
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Failed"_s, kTimeout);
        auto *timeline = failedPanel->allocationTimeline();
        QTRY_COMPARE(timeline->lanes().size(), 1);
        QTRY_COMPARE(laneStates(timeline->lanes().first()).last(), u"failed"_s);
        QCOMPARE(laneStates(timeline->lanes().first()).first(), u"pending"_s);
        QVERIFY(laneStates(timeline->lanes().first()).contains(u"running"_s));
        QVERIFY(!timeline->isTicking());

        // A long run: its lane reaches "now" and follows the clock.
        QVERIFY(dispatchFromForm(u"nightly-backfill"_s));
        auto *runningPanel = w.monitorArea()->currentMonitor();
        QVERIFY(runningPanel != failedPanel);
        runningPanel->showAllocationTimeline();
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Running"_s, kTimeout);
        auto *live = runningPanel->allocationTimeline();
        QTRY_COMPARE(live->lanes().size(), 1);
        QTRY_COMPARE(laneStates(live->lanes().first()).last(), u"running"_s);
        QCOMPARE(live->lanes().first().segments.last().endNs, 0);
        QVERIFY(live->isTicking());
        const qint64 end = live->endNs();
        QTRY_VERIFY(live->endNs() > end); // the right edge is now, and now moves
        f->screenshot(u"allocation-timeline-running"_s);
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestCharts)
#include "tst_charts.moc"
