// TLS and mutual TLS, with certificates made by openssl at test time.
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QFile>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverCertificate_data();
    void serverCertificate();
    void mutualTls_data();
    void mutualTls();

private:
    QSslConfiguration clientConfig(bool trustCa, const QString &cert = {},
                                   const QString &key = {}) const;
    QTemporaryDir m_dir;
    TestCertificates m_certs;
};

void TstSimTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString error = makeCertificates(m_dir.path(), &m_certs);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QSslConfiguration TstSimTls::clientConfig(bool trustCa, const QString &cert,
                                          const QString &key) const
{
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    if (trustCa)
        c.setCaCertificates(QSslCertificate::fromPath(m_certs.caCert));
    if (!cert.isEmpty()) {
        c.setLocalCertificate(QSslCertificate::fromPath(cert).first());
        QFile f(key);
        f.open(QIODevice::ReadOnly);
        c.setPrivateKey(QSslKey(f.readAll(), QSsl::Rsa));
    }
    return c;
}

void TstSimTls::serverCertificate_data()
{
    QTest::addColumn<bool>("trustCa");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("ok");
    QTest::newRow("trusted CA, IP SAN") << true << u"127.0.0.1"_s << true;
    QTest::newRow("trusted CA, DNS SAN") << true << u"localhost"_s << true;
    QTest::newRow("unknown CA") << false << u"127.0.0.1"_s << false;
}

void TstSimTls::serverCertificate()
{
    QFETCH(bool, trustCa);
    QFETCH(QString, host);
    QFETCH(bool, ok);
    SimulatorOptions o;
    o.loadDemoData = false;
    o.tls.certFile = m_certs.serverCert;
    o.tls.keyFile = m_certs.serverKey;
    Simulator sim(o);
    const auto started = sim.start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error()));
    QCOMPARE(sim.baseUrl().scheme(), u"https"_s);
    QUrl base = sim.baseUrl();
    base.setHost(host);
    TestClient client(base);
    client.setSslConfiguration(clientConfig(trustCa));
    const HttpResult r = client.get(u"/v1/agent/self"_s);
    if (ok) {
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["config"_L1]["TLSConfig"_L1]["EnableHTTP"_L1].toBool(), true);
        QCOMPARE(sim.requests().last().rawPath, u"/v1/agent/self"_s);
    } else {
        QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(sim.requests().count(), 0);
    }
}

void TstSimTls::mutualTls_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("ok");
    QTest::newRow("client certificate from the CA")
        << m_certs.clientCert << m_certs.clientKey << true;
    QTest::newRow("no client certificate") << QString() << QString() << false;
    QTest::newRow("certificate from another CA")
        << m_certs.otherClientCert << m_certs.otherClientKey << false;
}

void TstSimTls::mutualTls()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(bool, ok);
    SimulatorOptions o;
    o.loadDemoData = false;
    o.tls.certFile = m_certs.serverCert;
    o.tls.keyFile = m_certs.serverKey;
    o.tls.caFile = m_certs.caCert;
    o.tls.verifyClient = true;
    Simulator sim(o);
    QVERIFY(sim.start());
    TestClient client(sim.baseUrl());
    client.setSslConfiguration(clientConfig(true, cert, key));
    const HttpResult r = client.get(u"/v1/status/leader"_s);
    if (ok) {
        QCOMPARE(r.status, 200);
    } else {
        QVERIFY2(r.error != QNetworkReply::NoError, qPrintable(QString::number(r.status)));
        QCOMPARE(sim.requests().count(), 0);
    }
    // A refused client does not disturb the server.
    TestClient good(sim.baseUrl());
    good.setSslConfiguration(clientConfig(true, m_certs.clientCert, m_certs.clientKey));
    QCOMPARE(good.get(u"/v1/regions"_s).status, 200);
}

DD_TEST_GUILESS_MAIN(TstSimTls)
#include "tst_simtls.moc"
