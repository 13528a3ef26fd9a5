#include "recordings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace dd::test {

QString recordedDir()
{
    return QStringLiteral(DD_FIXTURES_DIR "/recorded");
}

QString fixtureJobsDir()
{
    return QStringLiteral(DD_FIXTURES_DIR "/jobs");
}

QList<Exchange> loadExchanges(const QString &path)
{
    QList<Exchange> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        Exchange e;
        e.method = o.value(QLatin1StringView("method")).toString();
        e.path = o.value(QLatin1StringView("path")).toString();
        e.query = o.value(QLatin1StringView("query")).toObject();
        e.requestHeaders = o.value(QLatin1StringView("request_headers")).toObject();
        e.requestBody = o.value(QLatin1StringView("request_body"));
        e.status = o.value(QLatin1StringView("status")).toInt();
        e.responseHeaders = o.value(QLatin1StringView("response_headers")).toObject();
        e.responseBody = o.value(QLatin1StringView("response_body"));
        if (e.responseBody.isString() && !e.responseHeaders.value(QLatin1StringView("Content-Type"))
                                              .toString()
                                              .contains(QLatin1StringView("json"))) {
            e.responseBytes = e.responseBody.toString().toUtf8();
        } else if (e.responseBody.isArray()) {
            e.responseBytes =
                QJsonDocument(e.responseBody.toArray()).toJson(QJsonDocument::Compact);
        } else if (e.responseBody.isObject()) {
            e.responseBytes =
                QJsonDocument(e.responseBody.toObject()).toJson(QJsonDocument::Compact);
        } else if (e.responseBody.isString()) {
            e.responseBytes = '"' + e.responseBody.toString().toUtf8() + '"';
        }
        e.elapsedMs = o.value(QLatin1StringView("elapsed_ms")).toDouble();
        out.append(e);
    }
    return out;
}

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<Scenario> loadScenarios()
{
    QList<Scenario> out;
    const QDir dir(recordedDir());
    for (const QString &file :
         dir.entryList({QStringLiteral("*.command")}, QDir::Files, QDir::Name)) {
        Scenario s;
        s.name = file.chopped(8);
        s.command = QString::fromUtf8(readAll(dir.filePath(file))).trimmed();
        s.stdoutText = readAll(dir.filePath(s.name + QStringLiteral(".stdout")));
        s.stderrText = readAll(dir.filePath(s.name + QStringLiteral(".stderr")));
        s.exitCode = readAll(dir.filePath(s.name + QStringLiteral(".exitcode"))).trimmed().toInt();
        s.exchanges = loadExchanges(dir.filePath(s.name + QStringLiteral(".exchanges.jsonl")));
        out.append(s);
    }
    return out;
}

QStringList splitCommand(const QString &command)
{
    return command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace dd::test
