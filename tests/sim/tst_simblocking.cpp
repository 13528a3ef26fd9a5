// Blocking queries and the event stream, on the simulated clock.
#include "sim/blockingqueries.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimBlocking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void wakesUpWhenIndexPasses_data();
    void wakesUpWhenIndexPasses();
    void timesOutWithSameBodyAndIndex_data();
    void timesOutWithSameBodyAndIndex();
    void indexZeroAnswersAtOnce();
    void disconnectDropsTheQuery();
    void eventStreamFilters_data();
    void eventStreamFilters();
    void eventStreamReplaysFromIndex();
    void eventStreamHeartbeats();
    void eventStreamSkipsIndexesBelowTheRequest();

private:
    QJsonObject dispatch(const QString &job, const QByteArray &body = "{}");
    QList<QJsonObject> frames(const QByteArray &data) const;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimBlocking::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimBlocking::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.seed = 3;
    o.heartbeatMs = 1000;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimBlocking::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QJsonObject TstSimBlocking::dispatch(const QString &job, const QByteArray &body)
{
    const HttpResult r = m_client->put(u"/v1/job/%1/dispatch"_s.arg(job), body);
    m_sim->clock().advance(0);
    return r.json().toObject();
}

QList<QJsonObject> TstSimBlocking::frames(const QByteArray &data) const
{
    QList<QJsonObject> out;
    for (const QByteArray &line : data.split('\n')) {
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    }
    return out;
}

void TstSimBlocking::wakesUpWhenIndexPasses_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("job allocations") << u"allocations"_s;
    QTest::newRow("job summary") << u"summary"_s;
    QTest::newRow("evaluation") << u"evaluation"_s;
    QTest::newRow("job list") << u"jobs"_s;
}

void TstSimBlocking::wakesUpWhenIndexPasses()
{
    QFETCH(QString, what);
    const QJsonObject d = dispatch(u"report-nightly"_s);
    QString child = d["DispatchedJobID"_L1].toString();
    child.replace(u'/', u"%2F"_s);
    const QString path = what == "evaluation"_L1 ? u"/v1/evaluation/"_s + d["EvalID"_L1].toString()
                         : what == "jobs"_L1     ? u"/v1/jobs"_s
                                                 : u"/v1/job/%1/%2"_s.arg(child, what);
    const HttpResult first = m_client->get(path);
    const quint64 index = first.header("X-Nomad-Index").toULongLong();
    QVERIFY(index > 0);
    QNetworkReply *reply = m_client->start("GET", path + u"?index=%1&wait=10s"_s.arg(index));
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 1; }));
    QVERIFY(!reply->isFinished());
    if (what == "evaluation"_L1) {
        // Nothing changes an evaluation once complete: it waits for the timeout.
        m_sim->clock().advance(10'700);
    } else {
        m_sim->clock().advance(200); // the allocation starts and finishes
    }
    const HttpResult r = TestClient::wait(reply);
    QCOMPARE(r.status, 200);
    if (what == "evaluation"_L1)
        QCOMPARE(r.header("X-Nomad-Index").toULongLong(), index);
    else
        QVERIFY(r.header("X-Nomad-Index").toULongLong() > index);
}

void TstSimBlocking::timesOutWithSameBodyAndIndex_data()
{
    QTest::addColumn<QString>("wait");
    QTest::addColumn<qint64>("waitMs");
    QTest::newRow("2s") << u"2s"_s << qint64(2000);
    QTest::newRow("1500ms") << u"1500ms"_s << qint64(1500);
    QTest::newRow("10m is capped at 5m") << u"10m"_s << qint64(300'000);
    QTest::newRow("default is 5m") << QString() << qint64(300'000);
}

void TstSimBlocking::timesOutWithSameBodyAndIndex()
{
    QFETCH(QString, wait);
    QFETCH(qint64, waitMs);
    const HttpResult first = m_client->get(u"/v1/job/video-encode"_s);
    const QByteArray index = first.header("X-Nomad-Index");
    QString query = u"?index="_s + QString::fromLatin1(index);
    if (!wait.isEmpty())
        query += u"&wait="_s + wait;
    QNetworkReply *reply = m_client->start("GET", u"/v1/job/video-encode"_s + query);
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 1; }));
    m_sim->clock().advance(waitMs - 1);
    waitFor([&] { return reply->isFinished(); }, 50);
    QVERIFY2(!reply->isFinished(), "answered before the wait ran out");
    m_sim->clock().advance(waitMs / 16 + 2); // Nomad adds up to wait/16 of jitter
    const HttpResult r = TestClient::wait(reply);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Nomad-Index"), index);
    QCOMPARE(r.body, first.body);
    QCOMPARE(m_sim->pendingBlockingQueries(), 0);
}

void TstSimBlocking::indexZeroAnswersAtOnce()
{
    const HttpResult r = m_client->get(u"/v1/jobs?index=0&wait=5m"_s);
    QCOMPARE(r.status, 200);
    const HttpResult past = m_client->get(u"/v1/jobs?index=1&wait=5m"_s);
    QCOMPARE(past.status, 200); // the index already passed 1
}

void TstSimBlocking::disconnectDropsTheQuery()
{
    const QByteArray index = m_client->get(u"/v1/jobs"_s).header("X-Nomad-Index");
    QNetworkReply *reply =
        m_client->start("GET", u"/v1/jobs?index="_s + QString::fromLatin1(index));
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 1; }));
    reply->abort();
    reply->deleteLater();
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 0; }));
}

void TstSimBlocking::eventStreamFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("topics");
    QTest::addColumn<bool>("onlyChild");
    QTest::newRow("all of three topics")
        << u"topic=Job&topic=Evaluation&topic=Allocation"_s
        << QStringList{u"Allocation"_s, u"Evaluation"_s, u"Job"_s} << false;
    QTest::newRow("only evaluations")
        << u"topic=Evaluation"_s << QStringList{u"Evaluation"_s} << false;
    QTest::newRow("one job by key")
        << u"topic=Job:%1&topic=Evaluation:%1&topic=Allocation:%1"_s
        << QStringList{u"Allocation"_s, u"Evaluation"_s, u"Job"_s} << true;
    QTest::newRow("wildcard") << u"topic=*"_s
                              << QStringList{u"Allocation"_s, u"Evaluation"_s, u"Job"_s} << false;
    QTest::newRow("other namespace") << u"topic=Job&namespace=team-a"_s << QStringList{} << false;
}

void TstSimBlocking::eventStreamFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, topics);
    QFETCH(bool, onlyChild);
    const quint64 start = m_sim->index() + 1;
    dispatch(u"plain-batch"_s); // not parameterized: an error, no events
    const QJsonObject other = dispatch(u"report-nightly"_s);
    const QJsonObject d = dispatch(u"report-nightly"_s);
    const QString child = d["DispatchedJobID"_L1].toString();
    m_sim->clock().advance(500);
    QString q = query;
    if (q.contains(u"%1"_s))
        q = q.arg(QString::fromUtf8(QUrl::toPercentEncoding(child)));
    QNetworkReply *reply = m_client->start("GET", u"/v1/event/stream?index=%1&"_s.arg(start) + q);
    QByteArray data;
    // Wait for the replay, then one heartbeat to know it is all there.
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.startsWith("{}\n");
    }));
    m_sim->clock().advance(1000);
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.endsWith("{}\n") && data.size() > 3;
    }));
    reply->abort();
    reply->deleteLater();
    QSet<QString> seen;
    for (const QJsonObject &frame : frames(data)) {
        if (frame.isEmpty())
            continue;
        QVERIFY(frame["Index"_L1].toInteger() >= qint64(start));
        for (const QJsonValue &e : frame["Events"_L1].toArray()) {
            seen << e["Topic"_L1].toString();
            QCOMPARE(e["Namespace"_L1].toString(), u"default"_s);
            if (onlyChild) {
                const bool forChild = e["Key"_L1].toString() == child ||
                                      e["FilterKeys"_L1].toArray().contains(QJsonValue(child));
                QVERIFY(forChild);
            }
        }
    }
    QStringList got = seen.values();
    got.sort();
    QCOMPARE(got, topics);
    Q_UNUSED(other);
}

void TstSimBlocking::eventStreamReplaysFromIndex()
{
    dispatch(u"report-nightly"_s);
    m_sim->clock().advance(500);
    const quint64 now = m_sim->index();
    QNetworkReply *reply =
        m_client->start("GET", u"/v1/event/stream?topic=Job&index=%1"_s.arg(now + 1));
    QByteArray data;
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.startsWith("{}\n");
    }));
    QCOMPARE(data, QByteArray("{}\n"));                  // nothing newer yet
    const QJsonObject d = dispatch(u"report-nightly"_s); // live events follow
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.contains(d["DispatchedJobID"_L1].toString().toUtf8());
    }));
    QCOMPARE(frames(data).at(1)["Events"_L1].toArray().first()["Type"_L1].toString(),
             u"JobRegistered"_s);
    reply->abort();
    reply->deleteLater();
    QVERIFY(waitFor([&] { return m_sim->openEventStreams() == 0; }));
}

void TstSimBlocking::eventStreamHeartbeats()
{
    QNetworkReply *reply = m_client->start("GET", u"/v1/event/stream?topic=Node&index=999999"_s);
    QByteArray data;
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data == "{}\n";
    }));
    m_sim->clock().advance(3000);
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.count("{}\n") == 4;
    }));
    reply->abort();
    reply->deleteLater();
}

void TstSimBlocking::eventStreamSkipsIndexesBelowTheRequest()
{
    const quint64 from = m_sim->index() + 6;
    QNetworkReply *reply = m_client->start("GET", u"/v1/event/stream?topic=*&index=%1"_s.arg(from));
    QByteArray data;
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.startsWith("{}\n");
    }));
    dispatch(u"report-nightly"_s); // indexes from+-5 .. from+-2: not sent
    m_sim->clock().advance(500);   // client updates reach from and beyond
    m_sim->clock().advance(1000);
    QVERIFY(waitFor([&] {
        data += reply->readAll();
        return data.endsWith("{}\n") && data.size() > 3;
    }));
    reply->abort();
    reply->deleteLater();
    const QList<QJsonObject> got = frames(data);
    QVERIFY(got.size() > 2);
    for (const QJsonObject &frame : got) {
        if (!frame.isEmpty())
            QVERIFY(frame["Index"_L1].toInteger() >= qint64(from));
    }
}

DD_TEST_GUILESS_MAIN(TstSimBlocking)
#include "tst_simblocking.moc"
