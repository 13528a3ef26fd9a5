// The log viewer under load (issue 13): a LogView shown (offscreen) and fed
// as Nomad's log stream would feed it.
//   idle: the heartbeat below with nothing to do, the machine's own noise;
//   following: 50,000 lines/s for a few seconds (no wrap, wrap, Find open),
//     then 5,000 lines/s of 4 KB JSON lines (no wrap, wrap): lines shown per
//     second, paints per second, and how long the GUI thread was blocked (a
//     1 ms heartbeat timer records every gap: the longest, the 99th
//     percentile, how many exceeded one 60 Hz frame);
//   latency: from append() to the viewport painted (a paint event filter);
//   find: words searched in the 100,000 lines kept: how long until all were
//     searched, and the longest gap meanwhile (the search runs in slices);
//   memory: the process's resident memory (VmRSS, VmHWM) after 100 MB of log
//     went through the view, and how fast it went through.
// Prints figures; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_logview [seconds=3]
#include "gui/desktop.h"
#include "gui/filedialogs.h"
#include "gui/loglinesview.h"
#include "gui/logview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace dd::gui;

namespace {

class BenchDesktop : public Desktop
{
public:
    void copyText(const QString &) override {}
    bool openUrl(const QUrl &) override { return false; }
    void notify(QWidget *, const Notification &) override {}
};

// Resident memory figures of this process, in MB.
double statusMb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// A realistic line: a timestamp, a level, some colour now and then, ~90 bytes.
QByteArray benchLines(qint64 from, int count)
{
    QByteArray out;
    out.reserve(count * 96);
    char buffer[160];
    for (qint64 i = from; i < from + count; ++i) {
        const bool warn = i % 17 == 0;
        const int n = std::snprintf(
            buffer, sizeof buffer,
            "2024-05-01T12:%02d:%02d.%03dZ %s frame %lld encoded in %d ms, queue depth %d\n",
            int(i / 60000 % 60), int(i / 1000 % 60), int(i % 1000),
            warn ? "\x1b[33mWARN\x1b[0m" : "\x1b[32mINFO\x1b[0m", i, int(i % 97), int(i % 13));
        out.append(buffer, n);
    }
    return out;
}

// Structured logging: one JSON object a line, `bytes` long, a key coloured.
QByteArray benchJsonLines(qint64 from, int count, int bytes)
{
    QByteArray out;
    for (qint64 i = from; i < from + count; ++i) {
        QByteArray line =
            "{\"ts\":\"2024-05-01T12:00:00Z\",\"\x1b[36mframe\x1b[0m\":" + QByteArray::number(i) +
            ",\"detail\":\"";
        while (line.size() < bytes - 3)
            line += "chunk " + QByteArray::number(line.size()) + ' ';
        line.truncate(bytes - 3);
        out += line + "\"}\n";
    }
    return out;
}

// Every event the GUI thread handles, timed (the outermost dispatch only):
// the longest in wall time, and in this thread's CPU time, which leaves out
// the time other processes had the CPU (this machine may be shared).
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        const qint64 wall = m_clock.isValid() ? m_clock.nsecsElapsed() : 0;
        const double cpu = threadCpuMs();
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (m_clock.isValid()) {
            longestWallMs = std::max(longestWallMs, (m_clock.nsecsElapsed() - wall) / 1e6);
            longestCpuMs = std::max(longestCpuMs, threadCpuMs() - cpu);
        }
        return result;
    }
    void restart()
    {
        longestWallMs = longestCpuMs = 0;
        m_clock.start();
    }
    static double threadCpuMs()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    }
    double longestWallMs = 0;
    double longestCpuMs = 0;

private:
    QElapsedTimer m_clock;
    int m_depth = 0;
};

TimedApplication *timedApp()
{
    return static_cast<TimedApplication *>(QCoreApplication::instance());
}

struct Heartbeat
{
    QElapsedTimer clock;
    qint64 last = 0;
    std::vector<double> gaps;
    QTimer timer;

    Heartbeat()
    {
        timer.setInterval(1);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed();
            gaps.push_back((now - last) / 1e6);
            last = now;
        });
    }
    void start()
    {
        gaps.clear();
        clock.start();
        last = 0;
        timer.start();
        timedApp()->restart();
    }
    void report(const char *what)
    {
        timer.stop();
        std::sort(gaps.begin(), gaps.end());
        const double longest = gaps.empty() ? 0 : gaps.back();
        const double p99 = gaps.empty() ? 0 : gaps[size_t(double(gaps.size() - 1) * 0.99)];
        const auto frames =
            std::count_if(gaps.begin(), gaps.end(), [](double g) { return g > 16; });
        std::printf(
            "  %-34s longest GUI gap %6.1f ms, 99th percentile %5.1f ms, %lld gaps > 16 ms\n", what,
            longest, p99, static_cast<long long>(frames));
        std::printf("  %-34s longest event %6.1f ms (%.1f ms of CPU)\n", "",
                    timedApp()->longestWallMs, timedApp()->longestCpuMs);
    }
};

void runFor(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

class PaintWatch : public QObject
{
public:
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint) {
            painted = waiting;
            ++paints;
        }
        return false;
    }
    bool waiting = false;
    bool painted = false;
    int paints = 0;
};

struct Feed
{
    bool wrap = false;
    QString find;      // Find open on this word: matches counted and highlighted as lines come
    int rate = 50000;  // lines a second
    int lineBytes = 0; // JSON lines this long; 0: ~90-byte text lines
};

void following(LogView &view, int seconds, const Feed &feed)
{
    const bool wrap = feed.wrap;
    const QString &find = feed.find;
    view.clear();
    view.lines()->setWrap(wrap);
    auto *findEdit = view.findChild<QLineEdit *>(QStringLiteral("findEdit"));
    if (!find.isEmpty())
        view.openFind();
    findEdit->setText(find);
    PaintWatch paints;
    view.lines()->viewport()->installEventFilter(&paints);
    const int kRate = feed.rate;
    constexpr int kTickMs = 10;
    qint64 next = 0;
    QElapsedTimer clock;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(kTickMs);
    // Catch up with the clock on every tick, so a slow GUI shows as a lower rate.
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        const qint64 due = clock.elapsed() * kRate / 1000;
        while (next < due) {
            if (feed.lineBytes > 0) {
                const int n = int(std::min<qint64>(due - next, 64 * 1024 / feed.lineBytes + 1));
                view.append(benchJsonLines(next, n, feed.lineBytes));
                next += n;
                continue;
            }
            const int n = int(std::min<qint64>(due - next, 700)); // ~64 KB frames
            view.append(benchLines(next, n));
            next += n;
        }
    });
    Heartbeat beat;
    clock.start();
    beat.start();
    feeder.start();
    runFor(seconds * 1000);
    feeder.stop();
    view.flush();
    const double elapsed = clock.elapsed() / 1000.0;
    const qint64 shown = view.droppedLines() + view.buffer().completeLines();
    view.lines()->viewport()->removeEventFilter(&paints);
    const QByteArray lines =
        feed.lineBytes > 0 ? QByteArray(", " + QByteArray::number(feed.lineBytes) + "-byte lines")
                           : QByteArray();
    std::printf("following, %s%s%s: %lld lines in %.1f s = %.0f lines/s shown (offered %d/s), "
                "%.0f paints/s, still following: %s\n",
                wrap ? "wrap on " : "wrap off", find.isEmpty() ? "" : ", find open", lines.data(),
                static_cast<long long>(shown), elapsed, shown / elapsed, kRate,
                paints.paints / elapsed, view.isFollowing() ? "yes" : "no");
    if (!find.isEmpty())
        std::printf("  %lld matches of \"%s\" kept\n", static_cast<long long>(view.matchCount()),
                    qPrintable(find));
    beat.report("");
}

void latency(LogView &view)
{
    view.clear();
    PaintWatch watch;
    view.lines()->viewport()->installEventFilter(&watch);
    std::vector<double> times;
    for (int i = 0; i < 40; ++i) {
        runFor(20);
        QElapsedTimer t;
        watch.painted = false;
        watch.waiting = true;
        t.start();
        view.append(benchLines(i, 1));
        while (!watch.painted && t.elapsed() < 1000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        watch.waiting = false;
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("append() to painted: median %.1f ms, longest %.1f ms (batching window %d ms)\n",
                times[times.size() / 2], times.back(), LogView::Limits{}.batchMs);
    view.lines()->viewport()->removeEventFilter(&watch);
}

// Find in a full window (100,000 lines): how long until every line was
// searched, and how long the GUI thread was held meanwhile.
void findInWindow(LogView &view)
{
    view.clear();
    view.lines()->setWrap(false);
    for (qint64 line = 0; line < 100000; line += 700)
        view.append(benchLines(line, 700));
    view.flush();
    runFor(100);
    auto *findEdit = view.findChild<QLineEdit *>(QStringLiteral("findEdit"));
    view.openFind();
    for (const char *word : {"encoded", "frame 99999 ", "warn", "no such text"}) {
        Heartbeat beat;
        QElapsedTimer clock;
        beat.start();
        clock.start();
        findEdit->setText(QString::fromLatin1(word));
        while (!view.isFindDone() && clock.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        const double ms = clock.nsecsElapsed() / 1e6;
        runFor(30);
        char what[96];
        std::snprintf(what, sizeof what, "%lld matches, all searched in %.0f ms;",
                      static_cast<long long>(view.matchCount()), ms);
        std::printf("find \"%s\" in %lld lines:\n", word,
                    static_cast<long long>(view.buffer().completeLines()));
        beat.report(what);
    }
    findEdit->clear();
    view.findChild<QWidget *>(QStringLiteral("findBar"))->hide();
}

void memory(LogView &view)
{
    view.clear();
    const double before = statusMb("VmRSS:");
    constexpr qint64 kTotal = 100LL * 1024 * 1024;
    qint64 fed = 0;
    qint64 line = 0;
    Heartbeat beat;
    QElapsedTimer clock;
    clock.start();
    beat.start();
    while (fed < kTotal) {
        const QByteArray chunk = benchLines(line, 700);
        line += 700;
        fed += chunk.size();
        view.append(chunk);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    view.flush();
    QCoreApplication::processEvents();
    const double seconds = clock.elapsed() / 1000.0;
    std::printf("100 MB through the view: %.1f s (%.0f MB/s), %lld lines, %lld shown, "
                "%lld dropped\n",
                seconds, 100 / seconds, static_cast<long long>(line),
                static_cast<long long>(view.buffer().completeLines()),
                static_cast<long long>(view.droppedLines()));
    beat.report("while feeding as fast as possible:");
    std::printf("memory: RSS %.0f MB before, %.0f MB after, peak %.0f MB "
                "(the view keeps %lld characters)\n",
                before, statusMb("VmRSS:"), statusMb("VmHWM:"),
                static_cast<long long>(view.buffer().charCount()));
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    RealFileDialogs dialogs;
    BenchDesktop desktop;
    LogView view(dialogs, desktop);
    view.resize(1200, 800);
    view.show();
    runFor(200);
    std::printf("bench_logview: RSS with an empty view %.0f MB\n", statusMb("VmRSS:"));
    {
        // The machine's own noise: the heartbeat with nothing to do.
        Heartbeat beat;
        beat.start();
        runFor(seconds * 1000);
        beat.report("idle, no log (the machine's noise):");
    }
    following(view, seconds, {});
    following(view, seconds, {.wrap = true});
    following(view, seconds, {.find = QStringLiteral("WARN")});
    // Long lines: 4 KB each, 20 MB/s.
    following(view, seconds, {.rate = 5000, .lineBytes = 4096});
    following(view, seconds, {.wrap = true, .rate = 5000, .lineBytes = 4096});
    latency(view);
    findInWindow(view);
    memory(view);
    return 0;
}
