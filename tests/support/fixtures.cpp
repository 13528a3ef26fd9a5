#include "fixtures.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::test {

QString fixturesDir()
{
    const QString overridden = qEnvironmentVariable("DD_FIXTURES_DIR");
    return overridden.isEmpty() ? QStringLiteral(DD_FIXTURES_DIR) : overridden;
}

QString fixturePath(const QString &relative)
{
    return fixturesDir() + u'/' + relative;
}

QString recordedDir()
{
    return fixturePath(u"recorded"_s);
}

QString fixtureJobsDir()
{
    return fixturePath(u"jobs"_s);
}

std::expected<QByteArray, QString> readFixture(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return std::unexpected(
            u"fixture %1 is missing (fixtures folder: %2)"_s.arg(path, fixturesDir()));
    if (!info.isFile())
        return std::unexpected(u"fixture %1 is not a file"_s.arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(u"cannot read fixture %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

std::expected<QJsonObject, QString> readJsonFixture(const QString &path)
{
    auto bytes = readFixture(path);
    if (!bytes)
        return std::unexpected(bytes.error());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(u"fixture %1 is not valid JSON: %2 at offset %3"_s.arg(
            path, error.errorString(), QString::number(error.offset)));
    if (!doc.isObject())
        return std::unexpected(u"fixture %1 is not a JSON object"_s.arg(path));
    return doc.object();
}

std::expected<QJsonObject, QString> readRegisteredJob(const QString &name)
{
    const QString path = fixtureJobsDir() + u'/' + name + u".register.json"_s;
    auto root = readJsonFixture(path);
    if (!root)
        return std::unexpected(root.error());
    const QJsonObject job = root->value("Job"_L1).toObject();
    if (job.value("ID"_L1).toString().isEmpty())
        return std::unexpected(u"fixture %1 has no {\"Job\": {\"ID\": ...}}"_s.arg(path));
    return job;
}

std::expected<QJsonObject, QString> sleepingParameterizedJob(const QString &id, int seconds)
{
    auto loaded = readRegisteredJob(u"report-nightly"_s);
    if (!loaded)
        return loaded;
    QJsonObject job = *loaded;
    job.insert(u"ID"_s, id);
    job.insert(u"Name"_s, id);
    QJsonArray groups = job.value(u"TaskGroups"_s).toArray();
    QJsonObject group = groups.first().toObject();
    QJsonArray tasks = group.value(u"Tasks"_s).toArray();
    QJsonObject task = tasks.first().toObject();
    task.insert(u"Config"_s, QJsonObject{{u"command"_s, u"/bin/sleep"_s},
                                         {u"args"_s, QJsonArray{QString::number(seconds)}}});
    tasks.replace(0, task);
    group.insert(u"Tasks"_s, tasks);
    groups.replace(0, group);
    job.insert(u"TaskGroups"_s, groups);
    return job;
}

std::expected<QJsonObject, QString> chattyParameterizedJob(const QString &id, int count)
{
    auto file = readJsonFixture(fixturePath(u"lifecycle/chatty.register.json"_s));
    if (!file)
        return file;
    QJsonObject job = file->value(u"Job"_s).toObject();
    job.insert(u"ID"_s, id);
    job.insert(u"Name"_s, id);
    QJsonArray groups = job.value(u"TaskGroups"_s).toArray();
    QJsonObject group = groups.first().toObject();
    group.insert(u"Count"_s, count);
    groups.replace(0, group);
    job.insert(u"TaskGroups"_s, groups);
    return job;
}

QByteArray chattyLines(const char *stream, int from, int to)
{
    QByteArray text;
    for (int i = from; i <= to; ++i)
        text += QByteArray(stream) + " line " + QByteArray::number(i) + '\n';
    return text;
}

QStringList recordedAgentJobs()
{
    return {u"fanout"_s,      u"flaky-import"_s,   u"gpu-render"_s,  u"huge"_s,
            u"plain-batch"_s, u"report-nightly"_s, u"video-encode"_s};
}

QStringList recordedExchangeFiles()
{
    const QStringList names = {
        u"acl"_s,
        u"api-reads"_s,
        u"dispatch-by-prefix"_s,
        u"dispatch-constraint-filtered"_s,
        u"dispatch-detach"_s,
        u"dispatch-meta-default-override"_s,
        u"dispatch-monitor-success"_s,
        u"dispatch-multi-group"_s,
        u"dispatch-namespace"_s,
        u"dispatch-placement-failure"_s,
        u"dispatch-stdin-payload"_s,
        u"dispatch-task-fails"_s,
        u"dispatch-verbose-placement-failure"_s,
        u"dispatch-verbose"_s,
        u"error-job-not-found"_s,
        u"error-missing-meta"_s,
        u"error-missing-payload"_s,
        u"error-not-parameterized"_s,
        u"error-payload-forbidden"_s,
        u"error-payload-too-large"_s,
        u"error-unpermitted-meta"_s,
    };
    QStringList files;
    for (const QString &name : names)
        files << name + u".exchanges.jsonl"_s;
    return files;
}

std::expected<void, QString> requireFixtures(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            return std::unexpected(
                u"fixture %1 is missing (fixtures folder: %2)"_s.arg(path, fixturesDir()));
        if (!info.isFile() || !info.isReadable())
            return std::unexpected(u"fixture %1 is not a readable file"_s.arg(path));
    }
    return {};
}

} // namespace dd::test
