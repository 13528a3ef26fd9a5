// ACL answers, as a Nomad agent with ACLs enabled gives them.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimAcl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void answers_data();
    void answers();
    void bearerToken_data();
    void bearerToken();
    void tokenSelf();
    void namespacesAreFiltered();
    void wildcardPolicy();
    void fixedManagementToken();

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
    QMap<QString, QString> m_tokens; // kind -> secret
    QString m_evalId;
};

void TstSimAcl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimAcl::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.acl = true;
    o.seed = 5;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
    m_tokens.clear();
    m_tokens[u"management"_s] = m_sim->managementToken();
    m_tokens[u"none"_s] = QString();
    m_tokens[u"unknown"_s] = u"00000000-0000-0000-0000-000000000000"_s;
    m_tokens[u"malformed"_s] = u"not-a-uuid"_s;
    m_tokens[u"dispatch"_s] =
        m_sim
            ->createToken(u"d-only"_s,
                          QMap<QString, QStringList>{{u"default"_s, {u"dispatch-job"_s}}})
            .secretId;
    m_tokens[u"full"_s] =
        m_sim
            ->createToken(u"d-read"_s,
                          QMap<QString, QStringList>{
                              {u"default"_s, {u"dispatch-job"_s, u"read-job"_s, u"list-jobs"_s}}})
            .secretId;
    m_tokens[u"team-a"_s] =
        m_sim
            ->createToken(u"team-a-writer"_s,
                          QMap<QString, QStringList>{{u"team-a"_s, {u"write"_s}}})
            .secretId;
    const HttpResult d = m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}",
                                       {{"X-Nomad-Token", m_sim->managementToken().toUtf8()}});
    QCOMPARE(d.status, 200);
    m_evalId = d.json()["EvalID"_L1].toString();
    m_sim->clock().advance(0);
}

void TstSimAcl::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

void TstSimAcl::answers_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text"); // empty: not checked (a JSON answer)
    const QString dispatch = u"/v1/job/report-nightly/dispatch"_s;
    const QString denied = u"Permission denied"_s;
    QTest::newRow("no token dispatches")
        << u"none"_s << QByteArray("PUT") << dispatch << 403 << denied;
    QTest::newRow("unknown token")
        << u"unknown"_s << QByteArray("PUT") << dispatch << 403 << u"ACL token not found"_s;
    QTest::newRow("malformed token")
        << u"malformed"_s << QByteArray("GET") << u"/v1/jobs"_s << 500
        << u"acl token lookup failed: index error: UUID must be 36 characters"_s;
    QTest::newRow("no token lists")
        << u"none"_s << QByteArray("GET") << u"/v1/jobs"_s << 403 << denied;
    QTest::newRow("dispatch-only lists")
        << u"dispatch"_s << QByteArray("GET") << u"/v1/jobs"_s << 403 << denied;
    QTest::newRow("dispatch-only dispatches")
        << u"dispatch"_s << QByteArray("PUT") << dispatch << 200 << QString();
    QTest::newRow("dispatch-only reads the eval")
        << u"dispatch"_s << QByteArray("GET") << u"/v1/evaluation/EVAL"_s << 403 << denied;
    QTest::newRow("read-job reads the eval")
        << u"full"_s << QByteArray("GET") << u"/v1/evaluation/EVAL"_s << 200 << QString();
    QTest::newRow("list-jobs lists")
        << u"full"_s << QByteArray("GET") << u"/v1/jobs"_s << 200 << QString();
    QTest::newRow("other namespace denied")
        << u"full"_s << QByteArray("PUT") << dispatch + u"?namespace=team-a"_s << 403 << denied;
    QTest::newRow("write covers dispatch")
        << u"team-a"_s << QByteArray("PUT") << u"/v1/job/video-encode/dispatch?namespace=team-a"_s
        << 500 << u"Payload is not provided but required by parameterized job"_s;
    QTest::newRow("no token, unknown job: denied first")
        << u"none"_s << QByteArray("PUT") << u"/v1/job/nope/dispatch"_s << 403 << denied;
    QTest::newRow("agent self needs agent:read")
        << u"full"_s << QByteArray("GET") << u"/v1/agent/self"_s << 403 << denied;
    QTest::newRow("management reads agent self")
        << u"management"_s << QByteArray("GET") << u"/v1/agent/self"_s << 200 << QString();
    QTest::newRow("nodes need node:read")
        << u"full"_s << QByteArray("GET") << u"/v1/nodes"_s << 403 << denied;
    QTest::newRow("register needs submit-job")
        << u"full"_s << QByteArray("PUT") << u"/v1/jobs"_s << 403 << denied;
    QTest::newRow("stream needs read-job")
        << u"dispatch"_s << QByteArray("GET") << u"/v1/event/stream?topic=Job"_s << 403 << denied;
    QTest::newRow("status needs nothing")
        << u"none"_s << QByteArray("GET") << u"/v1/status/leader"_s << 200 << QString();
    QTest::newRow("regions need nothing")
        << u"none"_s << QByteArray("GET") << u"/v1/regions"_s << 200 << QString();
}

void TstSimAcl::answers()
{
    QFETCH(QString, token);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, text);
    path.replace(u"EVAL"_s, m_evalId);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!m_tokens.value(token).isEmpty())
        headers.append({"X-Nomad-Token", m_tokens.value(token).toUtf8()});
    const QByteArray body =
        method == "PUT" ? (path.startsWith(u"/v1/jobs"_s) ? QByteArray(R"({"Job":{"ID":"x"}})")
                                                          : QByteArray("{}"))
                        : QByteArray();
    const HttpResult r = TestClient::wait(m_client->start(method, path, body, headers));
    QCOMPARE(r.status, status);
    if (!text.isEmpty()) {
        QCOMPARE(QString::fromUtf8(r.body), text);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    }
    if (status == 403)
        QVERIFY(!r.hasHeader("X-Nomad-Index"));
    // The request log keeps the token as sent.
    QCOMPARE(m_sim->requests().last().token(), m_tokens.value(token));
}

void TstSimAcl::bearerToken_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("status");
    QTest::newRow("1.4 reads Authorization: Bearer") << u"1.4.0"_s << 200;
    QTest::newRow("1.3 ignores it") << u"1.3.0"_s << 403;
}

void TstSimAcl::bearerToken()
{
    QFETCH(QString, version);
    QFETCH(int, status);
    m_sim->setServerVersion(version);
    const HttpResult r =
        m_client->get(u"/v1/jobs"_s, {{"Authorization", "Bearer " + m_tokens[u"full"_s].toUtf8()}});
    QCOMPARE(r.status, status);
}

void TstSimAcl::tokenSelf()
{
    HttpResult r =
        m_client->get(u"/v1/acl/token/self"_s, {{"X-Nomad-Token", m_tokens[u"full"_s].toUtf8()}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.hasHeader("X-Nomad-Index"));
    const QJsonObject t = r.json().toObject();
    QCOMPARE(t["Name"_L1].toString(), u"d-read"_s);
    QCOMPARE(t["Type"_L1].toString(), u"client"_s);
    QCOMPARE(t["SecretID"_L1].toString(), m_tokens[u"full"_s]);
    QCOMPARE(t["Policies"_L1].toArray(), QJsonArray{u"d-read"_s});
    QCOMPARE(t["AccessorID"_L1].toString().size(), 36);
    QVERIFY(t["CreateTime"_L1].toString().endsWith(u'Z'));
    r = m_client->get(u"/v1/acl/token/self"_s,
                      {{"X-Nomad-Token", m_sim->managementToken().toUtf8()}});
    QCOMPARE(r.json()["Type"_L1].toString(), u"management"_s);
    QCOMPARE(r.json()["Global"_L1].toBool(), true);
    r = m_client->get(u"/v1/acl/token/self"_s,
                      {{"X-Nomad-Token", "00000000-0000-0000-0000-000000000000"}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.body, QByteArray("ACL token not found"));
    r = m_client->get(u"/v1/acl/token/self"_s);
    QCOMPARE(r.status, 404);
}

void TstSimAcl::namespacesAreFiltered()
{
    HttpResult r =
        m_client->get(u"/v1/namespaces"_s, {{"X-Nomad-Token", m_tokens[u"team-a"_s].toUtf8()}});
    QCOMPARE(r.json().toArray().size(), 1);
    QCOMPARE(r.json().toArray().first()["Name"_L1].toString(), u"team-a"_s);
    r = m_client->get(u"/v1/jobs?namespace=*"_s,
                      {{"X-Nomad-Token", m_tokens[u"team-a"_s].toUtf8()}});
    for (const QJsonValue &j : r.json().toArray())
        QCOMPARE(j["Namespace"_L1].toString(), u"team-a"_s);
}

void TstSimAcl::wildcardPolicy()
{
    const AclToken &t = m_sim->createToken(
        u"reader"_s, QMap<QString, QStringList>{{u"*"_s, {u"read"_s}}, {u"team-a"_s, {u"deny"_s}}});
    HttpResult r = m_client->get(u"/v1/jobs"_s, {{"X-Nomad-Token", t.secretId.toUtf8()}});
    QCOMPARE(r.status, 200);
    r = m_client->get(u"/v1/jobs?namespace=team-a"_s, {{"X-Nomad-Token", t.secretId.toUtf8()}});
    QCOMPARE(r.status, 403);
}

void TstSimAcl::fixedManagementToken()
{
    SimulatorOptions o;
    o.acl = true;
    o.loadDemoData = false;
    o.managementToken = u"11111111-2222-3333-4444-555555555555"_s;
    Simulator sim(o);
    QVERIFY(sim.start());
    QCOMPARE(sim.managementToken(), o.managementToken);
    TestClient client(sim.baseUrl());
    const HttpResult r =
        client.get(u"/v1/agent/self"_s, {{"X-Nomad-Token", o.managementToken.toUtf8()}});
    QCOMPARE(r.json()["config"_L1]["ACL"_L1]["Enabled"_L1].toBool(), true);
}

DD_TEST_GUILESS_MAIN(TstSimAcl)
#include "tst_simacl.moc"
