// Every ApiError kind's words: the reference's text, the message and the hint.
#include "api/apierror.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestApiError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void words_data();
    void words();
    void transient_data();
    void transient();
};

static ApiError make(ApiError::Kind kind, ApiError::Transport transport = ApiError::Transport::None,
                     int status = 0, const QString &text = {})
{
    ApiError e;
    e.kind = kind;
    e.transport = transport;
    e.httpStatus = status;
    e.nomadText = text;
    e.method = "PUT";
    e.url = QUrl(u"http://127.0.0.1:1/v1/job/video-encode/dispatch"_s);
    e.detail = u"Qt said so"_s;
    return e;
}

static ApiError tls(TlsProblem::Kind kind)
{
    ApiError e = make(ApiError::Kind::Tls);
    e.url = QUrl(u"https://nomad.example:4646/v1/jobs"_s);
    TlsProblem p;
    p.kind = kind;
    p.certificate = {u"CN=server"_s, u"CN=Some CA"_s, u"AB:CD"_s, u"2030-01-01T00:00:00Z"_s};
    e.tlsProblems.append(p);
    return e;
}

void TestApiError::words_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hint");

    QTest::newRow("refused")
        << make(ApiError::Kind::Transport, ApiError::Transport::ConnectionRefused)
        << u"Put \"http://127.0.0.1:1/v1/job/video-encode/dispatch\": dial tcp 127.0.0.1:1: connect: connection refused"_s
        << u"nothing is listening at 127.0.0.1:1 (connection refused)"_s
        << u"Check the address and port"_s;
    QTest::newRow("no host") << make(ApiError::Kind::Transport, ApiError::Transport::HostNotFound)
                             << u"dial tcp: lookup 127.0.0.1: no such host"_s
                             << u"could not be resolved"_s << u"spelling"_s;
    QTest::newRow("reset") << make(ApiError::Kind::Transport, ApiError::Transport::ConnectionReset)
                           << u"connection reset by peer"_s << u"was closed before Nomad answered"_s
                           << u"tried again"_s;
    QTest::newRow("closed") << make(ApiError::Kind::Transport, ApiError::Transport::RemoteClosed)
                            << u": EOF"_s << u"was closed before Nomad answered"_s
                            << u"tried again"_s;
    QTest::newRow("timeout") << make(ApiError::Kind::Timeout) << u"context deadline exceeded"_s
                             << u"did not answer in time"_s << u"try again"_s;
    QTest::newRow("500 schema")
        << make(ApiError::Kind::Http, {}, 500,
                u"Dispatch did not provide required meta keys: [input-codec]"_s)
        << u"Unexpected response code: 500 (Dispatch did not provide required meta keys: [input-codec])"_s
        << u"Nomad answered 500 Dispatch did not provide required meta keys: [input-codec]"_s
        << QString();
    QTest::newRow("403") << make(ApiError::Kind::Http, {}, 403, u"Permission denied"_s)
                         << u"Unexpected response code: 403 (Permission denied)"_s
                         << u"Nomad answered 403 Permission denied"_s << u"lacks a capability"_s;
    QTest::newRow("403 unknown token")
        << make(ApiError::Kind::Http, {}, 403, u"ACL token not found"_s)
        << u"(ACL token not found)"_s << u"403 ACL token not found"_s
        << u"not known to this cluster"_s;
    QTest::newRow("500 malformed token")
        << make(ApiError::Kind::Http, {}, 500,
                u"acl token lookup failed: index error: UUID must be 36 characters"_s)
        << u"acl token lookup failed"_s << u"Nomad answered 500 acl token lookup failed"_s
        << u"36-character UUID"_s;
    QTest::newRow("region") << make(ApiError::Kind::Http, {}, 500, u"No path to region"_s)
                            << u"(No path to region)"_s << u"No path to region"_s
                            << u"region does not exist"_s;
    QTest::newRow("parse") << ApiError::parse(u"job: field \"ID\" is missing"_s, "GET",
                                              QUrl(u"http://x:1/v1/job/a"_s))
                           << u"field \"ID\" is missing"_s
                           << u"could not be read: job: field \"ID\" is missing"_s
                           << u"may not point at a Nomad agent"_s;
    QTest::newRow("cancelled") << ApiError::cancelled() << u"context canceled"_s << u"cancelled"_s
                               << QString();
    QTest::newRow("config") << ApiError::config(u"The CA certificate file \"x\" does not exist."_s)
                            << u"does not exist"_s
                            << u"The CA certificate file \"x\" does not exist."_s << QString();
    QTest::newRow("tls untrusted")
        << tls(TlsProblem::Kind::UntrustedIssuer)
        << u"x509: certificate signed by unknown authority"_s
        << u"issued by a CA that is not trusted (subject CN=server, issuer CN=Some CA, SHA-256 AB:CD, valid until 2030-01-01T00:00:00Z)"_s
        << u"-ca-cert"_s;
    QTest::newRow("tls name") << tls(TlsProblem::Kind::NameMismatch)
                              << u"x509: certificate is valid for other names, not nomad.example"_s
                              << u"not valid for the name used to connect"_s
                              << u"-tls-server-name"_s;
    QTest::newRow("tls expired") << tls(TlsProblem::Kind::Expired)
                                 << u"x509: certificate has expired"_s << u"has expired"_s
                                 << u"renew"_s;
    QTest::newRow("tls client cert")
        << tls(TlsProblem::Kind::ClientCertificateRequired) << u"bad certificate"_s
        << u"requires a client certificate"_s << u"-client-cert"_s;
}

void TestApiError::words()
{
    QFETCH(ApiError, error);
    QFETCH(QString, reference);
    QFETCH(QString, message);
    QFETCH(QString, hint);
    QVERIFY2(error.referenceText().contains(reference), qPrintable(error.referenceText()));
    QVERIFY2(error.message().contains(message), qPrintable(error.message()));
    if (hint.isEmpty())
        QCOMPARE(error.hint(), QString());
    else
        QVERIFY2(error.hint().contains(hint), qPrintable(error.hint()));
}

void TestApiError::transient_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<bool>("transient");
    QTest::newRow("refused") << make(ApiError::Kind::Transport,
                                     ApiError::Transport::ConnectionRefused)
                             << true;
    QTest::newRow("no host") << make(ApiError::Kind::Transport, ApiError::Transport::HostNotFound)
                             << false;
    QTest::newRow("timeout") << make(ApiError::Kind::Timeout) << true;
    QTest::newRow("502") << make(ApiError::Kind::Http, {}, 502) << true;
    QTest::newRow("503") << make(ApiError::Kind::Http, {}, 503) << true;
    QTest::newRow("403") << make(ApiError::Kind::Http, {}, 403) << false;
    QTest::newRow("404") << make(ApiError::Kind::Http, {}, 404) << false;
    QTest::newRow("tls") << tls(TlsProblem::Kind::UntrustedIssuer) << false;
    QTest::newRow("cancelled") << ApiError::cancelled() << false;
}

void TestApiError::transient()
{
    QFETCH(ApiError, error);
    QFETCH(bool, transient);
    QCOMPARE(error.isTransient(), transient);
}

DD_TEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
