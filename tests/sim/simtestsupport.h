#pragma once
// Helpers for the simulator's tests: a small HTTP client over
// QNetworkAccessManager that keeps paths exactly as given (%2F included),
// the recorded exchanges, and the JSON shape comparison the contract uses.

#include "fixtures.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace dd::simtest {

// The recordings, through tests/support/fixtures.h (a missing file is an error naming it).
using dd::test::fixturesDir;
using dd::test::readFixture;
using dd::test::readJsonFixture;
using dd::test::readRegisteredJob;
using dd::test::recordedDir;
inline QString jobsDir()
{
    return dd::test::fixtureJobsDir();
}

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QJsonValue json() const;
};

class TestClient
{
public:
    explicit TestClient(const QUrl &base);
    void setSslConfiguration(const QSslConfiguration &c)
    {
        m_ssl = c;
        m_useSsl = true;
    }
    void setToken(const QString &token) { m_token = token; }

    // pathAndQuery is sent as given, e.g. "/v1/job/a%2Fb?index=3".
    QNetworkReply *start(const QByteArray &method, const QString &pathAndQuery,
                         const QByteArray &body = {},
                         const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    // Waits (processing events, as QTRY_* does) for the reply.
    static HttpResult wait(QNetworkReply *reply, int timeoutMs = 15000);
    static HttpResult collect(QNetworkReply *reply);
    HttpResult get(const QString &pathAndQuery,
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    HttpResult put(const QString &pathAndQuery, const QByteArray &body,
                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    QNetworkAccessManager &network() { return m_nam; }

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
    QSslConfiguration m_ssl;
    bool m_useSsl = false;
    QString m_token;
};

// One line of a recorded *.exchanges.jsonl.
struct Exchange
{
    QString method;
    QString path;
    QList<std::pair<QString, QString>> query;
    QJsonObject requestHeaders;
    QJsonValue requestBody;
    int status = 0;
    QJsonObject responseHeaders;
    QJsonValue responseBody;
    double elapsedMs = 0;
};
// Every line of the file, or an error naming it (missing, unreadable, empty, not JSON).
std::expected<QList<Exchange>, QString> loadExchanges(const QString &file);

// The contract's comparison: same field names and value types, recursively.
// A recorded null matches anything, a recorded empty array any array. Arrays
// match both ways (every element has a counterpart of the same shape). Maps
// keyed by data (Meta, TaskStates, ...) compare values, not keys. Fields that
// carry state (Status, ClientStatus, DisplayMessage, ...) must also be equal.
// compareState=false compares shapes only (for objects whose history differs).
bool shapeMatches(const QJsonValue &recorded, const QJsonValue &actual, QStringList *errors,
                  const QString &path = QStringLiteral("$"), bool compareState = true);

// Runs fn until it returns true or timeoutMs passes, processing events.
bool waitFor(const std::function<bool()> &fn, int timeoutMs = 15000);

// The whole frames of a framed log stream (concatenated JSON objects, {}
// heartbeats included); a frame cut off at the end is not one.
QList<QJsonObject> splitLogFrames(const QByteArray &bytes);

// Creates a CA, a server certificate for 127.0.0.1/localhost and a client
// certificate with openssl into dir. Returns an error text, or empty.
struct TestCertificates
{
    QString caCert, caKey, serverCert, serverKey, clientCert, clientKey, otherCaCert,
        otherClientCert, otherClientKey;
};
QString makeCertificates(const QString &dir, TestCertificates *out);

} // namespace dd::simtest
