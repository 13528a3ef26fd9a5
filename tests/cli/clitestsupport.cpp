#include "clitestsupport.h"

#include "recordings.h"

#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace dd::test {

CliRun runCli(const QStringList &args, const QProcessEnvironment &env, const QByteArray &stdinData,
              int timeoutMs)
{
    CliRun run;
    QProcess process;
    process.setProcessEnvironment(env);
    QObject::connect(&process, &QProcess::finished, [&](int code, QProcess::ExitStatus status) {
        run.exitCode = status == QProcess::NormalExit ? code : -2;
        run.finished = true;
    });
    process.start(QStringLiteral(DD_CLI_PATH), args);
    if (!process.waitForStarted(5000))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    QElapsedTimer timer;
    timer.start();
    // The simulator lives on this thread: keep its event loop turning.
    while (!run.finished && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcessEnvironment cliEnvironment(const QString &address, const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(u"NOMAD_"_s) || key.startsWith(u"DISPATCH_DESK_"_s))
            env.remove(key);
    }
    if (!address.isEmpty())
        env.insert(u"NOMAD_ADDR"_s, address);
    env.insert(u"DISPATCH_DESK_JOURNAL"_s, dir.filePath(u"journal.jsonl"_s));
    env.insert(u"DISPATCH_DESK_CONFIG"_s, dir.filePath(u"dispatch-desk.conf"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    env.insert(u"TZ"_s, u"UTC"_s);
    return env;
}

std::expected<std::unique_ptr<dd::sim::Simulator>, QString>
startRecordedCluster(const QString &serverVersion, double timeScale)
{
    dd::sim::SimulatorOptions options;
    options.loadDemoData = false;
    options.serverVersion = serverVersion;
    options.timeScale = timeScale;
    auto sim = std::make_unique<dd::sim::Simulator>(options);
    // Named, not the whole folder: a new recording in jobs/ changes no CLI test.
    for (const QString &name : recordedAgentJobs()) {
        const auto job = readRegisteredJob(name);
        if (!job)
            return std::unexpected(job.error());
        if (const auto registered = sim->registerJob(*job); !registered)
            return std::unexpected(u"job %1: %2"_s.arg(name, registered.error().message));
    }
    if (const auto started = sim->start(); !started)
        return std::unexpected(u"the simulator did not start: %1"_s.arg(started.error()));
    sim->addNamespace(u"team-a"_s, u"team a"_s);
    const auto teamJob = readRegisteredJob(u"video-encode"_s);
    if (!teamJob)
        return std::unexpected(teamJob.error());
    if (const auto registered = sim->registerJob(*teamJob, u"team-a"_s); !registered)
        return std::unexpected(u"job video-encode in team-a: %1"_s.arg(registered.error().message));
    return sim;
}

QString normalise(const QString &input)
{
    static const QRegularExpression allocCreated(
        uR"re(^    Allocation "[0-9a-f-]+" created: node "[0-9a-f-]+", group "(.*)"$)re"_s);
    static const QRegularExpression dispatchTime(u"/dispatch-(\\d{10})-([0-9a-f]{8})"_s);
    static const QRegularExpression id(
        u"\\b[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\\b"_s);

    // Allocation lines first: their IDs and order are Go's map order in the reference.
    QStringList lines = input.split(u'\n');
    for (qsizetype i = 0; i < lines.size();) {
        qsizetype j = i;
        while (j < lines.size() && allocCreated.match(lines[j]).hasMatch()) {
            lines[j] = u"    Allocation \"<A>\" created: node \"<N>\", group \""_s +
                       allocCreated.match(lines[j]).captured(1) + u'"';
            ++j;
        }
        if (j > i) {
            std::sort(lines.begin() + i, lines.begin() + j);
            i = j;
        } else {
            ++i;
        }
    }
    QString text = lines.join(u'\n');
    text.replace(dispatchTime, u"/dispatch-<T>-\\2"_s);
    QHash<QString, int> numbers;
    QString out;
    qsizetype last = 0;
    auto it = id.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString shortForm = m.captured(0).left(8);
        const int n = numbers.value(shortForm, int(numbers.size()) + 1);
        numbers.insert(shortForm, n);
        out += text.mid(last, m.capturedStart() - last);
        out += (m.capturedLength() == 36 ? u"<UUID"_s : u"<ID"_s) + QString::number(n) + u'>';
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

} // namespace dd::test
