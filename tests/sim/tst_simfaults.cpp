// Every fault a test can switch on, and how a client sees it.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include "testmain.h"

#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void latency();
    void statusForNextRequests();
    void statusAlways();
    void closeMidResponse();
    void malformedJson();
    void stalledBlockingQuery();
    void slowLoris();
    void restartResetsIndexes();
    void unknownLeader();
    void faultSpecs_data();
    void faultSpecs();
    void transportFaults_data();
    void transportFaults();
    void neverAnswerHoldsTheConnection();

private:
    // What a bare socket sees: the bytes, and how the connection ended (0 for
    // an orderly close, ECONNRESET for a reset, ETIMEDOUT when still open).
    struct WireResult
    {
        QByteArray bytes;
        int end = 0;
    };
    WireResult wireExchange(const QByteArray &request, int waitMs = 3000);
    QByteArray rawExchange(const QByteArray &request, int *reads = nullptr);
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimFaults::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimFaults::init()
{
    SimulatorOptions o;
    o.startPaused = true;
    o.seed = 9;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimFaults::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QByteArray TstSimFaults::rawExchange(const QByteArray &request, int *reads)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_sim->port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray data;
    int n = 0;
    waitFor([&] {
        const QByteArray chunk = socket.readAll();
        if (!chunk.isEmpty()) {
            data += chunk;
            ++n;
        }
        return socket.state() == QAbstractSocket::UnconnectedState;
    });
    if (reads)
        *reads = n;
    return data;
}

TstSimFaults::WireResult TstSimFaults::wireExchange(const QByteArray &request, int waitMs)
{
    WireResult result;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_sim->port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        result.end = errno;
        return result;
    }
    if (::write(fd, request.constData(), size_t(request.size())) != request.size()) {
        ::close(fd);
        result.end = errno;
        return result;
    }
    QElapsedTimer timer;
    timer.start();
    result.end = ETIMEDOUT;
    while (timer.elapsed() < waitMs) {
        // The simulator runs on this thread: let it work between polls.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            result.bytes.append(buffer, n);
            continue;
        }
        result.end = n == 0 ? 0 : errno;
        break;
    }
    ::close(fd);
    return result;
}

void TstSimFaults::latency()
{
    m_sim->faults().addLatency(300, u"^/v1/regions"_s);
    QElapsedTimer t;
    t.start();
    const HttpResult r = m_client->get(u"/v1/regions"_s);
    QCOMPARE(r.status, 200);
    QVERIFY2(t.elapsed() >= 290, qPrintable(QString::number(t.elapsed())));
}

void TstSimFaults::statusForNextRequests()
{
    m_sim->faults().failWith(503, u"No cluster leader"_s, u"^/v1/job/.*/dispatch"_s, 2);
    for (int i = 0; i < 2; ++i) {
        const HttpResult r = m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}");
        QCOMPARE(r.status, 503);
        QCOMPARE(r.body, QByteArray("No cluster leader"));
        QCOMPARE(m_sim->requests().last().status, 503);
    }
    QCOMPARE(m_sim->childCount(u"report-nightly"_s), 0);
    QCOMPARE(m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}").status, 200);
    QCOMPARE(m_sim->childCount(u"report-nightly"_s), 1);
    QVERIFY(m_sim->faults().rules().isEmpty());
}

void TstSimFaults::statusAlways()
{
    const int id = m_sim->faults().failWith(500, u"rpc error: EOF"_s, u"index="_s);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_client->get(u"/v1/jobs?index=1"_s).status, 500);
    QCOMPARE(m_client->get(u"/v1/jobs"_s).status, 200); // the query did not match
    m_sim->faults().remove(id);
    QCOMPARE(m_client->get(u"/v1/jobs?index=1"_s).status, 200);
}

void TstSimFaults::closeMidResponse()
{
    m_sim->faults().closeMidResponse(u"^/v1/jobs"_s, 2);
    const QByteArray answer = rawExchange("GET /v1/jobs HTTP/1.1\r\nHost: x\r\n\r\n");
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    const QByteArray head = answer.left(headEnd);
    QVERIFY(head.startsWith("HTTP/1.1 200 OK"));
    const qsizetype at = head.indexOf("Content-Length: ") + 16;
    const int promised = head.mid(at, head.indexOf('\r', at) - at).toInt();
    const int received = int(answer.size() - headEnd - 4);
    QVERIFY2(received < promised, qPrintable(u"%1 of %2"_s.arg(received).arg(promised)));
    QVERIFY(received > 0);
    const HttpResult r = m_client->get(u"/v1/jobs"_s);
    QVERIFY(r.error != QNetworkReply::NoError);
    QCOMPARE(m_client->get(u"/v1/jobs"_s).status, 200);
}

void TstSimFaults::malformedJson()
{
    m_sim->faults().malformJson(u"^/v1/jobs$"_s, 1);
    const HttpResult r = m_client->get(u"/v1/jobs"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QJsonParseError error;
    QJsonDocument::fromJson(r.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QVERIFY(m_client->get(u"/v1/jobs"_s).json().isArray());
}

void TstSimFaults::stalledBlockingQuery()
{
    m_sim->faults().stallBlockingQueries(u"^/v1/jobs"_s);
    QNetworkReply *stalled = m_client->start("GET", u"/v1/jobs?index=1&wait=1s"_s);
    QVERIFY(waitFor([&] { return m_sim->requests().count() == 1; }));
    m_sim->clock().advance(10'000); // far past wait and jitter
    QVERIFY(!waitFor([&] { return stalled->isFinished(); }, 100));
    QCOMPARE(m_sim->requests().last().status, 0);
    QCOMPARE(m_client->get(u"/v1/jobs"_s).status, 200); // plain reads still answer
    stalled->abort();
    stalled->deleteLater();
}

void TstSimFaults::slowLoris()
{
    m_sim->faults().slowLoris(7, 5, u"^/v1/status/leader"_s, 1);
    int reads = 0;
    const QByteArray answer =
        rawExchange("GET /v1/status/leader HTTP/1.1\r\nConnection: close\r\n\r\n", &reads);
    QVERIFY(answer.endsWith("\"127.0.0.1:4647\""));
    QVERIFY2(reads >= answer.size() / 7 / 2,
             qPrintable(u"%1 reads of %2 bytes"_s.arg(reads).arg(answer.size())));
}

void TstSimFaults::restartResetsIndexes()
{
    m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}");
    m_sim->clock().advance(500);
    const quint64 before = m_client->get(u"/v1/jobs"_s).header("X-Nomad-Index").toULongLong();
    QVERIFY(before > 20);
    QTcpSocket blocked;
    blocked.connectToHost(u"127.0.0.1"_s, m_sim->port());
    QVERIFY(blocked.waitForConnected(5000));
    blocked.write("GET /v1/jobs?index=" + QByteArray::number(before) + " HTTP/1.1\r\n\r\n");
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 1; }));
    m_sim->restart(1);
    // The restarted server dropped the connection without an answer.
    QVERIFY(waitFor([&] { return blocked.state() == QAbstractSocket::UnconnectedState; }));
    QVERIFY(blocked.readAll().isEmpty());
    QCOMPARE(m_sim->pendingBlockingQueries(), 0);
    const HttpResult after = m_client->get(u"/v1/jobs"_s);
    QCOMPARE(after.status, 200);
    QVERIFY(after.header("X-Nomad-Index").toULongLong() < before);
    QCOMPARE(m_sim->job(u"report-nightly"_s)->id, u"report-nightly"_s); // state kept
    const HttpResult d = m_client->put(u"/v1/job/report-nightly/dispatch"_s, "{}");
    QCOMPARE(d.json()["JobCreateIndex"_L1].toInt(), 2);
    // A client still waiting on the old index now waits for its whole wait time.
    QNetworkReply *stale = m_client->start("GET", u"/v1/jobs?index=%1&wait=2s"_s.arg(before));
    QVERIFY(waitFor([&] { return m_sim->pendingBlockingQueries() == 1; }));
    m_sim->clock().advance(2200);
    const HttpResult r = TestClient::wait(stale);
    QVERIFY(r.header("X-Nomad-Index").toULongLong() < before);
}

void TstSimFaults::unknownLeader()
{
    m_sim->setKnownLeader(false);
    QCOMPARE(m_client->get(u"/v1/jobs"_s).header("X-Nomad-Knownleader"), QByteArray("false"));
    m_sim->setKnownLeader(true);
    QCOMPARE(m_client->get(u"/v1/jobs"_s).header("X-Nomad-Knownleader"), QByteArray("true"));
}

void TstSimFaults::faultSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("kind");
    QTest::newRow("latency") << u"latency,ms=250,path=^/v1/jobs"_s << true
                             << int(FaultKind::Latency);
    QTest::newRow("status with escaped comma")
        << u"status,code=503,body=busy\\, retry,count=2"_s << true << int(FaultKind::Status);
    QTest::newRow("close") << u"close,path=dispatch"_s << true << int(FaultKind::CloseMidResponse);
    QTest::newRow("malformed") << u"malformed-json"_s << true << int(FaultKind::MalformedJson);
    QTest::newRow("stall") << u"stall"_s << true << int(FaultKind::StallBlockingQuery);
    QTest::newRow("slow-loris") << u"slow-loris,bytes=1,interval=100"_s << true
                                << int(FaultKind::SlowLoris);
    QTest::newRow("close-before-answer") << u"close-before-answer,path=dispatch,method=PUT"_s
                                         << true << int(FaultKind::CloseBeforeAnswer);
    QTest::newRow("reset") << u"reset,count=1"_s << true << int(FaultKind::ResetAfterRequest);
    QTest::newRow("close-mid-headers")
        << u"close-mid-headers"_s << true << int(FaultKind::CloseMidHeaders);
    QTest::newRow("never-answer unprocessed")
        << u"never-answer,unprocessed"_s << true << int(FaultKind::NeverAnswer);
    QTest::newRow("unknown kind") << u"explode"_s << false << 0;
    QTest::newRow("bad number") << u"latency,ms=fast"_s << false << 0;
    QTest::newRow("bad regex") << u"close,path=(("_s << false << 0;
}

void TstSimFaults::faultSpecs()
{
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QFETCH(int, kind);
    QString error;
    const auto rule = FaultInjector::parseSpec(spec, &error);
    QCOMPARE(rule.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(int(rule->kind), kind);
    if (rule->kind == FaultKind::Status) {
        QCOMPARE(rule->body, u"busy, retry"_s);
        QCOMPARE(rule->remaining, 2);
    }
}

void TstSimFaults::transportFaults_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("unprocessed");
    QTest::addColumn<bool>("dispatch"); // the dispatch endpoint, or a read
    for (const bool dispatch : {true, false}) {
        for (const bool unprocessed : {false, true}) {
            const char *what = dispatch ? "dispatch" : "read";
            const char *when = unprocessed ? "unprocessed" : "carried out";
            QTest::addRow("close before answer, %s, %s", what, when)
                << int(FaultKind::CloseBeforeAnswer) << unprocessed << dispatch;
            QTest::addRow("reset, %s, %s", what, when)
                << int(FaultKind::ResetAfterRequest) << unprocessed << dispatch;
            QTest::addRow("close mid headers, %s, %s", what, when)
                << int(FaultKind::CloseMidHeaders) << unprocessed << dispatch;
        }
    }
}

// What reaches the wire for each transport fault, counted at the socket and in
// the simulator: the request was received once, and a dispatch created a child
// unless the fault drops it unprocessed.
void TstSimFaults::transportFaults()
{
    QFETCH(int, kind);
    QFETCH(bool, unprocessed);
    QFETCH(bool, dispatch);
    const auto fault = FaultKind(kind);
    m_sim->faults().transport(fault, dispatch ? u"/dispatch"_s : u"^/v1/jobs"_s, 1, unprocessed);
    const QByteArray request =
        dispatch
            ? QByteArray(
                  "PUT /v1/job/report-nightly/dispatch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                  "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            : QByteArray("GET /v1/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const WireResult wire = wireExchange(request);
    switch (fault) {
    case FaultKind::CloseBeforeAnswer:
        QCOMPARE(wire.bytes, QByteArray());
        QCOMPARE(wire.end, 0);
        break;
    case FaultKind::ResetAfterRequest:
        QCOMPARE(wire.bytes, QByteArray());
        QCOMPARE(wire.end, ECONNRESET);
        break;
    case FaultKind::CloseMidHeaders:
        QVERIFY2(wire.bytes.startsWith("HTTP/1.1 200 OK\r\n"), wire.bytes.constData());
        QVERIFY(!wire.bytes.contains("\r\n\r\n"));
        QCOMPARE(wire.end, 0);
        break;
    default:
        QFAIL("not a transport fault");
    }
    QCOMPARE(m_sim->requests().count(), 1);
    if (dispatch)
        QCOMPARE(m_sim->childCount(u"report-nightly"_s), unprocessed ? 0 : 1);
    // The fault was used up: the next request is answered normally.
    QVERIFY(m_sim->faults().rules().isEmpty());
    const WireResult next = wireExchange(request);
    QVERIFY2(next.bytes.startsWith("HTTP/1.1 200 OK"), next.bytes.constData());
}

void TstSimFaults::neverAnswerHoldsTheConnection()
{
    m_sim->faults().transport(FaultKind::NeverAnswer, u"/dispatch"_s, 1);
    const WireResult wire = wireExchange(
        "PUT /v1/job/report-nightly/dispatch HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
        600);
    QCOMPARE(wire.end, ETIMEDOUT); // still open, nothing said
    QCOMPARE(wire.bytes, QByteArray());
    QCOMPARE(m_sim->childCount(u"report-nightly"_s), 1);  // carried out all the same
    const HttpResult r = m_client->get(u"/v1/regions"_s); // other connections go on
    QCOMPARE(r.status, 200);
}

DD_TEST_GUILESS_MAIN(TstSimFaults)
#include "tst_simfaults.moc"
