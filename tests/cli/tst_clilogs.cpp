// Task logs through the CLI against the simulator: `alloc logs` (prefixes,
// -stderr, -tail, -c, -f until the task ends), `job dispatch -logs` (output,
// exit codes, fan-out prefixes), and log streams cut mid-frame, reset or
// stalled, resumed with every line exactly once (rotation included).
#include "clitestsupport.h"
#include "sim/clientfiles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {} // namespace

class TstCliLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(requireFixtures({fixturePath(u"lifecycle/chatty.register.json"_s)}));
    }
    void init();
    void cleanup() { m_sim.reset(); }
    void allocLookup_data();
    void allocLookup();
    void allocLogsOptions_data();
    void allocLogsOptions();
    void followUntilFinished();
    void missingReadLogs();
    void dispatchLogs_data();
    void dispatchLogs();
    void fanOutPrefixes();
    void idleTimeoutSetting();
    void resumedStreams_data();
    void resumedStreams();

private:
    // Dispatches chatty-like `job` and waits for its allocation to run (or end).
    QString startTask(const QString &job, const QString &lines, const QString &exit = u"0"_s);
    bool waitFor(const std::function<bool()> &condition, int ms = 20000);
    QByteArray simLog(const QString &allocId, int fd);

    std::unique_ptr<dd::sim::Simulator> m_sim;
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

void TstCliLogs::init()
{
    // Slow enough that a task is still running when the CLI starts.
    auto cluster = startRecordedCluster(u"1.0.18"_s, 2.0);
    DD_VERIFY_OK(cluster);
    m_sim = std::move(*cluster);
    QVERIFY(m_sim->registerJob(chattyParameterizedJob(u"chatty"_s, 1).value_or(QJsonObject{})));
    QVERIFY(m_sim->registerJob(chattyParameterizedJob(u"chatty-fan"_s, 3).value_or(QJsonObject{})));
    m_env = cliEnvironment(m_sim->baseUrl().toString(), m_dir);
}

bool TstCliLogs::waitFor(const std::function<bool()> &condition, int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return condition();
}

QString TstCliLogs::startTask(const QString &job, const QString &lines, const QString &exit)
{
    dd::sim::DispatchRequest r;
    r.jobId = job;
    r.meta.insert(u"lines"_s, lines);
    r.meta.insert(u"exit"_s, exit);
    const auto d = m_sim->dispatch(r);
    if (!d)
        return {};
    const QString child = d->dispatchedJobId;
    QString id;
    waitFor([&]() {
        const auto allocs = m_sim->allocsOfJob(child);
        if (allocs.isEmpty() || allocs.first()->taskStates.isEmpty())
            return false;
        id = allocs.first()->id;
        return true;
    });
    return id;
}

QByteArray TstCliLogs::simLog(const QString &allocId, int fd)
{
    const dd::sim::SimAlloc *alloc = m_sim->alloc(allocId);
    if (!alloc)
        return {};
    const dd::sim::TaskLogView view = m_sim->files().logView(*alloc, u"talk"_s);
    return view.read(fd, 0, view.size(fd));
}

void TstCliLogs::allocLookup_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrWords");
    QTest::newRow("full ID") << u"full"_s << 0 << QString();
    QTest::newRow("unique prefix") << u"prefix"_s << 0 << QString();
    QTest::newRow("ambiguous prefix")
        << u"ambiguous"_s << 1 << u"Prefix matched multiple allocations\n\nID  "_s;
    QTest::newRow("unknown") << u"unknown"_s << 1
                             << u"No allocation(s) with prefix or id "
                                u"\"00000000-0000-0000-0000-000000000000\" found"_s;
    QTest::newRow("one character")
        << u"short"_s << 1 << u"Alloc ID must contain at least two characters."_s;
}

void TstCliLogs::allocLookup()
{
    QFETCH(QString, how);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrWords);
    const QString alloc = startTask(u"chatty"_s, u"3"_s);
    QVERIFY(!alloc.isEmpty());
    QVERIFY(waitFor([&]() { return m_sim->alloc(alloc)->clientStatus == u"complete"_s; }));
    QString arg = alloc;
    if (how == u"prefix"_s) {
        arg = alloc.left(8);
    } else if (how == u"unknown"_s) {
        arg = u"00000000-0000-0000-0000-000000000000"_s;
    } else if (how == u"short"_s) {
        arg = alloc.left(1);
    } else if (how == u"ambiguous"_s) {
        // More allocations until two share their first two hex digits.
        QHash<QString, int> seen;
        seen.insert(alloc.left(2), 1);
        for (int i = 0; i < 200 && arg == alloc; ++i) {
            const QString other = startTask(u"chatty"_s, u"1"_s);
            QVERIFY(!other.isEmpty());
            if (seen.contains(other.left(2)))
                arg = other.left(2);
            seen.insert(other.left(2), 1);
        }
        QVERIFY(arg.size() == 2);
    }
    const CliRun run = runCli({u"alloc"_s, u"logs"_s, arg}, m_env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 0) {
        QCOMPARE(run.out, chattyLines("out", 1, 3));
        QCOMPARE(run.err, QByteArray());
        // The server was asked with the full ID: the client endpoints need it.
        bool sawFull = false;
        for (const auto &r : m_sim->requests().all())
            sawFull = sawFull || r.path == u"/v1/client/fs/logs/"_s + alloc;
        QVERIFY(sawFull);
    } else {
        QVERIFY2(QString::fromUtf8(run.err).contains(stderrWords), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
}

void TstCliLogs::allocLogsOptions_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("stdout") << QStringList() << chattyLines("out", 1, 12);
    QTest::newRow("-stderr") << QStringList{u"-stderr"_s} << chattyLines("err", 1, 12);
    QTest::newRow("-tail") << QStringList{u"-tail"_s} << chattyLines("out", 3, 12);
    QTest::newRow("-tail -n 3") << QStringList{u"-tail"_s, u"-n"_s, u"3"_s}
                                << chattyLines("out", 10, 12);
    QTest::newRow("-stderr -tail -n=1")
        << QStringList{u"-stderr"_s, u"-tail"_s, u"-n=1"_s} << chattyLines("err", 12, 12);
    QTest::newRow("-tail -c 15") << QStringList{u"-tail"_s, u"-c"_s, u"15"_s}
                                 << QByteArray("11\nout line 12\n");
}

void TstCliLogs::allocLogsOptions()
{
    QFETCH(QStringList, flags);
    QFETCH(QByteArray, expected);
    // A finished task is all this needs: let it finish quickly.
    m_sim->clock().setTimeScale(40.0);
    const QString alloc = startTask(u"chatty"_s, u"12"_s);
    QVERIFY(!alloc.isEmpty());
    QVERIFY(waitFor([&]() { return m_sim->alloc(alloc)->clientStatus == u"complete"_s; }));
    const CliRun run =
        runCli(QStringList{u"alloc"_s, u"logs"_s} + flags + QStringList{alloc}, m_env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, expected);
}

void TstCliLogs::followUntilFinished()
{
    // 20 lines, a quarter of a second apart on a clock at twice real time: about 2.5 s.
    const QString alloc = startTask(u"chatty"_s, u"20"_s);
    QVERIFY(!alloc.isEmpty());
    QCOMPARE(m_sim->alloc(alloc)->clientStatus, u"running"_s);
    const CliRun run = runCli({u"alloc"_s, u"logs"_s, u"-f"_s, alloc.left(8), u"talk"_s}, m_env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, chattyLines("out", 1, 20)); // every line, once, in order
    QCOMPARE(m_sim->alloc(alloc)->clientStatus, u"complete"_s);
    QCOMPARE(m_sim->openLogStreams(), 0); // the follow was closed, not left hanging
}

void TstCliLogs::missingReadLogs()
{
    const QString alloc = startTask(u"chatty"_s, u"2"_s);
    QVERIFY(!alloc.isEmpty());
    m_sim->enableAcl();
    const QString token =
        m_sim->createToken(u"reader"_s, {{u"default"_s, {u"read-job"_s, u"list-jobs"_s}}}).secretId;
    QProcessEnvironment env = m_env;
    env.insert(u"NOMAD_TOKEN"_s, token);
    const CliRun run = runCli({u"alloc"_s, u"logs"_s, alloc.left(8)}, env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("Error reading file: Unexpected response code: 403"),
             run.err.constData());
    QVERIFY2(run.err.contains("The token needs the read-logs capability in namespace \"default\"."),
             run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TstCliLogs::dispatchLogs_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stdoutWords");
    QTest::addColumn<QByteArray>("stderrWords");
    QTest::newRow("-wait -logs, success")
        << QStringList{u"-wait"_s, u"-logs"_s, u"-meta"_s, u"lines=6"_s, u"chatty"_s} << 0
        << chattyLines("out", 1, 6) << chattyLines("err", 1, 6);
    QTest::newRow("-logs, task exits 1")
        << QStringList{u"-logs"_s, u"-meta"_s, u"lines=4"_s, u"-meta"_s, u"exit=1"_s, u"chatty"_s}
        << 2 << chattyLines("out", 1, 4) << chattyLines("err", 1, 4);
    QTest::newRow("-wait -logs, flaky-import")
        << QStringList{u"-wait"_s, u"-logs"_s, u"flaky-import"_s} << 2 << QByteArray("importing\n")
        << QByteArray();
}

void TstCliLogs::dispatchLogs()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stdoutWords);
    QFETCH(QByteArray, stderrWords);
    const CliRun run = runCli(QStringList{u"job"_s, u"dispatch"_s} + args, m_env);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == exitCode, QByteArray(run.out + run.err).constData());
    // The task's output, whole and once, between the monitor's lines.
    QVERIFY2(run.out.contains(stdoutWords), run.out.constData());
    QCOMPARE(run.out.count(stdoutWords.left(stdoutWords.indexOf('\n') + 1)), 1);
    QVERIFY2(run.err.contains(stderrWords), run.err.constData());
    QVERIFY(run.out.contains("==> Job \""));
    QVERIFY(run.out.indexOf(stdoutWords) < run.out.indexOf("==> Job \""));
}

void TstCliLogs::fanOutPrefixes()
{
    const CliRun run = runCli(
        {u"job"_s, u"dispatch"_s, u"-logs"_s, u"-meta"_s, u"lines=5"_s, u"chatty-fan"_s}, m_env);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 0, QByteArray(run.err + run.out.right(600)).constData());
    static const QRegularExpression prefixed(u"^\\[([0-9a-f]{8})\\] out line (\\d+)$"_s);
    QHash<QString, QList<int>> seen;
    for (const QByteArray &line : run.out.split('\n')) {
        const auto m = prefixed.match(QString::fromUtf8(line));
        if (m.hasMatch())
            seen[m.captured(1)].append(m.captured(2).toInt());
        else
            QVERIFY2(!line.contains("out line"), line.constData());
    }
    QCOMPARE(seen.size(), 3);
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        QCOMPARE(it.value(), (QList<int>{1, 2, 3, 4, 5}));
    QCOMPARE(run.err.count("err line"), 15);
    QVERIFY(run.err.contains("] err line 5\n"));
}

void TstCliLogs::idleTimeoutSetting()
{
    m_sim->clock().setTimeScale(40.0);
    const QString alloc = startTask(u"chatty"_s, u"2"_s);
    QVERIFY(waitFor([&]() { return m_sim->alloc(alloc)->clientStatus == u"complete"_s; }));
    QProcessEnvironment env = m_env;
    env.insert(u"DISPATCH_DESK_LOG_IDLE_TIMEOUT"_s, u"fast"_s);
    const CliRun run = runCli({u"alloc"_s, u"logs"_s, alloc}, env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, chattyLines("out", 1, 2));
    QVERIFY2(run.err.contains("Ignoring DISPATCH_DESK_LOG_IDLE_TIMEOUT=\"fast\": it must be a "
                              "duration from 1s to 1h (for example 30s); using 10s."),
             run.err.constData());
}

void TstCliLogs::resumedStreams_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("rotateBytes");
    const int cut = int(dd::sim::FaultKind::LogCutMidFrame);
    const int reset = int(dd::sim::FaultKind::LogReset);
    const int stall = int(dd::sim::FaultKind::LogStall);
    QTest::newRow("cut mid-frame") << cut << qint64(0);
    QTest::newRow("reset") << reset << qint64(0);
    QTest::newRow("stall") << stall << qint64(0);
    // Files of 50 bytes: the stream resumes in .stdout.2 or later, at an offset
    // counted across the rotated files.
    QTest::newRow("cut mid-frame, rotated") << cut << qint64(50);
    QTest::newRow("reset, rotated") << reset << qint64(50);
}

void TstCliLogs::resumedStreams()
{
    QFETCH(int, kind);
    QFETCH(qint64, rotateBytes);
    m_sim->files().setRotateBytes(rotateBytes);
    // A stall is noticed after the idle timeout: 2 s here instead of 10, so
    // the task (24 lines, 3 s) still runs when the stream is reopened.
    QProcessEnvironment env = m_env;
    env.insert(u"DISPATCH_DESK_LOG_IDLE_TIMEOUT"_s, u"2s"_s);
    const QString lines = u"24"_s;
    const QString alloc = startTask(u"chatty"_s, lines);
    QVERIFY(!alloc.isEmpty());
    m_sim->faults().logFault(dd::sim::FaultKind(kind), 3, u"fs/logs"_s, 1);
    const CliRun run = runCli({u"alloc"_s, u"logs"_s, u"-f"_s, alloc}, env, {}, 60000);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("The log stream dropped"), run.err.constData());
    const QByteArray expected = chattyLines("out", 1, lines.toInt());
    QCOMPARE(simLog(alloc, 1), expected); // what the task wrote...
    QCOMPARE(run.out, expected);          // ...arrived exactly once
    if (rotateBytes > 0) {
        // The resumed request started past the first file, from the oldest one.
        bool resumedPastFirst = false;
        for (const auto &r : m_sim->requests().all())
            resumedPastFirst = resumedPastFirst || (r.path.startsWith(u"/v1/client/fs/logs/"_s) &&
                                                    r.queryValue(u"offset").toLongLong() > 50);
        QVERIFY(resumedPastFirst);
    }
}

DD_TEST_GUILESS_MAIN(TstCliLogs)
#include "tst_clilogs.moc"
