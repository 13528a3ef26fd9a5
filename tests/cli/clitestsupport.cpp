#include "clitestsupport.h"

#include "recordings.h"

#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

CliRun runCliOnTerminal(const QStringList &args, const QProcessEnvironment &env,
                        const QByteArray &prompt, const QByteArray &answer, int timeoutMs)
{
    CliRun run;
    // Everything exec needs is prepared before fork: the child only execs.
    const QByteArray program = QByteArrayLiteral(DD_CLI_PATH);
    QList<QByteArray> argStore{program};
    for (const QString &a : args)
        argStore.append(a.toLocal8Bit());
    QList<QByteArray> envStore;
    for (const QString &e : env.toStringList())
        envStore.append(e.toLocal8Bit());
    std::vector<char *> argv, envp;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        return run;
    if (pid == 0) {
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    bool answered = answer.isEmpty();
    bool eof = false;
    QElapsedTimer timer;
    timer.start();
    // The simulator lives on this thread: keep its event loop turning.
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(master, buffer, sizeof buffer);
            if (n > 0) {
                run.out.append(buffer, n);
                continue;
            }
            if (n == 0 || (n < 0 && errno == EIO))
                eof = true; // every slave end closed: the CLI has exited
            break;
        }
        if (!answered && run.out.contains(prompt)) {
            answered = ::write(master, answer.constData(), size_t(answer.size())) == answer.size();
        }
        int status = 0;
        if (eof || waitpid(pid, &status, WNOHANG) == pid) {
            if (!eof || waitpid(pid, &status, 0) == pid) {
                run.finished = true;
                run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -2;
            }
            break;
        }
    }
    if (!run.finished) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    // What it wrote just before exiting.
    char rest[4096];
    for (ssize_t n; (n = ::read(master, rest, sizeof rest)) > 0;)
        run.out.append(rest, n);
    ::close(master);
    // The terminal turns each \n into \r\n: give back what the program wrote.
    run.out.replace("\r\n", "\n");
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
