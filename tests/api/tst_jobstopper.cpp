// stopJob and JobStopper against the simulator: stop, purge, purge twice, a
// token without submit-job, and a bulk run cancelled part way.
#include "api/jobstopper.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/requestlog.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;

class TestJobStopper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { m_cluster.stop(); }

    void stopKeepsTheJob();
    void purgeRemovesItAndTwiceStillAnswers();
    void tokenWithoutSubmitJob();
    void bulkStopsEveryChild();
    void bulkCancelSendsNothingMore();

private:
    QString dispatchChild()
    {
        sim::DispatchRequest request;
        request.jobId = u"report-nightly"_s;
        auto child = m_cluster.sim()->dispatch(request);
        return child ? child->dispatchedJobId : QString();
    }
    Result<Reply<JobStopResponse>> stopNow(const QString &id, StopMode mode)
    {
        std::optional<Result<Reply<JobStopResponse>>> answer;
        stopJob(m_cluster.client(), id, mode, {}, this,
                [&answer](Result<Reply<JobStopResponse>> r) { answer = std::move(r); });
        [&] { QTRY_VERIFY(answer.has_value()); }();
        if (!answer)
            return std::unexpected(ApiError::cancelled());
        return *answer;
    }
    Result<Reply<Job>> readJob(const QString &id)
    {
        std::optional<Result<Reply<Job>>> answer;
        m_cluster.client()->job(id, {}, this,
                                [&answer](Result<Reply<Job>> r) { answer = std::move(r); });
        [&] { QTRY_VERIFY(answer.has_value()); }();
        if (!answer)
            return std::unexpected(ApiError::cancelled());
        return *answer;
    }
    int deletes() const
    {
        return int(m_cluster.sim()->requests().matching(u"DELETE"_s, u"^/v1/job/"_s).size());
    }

    dd::test::ApiCluster m_cluster;
};

void TestJobStopper::stopKeepsTheJob()
{
    DD_VERIFY_OK(m_cluster.start());
    const QString child = dispatchChild();
    QVERIFY(child.startsWith(u"report-nightly/dispatch-"_s));
    auto stopped = stopNow(child, StopMode::Stop);
    QVERIFY2(stopped, qPrintable(stopped ? QString() : stopped.error().message()));
    QCOMPARE(stopped->value.evalId.size(), 36);
    QVERIFY(stopped->value.jobModifyIndex > 0);

    // The child's ID is escaped as one path segment, and nothing asks to purge.
    const sim::RecordedRequest sent =
        m_cluster.sim()->requests().matching(u"DELETE"_s, u"."_s).last();
    QVERIFY(sent.rawPath.contains(u"report-nightly%2Fdispatch-"_s));
    QVERIFY(!sent.hasQuery(u"purge"));

    auto job = readJob(child);
    QVERIFY(job);
    QVERIFY(job->value.stop);
}

void TestJobStopper::purgeRemovesItAndTwiceStillAnswers()
{
    DD_VERIFY_OK(m_cluster.start());
    const QString child = dispatchChild();
    auto purged = stopNow(child, StopMode::Purge);
    QVERIFY(purged);
    QCOMPARE(m_cluster.sim()->requests().last().queryValue(u"purge"), u"true"_s);
    auto job = readJob(child);
    QVERIFY(!job);
    QVERIFY(job.error().isNotFound());
    QCOMPARE(job.error().nomadText.trimmed(), u"job not found"_s);

    // As Nomad 1.0.18 recorded: purging again answers 200 with a new evaluation.
    auto again = stopNow(child, StopMode::Purge);
    QVERIFY(again);
    QVERIFY(!again->value.evalId.isEmpty());
    QVERIFY(again->value.evalId != purged->value.evalId);
}

void TestJobStopper::tokenWithoutSubmitJob()
{
    sim::SimulatorOptions options = dd::test::ApiCluster::defaultOptions();
    options.acl = true;
    DD_VERIFY_OK(m_cluster.start(options));
    const QString child = dispatchChild();
    sim::AclPolicy policy;
    policy.name = u"dispatch-and-read"_s;
    policy.namespaces = {{u"default"_s, {u"dispatch-job"_s, u"read-job"_s, u"list-jobs"_s}}};
    m_cluster.sim()->addPolicy(policy);
    ClientConfig config = m_cluster.client()->config();
    config.token = m_cluster.sim()
                       ->createTokenWithPolicies(u"dispatcher"_s, {u"dispatch-and-read"_s})
                       .secretId;
    m_cluster.client()->setConfig(config);

    auto refused = stopNow(child, StopMode::Stop);
    QVERIFY(!refused);
    QVERIFY(refused.error().isPermissionDenied());
    QCOMPARE(stopFailureText(refused.error(), StopMode::Stop, child, u"demo"_s, {}),
             u"Could not stop “"_s + child +
                 u"” on “demo”: Nomad answered 403 Permission denied. The token needs the "
                 u"submit-job capability in namespace “default”."_s);
    QCOMPARE(capabilityName(Capability::SubmitJob), u"submit-job"_s);
    // The token went with the request, and the child still runs.
    QCOMPARE(m_cluster.sim()->requests().matching(u"DELETE"_s, u"."_s).last().token(),
             config.token);
}

void TestJobStopper::bulkStopsEveryChild()
{
    DD_VERIFY_OK(m_cluster.start());
    QStringList children;
    for (int i = 0; i < 6; ++i)
        children.append(dispatchChild());
    children.append(u"report-nightly/dispatch-never-was"_s);
    JobStopper stopper(m_cluster.client());
    stopper.setMode(StopMode::Purge);
    stopper.setConcurrency(4);
    QSignalSpy finished(&stopper, &JobStopper::finished);
    QSignalSpy progress(&stopper, &JobStopper::progress);
    stopper.start(children);
    QVERIFY(stopper.isRunning());
    QTRY_COMPARE(finished.size(), 1);
    // Purging a job that does not exist answers 200 too: every item is done.
    const StopSummary summary = finished.first().first().value<StopSummary>();
    QCOMPARE(summary.total, 7);
    QCOMPARE(summary.done, 7);
    QCOMPARE(progress.last().at(0).toInt(), 7);
    QCOMPARE(deletes(), 7);
    for (const StopItemResult &r : stopper.results()) {
        QCOMPARE(r.status, StopItemResult::Status::Done);
        QCOMPARE(r.jobId, children.at(r.index));
        QVERIFY(!r.response.evalId.isEmpty());
    }
}

void TestJobStopper::bulkCancelSendsNothingMore()
{
    DD_VERIFY_OK(m_cluster.start());
    QStringList children;
    for (int i = 0; i < 8; ++i)
        children.append(dispatchChild());
    m_cluster.sim()->requests().clear();
    JobStopper stopper(m_cluster.client());
    stopper.setConcurrency(2);
    // Cancel once the first answer arrives: two were sent, none after.
    connect(&stopper, &JobStopper::itemChanged, &stopper, [&stopper](const StopItemResult &r) {
        if (r.status == StopItemResult::Status::Done)
            stopper.cancel();
    });
    QSignalSpy finished(&stopper, &JobStopper::finished);
    stopper.start(children);
    QTRY_COMPARE(finished.size(), 1);
    const StopSummary summary = stopper.summary();
    QCOMPARE(summary.done, 2);
    QCOMPARE(summary.cancelled, 6);
    QCOMPARE(deletes(), 2);
    QCOMPARE(stopper.results().last().status, StopItemResult::Status::Cancelled);
    QVERIFY(stopper.results().last().error->kind == ApiError::Kind::Cancelled);
    // Nothing is sent later either.
    QTest::qWait(200);
    QCOMPARE(deletes(), 2);
}

DD_TEST_GUILESS_MAIN(TestJobStopper)
#include "tst_jobstopper.moc"
