// Issue 15.1: a user's request never waits behind live views. Many followed
// dispatches share one event stream on the follow lane; where the stream is
// refused they fall back to blocking queries on that lane; and without a
// follow lane (the old way) a dispatch queues behind held long-polls and is
// reported as never sent, not as the server's fault. Counted at the server.

#include "api/changefeed.h"
#include "api/evaluationmonitor.h"
#include "api/eventstream.h"
#include "api/jobwaiter.h"
#include "api/nomadclient.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/faultinjector.h"
#include "sim/requestlog.h"
#include "sim/simulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

#include <memory>

using namespace dd;
using dd::test::fastRetry;
using namespace Qt::StringLiterals;

namespace {

const QString kDispatchPath = u"^/v1/job/[^/]+/dispatch$"_s;
const QString kStreamPath = u"^/v1/event/stream$"_s;

} // namespace

class TestFollowLanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void manyFollowedDispatchesShareOneStream();
    void refusedStreamFallsBackOnTheFollowLane();
    void withoutAFollowLaneADispatchIsNeverSent();
    void droppedStreamResumesAfterTheLastIndex();
    void subscriptionsHearOnlyTheirJobs();
    void followerGivesBackItsLongPollWhenTheStreamOpens();
    void destroyedFollowersGiveBackTheirConnections();

private:
    // The app's set-up: a follow lane and a change feed on the cluster's client.
    void useFollowLane();
    // `count` dispatches of a mix (running, blocked, finished), each followed as
    // the app does: an evaluation monitor and a job waiter.
    void followDispatches(int count);
    // One dispatch through the client; the time it took, or the error.
    Result<qint64> dispatchNow(NomadClient *client, const QString &jobId);
    int dispatchesReceived() const
    {
        return m_cluster.sim()->requests().matching(u"PUT"_s, kDispatchPath).size();
    }

    dd::test::ApiCluster m_cluster;
    std::unique_ptr<QNetworkAccessManager> m_followNetwork;
    std::unique_ptr<ChangeFeed> m_feed;
    std::unique_ptr<QObject> m_followers; // owns the monitors and waiters
};

void TestFollowLanes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFollowLanes::init()
{
    DD_VERIFY_OK(m_cluster.start());
    // A dispatch of "sleeper" stays running for ten minutes.
    const auto sleeper = dd::test::sleepingParameterizedJob(u"sleeper"_s, 600);
    DD_VERIFY_OK(sleeper);
    QVERIFY(m_cluster.sim()->registerJob(*sleeper).has_value());
    m_followers = std::make_unique<QObject>();
}

void TestFollowLanes::cleanup()
{
    m_followers.reset();
    m_feed.reset();
    m_cluster.stop();
    m_followNetwork.reset();
}

void TestFollowLanes::useFollowLane()
{
    m_followNetwork = std::make_unique<QNetworkAccessManager>();
    m_cluster.client()->setFollowNetwork(m_followNetwork.get());
    m_feed = std::make_unique<ChangeFeed>(m_cluster.client());
    m_cluster.client()->setChangeFeed(m_feed.get());
}

void TestFollowLanes::followDispatches(int count)
{
    static const QStringList kinds = {u"sleeper"_s, u"huge"_s, u"report-nightly"_s};
    for (int i = 0; i < count; ++i) {
        sim::DispatchRequest request;
        request.jobId = kinds[i % kinds.size()];
        const auto dispatched = m_cluster.sim()->dispatch(request);
        QVERIFY2(dispatched.has_value(), qPrintable(request.jobId));
        EvaluationMonitor::Options options;
        options.nameSpace = u"default"_s;
        options.followBlocked = true;
        options.retry = fastRetry();
        auto *monitor = new EvaluationMonitor(m_cluster.client(), dispatched->evalId, options,
                                              m_followers.get());
        monitor->start();
        auto *waiter = new JobWaiter(m_cluster.client(), dispatched->dispatchedJobId, u"default"_s,
                                     m_followers.get());
        waiter->start();
    }
}

Result<qint64> TestFollowLanes::dispatchNow(NomadClient *client, const QString &jobId)
{
    DispatchRequest request;
    request.jobId = jobId;
    request.meta.insert(u"day"_s, u"now"_s);
    std::optional<Result<Reply<DispatchResponse>>> answer;
    QObject context;
    QElapsedTimer timer;
    timer.start();
    client->dispatch(request, {}, &context,
                     [&answer](Result<Reply<DispatchResponse>> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&answer]() { return answer.has_value(); }, 20000))
        return std::unexpected(ApiError::config(u"no answer within 20 s"_s));
    if (!*answer)
        return std::unexpected(answer->error());
    return timer.elapsed();
}

void TestFollowLanes::manyFollowedDispatchesShareOneStream()
{
    useFollowLane();
    followDispatches(30);
    sim::Simulator &sim = *m_cluster.sim();
    // Every follower waits on the stream once it is live: one stream, no long-poll.
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Stream, 10000);
    QTRY_COMPARE(sim.openEventStreams(), 1);
    QTRY_COMPARE(sim.pendingBlockingQueries(), 0);
    QVERIFY2(m_feed->describe().contains(u"event stream"_s), qPrintable(m_feed->describe()));

    // The finished dispatches reach their end through the stream's wake-ups.
    QTRY_VERIFY_WITH_TIMEOUT(sim.openConnections() <= 12, 10000);
    sim.resetConnectionCounts();
    const int before = dispatchesReceived();
    const auto took = dispatchNow(m_cluster.client(), u"report-nightly"_s);
    QVERIFY2(took.has_value(), took ? "" : qPrintable(took.error().message()));
    QCOMPARE(dispatchesReceived(), before + 1);
    qInfo("dispatch with 30 followed dispatches: %lld ms, %d connections at most", qint64(*took),
          sim.peakConnections());
    // The stated bound: one stream on the follow lane, at most six on the user's lane.
    // The stated bound: six on the user's lane, and on the follow lane the
    // stream plus at most five short reads after changes.
    QVERIFY2(sim.peakConnections() <= 12, qPrintable(QString::number(sim.peakConnections())));
    QCOMPARE(sim.pendingBlockingQueries(), 0);
}

void TestFollowLanes::refusedStreamFallsBackOnTheFollowLane()
{
    // A proxy (or a Nomad before 1.0) without the event stream.
    m_cluster.sim()->faults().failWith(404, u"404 page not found"_s, u"^/v1/event/stream"_s);
    useFollowLane();
    followDispatches(12);
    sim::Simulator &sim = *m_cluster.sim();
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Fallback, 10000);
    QVERIFY2(m_feed->describe().contains(u"blocking queries"_s), qPrintable(m_feed->describe()));
    QVERIFY2(m_feed->describe().contains(u"404"_s), qPrintable(m_feed->describe()));
    // The long-polls fill the follow lane's six connections, and no more.
    QTRY_VERIFY_WITH_TIMEOUT(sim.pendingBlockingQueries() >= 6, 10000);
    QCOMPARE(sim.pendingBlockingQueries(), 6);

    const int before = dispatchesReceived();
    const auto took = dispatchNow(m_cluster.client(), u"report-nightly"_s);
    QVERIFY2(took.has_value(), took ? "" : qPrintable(took.error().message()));
    QCOMPARE(dispatchesReceived(), before + 1);
    qInfo("dispatch beside 6 held long-polls on the follow lane: %lld ms", qint64(*took));
    QVERIFY2(sim.peakConnections() <= 12, qPrintable(QString::number(sim.peakConnections())));
}

void TestFollowLanes::withoutAFollowLaneADispatchIsNeverSent()
{
    // The way it was: long-polls and the user's requests share Qt's six connections.
    sim::Simulator &sim = *m_cluster.sim();
    sim.faults().stallBlockingQueries(u"^/v1/jobs"_s);
    std::vector<std::unique_ptr<BlockingFollower>> followers;
    NomadClient *client = m_cluster.client();
    BlockingFollower::Options options;
    options.blockingWait = std::chrono::milliseconds(120000);
    for (int i = 0; i < 8; ++i) {
        auto follower = std::make_unique<BlockingFollower>(
            [client](const BlockingFollower::Round &round) {
                client->jobs({}, {}, round.options(), round.context(),
                             [round](Result<Reply<QList<JobStub>>> r) {
                                 if (round.accept(r))
                                     round.next();
                             });
            },
            QueryOptions{}, options);
        follower->start();
        followers.push_back(std::move(follower));
    }
    // Held for their whole wait, as a real agent holds them (whatever changes meanwhile).
    const auto heldQueries = [&sim] {
        const auto reads = sim.requests().matching(u"GET"_s, u"^/v1/jobs$"_s);
        return std::count_if(reads.cbegin(), reads.cend(),
                             [](const sim::RecordedRequest &r) { return r.hasQuery(u"index"); });
    };
    // Six reach the server; the other two wait in Qt's queue for a connection.
    QTRY_COMPARE_WITH_TIMEOUT(heldQueries(), 6, 10000);
    QTest::qWait(200);
    QCOMPARE(sim.openConnections(), 6);

    ClientConfig config = client->config();
    config.timeout = std::chrono::milliseconds(1500);
    client->setConfig(config);
    const int before = dispatchesReceived();
    const auto took = dispatchNow(client, u"report-nightly"_s);
    QVERIFY(!took.has_value());
    QCOMPARE(took.error().kind, ApiError::Kind::Timeout);
    QVERIFY(took.error().neverSent);
    QVERIFY2(took.error().message().contains(u"never sent"_s), qPrintable(took.error().message()));
    QVERIFY(!took.error().message().contains(u"did not answer"_s));
    QCOMPARE(dispatchesReceived(), before); // it never reached the server
    QCOMPARE(sim.childCount(u"report-nightly"_s), 0);
}

void TestFollowLanes::droppedStreamResumesAfterTheLastIndex()
{
    useFollowLane();
    sim::Simulator &sim = *m_cluster.sim();
    auto subscription = m_feed->subscribe(u"default"_s, changes::ofAnyJob());
    quint64 heard = 0;
    connect(subscription.get(), &ChangeSubscription::changed, this,
            [&heard](quint64 index) { heard = std::max(heard, index); });
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Stream, 10000);
    sim::DispatchRequest request;
    request.jobId = u"sleeper"_s;
    QVERIFY(sim.dispatch(request).has_value());
    QTRY_VERIFY(heard > 0);
    const quint64 before = heard;

    sim.dropConnections(); // a restarted proxy
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Fallback, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Stream, 10000);
    const auto streams = sim.requests().matching(u"GET"_s, kStreamPath);
    QCOMPARE(streams.size(), 2);
    QVERIFY(!streams.first().hasQuery(u"index"));
    QVERIFY2(streams.last().queryValue(u"index").toULongLong() > before - 1,
             qPrintable(streams.last().rawQuery));
    QVERIFY(streams.last().queryValue(u"index").toULongLong() <= sim.index() + 1);

    // Changes after the drop arrive on the new stream.
    QVERIFY(sim.dispatch(request).has_value());
    QTRY_VERIFY(heard > before);
}

void TestFollowLanes::subscriptionsHearOnlyTheirJobs()
{
    useFollowLane();
    sim::Simulator &sim = *m_cluster.sim();
    auto sleepers = m_feed->subscribe(u"default"_s, changes::ofJobAndChildren(u"sleeper"_s));
    auto reports = m_feed->subscribe(u"default"_s, changes::ofJobAndChildren(u"report-nightly"_s));
    int sleeperChanges = 0;
    int reportChanges = 0;
    connect(sleepers.get(), &ChangeSubscription::changed, this, [&] { ++sleeperChanges; });
    connect(reports.get(), &ChangeSubscription::changed, this, [&] { ++reportChanges; });
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Stream, 10000);
    const int reportsBefore = reportChanges;
    sim::DispatchRequest request;
    request.jobId = u"sleeper"_s;
    QVERIFY(sim.dispatch(request).has_value());
    QTRY_VERIFY(sleeperChanges > 0);
    QTest::qWait(200);
    QCOMPARE(reportChanges, reportsBefore);
    // The same stream serves both: still one at the server.
    QCOMPARE(sim.openEventStreams(), 1);
}

void TestFollowLanes::followerGivesBackItsLongPollWhenTheStreamOpens()
{
    // The first attempt at the stream fails (a 503 from a proxy): followers
    // block meanwhile, then give their long-polls back once the stream is live.
    m_cluster.sim()->faults().failWith(503, u"upstream busy"_s, u"^/v1/event/stream"_s, 1);
    useFollowLane();
    sim::Simulator &sim = *m_cluster.sim();
    sim::DispatchRequest request;
    request.jobId = u"sleeper"_s;
    const auto dispatched = sim.dispatch(request);
    QVERIFY(dispatched.has_value());
    auto *waiter = new JobWaiter(m_cluster.client(), dispatched->dispatchedJobId, u"default"_s,
                                 m_followers.get());
    waiter->start();
    QTRY_VERIFY_WITH_TIMEOUT(sim.pendingBlockingQueries() >= 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_feed->mode(u"default"_s), ChangeFeed::Mode::Stream, 10000);
    QTRY_COMPARE(sim.pendingBlockingQueries(), 0);
    QCOMPARE(sim.openEventStreams(), 1);
    // And it still hears the end of its job through the stream.
    QSignalSpy finished(waiter, &JobWaiter::finished);
    QVERIFY(sim.stopJob(u"default"_s, dispatched->dispatchedJobId).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

void TestFollowLanes::destroyedFollowersGiveBackTheirConnections()
{
    // Six long-polls the server never answers fill Qt's six connections; the
    // views holding them close (their followers go). Their connections must be
    // closed too, or every later request waits behind answers that never come.
    sim::Simulator &sim = *m_cluster.sim();
    sim.faults().stallBlockingQueries(u"^/v1/jobs"_s);
    NomadClient *client = m_cluster.client();
    auto followers = std::make_unique<QObject>();
    BlockingFollower::Options options;
    options.blockingWait = std::chrono::milliseconds(120000);
    for (int i = 0; i < 6; ++i) {
        auto *follower = new BlockingFollower(
            [client](const BlockingFollower::Round &round) {
                client->jobs({}, {}, round.options(), round.context(),
                             [round](Result<Reply<QList<JobStub>>> r) {
                                 if (round.accept(r))
                                     round.next();
                             });
            },
            QueryOptions{}, options, followers.get());
        follower->start();
    }
    QTRY_COMPARE_WITH_TIMEOUT(sim.openConnections(), 6, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(sim.requests().matching(u"GET"_s, u"^/v1/jobs$"_s).size(), 12, 10000);
    followers.reset();
    QTRY_COMPARE_WITH_TIMEOUT(sim.openConnections(), 0, 5000);

    ClientConfig config = client->config();
    config.timeout = std::chrono::milliseconds(3000);
    client->setConfig(config);
    const int before = dispatchesReceived();
    const auto took = dispatchNow(client, u"report-nightly"_s);
    QVERIFY2(took.has_value(), took ? "" : qPrintable(took.error().message()));
    QCOMPARE(dispatchesReceived(), before + 1);
}

DD_TEST_GUILESS_MAIN(TestFollowLanes)
#include "tst_followlanes.moc"
