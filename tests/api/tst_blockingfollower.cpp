// BlockingFollower against the in-process simulator: the rules the monitor,
// the job waiter and the app's lists share, each checked on the wire.

#include "api/blockingfollower.h"
#include "api/nomadclient.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/faultinjector.h"
#include "sim/requestlog.h"
#include "sim/simulator.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

#include <memory>

using namespace dd;
using dd::test::fastRetry;
using namespace Qt::StringLiterals;

namespace {

// RequestLog matches the decoded path; FaultInjector the target with its query.
const QString kJobsPath = u"^/v1/jobs$"_s;
const QString kJobsTarget = u"^/v1/jobs(\\?|$)"_s;

// A parameterized job: registering it changes the job list and runs nothing.
QJsonObject fixtureJob(const QString &id)
{
    auto loaded = dd::test::readRegisteredJob(u"report-nightly"_s);
    if (!loaded) {
        qWarning().noquote() << loaded.error(); // names the missing fixture
        return {};
    }
    QJsonObject job = *loaded;
    job.insert(u"ID"_s, id);
    job.insert(u"Name"_s, id);
    return job;
}

} // namespace

class TestBlockingFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void followsIndexForward();
    void indexGoingBackStartsOver();
    void transientErrorsRetriedWithBackoff();
    void givesUpAfterTheRetryWindow();
    void permanentErrorStops();
    void noKnownLeaderIsRetried();
    void staleAnswersAcceptedWhenAllowed();
    void stopSendsNoFurtherRequests();
    void stopDuringBackoff();
    void destroyedOwnerGetsNoCallback();

private:
    // Follows GET /v1/jobs; `answers` counts the rounds that were used.
    BlockingFollower *makeFollower(QObject *owner, BlockingFollower::Options options);
    int jobRequests() const
    {
        return m_cluster.sim()->requests().matching(u"GET"_s, kJobsPath).size();
    }

    dd::test::ApiCluster m_cluster;
    std::shared_ptr<int> m_answers;
    QStringList m_lastIds;
};

void TestBlockingFollower::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestBlockingFollower::init()
{
    DD_VERIFY_OK(m_cluster.start());
    m_answers = std::make_shared<int>(0);
    m_lastIds.clear();
}

void TestBlockingFollower::cleanup()
{
    m_cluster.stop();
}

BlockingFollower *TestBlockingFollower::makeFollower(QObject *owner,
                                                     BlockingFollower::Options options)
{
    NomadClient *client = m_cluster.client();
    auto answers = m_answers;
    auto *follower = new BlockingFollower(
        [this, client, answers](const BlockingFollower::Round &round) {
            client->jobs({}, {}, round.options(), round.context(),
                         [this, answers, round](Result<Reply<QList<JobStub>>> r) {
                             if (!round.accept(r))
                                 return;
                             ++*answers;
                             m_lastIds.clear();
                             for (const JobStub &s : r->value)
                                 m_lastIds.append(s.id);
                             round.next();
                         });
        },
        {}, options, owner);
    return follower;
}

void TestBlockingFollower::followsIndexForward()
{
    QObject owner;
    BlockingFollower::Options options;
    options.blockingWait = std::chrono::milliseconds(5000);
    BlockingFollower *f = makeFollower(&owner, options);
    f->start();
    QTRY_VERIFY(*m_answers >= 1);
    QVERIFY(!m_cluster.sim()->requests().matching(u"GET"_s, kJobsPath).first().hasQuery(u"index"));
    // Once the cluster is quiet, the follower holds a read on the last answer's index.
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
    const quint64 before = f->index();
    const int answers = *m_answers;
    QVERIFY(before > 0);
    const sim::RecordedRequest held = m_cluster.sim()->requests().last();
    QCOMPARE(held.queryValue(u"index"), QString::number(before));
    QVERIFY(!held.queryValue(u"wait").isEmpty());

    QVERIFY(m_cluster.sim()->registerJob(fixtureJob(u"new-batch"_s)));
    QTRY_VERIFY(m_lastIds.contains(u"new-batch"_s));
    QVERIFY(*m_answers > answers);
    QVERIFY(f->index() > before);
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
    QCOMPARE(m_cluster.sim()->requests().last().queryValue(u"index"), QString::number(f->index()));
}

void TestBlockingFollower::indexGoingBackStartsOver()
{
    QObject owner;
    BlockingFollower::Options options;
    options.blockingWait = std::chrono::milliseconds(1000);
    options.retry = fastRetry();
    BlockingFollower *f = makeFollower(&owner, options);
    // Many writes first, so the restarted server's indexes are well below ours.
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_cluster.sim()->registerJob(fixtureJob(u"batch-%1"_s.arg(i))));
    f->start();
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
    const quint64 before = f->index();
    const int requestsBefore = jobRequests();

    m_cluster.sim()->restart(1, true);
    // An answer below our index is dropped, and the follow starts over with a
    // read that does not block.
    QTRY_VERIFY_WITH_TIMEOUT(f->index() > 0 && f->index() < before, 10000);
    const QList<sim::RecordedRequest> after =
        m_cluster.sim()->requests().matching(u"GET"_s, kJobsPath).mid(requestsBefore);
    QVERIFY(!after.isEmpty());
    QVERIFY(std::any_of(after.cbegin(), after.cend(),
                        [](const sim::RecordedRequest &r) { return !r.hasQuery(u"index"); }));
    QVERIFY(f->isRunning());

    // And it follows the new indexes from there.
    const int answers = *m_answers;
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
    QVERIFY(m_cluster.sim()->registerJob(fixtureJob(u"after-restart"_s)));
    QTRY_VERIFY(*m_answers > answers && m_lastIds.contains(u"after-restart"_s));
}

void TestBlockingFollower::transientErrorsRetriedWithBackoff()
{
    m_cluster.sim()->faults().failWith(500, u"rpc error: EOF"_s, kJobsTarget, 3);
    QObject owner;
    BlockingFollower::Options options;
    options.retry = fastRetry();
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy retrying(f, &BlockingFollower::retrying);
    QSignalSpy recovered(f, &BlockingFollower::recovered);
    QSignalSpy failed(f, &BlockingFollower::failed);
    f->start();
    QTRY_VERIFY(*m_answers >= 1);
    QCOMPARE(retrying.size(), 3);
    QCOMPARE(recovered.size(), 1);
    QCOMPARE(failed.size(), 0);
    for (int i = 0; i < 3; ++i) {
        const auto error = retrying.at(i).at(0).value<ApiError>();
        QCOMPARE(error.httpStatus, 500);
        QCOMPARE(error.nomadText, u"rpc error: EOF"_s);
        QCOMPARE(retrying.at(i).at(1).toInt(), i + 1);
        // Capped exponential backoff with jitter in the upper half.
        const auto delay = retrying.at(i).at(2).value<std::chrono::milliseconds>();
        const auto full = std::min(fastRetry().initial * (1 << i), fastRetry().maximum);
        QVERIFY2(delay >= full / 2 && delay <= full, qPrintable(QString::number(delay.count())));
    }
    // Four reads: three refused, the fourth answered; none of them blocked.
    const QList<sim::RecordedRequest> reads =
        m_cluster.sim()->requests().matching(u"GET"_s, kJobsPath);
    QVERIFY(reads.size() >= 4);
    for (int i = 0; i < 4; ++i)
        QVERIFY(!reads.at(i).hasQuery(u"index"));
    QCOMPARE(reads.at(3).status, 200);
}

void TestBlockingFollower::givesUpAfterTheRetryWindow()
{
    m_cluster.sim()->faults().failWith(503, u"overloaded"_s, kJobsTarget, -1);
    QObject owner;
    BlockingFollower::Options options;
    options.retry = fastRetry();
    options.retry.giveUpAfter = std::chrono::milliseconds(300);
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy failed(f, &BlockingFollower::failed);
    f->start();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 503);
    QVERIFY(!f->isRunning());
    QCOMPARE(*m_answers, 0);

    // The app's lists do not give up.
    m_cluster.sim()->requests().clear();
    options.giveUp = false;
    BlockingFollower *keeps = makeFollower(&owner, options);
    QSignalSpy keepsFailing(keeps, &BlockingFollower::failed);
    QSignalSpy retrying(keeps, &BlockingFollower::retrying);
    keeps->start();
    QTRY_VERIFY_WITH_TIMEOUT(retrying.size() >= 6, 10000);
    QCOMPARE(keepsFailing.size(), 0);
    QVERIFY(keeps->isRunning());
}

void TestBlockingFollower::permanentErrorStops()
{
    m_cluster.sim()->faults().failWith(403, u"Permission denied"_s, kJobsTarget, -1);
    QObject owner;
    BlockingFollower::Options options;
    options.retry = fastRetry();
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy retrying(f, &BlockingFollower::retrying);
    QSignalSpy failed(f, &BlockingFollower::failed);
    f->start();
    QTRY_COMPARE(failed.size(), 1);
    const auto error = failed.first().first().value<ApiError>();
    QVERIFY(error.isPermissionDenied());
    QCOMPARE(error.nomadText, u"Permission denied"_s);
    QCOMPARE(retrying.size(), 0);
    QVERIFY(!f->isRunning());
    // Repeating a refusal cannot help: nothing more is sent.
    QTest::qWait(300);
    QCOMPARE(jobRequests(), 1);
    QCOMPARE(*m_answers, 0);
}

void TestBlockingFollower::noKnownLeaderIsRetried()
{
    m_cluster.sim()->setKnownLeader(false);
    QObject owner;
    BlockingFollower::Options options;
    options.retry = fastRetry();
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy retrying(f, &BlockingFollower::retrying);
    QSignalSpy recovered(f, &BlockingFollower::recovered);
    f->start();
    QTRY_VERIFY(retrying.size() >= 2);
    QCOMPARE(*m_answers, 0); // a possibly stale answer is not used
    QVERIFY(retrying.first().first().value<ApiError>().detail.contains(u"no known leader"_s));
    m_cluster.sim()->setKnownLeader(true);
    QTRY_VERIFY(*m_answers >= 1);
    QCOMPARE(recovered.size(), 1);
}

void TestBlockingFollower::staleAnswersAcceptedWhenAllowed()
{
    m_cluster.sim()->setKnownLeader(false);
    QObject owner;
    BlockingFollower::Options options;
    options.requireKnownLeader = false;
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy retrying(f, &BlockingFollower::retrying);
    f->start();
    QTRY_VERIFY(*m_answers >= 1);
    QCOMPARE(retrying.size(), 0);
}

void TestBlockingFollower::stopSendsNoFurtherRequests()
{
    QObject owner;
    BlockingFollower *f = makeFollower(&owner, {});
    f->start();
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
    const int answers = *m_answers;
    QVERIFY(answers >= 1);
    const int requests = jobRequests();
    f->stop();
    QVERIFY(!f->isRunning());
    // The held query is aborted, and a change no longer reaches us.
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 0);
    QVERIFY(m_cluster.sim()->registerJob(fixtureJob(u"unseen"_s)));
    QTest::qWait(300);
    QCOMPARE(*m_answers, answers);
    QCOMPARE(jobRequests(), requests);
}

void TestBlockingFollower::stopDuringBackoff()
{
    m_cluster.sim()->faults().failWith(500, u"rpc error: EOF"_s, kJobsTarget, -1);
    QObject owner;
    BlockingFollower::Options options;
    // A backoff long enough that the stop lands in it, however loaded the machine.
    options.retry.initial = std::chrono::milliseconds(1600);
    BlockingFollower *f = makeFollower(&owner, options);
    QSignalSpy retrying(f, &BlockingFollower::retrying);
    QSignalSpy failed(f, &BlockingFollower::failed);
    f->start();
    QTRY_COMPARE(retrying.size(), 1);
    f->stop();
    QTest::qWait(1700); // past the longest backoff (1600 ms)
    QCOMPARE(jobRequests(), 1);
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(failed.size(), 0);
}

void TestBlockingFollower::destroyedOwnerGetsNoCallback()
{
    // While a read is in flight (the answer is held back), and while a blocking
    // query is held: the owner goes, and its fetch's callback never runs.
    m_cluster.sim()->faults().addLatency(300, kJobsTarget);
    {
        auto *owner = new QObject;
        BlockingFollower *f = makeFollower(owner, {});
        f->start();
        QTRY_COMPARE(jobRequests(), 1);
        delete owner;
        QTest::qWait(600);
        QCOMPARE(*m_answers, 0);
    }
    m_cluster.sim()->faults().clear();
    {
        auto *owner = new QObject;
        BlockingFollower *f = makeFollower(owner, {});
        f->start();
        QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 1);
        const int answers = *m_answers;
        QVERIFY(answers >= 1);
        QVERIFY(m_cluster.sim()->registerJob(fixtureJob(u"after-owner"_s)));
        delete owner;
        QTest::qWait(300);
        QCOMPARE(*m_answers, answers);
        QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 0);
    }
}

DD_TEST_GUILESS_MAIN(TestBlockingFollower)
#include "tst_blockingfollower.moc"
