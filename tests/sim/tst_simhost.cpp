// SimulatorHost (the simulator on its own thread, as the app's demo mode runs
// it), the nomad-api-sim executable, and its command line.
#include "sim/commandline.h"
#include "sim/simulatorhost.h"
#include "simtestsupport.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"
#include <QThread>

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

namespace {

QString executable()
{
    return QStringLiteral(DD_BUILD_DIR "/src/simd/nomad-api-sim");
}

} // namespace

class TstSimHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostRunsOnItsOwnThread();
    void hostReportsStartErrors();
    void commandLine_data();
    void commandLine();
    void executableServes();
    void executableLoadsJobDirectory();
    void executableFlags_data();
    void executableFlags();
};

void TstSimHost::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFile::exists(executable()), qPrintable(executable()));
}

void TstSimHost::hostRunsOnItsOwnThread()
{
    SimulatorOptions o;
    o.acl = true;
    o.seed = 1;
    SimulatorHost host(o);
    QVERIFY(host.start());
    QVERIFY(host.port() > 0);
    QCOMPARE(host.baseUrl().port(), int(host.port()));
    QCOMPARE(host.managementToken().size(), 36);

    TestClient client(host.baseUrl());
    client.setToken(host.managementToken());
    HttpResult r = client.get(u"/v1/jobs"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().toArray().size() >= 10); // the demo cluster
    QCOMPARE(host.requests()->last().rawPath, u"/v1/jobs"_s);

    QThread *simThread = nullptr;
    QString nodeId;
    host.invoke([&](Simulator &sim) {
        simThread = QThread::currentThread();
        NodeSpec spec;
        spec.name = u"extra"_s;
        nodeId = sim.addNode(spec);
    });
    QVERIFY(simThread && simThread != QThread::currentThread());
    r = client.get(u"/v1/nodes"_s);
    QCOMPARE(r.json().toArray().size(), 2);

    host.faults()->failWith(503, u"busy"_s, u"^/v1/regions"_s, 1);
    QCOMPARE(client.get(u"/v1/regions"_s).status, 503);
    QCOMPARE(client.get(u"/v1/regions"_s).status, 200);

    host.stop();
    QVERIFY(!host.isRunning());
    r = client.get(u"/v1/regions"_s);
    QVERIFY(r.error != QNetworkReply::NoError);
}

void TstSimHost::hostReportsStartErrors()
{
    SimulatorOptions o;
    o.jobsDirectory = u"/nonexistent/jobs"_s;
    SimulatorHost host(o);
    const auto started = host.start();
    QVERIFY(!started);
    QVERIFY(started.error().contains(u"/nonexistent/jobs"_s));
    QVERIFY(!host.isRunning());
}

void TstSimHost::commandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("ok");
    QTest::newRow("defaults") << QStringList{} << true;
    QTest::newRow("everything") << QStringList{u"--listen"_s,
                                               u"127.0.0.1:0"_s,
                                               u"--acl"_s,
                                               u"--nodes"_s,
                                               u"3"_s,
                                               u"--seed"_s,
                                               u"42"_s,
                                               u"--server-version"_s,
                                               u"1.2.0"_s,
                                               u"--time-scale"_s,
                                               u"10"_s,
                                               u"--heartbeat"_s,
                                               u"5s"_s,
                                               u"--fault"_s,
                                               u"latency,ms=100"_s,
                                               u"--no-leader"_s,
                                               u"--restart-after"_s,
                                               u"1m"_s}
                                << true;
    QTest::newRow("bad listen") << QStringList{u"--listen"_s, u"4646"_s} << false;
    QTest::newRow("bad version") << QStringList{u"--server-version"_s, u"latest"_s} << false;
    QTest::newRow("cert without key") << QStringList{u"--tls-cert"_s, u"a.pem"_s} << false;
    QTest::newRow("verify without CA")
        << QStringList{u"--tls-cert"_s, u"a"_s, u"--tls-key"_s, u"b"_s, u"--verify-client"_s}
        << false;
    QTest::newRow("bad fault") << QStringList{u"--fault"_s, u"boom"_s} << false;
    QTest::newRow("unknown flag") << QStringList{u"--frobnicate"_s} << false;
    QTest::newRow("stray argument") << QStringList{u"extra"_s} << false;
}

void TstSimHost::commandLine()
{
    QFETCH(QStringList, args);
    QFETCH(bool, ok);
    const auto parsed = parseSimulatorArguments(QStringList{u"nomad-api-sim"_s} + args);
    QCOMPARE(parsed.has_value(), ok);
    if (!ok) {
        QVERIFY(!parsed.error().isEmpty());
        return;
    }
    if (args.isEmpty()) {
        QCOMPARE(parsed->options.port, quint16(4646));
        QCOMPARE(parsed->options.serverVersion, u"1.10.5"_s);
        return;
    }
    QCOMPARE(parsed->options.port, quint16(0));
    QVERIFY(parsed->options.acl);
    QCOMPARE(parsed->options.nodes, 3);
    QCOMPARE(parsed->options.seed, 42u);
    QCOMPARE(parsed->options.serverVersion, u"1.2.0"_s);
    QCOMPARE(parsed->options.timeScale, 10.0);
    QCOMPARE(parsed->options.heartbeatMs, 5000);
    QCOMPARE(parsed->faults.size(), 1);
    QVERIFY(!parsed->knownLeader);
    QCOMPARE(parsed->restartAfterMs, 60'000);
}

void TstSimHost::executableServes()
{
    QProcess p;
    p.start(executable(), {u"--listen"_s, u"127.0.0.1:0"_s, u"--acl"_s, u"--seed"_s, u"5"_s,
                           u"--server-version"_s, u"1.2.0"_s, u"--fault"_s,
                           u"status,code=503,body=busy,count=1,path=^/v1/regions"_s});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QVERIFY(waitFor([&] {
        out += p.readAllStandardOutput();
        return out.contains("NOMAD_TOKEN=");
    }));
    QString addr, token;
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("NOMAD_ADDR="))
            addr = QString::fromUtf8(line.mid(11).trimmed());
        if (line.startsWith("NOMAD_TOKEN="))
            token = QString::fromUtf8(line.mid(12).trimmed());
    }
    QVERIFY(addr.startsWith(u"http://127.0.0.1:"_s));
    QCOMPARE(token.size(), 36);
    TestClient client((QUrl(addr)));
    QCOMPARE(client.get(u"/v1/regions"_s).status, 503);
    QCOMPARE(client.get(u"/v1/regions"_s).status, 200);
    QCOMPARE(client.get(u"/v1/jobs"_s).status, 403);
    const HttpResult self = client.get(u"/v1/agent/self"_s, {{"X-Nomad-Token", token.toUtf8()}});
    QCOMPARE(self.json()["config"_L1]["Version"_L1]["Version"_L1].toString(), u"1.2.0"_s);
    p.terminate(); // SIGTERM: a clean exit
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
}

void TstSimHost::executableLoadsJobDirectory()
{
    // --jobs serves every *.register.json in the folder: the IDs expected are those
    // files' own, so adding a recording changes what is expected, not the verdict.
    QStringList expected;
    const QDir jobs(jobsDir());
    QVERIFY2(jobs.exists(), qPrintable(u"fixtures folder %1 is missing"_s.arg(jobs.path())));
    for (const QString &name : jobs.entryList({u"*.register.json"_s}, QDir::Files)) {
        const auto root = readJsonFixture(jobs.filePath(name));
        DD_VERIFY_OK(root);
        const QJsonObject job = root->contains("Job"_L1) ? root->value("Job"_L1).toObject() : *root;
        expected << job.value("ID"_L1).toString();
    }
    QVERIFY2(!expected.isEmpty(), qPrintable(u"no *.register.json in %1"_s.arg(jobs.path())));
    expected.sort();

    QProcess p;
    p.start(executable(), {u"--listen"_s, u"127.0.0.1:0"_s, u"--jobs"_s, jobsDir()});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QVERIFY(waitFor([&] {
        out += p.readAllStandardOutput();
        return out.contains('\n');
    }));
    TestClient client(QUrl(QString::fromUtf8(out.trimmed().mid(11))));
    const HttpResult r = client.get(u"/v1/jobs"_s);
    QStringList served;
    for (const QJsonValue &stub : r.json().toArray())
        served << stub["ID"_L1].toString();
    served.sort();
    QCOMPARE(served, expected);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
}

void TstSimHost::executableFlags_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stdoutHas");
    QTest::addColumn<QByteArray>("stderrHas");
    QTest::newRow("--version") << QStringList{u"--version"_s} << 0 << QByteArray("nomad-api-sim ")
                               << QByteArray();
    QTest::newRow("--help") << QStringList{u"--help"_s} << 0 << QByteArray("--server-version")
                            << QByteArray();
    QTest::newRow("bad flag") << QStringList{u"--nope"_s} << 2 << QByteArray()
                              << QByteArray("nomad-api-sim: ");
    QTest::newRow("missing jobs dir")
        << QStringList{u"--listen"_s, u"127.0.0.1:0"_s, u"--jobs"_s, u"/nonexistent"_s} << 1
        << QByteArray() << QByteArray("does not exist");
}

void TstSimHost::executableFlags()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stdoutHas);
    QFETCH(QByteArray, stderrHas);
    QProcess p;
    p.start(executable(), args);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), exitCode);
    QVERIFY(p.readAllStandardOutput().contains(stdoutHas));
    QVERIFY(p.readAllStandardError().contains(stderrHas));
}

DD_TEST_GUILESS_MAIN(TstSimHost)
#include "tst_simhost.moc"
