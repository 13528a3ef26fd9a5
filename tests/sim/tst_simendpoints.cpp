// The simulator's endpoints one by one over HTTP: answers, Nomad's error
// texts, version-dependent features, and what the request log records.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include "testmain.h"

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
    void unknownRoutesAndMethods_data();
    void unknownRoutesAndMethods();
    void rawProtocolErrors_data();
    void rawProtocolErrors();
    void pipelinedAndChunkedRequests();
    void prettyOutput();
    void survivesRandomInput();

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

QJsonObject TstSimEndpoints::dispatchOk(const QString &job, const QByteArray &body,
                                        const QString &query)
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
    QTest::newRow("team-a") << u"?namespace=team-a"_s
                            << QStringList{u"etl-ingest"_s, u"video-encode"_s};
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
    const QJsonObject d = dispatchOk(
        u"video-encode"_s, R"({"Payload":"aGk=","Meta":{"input-codec":"mp4","quality":"1080p"}})");
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
    QCOMPARE(job["Meta"_L1].toObject(),
             (QJsonObject{{"input-codec"_L1, u"mp4"_s}, {"quality"_L1, u"1080p"_s}}));
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

void TstSimEndpoints::unknownRoutesAndMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unknown v1 route")
        << QByteArray("GET") << u"/v1/nothing"_s << 404 << QByteArray();
    QTest::newRow("outside v1") << QByteArray("GET") << u"/ui/"_s << 404 << QByteArray();
    QTest::newRow("delete the job list")
        << QByteArray("DELETE") << u"/v1/jobs"_s << 405 << QByteArray("Invalid method");
    QTest::newRow("get dispatch") << QByteArray("GET") << u"/v1/job/video-encode/dispatch"_s << 405
                                  << QByteArray("Invalid method");
    QTest::newRow("post agent self")
        << QByteArray("POST") << u"/v1/agent/self"_s << 405 << QByteArray("Invalid method");
    QTest::newRow("unknown job suffix") << QByteArray("GET") << u"/v1/job/video-encode/nope"_s
                                        << 404 << QByteArray("job not found");
    QTest::newRow("token self without ACLs") << QByteArray("GET") << u"/v1/acl/token/self"_s << 400
                                             << QByteArray("ACL support disabled");
    QTest::newRow("bad index") << QByteArray("GET") << u"/v1/jobs?index=x"_s << 400
                               << QByteArray("Invalid index");
    QTest::newRow("bad wait") << QByteArray("GET") << u"/v1/jobs?index=1&wait=10"_s << 400
                              << QByteArray("Invalid wait time");
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

void TstSimEndpoints::rawProtocolErrors_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::newRow("garbage") << QByteArray("HELLO\r\n\r\n")
                             << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("HTTP/2 text") << QByteArray("GET / HTTP/2.0\r\n\r\n")
                                 << QByteArray("HTTP/1.1 505 HTTP Version Not Supported");
    QTest::newRow("bad header") << QByteArray("GET /v1/jobs HTTP/1.1\r\nnocolon\r\n\r\n")
                                << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("huge body") << QByteArray(
                                      "PUT /v1/jobs HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")
                               << QByteArray("HTTP/1.1 413 Request Entity Too Large");
    QTest::newRow("bad length") << QByteArray("PUT /v1/jobs HTTP/1.1\r\nContent-Length: x\r\n\r\n")
                                << QByteArray("HTTP/1.1 400 Bad Request");
    QTest::newRow("huge head") << QByteArray("GET /v1/jobs HTTP/1.1\r\nX: ") +
                                      QByteArray(1100000, 'a')
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
    socket.write(
        "GET /v1/regions HTTP/1.1\r\nHost: x\r\n\r\n"
        "PUT /v1/job/report-nightly/dispatch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        "Expect: 100-continue\r\n\r\n" +
        QByteArray::number(chunkedBody.size(), 16) + "\r\n" + chunkedBody +
        "\r\n0\r\n\r\n"
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

void TstSimEndpoints::survivesRandomInput()
{
    // Mutated bodies and request heads: every answer is an HTTP status, never a crash.
    QRandomGenerator random(1234);
    const QList<std::pair<QString, QByteArray>> seeds = {
        {u"/v1/job/video-encode/dispatch"_s,
         R"({"Payload":"aGk=","Meta":{"input-codec":"mp4"},"IdPrefixTemplate":"x","Priority":5})"},
        {u"/v1/jobs"_s,
         R"({"Job":{"ID":"f","Type":"batch","Datacenters":["dc1"],"TaskGroups":[{"Name":"g","Count":2,"Tasks":[{"Name":"t","Driver":"raw_exec","Config":{"command":"/bin/sleep","args":["1"]},"Resources":{"CPU":10,"MemoryMB":10}}]}]}})"},
    };
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 300; ++i) {
        const auto &[path, seed] = seeds[i % seeds.size()];
        QByteArray body = seed;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const int at = int(random.bounded(quint32(body.size())));
            switch (random.bounded(3)) {
            case 0:
                body[at] = char(random.bounded(256));
                break;
            case 1:
                body.remove(at, 1 + int(random.bounded(8)));
                break;
            default:
                body.insert(at,
                            QByteArray(1 + int(random.bounded(4)), char(random.bounded(32, 127))));
                break;
            }
        }
        replies << m_client->start(i % 3 ? "PUT" : "POST", path, body);
    }
    for (QNetworkReply *reply : replies) {
        const HttpResult r = TestClient::wait(reply);
        QVERIFY(r.finished);
        QVERIFY2(r.status == 200 || r.status == 400 || r.status == 500,
                 qPrintable(QString::number(r.status)));
    }
    for (int i = 0; i < 50; ++i) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_sim->port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray junk(int(random.bounded(1, 300)), '\0');
        for (char &c : junk)
            c = char(random.bounded(256));
        socket.write(i % 2 ? QByteArray(junk + "\r\n\r\n")
                           : QByteArray("GET /" + junk + " HTTP/1.1\r\n" + junk + "\r\n\r\n"));
        waitFor(
            [&] {
                return socket.bytesAvailable() > 0 ||
                       socket.state() == QAbstractSocket::UnconnectedState;
            },
            2000);
    }
    m_sim->clock().advance(5000);
    QCOMPARE(m_client->get(u"/v1/regions"_s).status, 200);
}

DD_TEST_GUILESS_MAIN(TstSimEndpoints)
#include "tst_simendpoints.moc"
