#pragma once
// Loads the exchanges and CLI scenarios recorded from a real Nomad agent.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace dd::test {

struct Exchange
{
    QString method;
    QString path;
    QJsonObject query;
    QJsonObject requestHeaders;
    QJsonValue requestBody;
    int status = 0;
    QJsonObject responseHeaders;
    QJsonValue responseBody;
    QByteArray responseBytes; // the body as the server sent it (JSON re-encoded, or plain text)
    double elapsedMs = 0;
};

struct Scenario
{
    QString name;
    QString command; // e.g. "job dispatch -meta input-codec=mp4 video-encode in.json"
    QByteArray stdoutText;
    QByteArray stderrText;
    int exitCode = 0;
    QList<Exchange> exchanges;
};

QString recordedDir();
QString fixtureJobsDir();
QList<Exchange> loadExchanges(const QString &path);
QList<Scenario> loadScenarios();
// Splits a recorded command line the way a shell would (no quoting is used in the recordings).
QStringList splitCommand(const QString &command);

} // namespace dd::test
