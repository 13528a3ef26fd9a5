// Task log streams that go wrong: Nomad's parameter and lookup errors (status,
// content type, text), and the three log-stream faults a test or
// `nomad-api-sim --fault log-cut|log-stall|log-reset,frames=N` switches on.
#include "sim/clientfiles.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QStandardPaths>
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

namespace {} // namespace

class TstSimLogErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void errors_data();
    void errors();
    void logFaults_data();
    void logFaults();

private:
    // Dispatches chatty and lets its task start; the allocation's ID.
    QString start(const QString &lines)
    {
        DispatchRequest r;
        r.jobId = u"chatty"_s;
        r.meta.insert(u"lines"_s, lines);
        const auto d = m_sim->dispatch(r);
        if (!d)
            return {};
        m_sim->clock().advance(1);
        const auto allocs = m_sim->allocsOfJob(d->dispatchedJobId);
        m_sim->clock().advance(100);
        return allocs.isEmpty() ? QString() : allocs.first()->id;
    }
    QString url(const QString &alloc, const QString &query) const
    {
        return u"/v1/client/fs/logs/%1?%2"_s.arg(alloc, query);
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimLogErrors::init()
{
    SimulatorOptions o;
    o.loadDemoData = false;
    o.startPaused = true;
    o.seed = 8;
    m_sim = std::make_unique<Simulator>(o);
    const auto chatty = readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
    DD_VERIFY_OK(chatty);
    QVERIFY(m_sim->registerJob(*chatty));
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimLogErrors::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

void TstSimLogErrors::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("shortId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("text");
    const QByteArray sniffed = "text/plain; charset=utf-8";
    QTest::newRow("no task") << u"type=stdout"_s << false << 400 << sniffed
                             << u"must provide task name"_s;
    QTest::newRow("bad type") << u"task=talk&type=bogus"_s << false << 400 << sniffed
                              << u"must provide log type (stdout/stderr)"_s;
    QTest::newRow("bad origin") << u"task=talk&type=stdout&origin=middle"_s << false << 400
                                << sniffed << u"origin must be start or end"_s;
    QTest::newRow("bad follow") << u"task=talk&type=stdout&follow=yes"_s << false << 500 << sniffed
                                << u"failed to parse follow field to boolean: strconv.ParseBool: "
                                   u"parsing \"yes\": invalid syntax"_s;
    QTest::newRow("unknown task, plain")
        << u"task=nope&type=stdout&plain=true"_s << false << 400 << QByteArray("text/plain")
        << u"unknown task name \"nope\""_s;
    QTest::newRow("short ID") << u"task=talk&type=stdout&plain=true"_s << true << 500
                              << QByteArray("text/plain")
                              << u"alloc lookup failed: index error: UUID must be 36 characters"_s;
    QTest::newRow("unknown allocation")
        << u"task=talk&type=stdout"_s << false << 404 << QByteArray("application/json")
        << u"Unknown allocation \"00000000-0000-0000-0000-000000000000\""_s;
}

void TstSimLogErrors::errors()
{
    QFETCH(QString, query);
    QFETCH(bool, shortId);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, text);
    QString alloc = start(u"2"_s);
    if (shortId)
        alloc = alloc.left(8);
    if (QByteArray(QTest::currentDataTag()) == "unknown allocation")
        alloc = u"00000000-0000-0000-0000-000000000000"_s;
    const HttpResult r = m_client->get(url(alloc, query));
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), contentType);
    QCOMPARE(QString::fromUtf8(r.body), text);
}

void TstSimLogErrors::logFaults_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("ending"); // how the connection ends: cut, reset, open
    QTest::newRow("cut mid-frame") << u"log-cut,frames=2,path=^/v1/client/fs/logs"_s << u"cut"_s;
    QTest::newRow("stall") << u"log-stall,frames=2"_s << u"open"_s;
    QTest::newRow("reset") << u"log-reset,frames=2,path=fs/logs"_s << u"reset"_s;
}

void TstSimLogErrors::logFaults()
{
    QFETCH(QString, spec);
    QFETCH(QString, ending);
    QString error;
    const auto rule = FaultInjector::parseSpec(spec, &error); // as nomad-api-sim --fault takes it
    QVERIFY2(rule, qPrintable(error));
    QCOMPARE(rule->afterFrames, 2);
    m_sim->faults().add(*rule);
    const QString alloc = start(u"16"_s);
    // A bare socket sees how the stream ends.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(m_sim->port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    const QByteArray request = "GET " +
                               url(alloc, u"task=talk&type=stdout&follow=true"_s).toUtf8() +
                               " HTTP/1.1\r\nHost: x\r\n\r\n";
    QCOMPARE(::write(fd, request.constData(), size_t(request.size())), ssize_t(request.size()));
    QByteArray bytes;
    int end = ETIMEDOUT;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 3000 && end == ETIMEDOUT) {
        m_sim->clock().advance(50);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0)
            bytes.append(buffer, n);
        else
            end = n == 0 ? 0 : errno;
    }
    ::close(fd);
    const QByteArray body = bytes.mid(bytes.indexOf("\r\n\r\n") + 4);
    const QList<QJsonObject> frames = splitLogFrames(body);
    int data = 0;
    for (const QJsonObject &f : frames)
        data += f.contains("Data"_L1) ? 1 : 0;
    QCOMPARE(data, 2); // the frames before the fault arrived whole
    if (ending == "cut"_L1) {
        QCOMPARE(end, 0);                                              // closed...
        QVERIFY2(!body.endsWith("}\r\n"), body.right(80).constData()); // ...inside a frame
        QVERIFY(body.right(40).contains("{\"Data\":\""));
    } else if (ending == "reset"_L1) {
        QCOMPARE(end, ECONNRESET);
    } else {
        QCOMPARE(end, ETIMEDOUT); // still open, and silent: not even heartbeats
        QVERIFY(!body.contains("{}"));
        QCOMPARE(m_sim->openLogStreams(), 1);
    }
}

DD_TEST_GUILESS_MAIN(TstSimLogErrors)
#include "tst_simlogerrors.moc"
