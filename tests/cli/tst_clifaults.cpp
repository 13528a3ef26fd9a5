// The fault matrix for the CLI: network faults, server errors and hostile
// answers during dispatch and monitoring. Each row asserts what the user
// sees, the exit code, the journal, and how many children the server holds:
// exactly one per intended dispatch, or none when the dispatch never landed.
#include "clitestsupport.h"
#include "core/dispatchjournal.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"
#include <QTimer>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

class TestCliFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(requireFixtures({fixturePath(u"recorded/in.json"_s)}));
    }
    void dispatchFaults_data();
    void dispatchFaults();
    void monitorFaults_data();
    void monitorFaults();
    void serverRestartWhileWaiting();
    void batchRowLosesItsAnswer_data();
    void batchRowLosesItsAnswer();
};

// fault: what the server does to the dispatch request.
void TestCliFaults::dispatchFaults_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("children");
    QTest::addColumn<QString>("journalVerdict");
    QTest::addColumn<QString>("stderrWords");
    QTest::addColumn<int>("dispatchRequests");

    // The answer is lost after Nomad dispatched: 1.2+ retries with the same token and
    // gets the same child back; 1.0 cannot be retried safely and says what it found.
    QTest::newRow("cut answer, 1.10")
        << u"1.10.5"_s << u"close"_s << 0 << 1 << u"already-dispatched"_s << u"retrying in"_s << 2;
    QTest::newRow("cut answer, 1.0")
        << u"1.0.18"_s << u"close"_s << 1 << 1 << u"unknown"_s
        << u"These children of \"report-nightly\" match this dispatch"_s << 1;
    QTest::newRow("malformed answer, 1.10") << u"1.10.5"_s << u"malformed"_s << 0 << 1
                                            << u"already-dispatched"_s << u"retrying in"_s << 2;
    // 503 before processing: nothing was created; 1.2+ retries and lands once.
    QTest::newRow("503 twice, 1.10")
        << u"1.10.5"_s << u"503x2"_s << 0 << 1 << u"dispatched"_s << u"retrying in"_s << 3;
    QTest::newRow("503, 1.0") << u"1.0.18"_s << u"503x2"_s << 1 << 0 << u"unknown"_s
                              << u"probably safe to dispatch again"_s << 1;
    QTest::newRow("slow loris answer")
        << u"1.10.5"_s << u"slowloris"_s << 0 << 1 << u"dispatched"_s << QString() << 1;
    QTest::newRow("latency") << u"1.10.5"_s << u"latency"_s << 0 << 1 << u"dispatched"_s
                             << QString() << 1;
    // "No cluster leader": nothing was processed; with a token it is retried.
    QTest::newRow("no leader 500, 1.10")
        << u"1.10.5"_s << u"500"_s << 0 << 1 << u"dispatched"_s << u"retrying in"_s << 2;
    // Transport faults at the socket, after Nomad carried the dispatch out (what a
    // crashed proxy or an idle-timeout race does): Qt must not re-send the PUT on
    // its own. On 1.0 exactly one request and one child, reported as unknown with
    // the matching child; on 1.2+ a retry with the same token finds that child.
    const struct
    {
        const char *name;
        const char *fault;
    } transport[] = {{"closed before any answer byte", "close-before-answer"},
                     {"reset after the request", "reset"},
                     {"closed mid headers", "close-mid-headers"}};
    for (const auto &t : transport) {
        QTest::addRow("%s, 1.0", t.name)
            << u"1.0.18"_s << QString::fromLatin1(t.fault) << 1 << 1 << u"unknown"_s
            << u"Dispatch request: sent once, no answer; the connection to 127.0.0.1:"_s << 1;
        QTest::addRow("%s, 1.10", t.name)
            << u"1.10.5"_s << QString::fromLatin1(t.fault) << 0 << 1 << u"already-dispatched"_s
            << u"Dispatch request: sent 2 times with the same idempotency token; Nomad answered "
               u"with one job."_s
            << 2;
    }
    // A schema refusal is final and never retried.
    QTest::newRow("refused, 1.10")
        << u"1.10.5"_s << u"refused"_s << 1 << 0 << u"refused"_s
        << u"Unexpected response code: 500 (Dispatch request included unpermitted metadata keys: [day])"_s
        << 1;
}

void TestCliFaults::dispatchFaults()
{
    QFETCH(QString, version);
    QFETCH(QString, fault);
    QFETCH(int, exitCode);
    QFETCH(int, children);
    QFETCH(QString, journalVerdict);
    QFETCH(QString, stderrWords);
    QFETCH(int, dispatchRequests);
    const auto cluster = startRecordedCluster(version);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString path = u"/v1/job/report-nightly/dispatch"_s;
    if (fault == u"close")
        sim->faults().closeMidResponse(path, 1);
    else if (fault == u"malformed")
        sim->faults().malformJson(path, 1);
    else if (fault == u"503x2")
        sim->faults().failWith(503, u"Service Unavailable"_s, path, 2);
    else if (fault == u"slowloris")
        sim->faults().slowLoris(16, 5, path, 1);
    else if (fault == u"latency")
        sim->faults().addLatency(300);
    else if (fault == u"500")
        sim->faults().failWith(500, u"rpc error: No cluster leader"_s, path, 1);
    else if (fault == u"close-before-answer")
        sim->faults().transport(sim::FaultKind::CloseBeforeAnswer, path, 1);
    else if (fault == u"reset")
        sim->faults().transport(sim::FaultKind::ResetAfterRequest, path, 1);
    else if (fault == u"close-mid-headers")
        sim->faults().transport(sim::FaultKind::CloseMidHeaders, path, 1);
    else if (fault == u"refused")
        sim->faults().failWith(500, u"Dispatch request included unpermitted metadata keys: [day]"_s,
                               path, 1);

    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun run = runCli(
        {u"job"_s, u"dispatch"_s, u"-detach"_s, u"-meta"_s, u"day=friday"_s, u"report-nightly"_s},
        env);
    QVERIFY2(run.finished, run.err.constData());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(run.exitCode == exitCode, qPrintable(u"exit "_s + QString::number(run.exitCode) +
                                                  u"\n"_s + err + QString::fromUtf8(run.out)));
    if (!stderrWords.isEmpty())
        QVERIFY2(err.contains(stderrWords), qPrintable(err));
    if (exitCode == 0)
        QVERIFY(run.out.startsWith("Dispatched Job ID = report-nightly/dispatch-"));
    QCOMPARE(sim->childCount(u"report-nightly"_s), children);
    QCOMPARE(sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).size(), dispatchRequests);

    const JournalLoad journal = DispatchJournal(env.value(u"DISPATCH_DESK_JOURNAL"_s)).load();
    QCOMPARE(journal.entries.size(), 1);
    const JournalEntry &e = journal.entries.first();
    QCOMPARE(e.verdictName(), journalVerdict);
    QCOMPARE(e.meta.value(u"day"_s), u"friday"_s);
    if (children == 1 && exitCode == 0)
        QCOMPARE(e.childJobId, sim->childIds(u"report-nightly"_s).first());
    if (journalVerdict == u"unknown" && children == 1) {
        // The report names the one child the lost request created.
        QVERIFY2(err.contains(u"    "_s + sim->childIds(u"report-nightly"_s).first()),
                 qPrintable(err));
        QCOMPARE(e.childJobId, sim->childIds(u"report-nightly"_s).first());
    }
    // Every retry carried the same token.
    const auto puts = sim->requests().matching(u"PUT"_s, u"/dispatch$"_s);
    if (version != u"1.0.18") {
        for (const auto &put : puts)
            QCOMPARE(put.queryValue(u"idempotency_token"),
                     puts.first().queryValue(u"idempotency_token"));
    }
}

void TestCliFaults::monitorFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrWords");
    QTest::newRow("500 on the evaluation twice")
        << u"eval500"_s << 0 << u"Lost contact with Nomad"_s;
    QTest::newRow("connection cut on the evaluation")
        << u"evalclose"_s << 0 << u"Reconnected to Nomad"_s;
    QTest::newRow("malformed allocations") << u"allocsbad"_s << 0 << u"could not be read"_s;
    QTest::newRow("no known leader for a while") << u"noleader"_s << 0 << u"no known leader"_s;
    QTest::newRow("eval unreadable for good")
        << u"eval404"_s << 1 << u"Could not follow the evaluation"_s;
}

void TestCliFaults::monitorFaults()
{
    QFETCH(QString, fault);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrWords);
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString evalPath = u"^/v1/evaluation/[^/?]+(\\?|$)"_s;
    if (fault == u"eval500")
        sim->faults().failWith(500, u"rpc error: EOF"_s, evalPath, 2);
    else if (fault == u"evalclose")
        sim->faults().closeMidResponse(evalPath, 1);
    else if (fault == u"allocsbad")
        sim->faults().malformJson(u"^/v1/evaluation/.*/allocations"_s, 1);
    else if (fault == u"eval404")
        sim->faults().failWith(404, u"eval not found"_s, evalPath, -1);
    else if (fault == u"noleader") {
        sim->setKnownLeader(false);
        QTimer::singleShot(600, sim, [s = sim]() { s->setKnownLeader(true); });
    }
    QTemporaryDir dir;
    const CliRun run =
        runCli({u"job"_s, u"dispatch"_s, u"-meta"_s, u"day=friday"_s, u"report-nightly"_s},
               cliEnvironment(sim->baseUrl().toString(), dir));
    QVERIFY2(run.finished, run.err.constData());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(run.exitCode == exitCode, qPrintable(err + QString::fromUtf8(run.out)));
    QVERIFY2(err.contains(stderrWords), qPrintable(err));
    if (exitCode == 0) {
        // The monitor's lines on stdout are the same as without the fault.
        QVERIFY2(run.out.contains("finished with status \"complete\""), run.out.constData());
        QCOMPARE(run.out.count("==> Monitoring evaluation"), 1);
    }
    QCOMPARE(sim->childCount(u"report-nightly"_s), 1);
}

void TestCliFaults::serverRestartWhileWaiting()
{
    // video-encode runs about a second; the server restarts (indexes start over,
    // connections drop) while the CLI waits for the job to finish.
    const auto cluster = startRecordedCluster(u"1.10.5"_s, 1.0);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTimer::singleShot(400, sim, [s = sim]() { s->restart(1, true); });
    QTemporaryDir dir;
    const CliRun run =
        runCli({u"job"_s, u"dispatch"_s, u"-wait"_s, u"-meta"_s, u"input-codec=mp4"_s,
                u"video-encode"_s, fixturePath(u"recorded/in.json"_s)},
               cliEnvironment(sim->baseUrl().toString(), dir), {}, 60000);
    QVERIFY2(run.finished, run.err.constData());
    QVERIFY2(run.exitCode == 0,
             qPrintable(u"exit "_s + QString::number(run.exitCode) + u"\n"_s +
                        QString::fromUtf8(run.err) + QString::fromUtf8(run.out)));
    QVERIFY(run.out.contains("finished: 1 complete, 0 failed"));
    QCOMPARE(sim->childCount(u"video-encode"_s), 1);
}

void TestCliFaults::batchRowLosesItsAnswer_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("dispatchRequests");
    QTest::newRow("1.0: the row is unknown, never re-sent") << u"1.0.18"_s << 1 << 6;
    QTest::newRow("1.10: the row is retried with its token") << u"1.10.5"_s << 0 << 7;
}

// dispatch-batch goes through the same guard: one row's answer is lost at the
// socket after Nomad created its child; every row still makes exactly one child.
void TestCliFaults::batchRowLosesItsAnswer()
{
    QFETCH(QString, version);
    QFETCH(int, exitCode);
    QFETCH(int, dispatchRequests);
    const auto cluster = startRecordedCluster(version);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    sim->faults().transport(sim::FaultKind::CloseBeforeAnswer, u"/v1/job/report-nightly/dispatch"_s,
                            1);
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun run =
        runCli({u"job"_s, u"dispatch-batch"_s, u"-concurrency=1"_s, u"report-nightly"_s, u"-"_s},
               env, "day\nmon\ntue\nwed\nthu\nfri\nsat\n");
    QVERIFY2(run.finished, run.err.constData());
    QVERIFY2(run.exitCode == exitCode, run.out.constData());
    QCOMPARE(sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).size(), dispatchRequests);
    QCOMPARE(sim->childCount(u"report-nightly"_s), 6);
}

DD_TEST_GUILESS_MAIN(TestCliFaults)
#include "tst_clifaults.moc"
