// The widget-free halves of the charts: an allocation's states over time and
// the lanes' order and span (AllocationLanes), the newest children's run
// times as the live list changes (ChildRunTimes), and the time axis.
#include "core/types.h"
#include "models/allocationlanes.h"
#include "models/childjobmodel.h"
#include "models/childruntimes.h"
#include "models/timeaxis.h"
#include "models/timeformat.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'700'000'000LL * kNsPerSecond;

qint64 at(double seconds)
{
    return kT0 + qint64(seconds * double(kNsPerSecond));
}

Allocation allocation(const QString &id, const QString &name, const QString &status,
                      const QList<TaskEvent> &events, const QString &taskState)
{
    Allocation a;
    a.id = id;
    a.name = name;
    a.taskGroup = name.section(u'.', 1).section(u'[', 0, 0);
    a.clientStatus = status;
    a.createTime = at(0);
    a.modifyTime = events.isEmpty() ? at(0) : events.last().time;
    TaskState task;
    task.state = taskState;
    task.events = events;
    a.taskStates.insert(u"main"_s, task);
    return a;
}

QStringList states(const QList<TimelineSegment> &segments)
{
    QStringList out;
    for (const TimelineSegment &s : segments)
        out << s.state;
    return out;
}

JobStub child(const QString &id, double submitted, const QString &status, int complete = 0,
              int failed = 0)
{
    JobStub s;
    s.id = id;
    s.parentId = u"video-encode"_s;
    s.submitTime = at(submitted);
    s.status = status;
    s.allocations.complete = complete;
    s.allocations.failed = failed;
    return s;
}

} // namespace

class TestTimelineData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Lanes are ordered by a numeric collation, which the C locale does not have.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void segmentsFromEvents_data()
    {
        QTest::addColumn<Allocation>("allocation");
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<qint64>("lastEnd");

        QTest::newRow("complete") << allocation(u"a1"_s, u"j.encode[0]"_s, u"complete"_s,
                                                {{u"Received"_s, {}, at(0.1)},
                                                 {u"Started"_s, {}, at(1)},
                                                 {u"Terminated"_s, {}, at(4)}},
                                                u"dead"_s)
                                  << QStringList{u"pending"_s, u"running"_s, u"complete"_s}
                                  << qint64(0);
        QTest::newRow("restarted, then failed")
            << allocation(u"a2"_s, u"j.encode[0]"_s, u"failed"_s,
                          {{u"Started"_s, {}, at(1)},
                           {u"Terminated"_s, {}, at(2)},
                           {u"Restarting"_s, {}, at(2.5)},
                           {u"Started"_s, {}, at(3)},
                           {u"Not Restarting"_s, {}, at(5)}},
                          u"dead"_s)
            << QStringList{u"pending"_s, u"running"_s, u"pending"_s, u"running"_s, u"failed"_s}
            << qint64(0);
        QTest::newRow("running: open to now")
            << allocation(u"a3"_s, u"j.encode[0]"_s, u"running"_s, {{u"Started"_s, {}, at(1)}},
                          u"running"_s)
            << QStringList{u"pending"_s, u"running"_s} << qint64(0);
        QTest::newRow("pending") << allocation(u"a4"_s, u"j.encode[0]"_s, u"pending"_s,
                                               {{u"Received"_s, {}, at(0.5)}}, u"pending"_s)
                                 << QStringList{u"pending"_s} << qint64(0);
    }
    void segmentsFromEvents()
    {
        QFETCH(Allocation, allocation);
        QFETCH(QStringList, states);
        QFETCH(qint64, lastEnd);
        const QList<TimelineSegment> segments = AllocationLanes::segmentsOf(allocation, at(10));
        QCOMPARE(::states(segments), states);
        QCOMPARE(segments.last().endNs, lastEnd);
        QCOMPARE(segments.first().startNs, at(0));
        for (qsizetype i = 1; i < segments.size(); ++i)
            QCOMPARE(segments.at(i).startNs, segments.at(i - 1).endNs);
    }

    void segmentsFromTaskTimesWithoutEvents()
    {
        Allocation a = allocation(u"a5"_s, u"j.encode[0]"_s, u"complete"_s, {}, u"dead"_s);
        a.taskStates[u"main"_s].startedAt = QDateTime::fromMSecsSinceEpoch(at(2) / kNsPerMs);
        a.taskStates[u"main"_s].finishedAt = QDateTime::fromMSecsSinceEpoch(at(3) / kNsPerMs);
        const auto segments = AllocationLanes::segmentsOf(a, at(10));
        QCOMPARE(states(segments), (QStringList{u"pending"_s, u"running"_s, u"complete"_s}));
        QCOMPARE(segments.at(1).startNs, at(2));
        QCOMPARE(segments.at(1).endNs, at(3));
    }

    void noTimesNoLane()
    {
        Allocation a;
        a.id = u"a6"_s;
        a.clientStatus = u"pending"_s;
        QVERIFY(AllocationLanes::segmentsOf(a, at(10)).isEmpty());
        QVERIFY(AllocationLanes::of({a}, at(10)).lanes.isEmpty());
    }

    void lanesInPlacementOrderThenByName()
    {
        const QList<TaskEvent> ran = {{u"Started"_s, {}, at(1)}, {u"Terminated"_s, {}, at(2)}};
        Allocation reduce =
            allocation(u"cccccccc-1"_s, u"j.reduce[0]"_s, u"complete"_s,
                       {{u"Started"_s, {}, at(5)}, {u"Terminated"_s, {}, at(6)}}, u"dead"_s);
        reduce.createTime = at(4);
        const Allocation map10 =
            allocation(u"aaaaaaaa-1"_s, u"j.map[10]"_s, u"complete"_s, ran, u"dead"_s);
        const Allocation map2 =
            allocation(u"bbbbbbbb-1"_s, u"j.map[2]"_s, u"complete"_s, ran, u"dead"_s);
        const AllocationLanes lanes = AllocationLanes::of({reduce, map10, map2}, at(10));
        QStringList labels;
        for (const TimelineLane &lane : lanes.lanes)
            labels << lane.label;
        QCOMPARE(labels, (QStringList{u"bbbbbbbb  map[2]"_s, u"aaaaaaaa  map[10]"_s,
                                      u"cccccccc  reduce[0]"_s}));
        QVERIFY(!lanes.anyOpen);
        QCOMPARE(lanes.startNs, at(0));
        QVERIFY(lanes.endNs > at(6)); // room after the last change
    }

    void runningLaneReachesPastNow()
    {
        const AllocationLanes lanes =
            AllocationLanes::of({allocation(u"a7"_s, u"j.encode[0]"_s, u"running"_s,
                                            {{u"Started"_s, {}, at(1)}}, u"running"_s)},
                                at(8));
        QVERIFY(lanes.anyOpen);
        QVERIFY(lanes.endNs > at(8));
    }

    void runTimesFollowTheList()
    {
        ChildJobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ChildRunTimes times;
        QSignalSpy changed(&times, &ChildRunTimes::changed);
        times.setModel(&model);
        model.setChildren({child(u"c1"_s, 1, u"running"_s), child(u"c2"_s, 2, u"pending"_s),
                           child(u"c3"_s, 3, u"dead"_s, 1)});
        QVERIFY(changed.size() >= 2);
        QCOMPARE(times.childCount(), 3);

        // c3 finished before it was seen: it waits for its allocations to tell.
        QCOMPARE(times.idsWithoutFinishTime(10), QStringList{u"c3"_s});
        ChildRunTimes::Points p = times.points(at(11), {});
        QCOMPARE(p.waiting, 1);
        QCOMPARE(p.count, 2);
        QCOMPARE(p.ids.value(u"running"_s), QStringList{u"c1"_s});
        QCOMPARE(p.points.value(u"running"_s).first().second, at(11) - at(1));
        QCOMPARE(p.minSubmitNs, at(1));
        QCOMPARE(p.maxSubmitNs, at(2));

        times.setFinishTime(u"c3"_s, at(7));
        p = times.points(at(11), {});
        QCOMPARE(p.waiting, 0);
        QCOMPARE(p.points.value(u"complete"_s).first().second, at(7) - at(3));
        QVERIFY(times.idsWithoutFinishTime(10).isEmpty());
        QVERIFY(times.describe(u"c3"_s, at(11)).startsWith(u"c3\nCompleted, ran 4.0 s\n"_s));

        // Seen finishing on the live list: ended about now, until its allocations tell.
        model.setChildren({child(u"c1"_s, 1, u"dead"_s, 0, 1), child(u"c2"_s, 2, u"pending"_s),
                           child(u"c3"_s, 3, u"dead"_s, 1)});
        QCOMPARE(times.entry(u"c1"_s)->end, ChildRunTimes::End::Observed);
        QCOMPARE(times.idsWithoutFinishTime(10), QStringList{u"c1"_s});
        times.setFinishTime(u"c1"_s, std::nullopt);
        QCOMPARE(times.entry(u"c1"_s)->end, ChildRunTimes::End::Read);

        // A filter keeps only some outcomes.
        p = times.points(nowNs(), {u"pending"_s});
        QCOMPARE(p.count, 1);
        QCOMPARE(p.ids.value(u"pending"_s), QStringList{u"c2"_s});
    }

    void runTimesKeepTheNewest()
    {
        ChildJobModel model;
        ChildRunTimes times;
        times.setModel(&model);
        times.setCapacity(2);
        model.setChildren({child(u"c1"_s, 1, u"running"_s), child(u"c2"_s, 2, u"running"_s),
                           child(u"c3"_s, 3, u"running"_s)});
        QCOMPARE(times.childCount(), 2);
        QVERIFY(!times.entry(u"c1"_s));

        // Removing a kept child lets an older one in, at the next look.
        model.setChildren({child(u"c1"_s, 1, u"running"_s), child(u"c2"_s, 2, u"running"_s)});
        const ChildRunTimes::Points p = times.points(at(5), {});
        QCOMPARE(p.count, 2);
        QVERIFY(times.entry(u"c1"_s));

        times.setCapacity(ChildRunTimes::kDefaultCapacity);
        QCOMPARE(times.points(at(5), {}).count, 2);
    }

    void unknowableEnds()
    {
        ChildJobModel model;
        ChildRunTimes times;
        times.setModel(&model);
        model.setChildren({child(u"c1"_s, 1, u"dead"_s, 0, 1)});
        times.setFinishTime(u"c1"_s, std::nullopt);
        const ChildRunTimes::Points p = times.points(at(5), {});
        QCOMPARE(p.unknowable, 1);
        QCOMPARE(p.count, 0);
    }

    void timeAxis_data()
    {
        QTest::addColumn<qint64>("spanMs");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<QString>("format");
        QTest::newRow("seconds") << qint64(20'000) << 5 << u"HH:mm:ss"_s;
        QTest::newRow("minutes") << qint64(3'600'000) << 5 << u"HH:mm"_s;
        QTest::newRow("days") << qint64(10LL * 86'400'000) << 6 << u"MMM d"_s;
    }
    void timeAxis()
    {
        QFETCH(qint64, spanMs);
        QFETCH(int, maxTicks);
        QFETCH(QString, format);
        const qint64 from = at(0) / kNsPerMs;
        const TimeAxis axis = timeAxisFor(from, from + spanMs, maxTicks);
        // A span that crosses midnight (in the machine's time zone) also names the day.
        QVERIFY2(axis.format.endsWith(format), qPrintable(axis.format));
        QVERIFY(axis.tickCount <= maxTicks);
        QVERIFY(axis.tickCount >= 2);
        QVERIFY(axis.first.toMSecsSinceEpoch() < from);
        QVERIFY(axis.last.toMSecsSinceEpoch() > from + spanMs);
    }
};

DD_TEST_GUILESS_MAIN(TestTimelineData)
#include "tst_timelinedata.moc"
