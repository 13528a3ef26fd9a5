// Job writes over HTTP: dispatch with Nomad's validation and error texts,
// version-dependent dispatch features, namespaces and regions, register and
// deregister, and what the request log records of them.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimDispatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dispatchErrors_data();
    void dispatchErrors();
    void dispatchPayloadLimit();
    void dispatchChildIds_data();
    void dispatchChildIds();
    void dispatchPriority_data();
    void dispatchPriority();
    void idempotencyToken_data();
    void idempotencyToken();
    void namespacesAndRegions_data();
    void namespacesAndRegions();
    void registerJobFillsDefaults();
    void registerErrors_data();
    void registerErrors();
    void deregister();
    void requestLogKeepsWhatWasSent();

private:
    QJsonObject dispatchOk(const QString &job, const QByteArray &body, const QString &query = {});
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimDispatch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimDispatch::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.seed = 13;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimDispatch::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QJsonObject TstSimDispatch::dispatchOk(const QString &job, const QByteArray &body,
                                       const QString &query)
{
    const HttpResult r = m_client->put(u"/v1/job/%1/dispatch%2"_s.arg(job, query), body);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    m_sim->clock().advance(0);
    return r.json().toObject();
}

void TstSimDispatch::dispatchErrors_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("no such job") << u"no-such-job"_s << QByteArray("{}") << 500
                                 << u"parameterized job not found"_s;
    QTest::newRow("prefix is not a lookup")
        << u"video-enc"_s << QByteArray("{}") << 500 << u"parameterized job not found"_s;
    QTest::newRow("not parameterized")
        << u"plain-batch"_s << QByteArray("{}") << 500
        << u"Specified job \"plain-batch\" is not a parameterized job"_s;
    QTest::newRow("payload required")
        << u"video-encode"_s << QByteArray(R"({"Meta":{"input-codec":"x"}})") << 500
        << u"Payload is not provided but required by parameterized job"_s;
    QTest::newRow("payload forbidden")
        << u"report-nightly"_s << QByteArray(R"({"Payload":"aGk="})") << 500
        << u"Payload provided but forbidden by parameterized job"_s;
    QTest::newRow("unpermitted meta, sorted")
        << u"video-encode"_s
        << QByteArray(R"({"Payload":"aGk=","Meta":{"zz":"1","bogus":"1","input-codec":"x"}})")
        << 500 << u"Dispatch request included unpermitted metadata keys: [bogus zz]"_s;
    QTest::newRow("missing meta")
        << u"video-encode"_s << QByteArray(R"({"Payload":"aGk="})") << 500
        << u"Dispatch did not provide required meta keys: [input-codec]"_s;
    QTest::newRow("empty body") << u"video-encode"_s << QByteArray() << 400 << u"EOF"_s;
    QTest::newRow("malformed body") << u"video-encode"_s << QByteArray("xyz") << 400
                                    << u"invalid character 'x' looking for beginning of value"_s;
    QTest::newRow("truncated body")
        << u"video-encode"_s << QByteArray("{\"Meta\":{") << 400 << u"unexpected EOF"_s;
    QTest::newRow("bad base64") << u"video-encode"_s << QByteArray(R"({"Payload":"a$=="})") << 400
                                << u"illegal base64 data at input byte 1"_s;
    QTest::newRow("meta not a string")
        << u"video-encode"_s << QByteArray(R"({"Meta":{"input-codec":3}})") << 400
        << u"json: cannot unmarshal number into Go struct field JobDispatchRequest.Meta of type string"_s;
    QTest::newRow("body is an array")
        << u"video-encode"_s << QByteArray("[]") << 400
        << u"json: cannot unmarshal array into Go value of type structs.JobDispatchRequest"_s;
    QTest::newRow("missing key separator") << u"video-encode"_s << QByteArray(R"({"Meta" {}})")
                                           << 400 << u"invalid character '{' after object key"_s;
    QTest::newRow("bad literal") << u"video-encode"_s << QByteArray(R"({"Meta":nul})") << 400
                                 << u"invalid character '}' in literal null (expecting 'l')"_s;
    QTest::newRow("scalar body")
        << u"video-encode"_s << QByteArray("42") << 400
        << u"json: cannot unmarshal number into Go value of type structs.JobDispatchRequest"_s;
    QTest::newRow("job ID mismatch") << u"video-encode"_s << QByteArray(R"({"JobID":"other"})")
                                     << 400 << u"Job ID does not match"_s;
}

void TstSimDispatch::dispatchErrors()
{
    QFETCH(QString, job);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, text);
    const HttpResult r =
        m_client->wait(m_client->start("PUT", u"/v1/job/%1/dispatch"_s.arg(job), body));
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromUtf8(r.body), text);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(m_sim->childCount(job), 0);
}

void TstSimDispatch::dispatchPayloadLimit()
{
    const QByteArray atLimit(16384, 'a');
    QJsonObject body{{"Payload"_L1, QString::fromLatin1(atLimit.toBase64())},
                     {"Meta"_L1, QJsonObject{{"input-codec"_L1, u"x"_s}}}};
    HttpResult r = m_client->put(u"/v1/job/video-encode/dispatch"_s, QJsonDocument(body).toJson());
    QCOMPARE(r.status, 200);
    body.insert("Payload"_L1, QString::fromLatin1(QByteArray(atLimit + 'b').toBase64()));
    r = m_client->put(u"/v1/job/video-encode/dispatch"_s, QJsonDocument(body).toJson());
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray("Payload exceeds maximum size; 16385 > 16384"));
}

void TstSimDispatch::dispatchChildIds_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("1.10 honours the template")
        << u"1.10.5"_s << u"^report-nightly/dispatch-weekly-\\d{10}-[0-9a-f]{8}$"_s;
    QTest::newRow("1.4 honours the template")
        << u"1.4.0"_s << u"^report-nightly/dispatch-weekly-\\d{10}-[0-9a-f]{8}$"_s;
    QTest::newRow("1.3 ignores it")
        << u"1.3.9"_s << u"^report-nightly/dispatch-\\d{10}-[0-9a-f]{8}$"_s;
}

void TstSimDispatch::dispatchChildIds()
{
    QFETCH(QString, version);
    QFETCH(QString, pattern);
    m_sim->setServerVersion(version);
    const QJsonObject d = dispatchOk(u"report-nightly"_s, R"({"IdPrefixTemplate":"weekly"})");
    QVERIFY2(QRegularExpression(pattern).match(d["DispatchedJobID"_L1].toString()).hasMatch(),
             qPrintable(d["DispatchedJobID"_L1].toString()));
    QCOMPARE(d["JobCreateIndex"_L1].toInteger() + 1, d["EvalCreateIndex"_L1].toInteger());
    QCOMPARE(d["Index"_L1].toInteger(), d["EvalCreateIndex"_L1].toInteger());
    const QString seconds = d["DispatchedJobID"_L1].toString().section(u'-', -2, -2);
    QCOMPARE(seconds.toLongLong(), m_sim->clock().nowMs() / 1000);
}

void TstSimDispatch::dispatchPriority_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("priority");
    QTest::newRow("1.10: set") << u"1.10.0"_s << QByteArray(R"({"Priority":80})") << 200 << 80;
    QTest::newRow("1.10: 0 inherits")
        << u"1.10.0"_s << QByteArray(R"({"Priority":0})") << 200 << 50;
    QTest::newRow("1.10: out of range")
        << u"1.10.0"_s << QByteArray(R"({"Priority":101})") << 500 << 0;
    QTest::newRow("1.9: ignored") << u"1.9.7"_s << QByteArray(R"({"Priority":80})") << 200 << 50;
}

void TstSimDispatch::dispatchPriority()
{
    QFETCH(QString, version);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, priority);
    m_sim->setServerVersion(version);
    const HttpResult r = m_client->put(u"/v1/job/report-nightly/dispatch"_s, body);
    QCOMPARE(r.status, status);
    if (status != 200)
        return;
    const QString child = r.json()["DispatchedJobID"_L1].toString();
    QCOMPARE(m_sim->job(child)->priority(), priority);
    m_sim->clock().advance(0);
    QCOMPARE(m_sim->eval(r.json()["EvalID"_L1].toString())->priority, priority);
}

void TstSimDispatch::idempotencyToken_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("children");
    QTest::newRow("1.2 deduplicates") << u"1.2.0"_s << 1;
    QTest::newRow("1.10 deduplicates") << u"1.10.5"_s << 1;
    QTest::newRow("1.1 ignores the token: a retry dispatches twice") << u"1.1.6"_s << 2;
}

void TstSimDispatch::idempotencyToken()
{
    QFETCH(QString, version);
    QFETCH(int, children);
    m_sim->setServerVersion(version);
    const QJsonObject first = dispatchOk(u"report-nightly"_s, "{}", u"?idempotency_token=abc"_s);
    const HttpResult again =
        m_client->put(u"/v1/job/report-nightly/dispatch?idempotency_token=abc"_s, "{}");
    QCOMPARE(again.status, 200);
    QCOMPARE(m_sim->childCount(u"report-nightly"_s), children);
    if (children == 1) {
        QCOMPARE(again.json()["DispatchedJobID"_L1], first["DispatchedJobID"_L1]);
        QCOMPARE(again.json()["EvalID"_L1].toString(), QString());
        QCOMPARE(again.json()["JobCreateIndex"_L1], first["JobCreateIndex"_L1]);
        // Another token is another dispatch.
        dispatchOk(u"report-nightly"_s, "{}", u"?idempotency_token=def"_s);
        QCOMPARE(m_sim->childCount(u"report-nightly"_s), 2);
    } else {
        QVERIFY(again.json()["DispatchedJobID"_L1] != first["DispatchedJobID"_L1]);
    }
}

void TstSimDispatch::namespacesAndRegions_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("team-a") << u"?namespace=team-a"_s << 200 << QString();
    QTest::newRow("unknown namespace")
        << u"?namespace=nope"_s << 500 << u"parameterized job not found"_s;
    QTest::newRow("own region") << u"?region=global"_s << 200 << QString();
    QTest::newRow("unknown region") << u"?region=mars"_s << 500 << u"No path to region"_s;
}

void TstSimDispatch::namespacesAndRegions()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, text);
    const HttpResult r = m_client->put(u"/v1/job/video-encode/dispatch"_s + query,
                                       R"({"Payload":"aGk=","Meta":{"input-codec":"mp4"}})");
    QCOMPARE(r.status, status);
    if (status != 200) {
        QCOMPARE(QString::fromUtf8(r.body), text);
        return;
    }
    const QString ns = query.contains(u"team-a"_s) ? u"team-a"_s : u"default"_s;
    QCOMPARE(m_sim->childCount(u"video-encode"_s, ns), 1);
    m_sim->clock().advance(0);
    const HttpResult eval =
        m_client->get(u"/v1/evaluation/"_s + r.json()["EvalID"_L1].toString() + query);
    QCOMPARE(eval.json()["Namespace"_L1].toString(), ns);
}

void TstSimDispatch::registerJobFillsDefaults()
{
    const QByteArray body = R"({"Job":{"ID":"adhoc","Name":null,"Type":"batch","Priority":null,
        "Datacenters":["dc1"],"TaskGroups":[{"Name":"g","Count":null,"Tasks":[{"Name":"t",
        "Driver":"raw_exec","Config":{"command":"/bin/sleep","args":["1"]},"Resources":null}]}]}})";
    HttpResult r = m_client->put(u"/v1/jobs"_s, body);
    QCOMPARE(r.status, 200);
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    const QString evalId = r.json()["EvalID"_L1].toString();
    QVERIFY(!evalId.isEmpty()); // not parameterized: it runs
    r = m_client->get(u"/v1/job/adhoc"_s);
    const QJsonObject job = r.json().toObject();
    QCOMPARE(job["Name"_L1].toString(), u"adhoc"_s);
    QCOMPARE(job["Priority"_L1].toInt(), 50);
    QCOMPARE(job["Namespace"_L1].toString(), u"default"_s);
    const QJsonObject group = job["TaskGroups"_L1].toArray().first().toObject();
    QCOMPARE(group["Count"_L1].toInt(), 1);
    QCOMPARE(group["RestartPolicy"_L1]["Attempts"_L1].toInt(), 3);
    QCOMPARE(group["ReschedulePolicy"_L1]["Attempts"_L1].toInt(), 1);
    QCOMPARE(group["EphemeralDisk"_L1]["SizeMB"_L1].toInt(), 300);
    const QJsonObject task = group["Tasks"_L1].toArray().first().toObject();
    QCOMPARE(task["Resources"_L1]["CPU"_L1].toInt(), 100);
    QCOMPARE(task["Resources"_L1]["MemoryMB"_L1].toInt(), 300);
    QCOMPARE(task["KillTimeout"_L1].toInteger(), 5'000'000'000LL);
    // The recorded job's shape, field for field.
    const QString recording = recordedDir() + u"/api-reads.exchanges.jsonl"_s;
    const auto exchanges = loadExchanges(recording);
    DD_VERIFY_OK(exchanges);
    // Exchange 10 is the recorded GET /v1/job/plain-batch.
    QVERIFY2(exchanges->size() > 10 && exchanges->at(10).path == u"/v1/job/plain-batch"_s,
             qPrintable(recording + u": exchange 10 is not GET /v1/job/plain-batch"_s));
    QStringList problems;
    QVERIFY2(shapeMatches(exchanges->at(10).responseBody, job, &problems, u"$"_s, false),
             qPrintable(problems.join(u'\n')));
    m_sim->clock().advance(1100);
    QCOMPARE(m_sim->job(u"adhoc"_s)->status, u"dead"_s);
    // Updating bumps the version.
    r = m_client->put(u"/v1/job/adhoc"_s,
                      QByteArray(body).replace("\"Priority\":null", "\"Priority\":60"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_sim->job(u"adhoc"_s)->version, 1u);
}

void TstSimDispatch::registerErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("no job") << u"/v1/jobs"_s << QByteArray("{}") << 400
                            << u"Job must be specified"_s;
    QTest::newRow("malformed") << u"/v1/jobs"_s << QByteArray("{") << 400 << u"unexpected EOF"_s;
    QTest::newRow("name mismatch") << u"/v1/job/other"_s << QByteArray(R"({"Job":{"ID":"x"}})")
                                   << 400 << u"Job ID does not match name"_s;
    QTest::newRow("invalid job")
        << u"/v1/jobs"_s << QByteArray(R"({"Job":{"ID":"x","Type":"batch"}})") << 500
        << u"2 errors occurred:\n\t* Missing job datacenters\n\t* Missing job task groups\n\n"_s;
    QTest::newRow("unknown namespace")
        << u"/v1/jobs"_s
        << QByteArray(
               R"({"Job":{"ID":"x","Namespace":"nope","Type":"batch","Datacenters":["dc1"],"TaskGroups":[{"Name":"g","Tasks":[{"Name":"t","Driver":"raw_exec"}]}]}})")
        << 500 << u"job \"x\" is in nonexistent namespace \"nope\""_s;
}

void TstSimDispatch::registerErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, text);
    const HttpResult r = m_client->put(path, body);
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromUtf8(r.body), text);
}

void TstSimDispatch::deregister()
{
    const HttpResult r = m_client->wait(m_client->start("DELETE", u"/v1/job/report-nightly"_s));
    QCOMPARE(r.status, 200);
    QVERIFY(m_sim->job(u"report-nightly"_s)->stop);
    QCOMPARE(m_sim->job(u"report-nightly"_s)->status, u"dead"_s);
    const HttpResult d = m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}");
    QCOMPARE(d.status, 500);
    QCOMPARE(d.body,
             QByteArray(
                 "Constructing a dispatched job from a stopped parameterized job is not allowed"));
    const HttpResult purge =
        m_client->wait(m_client->start("DELETE", u"/v1/job/report-nightly?purge=true"_s));
    QCOMPARE(purge.status, 200);
    QVERIFY(!m_sim->job(u"report-nightly"_s));
}

void TstSimDispatch::requestLogKeepsWhatWasSent()
{
    m_sim->requests().clear();
    const QByteArray body = R"({"Payload":"aGk=","Meta":{"input-codec":"mp4"}})";
    m_client->put(u"/v1/job/video-encode/dispatch?namespace=default&idempotency_token=t1"_s, body,
                  {{"X-Nomad-Token", "secret-ish"}});
    m_client->get(u"/v1/job/a%2Fb/summary?index=0"_s);
    const QList<RecordedRequest> log = m_sim->requests().all();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].method, u"PUT"_s);
    QCOMPARE(log[0].rawPath, u"/v1/job/video-encode/dispatch"_s);
    QCOMPARE(log[0].queryValue(u"idempotency_token"), u"t1"_s);
    QCOMPARE(log[0].token(), u"secret-ish"_s);
    QCOMPARE(log[0].body, body);
    QCOMPARE(log[0].jsonBody()["Meta"_L1]["input-codec"_L1].toString(), u"mp4"_s);
    QCOMPARE(log[0].status, 200);
    QCOMPARE(log[1].rawPath, u"/v1/job/a%2Fb/summary"_s);
    QCOMPARE(log[1].path, u"/v1/job/a/b/summary"_s);
    QCOMPARE(log[1].status, 404);
    QCOMPARE(m_sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).size(), 1);
}

DD_TEST_GUILESS_MAIN(TstSimDispatch)
#include "tst_simdispatch.moc"
