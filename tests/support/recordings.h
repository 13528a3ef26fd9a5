#pragma once
// Loads the exchanges and CLI scenarios recorded from a real Nomad agent.

#include "fixtures.h"

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

// Every line of a *.exchanges.jsonl, or an error naming the path (missing,
// unreadable, empty, or a line that is not a JSON object).
std::expected<QList<Exchange>, QString> loadExchanges(const QString &path);
// recorded/<name>.command, .stdout, .stderr, .exitcode and, when the run sent
// anything, .exchanges.jsonl; the error names the first file missing or unreadable.
std::expected<Scenario, QString> loadScenario(const QString &name);
// Splits a recorded command line the way a shell would (no quoting is used in the recordings).
QStringList splitCommand(const QString &command);

} // namespace dd::test
