// The simulator's endpoints one by one over HTTP: answers, Nomad's error
// texts, version-dependent features, and what the request log records.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void agentSelfReportsVersion_data();
    void agentSelfReportsVersion();
    void agentReads();
    void namespaces();
    void jobList_data();
    void jobList();
    void jobListFilterIgnoredBefore13();
    void jobListBadFilter();
    void jobListPagination();
    void childJobByEscapedId();
    void summaryCountsChildren();
    void evaluationsAndAllocations();
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
    void unknownRoutesAndMethods_data();
    void unknownRoutesAndMethods();
    void deregister();
    void requestLogKeepsWhatWasSent();
    void rawProtocolErrors_data();
    void rawProtocolErrors();
    void pipelinedAndChunkedRequests();
    void prettyOutput();

private:
    QJsonObject dispatchOk(const QString &job, const QByteArray &body, const QString &query = {});
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimEndpoints::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimEndpoints::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.seed = 11;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimEndpoints::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QJsonObject TstSimEndpoints::dispatchOk(const QString &job, const QByteArray &body, const QString &query)
{
    const HttpResult r = m_client->put(u"/v1/job/%1/dispatch%2"_s.arg(job, query), body);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    m_sim->clock().advance(0);
    return r.json().toObject();
}

void TstSimEndpoints::agentSelfReportsVersion_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("1.0.18") << u"1.0.18"_s;
    QTest::newRow("1.10.5") << u"1.10.5"_s;
}

void TstSimEndpoints::agentSelfReportsVersion()
{
    QFETCH(QString, version);
    m_sim->setServerVersion(version);
    const HttpResult r = m_client->get(u"/v1/agent/self"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!r.hasHeader("X-Nomad-Index")); // not a blocking query
    const QJsonObject self = r.json().toObject();
    QCOMPARE(self["config"_L1]["Version"_L1]["Version"_L1].toString(), version);
    QCOMPARE(self["member"_L1]["Tags"_L1]["build"_L1].toString(), version);
    QCOMPARE(self["config"_L1]["ACL"_L1]["Enabled"_L1].toBool(), false);
    QCOMPARE(self["config"_L1]["Ports"_L1]["HTTP"_L1].toInt(), int(m_sim->port()));
}

void TstSimEndpoints::agentReads()
{
    HttpResult r = m_client->get(u"/v1/status/leader"_s);
    QCOMPARE(r.body, QByteArray("\"127.0.0.1:4647\""));
    r = m_client->get(u"/v1/regions"_s);
    QCOMPARE(r.json().toArray(), QJsonArray{u"global"_s});
    r = m_client->get(u"/v1/agent/members"_s);
    QCOMPARE(r.json()["Members"_L1].toArray().size(), 1);
    QCOMPARE(r.json()["ServerRegion"_L1].toString(), u"global"_s);
    r = m_client->get(u"/v1/nodes"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject node = r.json().toArray().first().toObject();
    QCOMPARE(node["Name"_L1].toString(), u"vm"_s);
    QCOMPARE(node["Datacenter"_L1].toString(), u"dc1"_s);
    QCOMPARE(node["Drivers"_L1]["raw_exec"_L1]["Healthy"_L1].toBool(), true);
    QCOMPARE(node["Drivers"_L1]["docker"_L1]["Detected"_L1].toBool(), false);
    r = m_client->get(u"/v1/node/"_s + node["ID"_L1].toString());
    QCOMPARE(r.json()["Attributes"_L1]["kernel.name"_L1].toString(), u"linux"_s);
}

void TstSimEndpoints::namespaces()
{
    HttpResult r = m_client->get(u"/v1/namespaces"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    QStringList names;
    for (const QJsonValue &n : r.json().toArray())
        names << n["Name"_L1].toString();
    QCOMPARE(names, (QStringList{u"default"_s, u"team-a"_s}));
    r = m_client->get(u"/v1/namespace/team-a"_s);
    QCOMPARE(r.json()["Description"_L1].toString(), u"team a"_s);
    r = m_client->get(u"/v1/namespace/nope"_s);
    QCOMPARE(r.status, 404);
}

void TstSimEndpoints::jobList_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("ids");
    const QString child = u"video-encode/dispatch-"_s;
    QTest::newRow("prefix") << u"?prefix=video"_s << QStringList{u"video-encode"_s, child, child};
    QTest::newRow("team-a") << u"?namespace=team-a"_s << QStringList{u"etl-ingest"_s, u"video-encode"_s};
    QTest::newRow("children by filter")
        << u"?filter=ParentID%20%3D%3D%20%22video-encode%22"_s << QStringList{child, child};
    QTest::newRow("parents by filter, all namespaces")
        << u"?namespace=*&filter=ParentID%20%3D%3D%20%22%22%20and%20ParameterizedJob%20is%20not%20nil&prefix=v"_s
        << QStringList{u"video-encode"_s, u"video-encode"_s};
}

void TstSimEndpoints::jobList()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    for (int i = 0; i < 2; ++i)
        dispatchOk(u"video-encode"_s, R"({"Payload":"e30=","Meta":{"input-codec":"mp4"}})");
    const HttpResult r = m_client->get(u"/v1/jobs"_s + query);
    QCOMPARE(r.status, 200);
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    QStringList got;
    for (const QJsonValue &j : r.json().toArray()) {
        const QString id = j["ID"_L1].toString();
        got << (id.contains(u"/dispatch-"_s) ? id.left(id.indexOf(u"dispatch-"_s) + 9) : id);
        if (id.contains(u'/')) {
            QCOMPARE(j["ParentID"_L1].toString(), u"video-encode"_s);
            QCOMPARE(j["ParameterizedJob"_L1].toBool(), false);
        } else if (id == "video-encode"_L1) {
            QCOMPARE(j["ParameterizedJob"_L1].toBool(), true);
        }
    }
    QCOMPARE(got, ids);
}

void TstSimEndpoints::jobListFilterIgnoredBefore13()
{
    m_sim->setServerVersion(u"1.2.9"_s);
    const HttpResult r = m_client->get(u"/v1/jobs?filter=ParentID%20%3D%3D%20%22x%22&per_page=1"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().toArray().size() > 5); // neither filtered nor paged
}

void TstSimEndpoints::jobListBadFilter()
{
    const HttpResult r = m_client->get(u"/v1/jobs?filter=ParentID%20%3D%3D"_s);
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.startsWith("failed to read filter expression: "), r.body.constData());
}

void TstSimEndpoints::jobListPagination()
{
    HttpResult r = m_client->get(u"/v1/jobs?per_page=3"_s);
    QCOMPARE(r.json().toArray().size(), 3);
    const QByteArray token = r.header("X-Nomad-NextToken");
    QCOMPARE(token, QByteArray("default.flaky-import"));
    r = m_client->get(u"/v1/jobs?per_page=3&next_token="_s + QString::fromLatin1(token));
    QCOMPARE(r.json().toArray().first()["ID"_L1].toString(), u"flaky-import"_s);
}

void TstSimEndpoints::childJobByEscapedId()
{
    const QJsonObject d = dispatchOk(u"video-encode"_s, R"({"Payload":"aGk=","Meta":{"input-codec":"mp4","quality":"1080p"}})");
    const QString child = d["DispatchedJobID"_L1].toString();
    QString escaped = child;
    escaped.replace(u'/', u"%2F"_s);
    HttpResult r = m_client->get(u"/v1/job/"_s + escaped);
    QCOMPARE(r.status, 200);
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    QCOMPARE(r.header("X-Nomad-Knownleader"), QByteArray("true"));
    QCOMPARE(r.header("X-Nomad-Lastcontact"), QByteArray("0"));
    const QJsonObject job = r.json().toObject();
    QCOMPARE(job["ID"_L1].toString(), child);
    QCOMPARE(job["Dispatched"_L1].toBool(), true);
    QCOMPARE(job["ParentID"_L1].toString(), u"video-encode"_s);
    QCOMPARE(job["Payload"_L1].toString(), u"aGk="_s);
    QCOMPARE(job["Meta"_L1].toObject(), (QJsonObject{{"input-codec"_L1, u"mp4"_s}, {"quality"_L1, u"1080p"_s}}));
    // The unescaped path reaches another route: 404, as Nomad answers.
    r = m_client->get(u"/v1/job/"_s + child);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("job not found"));
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    r = m_client->get(u"/v1/job/no-such-job"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("job not found"));
    r = m_client->get(u"/v1/job/"_s + escaped + u"/summary"_s);
    QCOMPARE(r.json()["JobID"_L1].toString(), child);
}

void TstSimEndpoints::summaryCountsChildren()
{
    for (int i = 0; i < 3; ++i)
        dispatchOk(u"report-nightly"_s, "{}");
    HttpResult r = m_client->get(u"/v1/job/report-nightly/summary"_s);
    QJsonObject children = r.json()["Children"_L1].toObject();
    QCOMPARE(children["Running"_L1].toInt(), 3); // placed, allocations pending
    m_sim->clock().advance(500);
    r = m_client->get(u"/v1/job/report-nightly/summary"_s);
    children = r.json()["Children"_L1].toObject();
    QCOMPARE(children["Dead"_L1].toInt(), 3);
    QCOMPARE(r.header("X-Nomad-Index").toULongLong(), r.json()["ModifyIndex"_L1].toInteger());
    QCOMPARE(m_sim->childCount(u"report-nightly"_s), 3);
}

void TstSimEndpoints::evaluationsAndAllocations()
{
    const QJsonObject d = dispatchOk(u"fanout"_s, "{}");
    const QString evalId = d["EvalID"_L1].toString();
    HttpResult r = m_client->get(u"/v1/evaluation/"_s + evalId);
    QCOMPARE(r.json()["Status"_L1].toString(), u"complete"_s);
    QCOMPARE(r.json()["TriggeredBy"_L1].toString(), u"job-register"_s);
    QVERIFY(!r.json().toObject().contains("BlockedEval"_L1)); // omitted when empty, as Nomad does
    r = m_client->get(u"/v1/evaluation/"_s + evalId + u"/allocations"_s);
    QCOMPARE(r.json().toArray().size(), 4);
    const QString allocId = r.json().toArray().first()["ID"_L1].toString();
    r = m_client->get(u"/v1/allocation/"_s + allocId);
    QCOMPARE(r.json()["ID"_L1].toString(), allocId);
    QCOMPARE(r.json()["Job"_L1]["ID"_L1].toString(), d["DispatchedJobID"_L1].toString());
    r = m_client->get(u"/v1/allocations?prefix="_s + allocId.left(6));
    QCOMPARE(r.json().toArray().first()["ID"_L1].toString(), allocId);
    r = m_client->get(u"/v1/evaluations?prefix="_s + evalId.left(8));
    QCOMPARE(r.json().toArray().size(), 1);
    r = m_client->get(u"/v1/evaluation/00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("eval not found"));
    r = m_client->get(u"/v1/allocation/nope"_s);
    QCOMPARE(r.body, QByteArray("alloc not found"));
    QString escaped = d["DispatchedJobID"_L1].toString();
    escaped.replace(u'/', u"%2F"_s);
    r = m_client->get(u"/v1/job/"_s + escaped + u"/evaluations"_s);
    QCOMPARE(r.json().toArray().size(), 1);
    r = m_client->get(u"/v1/job/"_s + escaped + u"/allocations"_s);
    QCOMPARE(r.json().toArray().size(), 4);
}

void TstSimEndpoints::dispatchErrors_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("no such job") << u"no-such-job"_s << QByteArray("{}") << 500 << u"parameterized job not found"_s;
    QTest::newRow("prefix is not a lookup") << u"video-enc"_s << QByteArray("{}") << 500 << u"parameterized job not found"_s;
    QTest::newRow("not parameterized") << u"plain-batch"_s << QByteArray("{}") << 500
                                       << u"Specified job \"plain-batch\" is not a parameterized job"_s;
    QTest::newRow("payload required") << u"video-encode"_s << QByteArray(R"({"Meta":{"input-codec":"x"}})") << 500
                                      << u"Payload is not provided but required by parameterized job"_s;
    QTest::newRow("payload forbidden") << u"report-nightly"_s << QByteArray(R"({"Payload":"aGk="})") << 500
                                       << u"Payload provided but forbidden by parameterized job"_s;
    QTest::newRow("unpermitted meta, sorted")
        << u"video-encode"_s << QByteArray(R"({"Payload":"aGk=","Meta":{"zz":"1","bogus":"1","input-codec":"x"}})")
        << 500 << u"Dispatch request included unpermitted metadata keys: [bogus zz]"_s;
    QTest::newRow("missing meta") << u"video-encode"_s << QByteArray(R"({"Payload":"aGk="})") << 500
                                  << u"Dispatch did not provide required meta keys: [input-codec]"_s;
    QTest::newRow("empty body") << u"video-encode"_s << QByteArray() << 400 << u"EOF"_s;
    QTest::newRow("malformed body") << u"video-encode"_s << QByteArray("xyz") << 400
                                    << u"invalid character 'x' looking for beginning of value"_s;
    QTest::newRow("truncated body") << u"video-encode"_s << QByteArray("{\"Meta\":{") << 400 << u"unexpected EOF"_s;
    QTest::newRow("bad base64") << u"video-encode"_s << QByteArray(R"({"Payload":"a$=="})") << 400
                                << u"illegal base64 data at input byte 1"_s;
    QTest::newRow("meta not a string") << u"video-encode"_s << QByteArray(R"({"Meta":{"input-codec":3}})") << 400
                                       << u"json: cannot unmarshal number into Go struct field JobDispatchRequest.Meta of type string"_s;
    QTest::newRow("body is an array") << u"video-encode"_s << QByteArray("[]") << 400
                                      << u"json: cannot unmarshal array into Go value of type structs.JobDispatchRequest"_s;
    QTest::newRow("missing key separator") << u"video-encode"_s << QByteArray(R"({"Meta" {}})") << 400
                                           << u"invalid character '{' after object key"_s;
    QTest::newRow("bad literal") << u"video-encode"_s << QByteArray(R"({"Meta":nul})") << 400
                                 << u"invalid character '}' in literal null (expecting 'l')"_s;
    QTest::newRow("scalar body") << u"video-encode"_s << QByteArray("42") << 400
                                 << u"json: cannot unmarshal number into Go value of type structs.JobDispatchRequest"_s;
    QTest::newRow("job ID mismatch") << u"video-encode"_s << QByteArray(R"({"JobID":"other"})") << 400
                                     << u"Job ID does not match"_s;
}

void TstSimEndpoints::dispatchErrors()
{
    QFETCH(QString, job);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, text);
    const HttpResult r = m_client->wait(m_client->start("PUT", u"/v1/job/%1/dispatch"_s.arg(job), body));
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromUtf8(r.body), text);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(m_sim->childCount(job), 0);
}

void TstSimEndpoints::dispatchPayloadLimit()
{
    const QByteArray atLimit(16384, 'a');
    QJsonObject body{{"Payload"_L1, QString::fromLatin1(atLimit.toBase64())}, {"Meta"_L1, QJsonObject{{"input-codec"_L1, u"x"_s}}}};
    HttpResult r = m_client->put(u"/v1/job/video-encode/dispatch"_s, QJsonDocument(body).toJson());
    QCOMPARE(r.status, 200);
    body.insert("Payload"_L1, QString::fromLatin1(QByteArray(atLimit + 'b').toBase64()));
    r = m_client->put(u"/v1/job/video-encode/dispatch"_s, QJsonDocument(body).toJson());
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray("Payload exceeds maximum size; 16385 > 16384"));
}

void TstSimEndpoints::dispatchChildIds_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("1.10 honours the template") << u"1.10.5"_s << u"^report-nightly/dispatch-weekly-\\d{10}-[0-9a-f]{8}$"_s;
    QTest::newRow("1.4 honours the template") << u"1.4.0"_s << u"^report-nightly/dispatch-weekly-\\d{10}-[0-9a-f]{8}$"_s;
    QTest::newRow("1.3 ignores it") << u"1.3.9"_s << u"^report-nightly/dispatch-\\d{10}-[0-9a-f]{8}$"_s;
}

void TstSimEndpoints::dispatchChildIds()
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

void TstSimEndpoints::dispatchPriority_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("priority");
    QTest::newRow("1.10: set") << u"1.10.0"_s << QByteArray(R"({"Priority":80})") << 200 << 80;
    QTest::newRow("1.10: 0 inherits") << u"1.10.0"_s << QByteArray(R"({"Priority":0})") << 200 << 50;
    QTest::newRow("1.10: out of range") << u"1.10.0"_s << QByteArray(R"({"Priority":101})") << 500 << 0;
    QTest::newRow("1.9: ignored") << u"1.9.7"_s << QByteArray(R"({"Priority":80})") << 200 << 50;
}

void TstSimEndpoints::dispatchPriority()
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

void TstSimEndpoints::idempotencyToken_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("children");
    QTest::newRow("1.2 deduplicates") << u"1.2.0"_s << 1;
    QTest::newRow("1.10 deduplicates") << u"1.10.5"_s << 1;
    QTest::newRow("1.1 ignores the token: a retry dispatches twice") << u"1.1.6"_s << 2;
}

void TstSimEndpoints::idempotencyToken()
{
    QFETCH(QString, version);
    QFETCH(int, children);
    m_sim->setServerVersion(version);
    const QJsonObject first = dispatchOk(u"report-nightly"_s, "{}", u"?idempotency_token=abc"_s);
    const HttpResult again = m_client->put(u"/v1/job/report-nightly/dispatch?idempotency_token=abc"_s, "{}");
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

void TstSimEndpoints::namespacesAndRegions_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("team-a") << u"?namespace=team-a"_s << 200 << QString();
    QTest::newRow("unknown namespace") << u"?namespace=nope"_s << 500 << u"parameterized job not found"_s;
    QTest::newRow("own region") << u"?region=global"_s << 200 << QString();
    QTest::newRow("unknown region") << u"?region=mars"_s << 500 << u"No path to region"_s;
}

void TstSimEndpoints::namespacesAndRegions()
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
    const HttpResult eval = m_client->get(u"/v1/evaluation/"_s + r.json()["EvalID"_L1].toString() + query);
    QCOMPARE(eval.json()["Namespace"_L1].toString(), ns);
}

void TstSimEndpoints::registerJobFillsDefaults()
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
    QFile f(recordedDir() + u"/api-reads.exchanges.jsonl"_s);
    const auto exchanges = loadExchanges(f.fileName());
    QStringList problems;
    QVERIFY2(shapeMatches(exchanges.at(10).responseBody, job, &problems, u"$"_s, false), qPrintable(problems.join(u'\n')));
    m_sim->clock().advance(1100);
    QCOMPARE(m_sim->job(u"adhoc"_s)->status, u"dead"_s);
    // Updating bumps the version.
    r = m_client->put(u"/v1/job/adhoc"_s, QByteArray(body).replace("\"Priority\":null", "\"Priority\":60"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_sim->job(u"adhoc"_s)->version, 1u);
}

void TstSimEndpoints::registerErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::newRow("no job") << u"/v1/jobs"_s << QByteArray("{}") << 400 << u"Job must be specified"_s;
    QTest::newRow("malformed") << u"/v1/jobs"_s << QByteArray("{") << 400 << u"unexpected EOF"_s;
    QTest::newRow("name mismatch") << u"/v1/job/other"_s << QByteArray(R"({"Job":{"ID":"x"}})") << 400
                                   << u"Job ID does not match name"_s;
    QTest::newRow("invalid job") << u"/v1/jobs"_s << QByteArray(R"({"Job":{"ID":"x","Type":"batch"}})") << 500
                                 << u"2 errors occurred:\n\t* Missing job datacenters\n\t* Missing job task groups\n\n"_s;
    QTest::newRow("unknown namespace")
        << u"/v1/jobs"_s
        << QByteArray(R"({"Job":{"ID":"x","Namespace":"nope","Type":"batch","Datacenters":["dc1"],"TaskGroups":[{"Name":"g","Tasks":[{"Name":"t","Driver":"raw_exec"}]}]}})")
        << 500 << u"job \"x\" is in nonexistent namespace \"nope\""_s;
}

void TstSimEndpoints::registerErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, text);
    const HttpResult r = m_client->put(path, body);
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromUtf8(r.body), text);
}

void TstSimEndpoints::unknownRoutesAndMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unknown v1 route") << QByteArray("GET") << u"/v1/nothing"_s << 404 << QByteArray();
    QTest::newRow("outside v1") << QByteArray("GET") << u"/ui/"_s << 404 << QByteArray();
    QTest::newRow("delete the job list") << QByteArray("DELETE") << u"/v1/jobs"_s << 405 << QByteArray("Invalid method");
    QTest::newRow("get dispatch") << QByteArray("GET") << u"/v1/job/video-encode/dispatch"_s << 405 << QByteArray("Invalid method");
    QTest::newRow("post agent self") << QByteArray("POST") << u"/v1/agent/self"_s << 405 << QByteArray("Invalid method");
    QTest::newRow("unknown job suffix") << QByteArray("GET") << u"/v1/job/video-encode/nope"_s << 404 << QByteArray("job not found");
    QTest::newRow("token self without ACLs") << QByteArray("GET") << u"/v1/acl/token/self"_s << 400 << QByteArray("ACL support disabled");
    QTest::newRow("bad index") << QByteArray("GET") << u"/v1/jobs?index=x"_s << 400 << QByteArray("Invalid index");
    QTest::newRow("bad wait") << QByteArray("GET") << u"/v1/jobs?index=1&wait=10"_s << 400 << QByteArray("Invalid wait time");
}

void TstSimEndpoints::unknownRoutesAndMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const HttpResult r = m_client->wait(m_client->start(method, path));
    QCOMPARE(r.status, status);
    QCOMPARE(r.body, body);
}

void TstSimEndpoints::deregister()
{
    const HttpResult r = m_client->wait(m_client->start("DELETE", u"/v1/job/report-nightly"_s));
    QCOMPARE(r.status, 200);
    QVERIFY(m_sim->job(u"report-nightly"_s)->stop);
    QCOMPARE(m_sim->job(u"report-nightly"_s)->status, u"dead"_s);
    const HttpResult d = m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}");
    QCOMPARE(d.status, 500);
    QCOMPARE(d.body, QByteArray("Constructing a dispatched job from a stopped parameterized job is not allowed"));
    const HttpResult purge = m_client->wait(m_client->start("DELETE", u"/v1/job/report-nightly?purge=true"_s));
    QCOMPARE(purge.status, 200);
    QVERIFY(!m_sim->job(u"report-nightly"_s));
}

void TstSimEndpoints::requestLogKeepsWhatWasSent()
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

void TstSimEndpoints::rawProtocolErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("HTTP/2 text") << QByteArray("GET / HTTP/2.0\r\n\r\n") << QByteArray("HTTP/1.1 505 HTTP Version Not Supported");
    QTest::newRow("bad header") << QByteArray("GET /v1/jobs HTTP/1.1\r\nnocolon\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("huge body") << QByteArray("PUT /v1/jobs HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")
                               << QByteArray("HTTP/1.1 413 Request Entity Too Large");
    QTest::newRow("bad length") << QByteArray("PUT /v1/jobs HTTP/1.1\r\nContent-Length: x\r\n\r\n")
                                << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("huge head") << QByteArray("GET /v1/jobs HTTP/1.1\r\nX: ") + QByteArray(1100000, 'a')
                               << QByteArray("HTTP/1.1 431 Request Header Fields Too Large");
}

void TstSimEndpoints::rawProtocolErrors()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, statusLine);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_sim->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(request);
    QByteArray answer;
    QVERIFY(waitFor([&] {
        answer += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState || answer.contains("\r\n\r\n");
    }));
    QVERIFY2(answer.startsWith(statusLine), answer.left(100).constData());
    // The server still serves others.
    QCOMPARE(m_client->get(u"/v1/regions"_s).status, 200);
}

void TstSimEndpoints::pipelinedAndChunkedRequests()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_sim->port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray chunkedBody = "{\"Meta\":{\"day\":\"sunday\"}}";
    socket.write("GET /v1/regions HTTP/1.1\r\nHost: x\r\n\r\n"
                 "PUT /v1/job/report-nightly/dispatch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                 "Expect: 100-continue\r\n\r\n"
                 + QByteArray::number(chunkedBody.size(), 16) + "\r\n" + chunkedBody + "\r\n0\r\n\r\n"
                 "GET /v1/status/leader HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QVERIFY(waitFor([&] {
        answer += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    }));
    QCOMPARE(answer.count("HTTP/1.1 200 OK"), 3);
    QVERIFY(answer.contains("DispatchedJobID"));
    QVERIFY(answer.endsWith("\"127.0.0.1:4647\""));
    const QString child = m_sim->childIds(u"report-nightly"_s).first();
    QCOMPARE(m_sim->job(child)->meta().value("day"_L1).toString(), u"sunday"_s);
}

void TstSimEndpoints::prettyOutput()
{
    const HttpResult r = m_client->get(u"/v1/regions?pretty"_s);
    QCOMPARE(r.body, QByteArray("[\n    \"global\"\n]\n"));
}

QTEST_GUILESS_MAIN(TstSimEndpoints)
#include "tst_simendpoints.moc"
