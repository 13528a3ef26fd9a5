// Whole-process figures for the desktop app, `dispatch-desk --demo`:
//   1. cold start: wall time from spawning the process to its window showing the
//      job list's first rows (the app's --report-ready line), min/median/max of N runs,
//      and the peak memory (VmHWM) at that moment
//   2. idle memory: VmRSS after the window has been ready and idle for 5 s
// Every run gets a fresh HOME, XDG folders, DISPATCH_DESK_CONFIG and journal, so no
// settings or saved layout are reused; the page cache stays warm (dropping it would
// disturb everyone else on the machine), so "cold" means a first start, not a cold disk.
// Runs on QT_QPA_PLATFORM=offscreen (the documented figure) and, when Xvfb is
// installed, on an X server of its own (xcb), plus $DISPLAY when one is set.
// The demo cluster (the simulator) runs inside the app, so its memory is counted.
// Prints figures; asserts nothing. Run: build-bench/tests/bench/bench_app [runs=10]
// [idle-seconds=5]
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace Qt::Literals::StringLiterals;
extern char **environ;

namespace {

constexpr double kReadyTargetMs = 400;
constexpr double kIdleTargetMb = 80;

struct AppRun
{
    bool ready = false;
    double readyWallMs = -1; // spawn -> the ready line read by this process
    double readyMainMs = -1; // main() -> ready, the app's own clock
    double beforeMainMs = -1;
    double hwmKb = -1; // at ready
    double idleRssKb = -1;
    double idleHwmKb = -1;
    long maxRssKb = 0; // whole life, from wait4
    int exitCode = -1;
    QByteArray stdoutText;
};

QString appPath()
{
    return QStringLiteral(DD_APP_PATH);
}

// "key=value" out of the app's ready/idle lines.
double field(const QByteArray &line, QByteArrayView key)
{
    for (const QByteArray &word : line.split(' ')) {
        if (word.startsWith(key) && word.size() > key.size() && word.at(key.size()) == '=')
            return word.mid(key.size() + 1).toDouble();
    }
    return -1;
}

// A fresh home for one run: nothing from earlier runs or from the user is read.
std::vector<QByteArray> freshEnvironment(const QTemporaryDir &dir, const QByteArray &platform,
                                         const QByteArray &display)
{
    static const char *const dropped[] = {"HOME=", "XDG_", "NOMAD_", "DISPATCH_DESK_",
                                          "QT_QPA_PLATFORM=", "DISPLAY=", "WAYLAND_DISPLAY=",
                                          // Not the user's keychain: the app then uses its
                                          // session-only fallback, as on a machine without one.
                                          "DBUS_SESSION_BUS_ADDRESS=", "SESSION_MANAGER="};
    std::vector<QByteArray> env;
    for (char **e = environ; *e; ++e) {
        const QByteArrayView entry(*e);
        const bool drop = std::any_of(std::begin(dropped), std::end(dropped),
                                      [&](const char *prefix) { return entry.startsWith(prefix); });
        if (!drop)
            env.emplace_back(*e);
    }
    const QByteArray root = QFile::encodeName(dir.path());
    for (const char *sub : {"/home", "/config", "/data", "/cache", "/state", "/runtime"})
        QDir().mkpath(QFile::decodeName(root + sub));
    ::chmod(QByteArray(root + "/runtime").constData(), 0700);
    env.push_back("HOME=" + root + "/home");
    env.push_back("XDG_CONFIG_HOME=" + root + "/config");
    env.push_back("XDG_DATA_HOME=" + root + "/data");
    env.push_back("XDG_CACHE_HOME=" + root + "/cache");
    env.push_back("XDG_STATE_HOME=" + root + "/state");
    env.push_back("XDG_RUNTIME_DIR=" + root + "/runtime");
    env.push_back("DISPATCH_DESK_CONFIG=" + root + "/config/dispatch-desk.conf");
    env.push_back("DISPATCH_DESK_JOURNAL=" + root + "/data/journal.jsonl");
    env.push_back("QT_QPA_PLATFORM=" + platform);
    if (!display.isEmpty())
        env.push_back("DISPLAY=" + display);
    return env;
}

// posix_spawn + wait4: the child's own peak memory is known, and the time to
// its ready line is read from the pipe as it arrives. Killed after timeoutMs.
AppRun runApp(const QStringList &args, const QByteArray &platform, const QByteArray &display,
              int timeoutMs)
{
    AppRun run;
    QTemporaryDir dir;
    std::vector<QByteArray> envStorage = freshEnvironment(dir, platform, display);
    std::vector<char *> envp;
    for (QByteArray &e : envStorage)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<QByteArray> argStorage;
    argStorage.push_back(QFile::encodeName(appPath()));
    for (const QString &a : args)
        argStorage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStorage)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return run;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (spawned != 0) {
        close(pipeFds[0]);
        return run;
    }
    QByteArray pending;
    char buffer[4096];
    bool killed = false;
    for (;;) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        pollfd p{pipeFds[0], POLLIN, 0};
        if (poll(&p, 1, int(left)) <= 0)
            continue;
        const ssize_t n = read(pipeFds[0], buffer, sizeof buffer);
        if (n <= 0)
            break;
        const double now = double(timer.nsecsElapsed()) / 1e6;
        pending.append(buffer, n);
        run.stdoutText.append(buffer, n);
        qsizetype nl = 0;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl);
            pending.remove(0, nl + 1);
            if (line.startsWith("ready ")) {
                run.ready = true;
                run.readyWallMs = now;
                run.readyMainMs = line.split(' ').value(1).toDouble();
                run.beforeMainMs = field(line, "before-main");
                run.hwmKb = field(line, "vmhwm_kb");
            } else if (line.startsWith("idle ")) {
                run.idleRssKb = field(line, "vmrss_kb");
                run.idleHwmKb = field(line, "vmhwm_kb");
            }
        }
    }
    close(pipeFds[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    run.maxRssKb = usage.ru_maxrss;
    run.exitCode = killed ? -9 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

struct Spread
{
    double min = 0, median = 0, max = 0;
};

Spread spread(std::vector<double> v)
{
    if (v.empty())
        return {};
    std::sort(v.begin(), v.end());
    return {v.front(), v[v.size() / 2], v.back()};
}

const char *verdict(bool met)
{
    return met ? "met" : "MISSED";
}

struct Platform
{
    QByteArray name;
    QByteArray qpa;
    QByteArray display;
};

void coldStart(const Platform &platform, int runs)
{
    std::vector<double> wall, sinceMain, beforeMain, hwm, maxRss;
    double first = -1;
    int failed = 0;
    for (int i = 0; i < runs; ++i) {
        const AppRun run = runApp({u"--demo"_s, u"--report-ready"_s, u"--quit-when-ready"_s},
                                  platform.qpa, platform.display, 30000);
        if (!run.ready) {
            ++failed;
            std::printf("    run %d: no ready line (exit %d): %s\n", i + 1, run.exitCode,
                        run.stdoutText.left(200).constData());
            continue;
        }
        if (first < 0)
            first = run.readyWallMs;
        wall.push_back(run.readyWallMs);
        sinceMain.push_back(run.readyMainMs);
        beforeMain.push_back(run.beforeMainMs);
        hwm.push_back(run.hwmKb / 1024);
        maxRss.push_back(double(run.maxRssKb) / 1024);
    }
    const Spread w = spread(wall), m = spread(sinceMain), b = spread(beforeMain), h = spread(hwm),
                 r = spread(maxRss);
    std::printf("  %s: %d runs (%d without a ready line)\n", platform.name.constData(), runs,
                failed);
    if (wall.empty())
        return;
    std::printf("    spawn -> window showing rows (wall)  min %6.1f  median %6.1f  max %6.1f ms"
                "   first run %6.1f ms   (target < %.0f ms: %s)\n",
                w.min, w.median, w.max, first, kReadyTargetMs, verdict(w.median < kReadyTargetMs));
    std::printf("    main() -> ready (the app's clock)    min %6.1f  median %6.1f  max %6.1f ms\n",
                m.min, m.median, m.max);
    std::printf("    exec -> main() (/proc/self/stat)     min %6.0f  median %6.0f  max %6.0f ms"
                "   (10 ms resolution)\n",
                b.min, b.median, b.max);
    std::printf("    peak RSS at ready (VmHWM)            min %6.1f  median %6.1f  max %6.1f MB\n",
                h.min, h.median, h.max);
    std::printf("    peak RSS over the whole run (wait4)  min %6.1f  median %6.1f  max %6.1f MB\n",
                r.min, r.median, r.max);
}

void idleMemory(const Platform &platform, int idleSeconds)
{
    const AppRun run = runApp({u"--demo"_s, u"--report-ready"_s, u"--quit-when-ready"_s,
                               u"--idle-seconds"_s, QString::number(idleSeconds)},
                              platform.qpa, platform.display, 30000 + idleSeconds * 1000);
    if (run.idleRssKb < 0) {
        std::printf("  %s: no idle line (exit %d)\n", platform.name.constData(), run.exitCode);
        return;
    }
    const double mb = run.idleRssKb / 1024;
    std::printf("  %s: VmRSS after %d s idle %6.1f MB, peak so far (VmHWM) %6.1f MB   "
                "(target < %.0f MB: %s)\n",
                platform.name.constData(), idleSeconds, mb, run.idleHwmKb / 1024, kIdleTargetMb,
                verdict(mb < kIdleTargetMb));
}

// An X server of our own; -displayfd tells which display it took.
struct Xvfb
{
    QProcess process;
    QByteArray display;

    bool start()
    {
        process.setProgram(u"Xvfb"_s);
        process.setArguments({u"-displayfd"_s, u"1"_s, u"-screen"_s, u"0"_s, u"1920x1080x24"_s,
                              u"-nolisten"_s, u"tcp"_s});
        process.setStandardErrorFile(QProcess::nullDevice());
        process.start();
        if (!process.waitForStarted(5000))
            return false;
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(10000))
                return false;
        }
        display = ':' + process.readLine().trimmed();
        return display.size() > 1;
    }
    ~Xvfb()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            process.waitForFinished(5000);
        }
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, atoi(argv[1])) : 10;
    const int idleSeconds = argc > 2 ? std::max(1, atoi(argv[2])) : 5;

    std::vector<Platform> platforms{{"offscreen", "offscreen", {}}};
    Xvfb xvfb;
    if (!QStandardPaths::findExecutable(u"Xvfb"_s).isEmpty() && xvfb.start())
        platforms.push_back({"xcb on Xvfb " + xvfb.display, "xcb", xvfb.display});
    if (const QByteArray display = qgetenv("DISPLAY"); !display.isEmpty())
        platforms.push_back({"xcb on $DISPLAY " + display, "xcb", display});

    std::printf("dispatch-desk --demo --report-ready --quit-when-ready (%s)\n",
                qPrintable(appPath()));
    QFile loadavg(u"/proc/loadavg"_s);
    const QByteArray loadAverage =
        loadavg.open(QIODevice::ReadOnly) ? loadavg.readAll().trimmed() : QByteArray("?");
    std::printf("fresh HOME, XDG folders and DISPATCH_DESK_CONFIG per run; page cache warm; "
                "%d cores, load average %s\n\n",
                QThread::idealThreadCount(), loadAverage.constData());
    std::printf("1. start to a usable window (the demo cluster's jobs painted in the list)\n");
    for (const Platform &p : platforms)
        coldStart(p, runs);
    std::printf("\n2. idle memory (the app, its demo cluster included, %d s after ready)\n",
                idleSeconds);
    for (const Platform &p : platforms)
        idleMemory(p, idleSeconds);
    return 0;
}
