// The resource usage history a chart draws: readings from the recorded stats
// shape, bounded to a window, duplicates ignored, the reading nearest a time.
#include "models/usagehistory.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kSecond = 1'000'000'000;

UsageSample usageAt(qint64 seconds, double cpu = 1, qint64 memory = 1 << 20)
{
    return UsageSample{seconds * kSecond, cpu, cpu * 25, memory};
}
} // namespace

class TestUsageHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void samplesFromStats();
    void boundedAndOrdered();
    void nearest();
};

void TestUsageHistory::samplesFromStats()
{
    AllocResourceUsage u;
    u.timestampNs = 1796183799671414957;
    u.usage.cpu.percent = 12.5;
    u.usage.cpu.totalTicks = 300;
    u.usage.memory.rss = 37556224;
    u.usage.memory.measured = {u"RSS"_s, u"Swap"_s};
    TaskResourceUsage talk;
    talk.timestampNs = 1796183799671414000;
    talk.usage.cpu.percent = 10;
    talk.usage.memory.usage = 5 << 20; // a cgroup driver: Usage, no RSS
    u.tasks.insert(u"talk"_s, talk);
    const UsageSample total = UsageHistory::sampleOf(u);
    QCOMPARE(total.timestampNs, u.timestampNs);
    QCOMPARE(total.cpuPercent, 12.5);
    QCOMPARE(total.cpuMhz, 300.0);
    QCOMPARE(total.memoryBytes, 37556224);
    const UsageSample task = UsageHistory::sampleOf(u, u"talk"_s);
    QCOMPARE(task.timestampNs, talk.timestampNs);
    QCOMPARE(task.cpuPercent, 10.0);
    QCOMPARE(task.memoryBytes, 5 << 20);
    // A task not running reads as zero, at the allocation's time.
    const UsageSample none = UsageHistory::sampleOf(u, u"nope"_s);
    QCOMPARE(none.timestampNs, u.timestampNs);
    QCOMPARE(none.memoryBytes, 0);
}

void TestUsageHistory::boundedAndOrdered()
{
    UsageHistory h(60 * kSecond);
    QVERIFY(h.isEmpty());
    QVERIFY(!h.latest());
    for (int s = 0; s <= 100; s += 2)
        QVERIFY(h.add(usageAt(s, s, qint64(s) << 20)));
    // The newest minute only: 40 s .. 100 s.
    QCOMPARE(h.samples().size(), 31);
    QCOMPARE(h.samples().first().timestampNs, 40 * kSecond);
    QCOMPARE(h.latest()->timestampNs, 100 * kSecond);
    QCOMPARE(h.maxCpuPercent(), 100.0);
    QCOMPARE(h.maxMemoryBytes(), qint64(100) << 20);
    // The same reading twice, or one from the past: not kept.
    QVERIFY(!h.add(usageAt(100)));
    QVERIFY(!h.add(usageAt(90)));
    QCOMPARE(h.samples().size(), 31);
    h.setWindow(10 * kSecond);
    QCOMPARE(h.samples().size(), 6);
    QCOMPARE(h.window(), 10 * kSecond);
    h.clear();
    QVERIFY(h.isEmpty());
}

void TestUsageHistory::nearest()
{
    UsageHistory h;
    for (int s : {10, 12, 14, 20})
        h.add(usageAt(s, s));
    QCOMPARE(h.nearest(11 * kSecond - 1, kSecond)->cpuPercent, 10.0);
    QCOMPARE(h.nearest(11 * kSecond + 1, kSecond)->cpuPercent, 12.0);
    QCOMPARE(h.nearest(0, 100 * kSecond)->cpuPercent, 10.0);
    QCOMPARE(h.nearest(99 * kSecond, 100 * kSecond)->cpuPercent, 20.0);
    QVERIFY(!h.nearest(17 * kSecond, 2 * kSecond)); // 3 s from the nearest reading
}

DD_TEST_GUILESS_MAIN(TestUsageHistory)
#include "tst_usagehistory.moc"
