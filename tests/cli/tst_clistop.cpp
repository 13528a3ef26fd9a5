// `job stop` and `job purge-children` against the simulator: confirmation
// without a terminal, the evaluation ID, purge, a token without submit-job,
// dry runs, and the history that records them.
#include "clitestsupport.h"
#include "sim/requestlog.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

class TestCliStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void stopRefusesWithoutTerminal();
    void stopAsksOnATerminal_data();
    void stopAsksOnATerminal();
    void stopPrintsTheEvaluation();
    void stopAndPurge();
    void stopWithoutSubmitJob();
    void purgeChildrenDryRunAndPurge();
    void purgeChildrenOlderThan();

private:
    static QString dispatchChild(sim::Simulator *sim, const QString &parent = u"report-nightly"_s)
    {
        sim::DispatchRequest request;
        request.jobId = parent;
        const auto child = sim->dispatch(request);
        return child ? child->dispatchedJobId : QString();
    }
    static int stopRequests(sim::Simulator *sim)
    {
        return int(sim->requests().matching(u"DELETE"_s, u"^/v1/job/"_s).size());
    }
};

void TestCliStop::stopRefusesWithoutTerminal()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    QTemporaryDir dir;
    const CliRun run =
        runCli({u"job"_s, u"stop"_s, child}, cliEnvironment(sim->baseUrl().toString(), dir), "y\n");
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(QString::fromUtf8(run.err),
             u"Refusing to stop job \""_s + child +
                 u"\" without confirmation: standard input is not a terminal. Run it again with "
                 u"-yes to stop it.\n"_s);
    QCOMPARE(stopRequests(sim), 0);
    QVERIFY(!sim->job(child)->stop);
}

// On a real terminal (a pseudo-terminal here, as in a person's shell) the
// CLI asks, and only an exact "y" stops the job.
void TestCliStop::stopAsksOnATerminal_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("stops");
    QTest::addColumn<QString>("said");
    QTest::newRow("y") << QByteArray("y\n") << 0 << 1 << u"Stopped job \""_s;
    QTest::newRow("n") << QByteArray("n\n") << 0 << 0 << u"Cancelling job stop"_s;
    QTest::newRow("empty") << QByteArray("\n") << 0 << 0 << u"Cancelling job stop"_s;
    QTest::newRow("yes") << QByteArray("yes\n") << 0 << 0
                         << u"For confirmation, an exact ‘y’ is required."_s;
    QTest::newRow("other") << QByteArray("maybe\n") << 1 << 0 << u"No confirmation detected."_s;
}

void TestCliStop::stopAsksOnATerminal()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, exitCode);
    QFETCH(int, stops);
    QFETCH(QString, said);
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    QTemporaryDir dir;
    const CliRun run =
        runCliOnTerminal({u"job"_s, u"stop"_s, child},
                         cliEnvironment(sim->baseUrl().toString(), dir), "[y/N]", answer);
    QVERIFY2(run.finished, run.out.constData());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(u"Are you sure you want to stop job \""_s + child + u"\"? [y/N] "_s),
             qPrintable(out));
    QVERIFY2(out.contains(said), qPrintable(out + u"\nexit " + QString::number(run.exitCode) +
                                            u" stops " + QString::number(stopRequests(sim))));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(stopRequests(sim), stops);
}

void TestCliStop::stopPrintsTheEvaluation()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun run = runCli({u"job"_s, u"stop"_s, u"-yes"_s, child}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // As `nomad job stop -detach`: the evaluation ID, alone.
    const QString evalId = QString::fromUtf8(run.out).trimmed();
    QVERIFY(sim->eval(evalId));
    QCOMPARE(QString::fromUtf8(run.err), u"Stopped job \""_s + child + u"\"\n"_s);
    const auto sent = sim->requests().matching(u"DELETE"_s, u"^/v1/job/"_s);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().path, u"/v1/job/"_s + child);
    QVERIFY(!sent.first().hasQuery(u"purge"));
    QVERIFY(sim->job(child)->stop);

    // The history shows the stop.
    const CliRun history = runCli({u"history"_s}, env);
    QVERIFY2(history.out.contains(child.toUtf8()) && history.out.contains("stopped"),
             history.out.constData());
    const CliRun json = runCli({u"history"_s, u"-json"_s}, env);
    QVERIFY2(json.out.contains("\"action\": \"stop\""), json.out.constData());
}

void TestCliStop::stopAndPurge()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun run = runCli({u"job"_s, u"stop"_s, u"-purge"_s, u"-yes"_s, child}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(sim->requests().last().queryValue(u"purge"), u"true"_s);
    QVERIFY(!sim->job(child));
    QVERIFY(run.err.contains("Stopped and purged job"));
    QVERIFY(runCli({u"history"_s}, env).out.contains("purged"));
}

void TestCliStop::stopWithoutSubmitJob()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    sim->enableAcl();
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    env.insert(u"NOMAD_TOKEN"_s,
               sim->createToken(u"dispatcher"_s,
                                QMap<QString, QStringList>{
                                    {u"default"_s, {u"dispatch-job"_s, u"read-job"_s}}})
                   .secretId);
    const CliRun run = runCli({u"job"_s, u"stop"_s, u"-yes"_s, child}, env);
    QCOMPARE(run.exitCode, 1);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.startsWith(u"Error deregistering job with id "_s + child +
                            u" err: Unexpected response code: 403 (Permission denied)\n"_s),
             qPrintable(err));
    QVERIFY2(err.contains(u"The token needs the submit-job capability in namespace \"default\"."_s),
             qPrintable(err));
    QVERIFY(!sim->job(child)->stop);
    // The refusal is in the history too.
    QVERIFY(runCli({u"history"_s}, env).out.contains("stop refused"));
}

void TestCliStop::purgeChildrenDryRunAndPurge()
{
    // fanout sleeps 2 s: at a fifth of real speed its children run for 10 s.
    const auto cluster = startRecordedCluster(u"1.10.5"_s, 0.2);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QStringList dead;
    for (int i = 0; i < 3; ++i)
        dead.append(dispatchChild(sim, u"fanout"_s));
    const QString running = dispatchChild(sim, u"fanout"_s);
    for (const QString &id : std::as_const(dead))
        QVERIFY(sim->stopJob(u"default"_s, id));
    for (const QString &id : std::as_const(dead))
        QTRY_COMPARE_WITH_TIMEOUT(sim->job(id)->status, u"dead"_s, 15000);
    QVERIFY(sim->job(running)->status != u"dead");

    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun dry = runCli({u"job"_s, u"purge-children"_s, u"-dry-run"_s, u"fanout"_s}, env);
    QVERIFY2(dry.exitCode == 0, dry.err.constData());
    const QString listed = QString::fromUtf8(dry.out);
    QVERIFY2(listed.startsWith(u"3 dead children of \"fanout\" to purge:\n"_s), qPrintable(listed));
    for (const QString &id : std::as_const(dead))
        QVERIFY(listed.contains(u"  "_s + id + u'\n'));
    QVERIFY(!listed.contains(running));
    QVERIFY(listed.endsWith(u"Dry run: nothing was purged.\n"_s));
    QCOMPARE(stopRequests(sim), 0);

    // Without a terminal and without -yes: nothing happens.
    const CliRun refused = runCli({u"job"_s, u"purge-children"_s, u"fanout"_s}, env);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains("Refusing to purge 3 dead children of \"fanout\""));
    QCOMPARE(stopRequests(sim), 0);

    const CliRun run = runCli({u"job"_s, u"purge-children"_s, u"-yes"_s, u"fanout"_s}, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("Purged 3 of 3 children."), run.out.constData());
    QCOMPARE(stopRequests(sim), 3);
    for (const auto &r : sim->requests().matching(u"DELETE"_s, u"^/v1/job/"_s))
        QCOMPARE(r.queryValue(u"purge"), u"true"_s);
    for (const QString &id : std::as_const(dead))
        QVERIFY(!sim->job(id));
    QVERIFY(sim->job(running));
}

void TestCliStop::purgeChildrenOlderThan()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    const QString child = dispatchChild(sim);
    QVERIFY(sim->stopJob(u"default"_s, child));
    QTRY_COMPARE(sim->job(child)->status, u"dead"_s);
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    // Submitted moments ago: not older than an hour.
    const CliRun young = runCli(
        {u"job"_s, u"purge-children"_s, u"-older-than=1h"_s, u"-yes"_s, u"report-nightly"_s}, env);
    QCOMPARE(young.exitCode, 0);
    QCOMPARE(QString::fromUtf8(young.out),
             u"No dead children of \"report-nightly\" submitted more than 1h ago to purge.\n"_s);
    QCOMPARE(stopRequests(sim), 0);
    const CliRun bad =
        runCli({u"job"_s, u"purge-children"_s, u"-older-than=soon"_s, u"report-nightly"_s}, env);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains("Error parsing -older-than"));
}

DD_TEST_GUILESS_MAIN(TestCliStop)
#include "tst_clistop.moc"
