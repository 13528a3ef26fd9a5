// AllocStatsPoller against the simulator: readings that follow a running
// allocation's usage, one request at a time at the interval, none after it is
// told the allocation ended; a token without read-job and a gone allocation
// stop it with the words for it; a passing failure does not.
#include "api/allocfserrors.h"
#include "api/allocstatspoller.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/faultinjector.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestAllocStatsPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { m_cluster.stop(); }

    void followsARunningAllocation();
    void idleWhenNothingRuns();
    void refusalStops_data();
    void refusalStops();
    void passingFailureGoesOn();

private:
    void startWithChatty(bool acl = false)
    {
        sim::SimulatorOptions o = dd::test::ApiCluster::defaultOptions();
        o.startPaused = true;
        o.acl = acl;
        DD_VERIFY_OK(m_cluster.start(o));
        const auto chatty =
            dd::test::readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
        DD_VERIFY_OK(chatty);
        QVERIFY(m_cluster.sim()->registerJob(*chatty));
        sim::DispatchRequest r;
        r.jobId = u"chatty"_s;
        r.meta = {{u"lines"_s, u"400"_s}}; // runs for 100 simulated seconds
        const auto child = m_cluster.sim()->dispatch(r);
        QVERIFY(child);
        m_cluster.sim()->clock().advance(1000);
        m_alloc = m_cluster.sim()->allocsOfJob(child->dispatchedJobId).first()->id;
    }
    int statsRequests() const
    {
        return int(m_cluster.sim()->requests().matching(u"GET"_s, u"/stats$"_s).size());
    }

    dd::test::ApiCluster m_cluster;
    QString m_alloc;
};

void TestAllocStatsPoller::followsARunningAllocation()
{
    startWithChatty();
    AllocStatsPoller poller(m_cluster.client());
    poller.setInterval(50ms);
    QSignalSpy sampled(&poller, &AllocStatsPoller::sampled);
    QSignalSpy stopped(&poller, &AllocStatsPoller::stopped);
    // Simulated time moves two seconds between readings, as it would at the default interval.
    connect(&poller, &AllocStatsPoller::sampled, this,
            [this]() { m_cluster.sim()->clock().advance(2000); });
    poller.start(m_alloc);
    QVERIFY(poller.isPolling());
    QTRY_VERIFY_WITH_TIMEOUT(sampled.size() >= 4, 10000);
    QList<AllocResourceUsage> usage;
    for (const auto &args : sampled)
        usage << args.first().value<AllocResourceUsage>();
    QSet<double> cpu;
    for (int i = 0; i < usage.size(); ++i) {
        QCOMPARE(usage.at(i).tasks.keys(), QStringList{u"talk"_s});
        QVERIFY(usage.at(i).usage.memory.shownBytes() > 0);
        cpu.insert(usage.at(i).usage.cpu.percent);
        if (i > 0)
            QCOMPARE(usage.at(i).timestampNs - usage.at(i - 1).timestampNs, 2'000'000'000);
    }
    QVERIFY(cpu.size() > 1); // the usage changes while the task runs
    const sim::RecordedRequest sent =
        m_cluster.sim()->requests().matching(u"GET"_s, u"/stats$"_s).first();
    QCOMPARE(sent.path, u"/v1/client/allocation/"_s + m_alloc + u"/stats"_s);

    poller.setAllocationTerminal();
    QVERIFY(!poller.isPolling());
    QCOMPARE(stopped.size(), 1);
    const int before = statsRequests();
    QTest::qWait(200); // four intervals
    // A reading already on the wire when it stopped may still land; none after it.
    QVERIFY(statsRequests() <= before + 1);
}

void TestAllocStatsPoller::idleWhenNothingRuns()
{
    startWithChatty();
    m_cluster.sim()->clock().advance(200'000); // the task finished
    AllocStatsPoller poller(m_cluster.client());
    poller.setInterval(50ms);
    QSignalSpy sampled(&poller, &AllocStatsPoller::sampled);
    poller.start(m_alloc);
    QTRY_VERIFY(!sampled.isEmpty());
    QVERIFY(sampled.first().first().value<AllocResourceUsage>().isIdle());
    QVERIFY(poller.isPolling()); // until told the allocation is terminal
}

void TestAllocStatsPoller::refusalStops_data()
{
    QTest::addColumn<QString>("capability"); // empty: the allocation is unknown
    QTest::addColumn<QString>("words");
    QTest::newRow("read-fs only") << u"read-fs"_s
                                  << u"The token needs the read-job capability in namespace "
                                     u"“default”."_s;
    QTest::newRow("gone") << QString() << u"can no longer be read."_s;
}

void TestAllocStatsPoller::refusalStops()
{
    QFETCH(QString, capability);
    QFETCH(QString, words);
    startWithChatty(!capability.isEmpty());
    QString alloc = m_alloc;
    if (!capability.isEmpty()) {
        ClientConfig config = m_cluster.client()->config();
        config.token =
            m_cluster.sim()->createToken(u"t"_s, {{u"default"_s, {capability}}}).secretId;
        m_cluster.client()->setConfig(config);
    } else {
        alloc = QString(36, u'0');
    }
    AllocStatsPoller poller(m_cluster.client());
    poller.setInterval(50ms);
    QSignalSpy failed(&poller, &AllocStatsPoller::failed);
    QSignalSpy stopped(&poller, &AllocStatsPoller::stopped);
    poller.start(alloc);
    QTRY_COMPARE(stopped.size(), 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), false);
    const ApiError error = failed.first().first().value<ApiError>();
    const QString text = allocFsFailureText(error, AllocFsAction::Stats, {}, alloc, {});
    QVERIFY2(text.endsWith(words), qPrintable(text));
    QTest::qWait(200);
    QCOMPARE(statsRequests(), 1);
}

void TestAllocStatsPoller::passingFailureGoesOn()
{
    startWithChatty();
    m_cluster.sim()->faults().failWith(503, u"No cluster leader"_s, u"/stats"_s, 1);
    AllocStatsPoller poller(m_cluster.client());
    poller.setInterval(50ms);
    QSignalSpy failed(&poller, &AllocStatsPoller::failed);
    QSignalSpy sampled(&poller, &AllocStatsPoller::sampled);
    poller.start(m_alloc);
    QTRY_VERIFY(!sampled.isEmpty());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), true);
    QVERIFY(poller.isPolling());
}

DD_TEST_GUILESS_MAIN(TestAllocStatsPoller)
#include "tst_allocstatspoller.moc"
