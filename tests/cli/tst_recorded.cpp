// Every `nomad job dispatch` run recorded against a real Nomad agent, replayed
// with dispatch-desk-cli against the simulator loaded with the same jobs:
// stdout identical, the reference's stderr lines first and unchanged (help may
// follow), the same exit code, and the same dispatch sent to the server.
#include "clitestsupport.h"
#include "recordings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

class TestRecorded : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void scenario_data();
    void scenario();
    void normaliser();
};

void TestRecorded::scenario_data()
{
    QTest::addColumn<QString>("name");
    // The runs replayed, named: a new recording is replayed once it is added here.
    const QStringList scenarios = {
        u"dispatch-by-prefix"_s,       u"dispatch-constraint-filtered"_s,
        u"dispatch-detach"_s,          u"dispatch-meta-default-override"_s,
        u"dispatch-monitor-success"_s, u"dispatch-multi-group"_s,
        u"dispatch-namespace"_s,       u"dispatch-placement-failure"_s,
        u"dispatch-stdin-payload"_s,   u"dispatch-task-fails"_s,
        u"dispatch-verbose"_s,         u"dispatch-verbose-placement-failure"_s,
        u"error-bad-meta-flag"_s,      u"error-connection-refused"_s,
        u"error-job-not-found"_s,      u"error-missing-meta"_s,
        u"error-missing-payload"_s,    u"error-not-parameterized"_s,
        u"error-payload-forbidden"_s,  u"error-payload-too-large"_s,
        u"error-too-many-args"_s,      u"error-unpermitted-meta"_s,
        u"error-unreadable-payload"_s,
    };
    for (const QString &name : scenarios)
        QTest::newRow(qPrintable(name)) << name;
}

static QStringList argsFor(const Scenario &s)
{
    QStringList args = splitCommand(s.command);
    for (QString &a : args) {
        if (a == u"in.json" || a == u"big.bin")
            a = recordedDir() + u'/' + a;
    }
    return args;
}

static QJsonObject recordedDispatchBody(const Scenario &s)
{
    for (const Exchange &e : s.exchanges) {
        if (e.path.endsWith(u"/dispatch"_s))
            return e.requestBody.toObject();
    }
    return {};
}

void TestRecorded::scenario()
{
    QFETCH(QString, name);
    const auto loaded = loadScenario(name);
    DD_VERIFY_OK(loaded);
    const Scenario &s = *loaded;
    for (const QString &input : {u"in.json"_s, u"big.bin"_s}) {
        if (splitCommand(s.command).contains(input))
            DD_VERIFY_OK(requireFixtures({recordedDir() + u'/' + input}));
    }
    const auto cluster = startRecordedCluster();
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const QProcessEnvironment env = cliEnvironment(sim->baseUrl().toString(), dir);
    QByteArray stdinData;
    if (argsFor(s).contains(u"-"_s))
        stdinData = QByteArray::fromBase64(
            recordedDispatchBody(s).value(u"Payload"_s).toString().toLatin1());

    const CliRun run = runCli(argsFor(s), env, stdinData);
    QVERIFY2(run.finished, run.err.constData());
    const QString out = QString::fromUtf8(run.out);
    const QString err = QString::fromUtf8(run.err);

    if (name == u"dispatch-by-prefix") {
        // Recorded with Nomad 1.0's CLI, which had no prefix lookup. Ours resolves the
        // unique prefix "video-enc" to video-encode (Nomad 1.5+'s behaviour) and succeeds.
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(out.startsWith(u"Dispatched Job ID = video-encode/dispatch-"_s), qPrintable(out));
        QCOMPARE(sim->childCount(u"video-encode"_s), 1);
        return;
    }

    QCOMPARE(normalise(out), normalise(QString::fromUtf8(s.stdoutText)));
    const QString expectedErr = QString::fromUtf8(s.stderrText);
    QVERIFY2(err.startsWith(expectedErr),
             qPrintable(u"stderr:\n"_s + err + u"\nexpected it to start with:\n"_s + expectedErr));
    QCOMPARE(run.exitCode, s.exitCode);

    // What reached the server: the same dispatch, or none where nothing should be sent.
    const QJsonObject recorded = recordedDispatchBody(s);
    QList<sim::RecordedRequest> dispatches;
    for (const sim::RecordedRequest &r : sim->requests().all()) {
        if (r.path.endsWith(u"/dispatch"_s))
            dispatches.append(r);
    }
    if (name == u"error-payload-too-large") {
        QVERIFY2(dispatches.isEmpty(), "an oversized payload must be refused before sending");
        QVERIFY(err.contains(u"nothing was dispatched"_s));
        return;
    }
    if (recorded.isEmpty()) {
        QVERIFY(dispatches.isEmpty());
        return;
    }
    QCOMPARE(dispatches.size(), 1);
    const QJsonObject sent = QJsonDocument::fromJson(dispatches.first().body).object();
    QCOMPARE(sent.value(u"Meta"_s).toObject(), recorded.value(u"Meta"_s).toObject());
    QCOMPARE(sent.value(u"Payload"_s).toString(), recorded.value(u"Payload"_s).toString());
    for (const Exchange &e : s.exchanges) {
        if (e.query.contains(u"namespace"_s)) {
            // The job's namespace travels on the dispatch and on every follow-up call.
            for (const sim::RecordedRequest &r : sim->requests().all()) {
                if (r.path.startsWith(u"/v1/job/"_s) || r.path.startsWith(u"/v1/evaluation/"_s))
                    QVERIFY2(r.queryValue(u"namespace") == u"team-a"_s,
                             qPrintable(r.rawPath + u'?' + r.rawQuery));
            }
            break;
        }
    }
}

void TestRecorded::normaliser()
{
    const QString a =
        normalise(u"Evaluation ID     = bea1baa0\n==> Monitoring evaluation \"bea1baa0\"\n"
                  u"    Allocation \"7a8fb71f\" created: node \"87c069e5\", group \"b\"\n"
                  u"    Allocation \"1a8fb71f\" created: node \"87c069e5\", group \"a\"\n"
                  u"job \"x/dispatch-1795595559-2d14d087\""_s);
    QCOMPARE(a, u"Evaluation ID     = <ID1>\n==> Monitoring evaluation \"<ID1>\"\n"
                u"    Allocation \"<A>\" created: node \"<N>\", group \"a\"\n"
                u"    Allocation \"<A>\" created: node \"<N>\", group \"b\"\n"
                u"job \"x/dispatch-<T>-<ID2>\""_s);
    QCOMPARE(normalise(u"c8e8f960-47db-ae45-4594-d7460d55de33 c8e8f960"_s), u"<UUID1> <ID1>"_s);
}

DD_TEST_GUILESS_MAIN(TestRecorded)
#include "tst_recorded.moc"
