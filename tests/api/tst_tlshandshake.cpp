// Real TLS handshakes through NomadClient against a small QSslServer that
// answers one HTTP response (and `openssl s_server` where a server must refuse
// a client certificate with a TLS alert, as Nomad does), with certificates
// made by the openssl tool at test time: a trusted CA, an untrusted one, a CA directory, a wrong
// server name fixed by the TLS server name setting, an expired certificate, mutual TLS with and
// without a client certificate, skip-verify, a client key that does not match its certificate, and
// a CA file that is not PEM. Each failure must give its own ApiError kind and words a person can
// act on.
#include "api/nomadclient.h"
#include "api/profileclient.h"
#if DD_TLS_WITH_SIM
#include "sim/simulator.h"
#endif

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {

// One HTTPS server for one test: answers every request with the region list.
class TlsServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString cert;
        QString key;
        QString clientCa; // non-empty: a client certificate is required (mTLS)
    };

    bool listen(const Options &options)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificateChain(QSslCertificate::fromPath(options.cert));
        QFile keyFile(options.key);
        if (!keyFile.open(QIODevice::ReadOnly))
            return false;
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        if (!options.clientCa.isEmpty()) {
            config.setCaCertificates(QSslCertificate::fromPath(options.clientCa));
            config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        } else {
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        }
        m_server.setSslConfiguration(config);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &TlsServer::accept);
        connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this] { ++handshakes; });
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }

    int handshakes = 0;
    QStringList requests;  // "GET /v1/regions"
    QByteArrayList tokens; // X-Nomad-Token of each request
    QStringList peerNames; // CN of the client certificate, when one was sent

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto *ssl = qobject_cast<QSslSocket *>(socket);
            if (ssl && !ssl->peerCertificate().isNull())
                peerNames.append(
                    ssl->peerCertificate().subjectInfo(QSslCertificate::CommonName).join(u' '));
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            read(socket);
        }
    }

    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        requests.append(QString::fromLatin1(requestLine.value(0) + ' ' + requestLine.value(1)));
        QByteArray token;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("x-nomad-token:"))
                token = line.mid(line.indexOf(':') + 1).trimmed();
        }
        tokens.append(token);
        m_buffers.remove(socket);
        const QByteArray body = R"(["global"])";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Nomad-Index: 1\r\n"
                      "Content-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QSslServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// `openssl s_server` requiring a client certificate. Unlike QSslServer, which
// just drops a connection whose client certificate it refuses, it answers
// with a TLS alert (certificate required, unknown CA) as Nomad's Go server
// does, so the client can tell the user what is wrong. -WWW serves files:
// GET /v1/regions answers the file v1/regions.
class OpensslServer
{
public:
    bool start(const QString &dir, const QString &cert, const QString &key, const QString &clientCa)
    {
        QDir(dir).mkpath(u"v1"_s);
        QFile body(dir + u"/v1/regions"_s);
        if (!body.open(QIODevice::WriteOnly))
            return false;
        body.write(R"(["global"])");
        body.close();
        m_process.setWorkingDirectory(dir);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(u"openssl"_s, {u"s_server"_s, u"-accept"_s, u"127.0.0.1:0"_s, u"-cert"_s,
                                       cert, u"-key"_s, key, u"-CAfile"_s, clientCa, u"-Verify"_s,
                                       u"1"_s, u"-verify_return_error"_s, u"-WWW"_s});
        if (!m_process.waitForStarted())
            return false;
        // It prints "ACCEPT 127.0.0.1:<port>" once it listens.
        QByteArray out;
        const QByteArray marker = "ACCEPT 127.0.0.1:";
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            m_process.waitForReadyRead(100);
            out += m_process.readAll();
            const qsizetype at = out.indexOf(marker);
            const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
            if (end > at) {
                m_port = quint16(
                    out.mid(at + marker.size(), end - at - marker.size()).trimmed().toUInt());
                return m_port != 0;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        qWarning().noquote() << "openssl s_server did not start:" << QString::fromLocal8Bit(out);
        return false;
    }
    ~OpensslServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// The server a handshake row talks to: the project's simulator when it is
// built, so the handshake happens in front of the real API routes, else the
// minimal TlsServer above. Both record the requests they answered.
class HttpsEndpoint
{
public:
    bool start(const QString &cert, const QString &key, const QString &clientCa)
    {
#if DD_TLS_WITH_SIM
        dd::sim::SimulatorOptions options;
        options.tls.certFile = cert;
        options.tls.keyFile = key;
        options.tls.caFile = clientCa;
        options.tls.verifyClient = !clientCa.isEmpty();
        m_sim = std::make_unique<dd::sim::Simulator>(options);
        const auto started = m_sim->start();
        if (!started)
            qWarning().noquote() << "simulator:" << started.error();
        return started.has_value();
#else
        return m_server.listen({cert, key, clientCa});
#endif
    }
    quint16 port() const
    {
#if DD_TLS_WITH_SIM
        return m_sim->port();
#else
        return m_server.port();
#endif
    }
    QStringList requests() const
    {
#if DD_TLS_WITH_SIM
        QStringList out;
        if (!m_sim)
            return out; // never started: this row used another server
        for (const auto &r : m_sim->requests().all())
            out.append(r.method + u' ' + r.rawPath);
        return out;
#else
        return m_server.requests;
#endif
    }
    QByteArrayList tokens() const
    {
#if DD_TLS_WITH_SIM
        QByteArrayList out;
        if (!m_sim)
            return out;
        for (const auto &r : m_sim->requests().all())
            out.append(r.token().toUtf8());
        return out;
#else
        return m_server.tokens;
#endif
    }

private:
#if DD_TLS_WITH_SIM
    std::unique_ptr<dd::sim::Simulator> m_sim;
#else
    TlsServer m_server;
#endif
};

// For QVERIFY2, which evaluates its message even when the check passes.
QString errorText(const Result<QStringList> &r)
{
    return r ? QString() : r.error().message() + u' ' + r.error().hint();
}

QString sha256Of(const QString &pemPath)
{
    const auto certs = QSslCertificate::fromPath(pemPath);
    return certs.isEmpty()
               ? QString()
               : QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex(':'))
                     .toUpper();
}

} // namespace

class TestTlsHandshake : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void handshake_data();
    void handshake();
    void untrustedIssuerNamesTheCertificate();
    void mutualTlsSendsTheClientCertificate();
    void wrongNameFixedByServerName();
    void skipVerifyIsAWarning();
    void badFilesNeverConnect();

private:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &args);
    bool makeCa(const QString &name, const QString &cn);
    bool makeCert(const QString &name, const QString &ca, const QString &cn, const QString &san,
                  const QString &usage, int days = 2);
    Result<QStringList> call(quint16 port, const QString &host, const TlsSettings &tls,
                             const QString &token = {});
    Result<QStringList> call(const TlsServer &server, const QString &host, const TlsSettings &tls,
                             const QString &token = {})
    {
        return call(server.port(), host, tls, token);
    }

    QTemporaryDir m_dir;
};

bool TestTlsHandshake::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(u"openssl"_s, args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << "openssl" << args.join(u' ')
                             << "failed:" << QString::fromLocal8Bit(p.readAllStandardError());
        return false;
    }
    return true;
}

bool TestTlsHandshake::makeCa(const QString &name, const QString &cn)
{
    return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                    u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, name + u".key"_s,
                    u"-out"_s, name + u".pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN="_s + cn,
                    u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                    u"keyUsage=critical,keyCertSign,cRLSign"_s});
}

bool TestTlsHandshake::makeCert(const QString &name, const QString &ca, const QString &cn,
                                const QString &san, const QString &usage, int days)
{
    QFile ext(file(name + u".ext"_s));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    QByteArray text = "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                      "extendedKeyUsage=" +
                      usage.toLatin1() + "\n";
    if (!san.isEmpty())
        text += "subjectAltName=" + san.toLatin1() + "\n";
    ext.write(text);
    ext.close();
    return openssl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                    u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, name + u".key"_s,
                    u"-out"_s, name + u".csr"_s, u"-subj"_s, u"/CN="_s + cn}) &&
           openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, ca + u".pem"_s,
                    u"-CAkey"_s, ca + u".key"_s, u"-CAcreateserial"_s, u"-days"_s,
                    QString::number(days), u"-extfile"_s, name + u".ext"_s, u"-out"_s,
                    name + u".pem"_s});
}

void TestTlsHandshake::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("the openssl tool is not installed");
    QVERIFY(m_dir.isValid());

    QVERIFY(makeCa(u"ca"_s, u"Dispatch Desk Test CA"_s));
    QVERIFY(makeCa(u"other-ca"_s, u"Untrusted Test CA"_s));
    QVERIFY(makeCert(u"server"_s, u"ca"_s, u"localhost"_s, u"DNS:localhost,IP:127.0.0.1"_s,
                     u"serverAuth"_s));
    QVERIFY(makeCert(u"wrongname"_s, u"ca"_s, u"nomad.wrong.example"_s,
                     u"DNS:nomad.wrong.example"_s, u"serverAuth"_s));
    // -days -1: the certificate ended yesterday.
    QVERIFY(makeCert(u"expired"_s, u"ca"_s, u"localhost"_s, u"DNS:localhost,IP:127.0.0.1"_s,
                     u"serverAuth"_s, -1));
    QVERIFY(makeCert(u"client"_s, u"ca"_s, u"dispatch-desk-client"_s, {}, u"clientAuth"_s));
    QVERIFY(makeCert(u"stranger"_s, u"other-ca"_s, u"stranger"_s, {}, u"clientAuth"_s));
    // The same CA certificate in DER: a file that is not PEM.
    QVERIFY(openssl(
        {u"x509"_s, u"-in"_s, u"ca.pem"_s, u"-outform"_s, u"DER"_s, u"-out"_s, u"ca.der"_s}));

    // A CA directory: the trusted CA beside files that are not certificates.
    QDir dir(m_dir.path());
    QVERIFY(dir.mkpath(u"cadir"_s) && dir.mkpath(u"otherdir"_s) && dir.mkpath(u"emptydir"_s));
    QVERIFY(QFile::copy(file(u"other-ca.pem"_s), file(u"cadir/01-other.crt"_s)));
    QVERIFY(QFile::copy(file(u"ca.pem"_s), file(u"cadir/02-ours.crt"_s)));
    QFile readme(file(u"cadir/README"_s));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("not a certificate\n");
    readme.close();
    QVERIFY(QFile::copy(file(u"other-ca.pem"_s), file(u"otherdir/other.pem"_s)));
}

Result<QStringList> TestTlsHandshake::call(quint16 port, const QString &host,
                                           const TlsSettings &tls, const QString &token)
{
    // A fresh manager each time: no TLS session or connection is reused.
    QNetworkAccessManager network;
    ClientConfig config;
    config.address = QUrl(u"https://"_s + host + u':' + QString::number(port));
    config.tls = tls;
    config.token = token;
    config.timeout = std::chrono::seconds(20);
    NomadClient client(&network, config);
    std::optional<Result<QStringList>> result;
    client.regions(this, [&](Result<QStringList> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return std::unexpected(ApiError::config(u"test: no answer in 30 s"_s));
    return *result;
}

Q_DECLARE_METATYPE(dd::ApiError::Kind)
Q_DECLARE_METATYPE(dd::TlsProblem::Kind)

void TestTlsHandshake::handshake_data()
{
    QTest::addColumn<QString>("serverCert");
    // "https": the simulator (or TlsServer); "https-mtls": the same requiring
    // a client certificate signed by our CA; "openssl-mtls": openssl s_server
    // requiring one, and refusing others with a TLS alert.
    QTest::addColumn<QString>("serverKind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("caPath");
    QTest::addColumn<QString>("clientCert");
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<bool>("skipVerify");
    QTest::addColumn<int>("expectedKind");  // -1: success
    QTest::addColumn<int>("problem");       // TlsProblem::Kind of the first problem, or -1
    QTest::addColumn<QStringList>("words"); // in message() + hint()

    const int ok = -1, none = -1;
    const int tls = int(ApiError::Kind::Tls), config = int(ApiError::Kind::Config);
    const QString ca = file(u"ca.pem"_s), other = file(u"other-ca.pem"_s);
    using P = TlsProblem::Kind;

    QTest::newRow("trusted CA, by IP")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << ca << QString() << QString() << QString()
        << false << ok << none << QStringList();
    QTest::newRow("trusted CA, by name")
        << u"server"_s << u"https"_s << u"localhost"_s << ca << QString() << QString() << QString()
        << false << ok << none << QStringList();
    QTest::newRow("untrusted CA") << u"server"_s << u"https"_s << u"127.0.0.1"_s << other
                                  << QString() << QString() << QString() << false << tls
                                  << int(P::UntrustedIssuer)
                                  << QStringList{u"secure connection to 127.0.0.1"_s,
                                                 u"issued by a CA that is not trusted"_s,
                                                 u"subject localhost"_s,
                                                 u"issuer Dispatch Desk Test CA"_s,
                                                 u"-ca-cert or NOMAD_CACERT"_s};
    QTest::newRow("no CA: system store")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << QString() << QString() << QString()
        << QString() << false << tls << int(P::UntrustedIssuer) << QStringList{u"not trusted"_s};
    QTest::newRow("CA directory") << u"server"_s << u"https"_s << u"127.0.0.1"_s << QString()
                                  << file(u"cadir"_s) << QString() << QString() << false << ok
                                  << none << QStringList();
    QTest::newRow("CA directory without our CA")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << QString() << file(u"otherdir"_s)
        << QString() << QString() << false << tls << int(P::UntrustedIssuer)
        << QStringList{u"not trusted"_s};
    QTest::newRow("wrong name") << u"wrongname"_s << u"https"_s << u"127.0.0.1"_s << ca << QString()
                                << QString() << QString() << false << tls << int(P::NameMismatch)
                                << QStringList{u"not valid for the name used to connect"_s,
                                               u"subject nomad.wrong.example"_s,
                                               u"-tls-server-name or NOMAD_TLS_SERVER_NAME"_s};
    QTest::newRow("wrong name, server name set")
        << u"wrongname"_s << u"https"_s << u"127.0.0.1"_s << ca << QString() << QString()
        << u"nomad.wrong.example"_s << false << ok << none << QStringList();
    QTest::newRow("server name set wrongly")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << ca << QString() << QString()
        << u"nomad.example"_s << false << tls << int(P::NameMismatch)
        << QStringList{u"not valid for the name"_s};
    QTest::newRow("expired") << u"expired"_s << u"https"_s << u"127.0.0.1"_s << ca << QString()
                             << QString() << QString() << false << tls << int(P::Expired)
                             << QStringList{u"has expired"_s, u"valid until"_s,
                                            u"renew the certificate"_s};
    QTest::newRow("mTLS with client cert")
        << u"server"_s << u"https-mtls"_s << u"127.0.0.1"_s << ca << QString() << u"client"_s
        << QString() << false << ok << none << QStringList();
    QTest::newRow("mTLS without client cert")
        << u"server"_s << u"openssl-mtls"_s << u"127.0.0.1"_s << ca << QString() << QString()
        << QString() << false << tls << int(P::ClientCertificateRequired)
        << QStringList{u"requires a client certificate"_s, u"-client-cert and -client-key"_s};
    QTest::newRow("mTLS with a stranger's cert")
        << u"server"_s << u"openssl-mtls"_s << u"127.0.0.1"_s << ca << QString() << u"stranger"_s
        << QString() << false << tls << int(P::ClientCertificateRefused)
        << QStringList{u"refused the client certificate"_s, u"-client-cert and -client-key"_s};
    QTest::newRow("skip-verify, untrusted")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << other << QString() << QString()
        << QString() << true << ok << none << QStringList();
    QTest::newRow("skip-verify, expired and wrong name")
        << u"expired"_s << u"https"_s << u"127.0.0.1"_s << QString() << QString() << QString()
        << u"nomad.example"_s << true << ok << none << QStringList();
    QTest::newRow("client key does not match")
        << u"server"_s << u"https-mtls"_s << u"127.0.0.1"_s << ca << QString() << u"client:server"_s
        << QString() << false << config << none
        << QStringList{u"does not belong to the client certificate"_s};
    QTest::newRow("CA file not PEM")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << file(u"ca.der"_s) << QString()
        << QString() << QString() << false << config << none
        << QStringList{u"holds no PEM certificate"_s, u"ca.der"_s};
    QTest::newRow("CA file missing")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << file(u"nope.pem"_s) << QString()
        << QString() << QString() << false << config << none << QStringList{u"does not exist"_s};
    QTest::newRow("CA directory empty")
        << u"server"_s << u"https"_s << u"127.0.0.1"_s << QString() << file(u"emptydir"_s)
        << QString() << QString() << false << config << none
        << QStringList{u"holds no PEM certificates"_s};
}

void TestTlsHandshake::handshake()
{
    QFETCH(QString, serverCert);
    QFETCH(QString, serverKind);
    QFETCH(QString, host);
    QFETCH(QString, caFile);
    QFETCH(QString, caPath);
    QFETCH(QString, clientCert);
    QFETCH(QString, serverName);
    QFETCH(bool, skipVerify);
    QFETCH(int, expectedKind);
    QFETCH(int, problem);
    QFETCH(QStringList, words);

    HttpsEndpoint server;
    OpensslServer strictServer;
    quint16 port = 0;
    if (serverKind == u"openssl-mtls") {
        QVERIFY(strictServer.start(file(u"www"_s), file(serverCert + u".pem"_s),
                                   file(serverCert + u".key"_s), file(u"ca.pem"_s)));
        port = strictServer.port();
    } else {
        QVERIFY(server.start(file(serverCert + u".pem"_s), file(serverCert + u".key"_s),
                             serverKind == u"https-mtls" ? file(u"ca.pem"_s) : QString()));
        port = server.port();
    }
    TlsSettings tls;
    tls.caFile = caFile;
    tls.caPath = caPath;
    if (!clientCert.isEmpty()) {
        // "cert:key" pairs a certificate with another's key.
        const QString cert = clientCert.section(u':', 0, 0);
        const QString key = clientCert.contains(u':') ? clientCert.section(u':', 1) : cert;
        tls.clientCert = file(cert + u".pem"_s);
        tls.clientKey = file(key + u".key"_s);
    }
    tls.serverName = serverName;
    tls.skipVerify = skipVerify;

    const Result<QStringList> r = call(port, host, tls, u"secret-token"_s);
    if (expectedKind < 0) {
        QVERIFY2(r.has_value(), qPrintable(errorText(r)));
        QCOMPARE(*r, QStringList{u"global"_s});
        QCOMPARE(server.requests(), QStringList{u"GET /v1/regions"_s});
        QCOMPARE(server.tokens(), QByteArrayList{"secret-token"});
        return;
    }
    QVERIFY2(!r.has_value(), "the call should have failed");
    const ApiError &e = r.error();
    const QString text = e.message() + u' ' + e.hint();
    QCOMPARE(int(e.kind), expectedKind);
    if (problem >= 0) {
        QVERIFY2(!e.tlsProblems.isEmpty(), qPrintable(text));
        QCOMPARE(int(e.tlsProblems.first().kind), problem);
    }
    for (const QString &word : std::as_const(words))
        QVERIFY2(text.contains(word), qPrintable(u"missing \""_s + word + u"\" in: "_s + text));
    // The token never reaches a server whose identity was not proven.
    QVERIFY(server.tokens().isEmpty());
    QVERIFY(!text.contains(u"secret-token"_s));
    if (expectedKind == int(ApiError::Kind::Config))
        QVERIFY(server.requests().isEmpty());
}

void TestTlsHandshake::untrustedIssuerNamesTheCertificate()
{
    TlsServer server;
    QVERIFY(server.listen({file(u"server.pem"_s), file(u"server.key"_s), {}}));
    TlsSettings tls;
    tls.caFile = file(u"other-ca.pem"_s);
    const auto r = call(server, u"127.0.0.1"_s, tls);
    QVERIFY(!r);
    const TlsProblem &p = r.error().tlsProblems.first();
    QCOMPARE(p.certificate.subject, u"localhost"_s);
    QCOMPARE(p.certificate.issuer, u"Dispatch Desk Test CA"_s);
    QCOMPARE(p.certificate.sha256Fingerprint, sha256Of(file(u"server.pem"_s)));
    QVERIFY(r.error().message().contains(p.certificate.sha256Fingerprint));
    QVERIFY(r.error().referenceText().contains(u"x509: certificate signed by unknown authority"_s));
}

void TestTlsHandshake::mutualTlsSendsTheClientCertificate()
{
    TlsServer server;
    QVERIFY(server.listen({file(u"server.pem"_s), file(u"server.key"_s), file(u"ca.pem"_s)}));
    TlsSettings tls;
    tls.caFile = file(u"ca.pem"_s);
    tls.clientCert = file(u"client.pem"_s);
    tls.clientKey = file(u"client.key"_s);
    QVERIFY(call(server, u"localhost"_s, tls));
    QCOMPARE(server.peerNames, QStringList{u"dispatch-desk-client"_s});
}

void TestTlsHandshake::wrongNameFixedByServerName()
{
    // The same server, first refused for its name, then accepted once the
    // profile names the server as its certificate does.
    TlsServer server;
    QVERIFY(server.listen({file(u"wrongname.pem"_s), file(u"wrongname.key"_s), {}}));
    ConnectionProfile profile;
    profile.name = u"lab"_s;
    profile.address = u"https://127.0.0.1:"_s + QString::number(server.port());
    profile.caFile = file(u"ca.pem"_s);
    auto config = clientConfigFor(profile);
    QVERIFY(config);
    auto refused = call(server, u"127.0.0.1"_s, config->tls);
    QVERIFY(!refused);
    QCOMPARE(refused.error().tlsProblems.first().kind, TlsProblem::Kind::NameMismatch);

    profile.tlsServerName = u"nomad.wrong.example"_s;
    config = clientConfigFor(profile);
    QCOMPARE(config->tls.serverName, u"nomad.wrong.example"_s);
    auto accepted = call(server, u"127.0.0.1"_s, config->tls);
    QVERIFY2(accepted, qPrintable(errorText(accepted)));
}

void TestTlsHandshake::skipVerifyIsAWarning()
{
    ConnectionProfile profile;
    profile.name = u"lab"_s;
    profile.address = u"https://127.0.0.1:4646"_s;
    profile.skipVerify = true;
    auto config = clientConfigFor(profile, u"t"_s);
    QVERIFY(config);
    const auto warnings = connectionWarnings(*config, profile.name);
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first().kind, ConnectionWarning::Kind::SkipVerify);
    QVERIFY(warnings.first().text.startsWith(u"TLS verification is OFF for the profile \"lab\""_s));
    QVERIFY(warnings.first().text.contains(u"-ca-cert"_s));

    profile.skipVerify = false;
    QVERIFY(connectionWarnings(*clientConfigFor(profile, u"t"_s), profile.name).isEmpty());
    profile.address = u"http://nomad.example:4646"_s;
    const auto plain = connectionWarnings(*clientConfigFor(profile, u"t"_s), profile.name);
    QCOMPARE(plain.size(), 1);
    QCOMPARE(plain.first().kind, ConnectionWarning::Kind::TokenOverHttp);
    QVERIFY(plain.first().text.contains(u"sent unencrypted over http"_s));
}

void TestTlsHandshake::badFilesNeverConnect()
{
    // The configuration error is known before any connection is tried.
    QNetworkAccessManager network;
    ClientConfig config;
    config.address = QUrl(u"https://127.0.0.1:1"_s);
    config.tls.clientCert = file(u"client.pem"_s);
    config.tls.clientKey = file(u"other-ca.key"_s);
    NomadClient client(&network, config);
    QVERIFY(client.configError());
    QCOMPARE(client.configError()->kind, ApiError::Kind::Config);
    QVERIFY(client.configError()->message().contains(u"does not belong"_s));

    config.tls = {};
    config.tls.clientCert = file(u"client.pem"_s);
    client.setConfig(config);
    QVERIFY(client.configError()->message().contains(u"give both -client-cert and -client-key"_s));

    config.tls = {};
    config.tls.caFile = file(u"README-not-there"_s);
    config.tls.caPath = file(u"cadir"_s);
    client.setConfig(config);
    // Nomad's rule: with both, the CA file wins, so its absence is the error.
    QVERIFY(client.configError()->message().contains(u"does not exist"_s));
}

DD_TEST_GUILESS_MAIN(TestTlsHandshake)
#include "tst_tlshandshake.moc"
