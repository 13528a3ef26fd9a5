// A request with a body reaches the server at most once per call, whatever the
// connection does after it was sent. Qt's HTTP/1.1 channel re-sends a request
// on its own when the connection closes before any answer byte (PUT and POST
// included); NomadClient refuses that re-send (api/oneshotbody.h). Each case
// counts what reached a real loopback socket, not what the client reports.
#include "api/nomadclient.h"
#include "rawhttpserver.h"

#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(dd::test::RawAction::Kind)

class TestExactlyOnce : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void qtResendsOnItsOwn();
    void bodyGoesOnceWhateverTheConnectionDoes_data();
    void bodyGoesOnceWhateverTheConnectionDoes();
    void dispatchOnAReusedConnection();
    void readsMayBeResent();

private:
    static ClientConfig configFor(const RawHttpServer &server)
    {
        ClientConfig c;
        c.address = server.url();
        c.timeout = std::chrono::milliseconds(1500);
        return c;
    }
};

// The library habit this guards against, shown on the wire: a plain
// QNetworkAccessManager PUT with a QByteArray body, answered by a close before
// any byte, reaches the server more than once. If Qt ever stops doing this,
// this test says so and the guard can be reconsidered.
void TestExactlyOnce::qtResendsOnItsOwn()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RawRequest &, int) { return RawAction::closeBeforeAnswer(); });
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(server.url().toString() + u"/v1/job/report-nightly/dispatch"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, "PUT", QByteArray("{}"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QVERIFY2(server.count("PUT") >= 2,
             qPrintable(u"Qt sent the PUT %1 time(s)"_s.arg(server.count("PUT"))));
    delete reply;
}

void TestExactlyOnce::bodyGoesOnceWhateverTheConnectionDoes_data()
{
    QTest::addColumn<RawAction::Kind>("fault");
    QTest::addColumn<int>("expectedKind");
    QTest::newRow("close before any answer byte")
        << RawAction::Kind::CloseBeforeAnswer << int(ApiError::Kind::Transport);
    QTest::newRow("reset (RST) after the request")
        << RawAction::Kind::Reset << int(ApiError::Kind::Transport);
    QTest::newRow("close in the middle of the headers")
        << RawAction::Kind::CloseMidHeaders << int(ApiError::Kind::Transport);
    QTest::newRow("accept and never answer")
        << RawAction::Kind::Stall << int(ApiError::Kind::Timeout);
}

void TestExactlyOnce::bodyGoesOnceWhateverTheConnectionDoes()
{
    QFETCH(RawAction::Kind, fault);
    QFETCH(int, expectedKind);
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([fault](const RawRequest &, int) { return RawAction{fault, {}}; });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server));

    DispatchRequest request;
    request.jobId = u"report-nightly"_s;
    request.meta = {{u"day"_s, u"fault"_s}};
    request.idempotencyToken = u"dd-test-token"_s;
    std::optional<Result<Reply<DispatchResponse>>> result;
    client.dispatch(request, {}, this, [&](Result<Reply<DispatchResponse>> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    // Give Qt time for a re-send it might still make.
    QTest::qWait(300);

    QCOMPARE(server.count("PUT", "/dispatch"), 1);
    QCOMPARE(server.received().size(), 1);
    QVERIFY(!result->has_value());
    const ApiError &error = result->error();
    QCOMPARE(int(error.kind), expectedKind);
    if (error.kind == ApiError::Kind::Transport)
        QCOMPARE(error.transport, ApiError::Transport::RemoteClosed);
    QVERIFY2(error.message().contains(u"127.0.0.1"_s), qPrintable(error.message()));
    // The body that reached the server is the whole dispatch.
    QCOMPARE(server.received().first().body,
             QByteArray(R"({"JobID":"report-nightly","Meta":{"day":"fault"}})"));
}

// A dispatch sent on a kept-alive connection after a read: the server closes
// without answering it. Still one PUT.
void TestExactlyOnce::dispatchOnAReusedConnection()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RawRequest &r, int) {
        if (r.method == "GET")
            return RawAction::answer(200, R"(["global"])");
        return RawAction::closeBeforeAnswer();
    });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server));
    std::optional<Result<QStringList>> regions;
    client.regions(this, [&](Result<QStringList> r) { regions = r; });
    QTRY_VERIFY(regions.has_value());
    QVERIFY(regions->has_value());

    DispatchRequest request;
    request.jobId = u"report-nightly"_s;
    std::optional<Result<Reply<DispatchResponse>>> result;
    client.dispatch(request, {}, this, [&](Result<Reply<DispatchResponse>> r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QTest::qWait(300);
    QCOMPARE(server.count("PUT"), 1);
    QCOMPARE(server.received().first().connection, server.received().last().connection);
    QVERIFY(!result->has_value());
}

// Reads keep Qt's re-send: repeating a GET is harmless, and it hides a
// keep-alive race from the user.
void TestExactlyOnce::readsMayBeResent()
{
    RawHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RawRequest &, int index) {
        if (index == 0)
            return RawAction::closeBeforeAnswer();
        return RawAction::answer(200, R"(["global"])");
    });
    QNetworkAccessManager network;
    NomadClient client(&network, configFor(server));
    std::optional<Result<QStringList>> regions;
    client.regions(this, [&](Result<QStringList> r) { regions = r; });
    QTRY_VERIFY(regions.has_value());
    QVERIFY(regions->has_value());
    QCOMPARE(server.count("GET", "/v1/regions"), 2);
}

DD_TEST_GUILESS_MAIN(TestExactlyOnce)
#include "tst_exactlyonce.moc"
