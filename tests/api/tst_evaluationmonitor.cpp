// EvaluationMonitor and JobWaiter directly against the in-process simulator:
// their outcomes, the events they report, and how they ride out faults.

#include "api/evaluationmonitor.h"
#include "api/jobwaiter.h"
#include "api/nomadclient.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/faultinjector.h"
#include "sim/requestlog.h"
#include "sim/simulator.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using dd::test::fastRetry;
using namespace Qt::StringLiterals;

namespace {

QList<MonitorEvent::Kind> kinds(const QList<MonitorEvent> &events)
{
    QList<MonitorEvent::Kind> out;
    for (const MonitorEvent &e : events)
        out.append(e.kind);
    return out;
}

const QString kEvalTarget = u"^/v1/evaluation/[^/?]+(\\?|$)"_s;

} // namespace

class TestEvaluationMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void followsToComplete();
    void reconnectsAfterServerErrors();
    void unreadableEvaluationIsAnError();
    void cancelStops();
    void waiterReportsTheEnd_data();
    void waiterReportsTheEnd();
    void waiterRetriesTransientErrors();
    void waiterRefusedStops();

private:
    std::optional<DispatchResponse> dispatch(const QString &jobId, const MetaMap &meta = {});
    EvaluationMonitor *monitor(const QString &evalId, RetryPolicy retry = fastRetry());

    dd::test::ApiCluster m_cluster;
    QList<MonitorEvent> m_events;
    std::optional<MonitorResult> m_result;
};

void TestEvaluationMonitor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEvaluationMonitor::init()
{
    DD_VERIFY_OK(m_cluster.start());
    m_events.clear();
    m_result.reset();
}

void TestEvaluationMonitor::cleanup()
{
    m_cluster.stop();
}

std::optional<DispatchResponse> TestEvaluationMonitor::dispatch(const QString &jobId,
                                                                const MetaMap &meta)
{
    DispatchRequest request;
    request.jobId = jobId;
    request.meta = meta;
    std::optional<Result<Reply<DispatchResponse>>> answer;
    QObject context;
    m_cluster.client()->dispatch(
        request, {}, &context,
        [&answer](Result<Reply<DispatchResponse>> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&answer]() { return answer.has_value(); }, 10000) || !*answer)
        return std::nullopt;
    return (*answer)->value;
}

EvaluationMonitor *TestEvaluationMonitor::monitor(const QString &evalId, RetryPolicy retry)
{
    EvaluationMonitor::Options options;
    options.nameSpace = u"default"_s;
    options.retry = retry;
    options.blockingWait = std::chrono::milliseconds(2000);
    auto *m = new EvaluationMonitor(m_cluster.client(), evalId, options, this);
    connect(m, &EvaluationMonitor::monitorEvent, this,
            [this](const MonitorEvent &e) { m_events.append(e); });
    connect(m, &EvaluationMonitor::finished, this,
            [this](const MonitorResult &r) { m_result = r; });
    return m;
}

void TestEvaluationMonitor::followsToComplete()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    EvaluationMonitor *m = monitor(d->evalId);
    m->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_result.has_value(), 15000);
    QCOMPARE(m_result->outcome, MonitorResult::Outcome::Complete);
    QCOMPARE(m_result->lastEvaluation.status, u"complete"_s);
    const auto k = kinds(m_events);
    QCOMPARE(k.first(), MonitorEvent::Kind::MonitoringEvaluation);
    QCOMPARE(k.count(MonitorEvent::Kind::MonitoringEvaluation), 1);
    QVERIFY(k.contains(MonitorEvent::Kind::AllocationCreated));
    QCOMPARE(k.last(), MonitorEvent::Kind::EvaluationFinished);
    QVERIFY(!k.contains(MonitorEvent::Kind::Reconnecting));
    QVERIFY(!m->isRunning());
    // Every read names the job's namespace.
    const auto reads = m_cluster.sim()->requests().matching(u"GET"_s, u"^/v1/evaluation/"_s);
    QVERIFY(!reads.isEmpty());
    for (const sim::RecordedRequest &r : reads)
        QCOMPARE(r.queryValue(u"namespace"), u"default"_s);
    // Nothing is left waiting once the evaluation is over.
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 0);
}

void TestEvaluationMonitor::reconnectsAfterServerErrors()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    m_cluster.sim()->faults().failWith(500, u"rpc error: EOF"_s, kEvalTarget, 2);
    EvaluationMonitor *m = monitor(d->evalId);
    m->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_result.has_value(), 15000);
    QCOMPARE(m_result->outcome, MonitorResult::Outcome::Complete);
    const auto k = kinds(m_events);
    QCOMPARE(k.count(MonitorEvent::Kind::Reconnecting), 2);
    QCOMPARE(k.count(MonitorEvent::Kind::Reconnected), 1);
    // Reconnected comes before what the recovered read shows.
    QVERIFY(k.indexOf(MonitorEvent::Kind::Reconnected) <
            k.indexOf(MonitorEvent::Kind::EvaluationFinished));
    const auto reconnecting = m_events.at(k.lastIndexOf(MonitorEvent::Kind::Reconnecting));
    QCOMPARE(reconnecting.attempt, 2);
    QCOMPARE(reconnecting.error->httpStatus, 500);
}

void TestEvaluationMonitor::unreadableEvaluationIsAnError()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    m_cluster.sim()->faults().failWith(404, u"eval not found"_s, kEvalTarget, -1);
    EvaluationMonitor *m = monitor(d->evalId);
    m->start();
    QTRY_VERIFY(m_result.has_value());
    QCOMPARE(m_result->outcome, MonitorResult::Outcome::Error);
    QVERIFY(m_result->error->isNotFound());
    QCOMPARE(m_result->errorEvalId, d->evalId);
    QCOMPARE(m_cluster.sim()->requests().matching(u"GET"_s, u"^/v1/evaluation/[^/]+$"_s).size(), 1);
}

void TestEvaluationMonitor::cancelStops()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    m_cluster.sim()->faults().failWith(500, u"rpc error: EOF"_s, kEvalTarget, -1);
    // A backoff long enough that the cancel lands in it, however loaded the machine.
    RetryPolicy slow;
    slow.initial = std::chrono::milliseconds(1600);
    EvaluationMonitor *m = monitor(d->evalId, slow);
    m->start();
    QTRY_VERIFY(kinds(m_events).contains(MonitorEvent::Kind::Reconnecting));
    m->cancel();
    QVERIFY(m_result.has_value());
    QCOMPARE(m_result->outcome, MonitorResult::Outcome::Cancelled);
    QTest::qWait(1700); // past the longest backoff (1600 ms)
    // The dispatch and the one refused read; the retry was never sent.
    QCOMPARE(m_cluster.sim()->requests().matching(u"GET"_s, u"^/v1/evaluation/"_s).size(), 1);
}

void TestEvaluationMonitor::waiterReportsTheEnd_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("metaKey");
    QTest::addColumn<int>("complete");
    QTest::addColumn<int>("failed");
    QTest::newRow("completes") << u"report-nightly"_s << u"day"_s << 1 << 0;
    QTest::newRow("task exits 3") << u"flaky-import"_s << QString() << 0 << 1;
}

void TestEvaluationMonitor::waiterReportsTheEnd()
{
    QFETCH(QString, job);
    QFETCH(QString, metaKey);
    QFETCH(int, complete);
    QFETCH(int, failed);
    MetaMap meta;
    if (!metaKey.isEmpty())
        meta.insert(metaKey, u"friday"_s);
    const auto d = dispatch(job, meta);
    QVERIFY(d);
    JobWaiter waiter(m_cluster.client(), d->dispatchedJobId, u"default"_s);
    waiter.setRetryPolicy(fastRetry());
    waiter.setBlockingWait(std::chrono::milliseconds(2000));
    std::optional<JobOutcome> outcome;
    QSignalSpy changes(&waiter, &JobWaiter::allocationStatusChanged);
    connect(&waiter, &JobWaiter::finished, this, [&outcome](const JobOutcome &o) { outcome = o; });
    waiter.start();
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30000);
    QVERIFY2(!outcome->error, qPrintable(outcome->error ? outcome->error->message() : QString()));
    QCOMPARE(outcome->status, u"dead"_s);
    QCOMPARE(outcome->complete, complete);
    QCOMPARE(outcome->failed, failed);
    QCOMPARE(outcome->succeeded(), failed == 0);
    QVERIFY(!changes.isEmpty());
    QTRY_COMPARE(m_cluster.sim()->pendingBlockingQueries(), 0);
}

void TestEvaluationMonitor::waiterRetriesTransientErrors()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    m_cluster.sim()->faults().failWith(502, u"bad gateway"_s, u"/allocations"_s, 2);
    JobWaiter waiter(m_cluster.client(), d->dispatchedJobId, u"default"_s);
    waiter.setRetryPolicy(fastRetry());
    waiter.setBlockingWait(std::chrono::milliseconds(2000));
    QSignalSpy reconnecting(&waiter, &JobWaiter::reconnecting);
    std::optional<JobOutcome> outcome;
    connect(&waiter, &JobWaiter::finished, this, [&outcome](const JobOutcome &o) { outcome = o; });
    waiter.start();
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 30000);
    QVERIFY(outcome->succeeded());
    QCOMPARE(reconnecting.size(), 2);
    QCOMPARE(reconnecting.at(1).at(1).toInt(), 2);
}

void TestEvaluationMonitor::waiterRefusedStops()
{
    const auto d = dispatch(u"report-nightly"_s, {{u"day"_s, u"friday"_s}});
    QVERIFY(d);
    m_cluster.sim()->faults().failWith(403, u"Permission denied"_s, u"/allocations"_s, -1);
    JobWaiter waiter(m_cluster.client(), d->dispatchedJobId, u"default"_s);
    std::optional<JobOutcome> outcome;
    connect(&waiter, &JobWaiter::finished, this, [&outcome](const JobOutcome &o) { outcome = o; });
    waiter.start();
    QTRY_VERIFY(outcome.has_value());
    QVERIFY(outcome->error);
    QVERIFY(outcome->error->isPermissionDenied());
    QVERIFY(!outcome->succeeded());
}

DD_TEST_GUILESS_MAIN(TestEvaluationMonitor)
#include "tst_evaluationmonitor.moc"
