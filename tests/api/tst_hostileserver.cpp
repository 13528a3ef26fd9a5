// What a hostile or broken server can do to NomadClient, tried at the socket
// with the test support's RawHttpServer: a redirect to another host, answers
// far larger than any Nomad answer, a Content-Length that announces gigabytes,
// and a token with a line break. The token and the body never leave for a host
// the user did not name; memory stays bounded; every case is a clear error.
#include "api/nomadclient.h"
#include "rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

class TestHostileServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void redirectIsNotFollowed_data();
    void redirectIsNotFollowed();
    void endlessBodyIsCut();
    void hugeContentLengthIsRefused();
    void listsMayBeLarge();
    void tokenWithLineBreakIsNeverSent_data();
    void tokenWithLineBreakIsNeverSent();

private:
    static ClientConfig configFor(const QUrl &url, const QString &token = {})
    {
        ClientConfig c;
        c.address = url;
        c.token = token;
        c.timeout = std::chrono::milliseconds(5000);
        return c;
    }
};

void TestHostileServer::redirectIsNotFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("307 on a dispatch") << 307 << QByteArray("PUT");
    QTest::newRow("308 on a dispatch") << 308 << QByteArray("PUT");
    QTest::newRow("302 on a read") << 302 << QByteArray("GET");
    QTest::newRow("301 on a read") << 301 << QByteArray("GET");
}

void TestHostileServer::redirectIsNotFollowed()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    RawHttpServer elsewhere; // another loopback address: the redirect's target
    QVERIFY(elsewhere.listen(QHostAddress(u"127.0.0.2"_s)));
    const QUrl target(
        u"http://127.0.0.2:%1/v1/job/report-nightly/dispatch"_s.arg(elsewhere.port()));
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const RawRequest &, int) {
        return RawAction::answer(status, {}, {}, {{"Location", target.toEncoded()}});
    });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server.url(), u"secret-token-1234"_s));
    std::optional<ApiError> error;
    if (method == "PUT") {
        DispatchRequest request;
        request.jobId = u"report-nightly"_s;
        request.meta = {{u"day"_s, u"mon"_s}};
        client.dispatch(request, {}, this, [&](Result<Reply<DispatchResponse>> r) {
            error = r ? ApiError{} : r.error();
        });
    } else {
        client.regions(this, [&](Result<QStringList> r) { error = r ? ApiError{} : r.error(); });
    }
    QTRY_VERIFY(error.has_value());
    QTest::qWait(200);
    QCOMPARE(elsewhere.received().size(), 0);
    QCOMPARE(elsewhere.connectionsAccepted(), 0);
    QCOMPARE(server.received().size(), 1);
    QCOMPARE(error->transport, ApiError::Transport::Redirected);
    QVERIFY2(error->message().contains(u"redirect to http://127.0.0.2:"_s),
             qPrintable(error->message()));
    QVERIFY2(error->message().contains(u"not followed"_s), qPrintable(error->message()));
    QVERIFY(!error->hint().isEmpty());
    QVERIFY(!error->isTransient());
}

// An answer that never ends (a chunked body streaming forever) is cut at the
// endpoint's limit, not buffered until memory runs out.
void TestHostileServer::endlessBodyIsCut()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    qint64 sent = 0;
    QPointer<QTcpSocket> peer;
    QTimer pump;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, this, [&] {
            peer->readAll();
            peer->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
            pump.start(0);
        });
    });
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, ' ') + "\r\n";
    connect(&pump, &QTimer::timeout, this, [&] {
        if (peer && peer->state() == QAbstractSocket::ConnectedState &&
            peer->bytesToWrite() < (1 << 20)) {
            peer->write(chunk);
            sent += 0x10000;
        }
    });
    QNetworkAccessManager network;
    NomadClient client(&network,
                       configFor(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()))));
    std::optional<Result<QStringList>> result;
    client.regions(this, [&](Result<QStringList> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    pump.stop();
    QVERIFY(!result->has_value());
    QCOMPARE(result->error().transport, ApiError::Transport::AnswerTooLarge);
    QCOMPARE(result->error().sizeLimit, QueryOptions::kDefaultMaxAnswerBytes);
    // It stopped reading soon after the limit (Qt buffers some in between).
    QVERIFY2(sent < QueryOptions::kDefaultMaxAnswerBytes + (24 << 20),
             qPrintable(QString::number(sent)));
    QVERIFY2(result->error().message().contains(u"was larger than 8 MB"_s),
             qPrintable(result->error().message()));
}

void TestHostileServer::hugeContentLengthIsRefused()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RawRequest &, int) {
        RawAction a;
        a.kind = RawAction::Kind::Answer;
        a.bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                  "Content-Length: 2147483000\r\n\r\n{\"DispatchedJobID\":";
        return a;
    });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server.url()));
    DispatchRequest request;
    request.jobId = u"report-nightly"_s;
    std::optional<Result<Reply<DispatchResponse>>> result;
    client.dispatch(request, {}, this, [&](Result<Reply<DispatchResponse>> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY(!result->has_value());
    QCOMPARE(result->error().transport, ApiError::Transport::AnswerTooLarge);
    QCOMPARE(result->error().sizeLimit, QueryOptions::kDispatchMaxAnswerBytes);
}

// The job list is the one large answer: 20 MB of stubs is read in full.
void TestHostileServer::listsMayBeLarge()
{
    QByteArray body = "[";
    const QByteArray stub =
        R"({"ID":"j","Name":"j","Type":"batch","Status":"running","ParameterizedJob":true},)";
    while (body.size() < (20 << 20))
        body += stub;
    body.chop(1);
    body += ']';
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([&](const RawRequest &, int) { return RawAction::answer(200, body); });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server.url()));
    std::optional<Result<Reply<QList<JobStub>>>> result;
    client.jobs({}, {}, {}, this, [&](Result<Reply<QList<JobStub>>> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
    QVERIFY2(result->has_value(), qPrintable(result->error().message()));
    QVERIFY((*result)->value.size() > 100000);
}

void TestHostileServer::tokenWithLineBreakIsNeverSent_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("CR LF header injection") << u"abc\r\nX-Injected: yes"_s;
    QTest::newRow("LF") << u"abc\nX-Injected: yes"_s;
    QTest::newRow("NUL") << u"abc\u0000def"_s;
    QTest::newRow("DEL") << u"abc\u007fdef"_s;
}

void TestHostileServer::tokenWithLineBreakIsNeverSent()
{
    QFETCH(QString, token);
    RawHttpServer server;
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server.url(), token));
    QVERIFY(client.configError().has_value());
    std::optional<Result<QStringList>> result;
    client.regions(this, [&](Result<QStringList> r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(!result->has_value());
    QCOMPARE(result->error().kind, ApiError::Kind::Config);
    QVERIFY2(result->error().message().contains(u"control character"_s),
             qPrintable(result->error().message()));
    QVERIFY(!result->error().message().contains(u"X-Injected"_s)); // the token is not echoed
    QTest::qWait(100);
    QCOMPARE(server.connectionsAccepted(), 0);
}

DD_TEST_GUILESS_MAIN(TestHostileServer)
#include "tst_hostileserver.moc"
