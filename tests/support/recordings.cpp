#include "recordings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace dd::test {

std::expected<QList<Exchange>, QString> loadExchanges(const QString &path)
{
    const auto bytes = readFixture(path);
    if (!bytes)
        return std::unexpected(bytes.error());
    QList<Exchange> out;
    int lineNumber = 0;
    for (const QByteArray &raw : bytes->split('\n')) {
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject())
            return std::unexpected(
                QStringLiteral("fixture %1, line %2: not a JSON object (%3)")
                    .arg(path, QString::number(lineNumber), error.errorString()));
        const QJsonObject o = doc.object();
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
    if (out.isEmpty())
        return std::unexpected(QStringLiteral("fixture %1 holds no exchanges").arg(path));
    return out;
}

std::expected<Scenario, QString> loadScenario(const QString &name)
{
    const QString base = recordedDir() + u'/' + name;
    const auto command = readFixture(base + QStringLiteral(".command"));
    const auto stdoutText = readFixture(base + QStringLiteral(".stdout"));
    const auto stderrText = readFixture(base + QStringLiteral(".stderr"));
    const auto exitCode = readFixture(base + QStringLiteral(".exitcode"));
    for (const auto *part : {&command, &stdoutText, &stderrText, &exitCode}) {
        if (!*part)
            return std::unexpected(part->error());
    }
    Scenario s;
    s.name = name;
    s.command = QString::fromUtf8(*command).trimmed();
    s.stdoutText = *stdoutText;
    s.stderrText = *stderrText;
    bool ok = false;
    s.exitCode = exitCode->trimmed().toInt(&ok);
    if (!ok)
        return std::unexpected(
            QStringLiteral("fixture %1.exitcode does not hold a number").arg(base));
    // Runs that failed before reaching the server were recorded without exchanges.
    const QString exchanges = base + QStringLiteral(".exchanges.jsonl");
    if (QFile::exists(exchanges)) {
        auto loaded = loadExchanges(exchanges);
        if (!loaded)
            return std::unexpected(loaded.error());
        s.exchanges = *loaded;
    }
    return s;
}

QStringList splitCommand(const QString &command)
{
    return command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace dd::test
