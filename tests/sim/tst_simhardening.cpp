// The simulator is installed by the package and is the app's demo cluster, so
// it must hold up against a hostile client: a chunk size near 2^63, megabytes
// pipelined behind a blocking query, idle or trickling connections, and a
// --listen that would expose it to the network.
#include "sim/commandline.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void hugeChunkSizeIsRefused_data();
    void hugeChunkSizeIsRefused();
    void pipelinedFloodIsNotBuffered();
    void idleConnectionsAreClosed();
    void listenWarnsAboutOtherMachines_data();
    void listenWarnsAboutOtherMachines();

private:
    static std::unique_ptr<Simulator> start(const HttpLimits &limits = {})
    {
        SimulatorOptions o;
        o.startPaused = true;
        o.limits = limits;
        auto sim = std::make_unique<Simulator>(o);
        return sim->start() ? std::move(sim) : nullptr;
    }
    static QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs)
    {
        QByteArray data;
        waitFor(
            [&] {
                data += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
        return data + socket.readAll();
    }
};

void TstSimHardening::hugeChunkSizeIsRefused_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::newRow("2^63-1 first") << QByteArray("7fffffffffffffff\r\nab\r\n");
    QTest::newRow("2^63-1 after a chunk") << QByteArray("2\r\n{}\r\n7fffffffffffffff\r\nab\r\n");
    QTest::newRow("beyond 2^64") << QByteArray("1ffffffffffffffff\r\nab\r\n");
}

void TstSimHardening::hugeChunkSizeIsRefused()
{
    QFETCH(QByteArray, chunks);
    auto sim = start();
    QVERIFY(sim);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, sim->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("PUT /v1/job/report-nightly/dispatch HTTP/1.1\r\nHost: x\r\n"
                 "Transfer-Encoding: chunked\r\n\r\n" +
                 chunks);
    const QByteArray answer = readUntilClosed(socket, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 413") || answer.startsWith("HTTP/1.1 400"),
             answer.constData());
    QCOMPARE(sim->childCount(u"report-nightly"_s), 0);
}

// 40 MB pipelined behind a blocking query that does not answer: the simulator
// keeps at most about one request's worth and leaves the rest to TCP.
void TstSimHardening::pipelinedFloodIsNotBuffered()
{
    HttpLimits limits;
    limits.maxBodyBytes = 1 << 20;
    auto sim = start(limits);
    QVERIFY(sim);
    sim->faults().stallBlockingQueries(u"^/v1/jobs"_s, 1);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, sim->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /v1/jobs?index=1&wait=5m HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray filler =
        "GET /v1/regions HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(4000, 'a') + "\r\n\r\n";
    qint64 queued = 0;
    QElapsedTimer t;
    t.start();
    while (queued < (40 << 20) && t.elapsed() < 4000) {
        if (socket.bytesToWrite() < (4 << 20)) {
            socket.write(filler);
            queued += filler.size();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QTest::qWait(300);
    // What the kernel took off this socket: the server's buffer (1 MB and a bit)
    // plus the loopback socket buffers, not the 40 MB offered.
    const qint64 accepted = queued - socket.bytesToWrite();
    QVERIFY2(accepted < (20 << 20), qPrintable(u"%1 bytes accepted"_s.arg(accepted)));
    QVERIFY2(queued < (40 << 20), "everything was taken: nothing pushed back");
    QCOMPARE(sim->requests().count(), 1);
}

void TstSimHardening::idleConnectionsAreClosed()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 300;
    auto sim = start(limits);
    QVERIFY(sim);
    QTcpSocket idle;
    idle.connectToHost(u"127.0.0.1"_s, sim->port());
    QVERIFY(idle.waitForConnected(5000));
    QTcpSocket trickling; // headers that never end
    trickling.connectToHost(u"127.0.0.1"_s, sim->port());
    QVERIFY(trickling.waitForConnected(5000));
    trickling.write("GET /v1/regions HTTP/1.1\r\nHost: x\r\n");
    QElapsedTimer t;
    t.start();
    readUntilClosed(idle, 3000);
    readUntilClosed(trickling, 3000);
    QCOMPARE(idle.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(trickling.state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
    // A connection in the middle of a long blocking query is not idle.
    QTcpSocket waiting;
    waiting.connectToHost(u"127.0.0.1"_s, sim->port());
    QVERIFY(waiting.waitForConnected(5000));
    waiting.write("GET /v1/jobs?index=100000&wait=5m HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::qWait(1000); // more than three idle timeouts
    QCOMPARE(waiting.state(), QAbstractSocket::ConnectedState);
}

void TstSimHardening::listenWarnsAboutOtherMachines_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<bool>("warns");
    QTest::newRow(":4646") << u":4646"_s << true;
    QTest::newRow("0.0.0.0:4646") << u"0.0.0.0:4646"_s << true;
    QTest::newRow("127.0.0.1:4646") << u"127.0.0.1:4646"_s << false;
    QTest::newRow("[::1]:4646") << u"[::1]:4646"_s << false;
}

void TstSimHardening::listenWarnsAboutOtherMachines()
{
    QFETCH(QString, listen);
    QFETCH(bool, warns);
    const auto parsed = parseSimulatorArguments({u"nomad-api-sim"_s, u"--listen"_s, listen});
    QVERIFY2(parsed.has_value(), qPrintable(parsed.error()));
    QCOMPARE(!parsed->warnings.isEmpty(), warns);
    if (warns)
        QVERIFY(parsed->warnings.first().contains(u"--listen 127.0.0.1:4646"_s));
}

DD_TEST_GUILESS_MAIN(TstSimHardening)
#include "tst_simhardening.moc"
