// The app following a task's output end to end (issue 13): the real main
// window and the simulated cluster (on its own thread, real-time clock) in one
// process, as `dispatch-desk --demo` runs them.
//   latency: a task writes a line every 50 ms; for each line, the time from
//     the simulated task's write to the Logs tab painting it (the Nomad log
//     stream, the follow lane, frame decoding, the view's batching and paint);
//   100 MB: a task writes 100 MB of numbered lines (meta log_bytes) over 20 s
//     while the Logs tab follows it: the whole process's memory after (VmRSS)
//     and at its peak (VmHWM), and the longest gap of the GUI thread meanwhile.
// Prints figures; asserts nothing.
//   QT_QPA_PLATFORM=offscreen build-bench/tests/bench/bench_applogs [lines=200] [megabytes=100]
#include "guitestsupport.h"

#include "fixtures.h"
#include "gui/loglinesview.h"
#include "gui/logpanel.h"
#include "gui/logview.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "sim/simulator.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {

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

qint64 wallNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000;
}

// chatty with its task replaced: `script` under /bin/sh, or (empty) /bin/true
// with meta log_bytes and run_for allowed.
QJsonObject benchJob(const QString &id, const QString &script)
{
    QJsonObject job = chattyParameterizedJob(id).value_or(QJsonObject{});
    QJsonArray groups = job.value(u"TaskGroups"_s).toArray();
    QJsonObject group = groups.first().toObject();
    QJsonArray tasks = group.value(u"Tasks"_s).toArray();
    QJsonObject task = tasks.first().toObject();
    if (script.isEmpty()) {
        task.insert(u"Config"_s, QJsonObject{{u"command"_s, u"/bin/true"_s}});
        job.insert(u"ParameterizedJob"_s,
                   QJsonObject{{u"Payload"_s, u"optional"_s},
                               {u"MetaOptional"_s, QJsonArray{u"log_bytes"_s, u"run_for"_s}}});
        job.insert(u"Meta"_s, QJsonValue::Null);
    } else {
        task.insert(u"Config"_s, QJsonObject{{u"command"_s, u"/bin/sh"_s},
                                             {u"args"_s, QJsonArray{u"-c"_s, script}}});
    }
    tasks.replace(0, task);
    group.insert(u"Tasks"_s, tasks);
    groups.replace(0, group);
    job.insert(u"TaskGroups"_s, groups);
    return job;
}

// Records, for every paint of the log text, when it happened and how many
// complete lines the view held then (the newest ones are on screen while it follows).
class PaintWatch : public QObject
{
public:
    explicit PaintWatch(gui::LogView *view)
        : m_view(view)
    {}
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            paints.push_back({wallNs(), m_view->buffer().completeLines()});
        return false;
    }
    struct Paint
    {
        qint64 atNs;
        qint64 lines;
    };
    std::vector<Paint> paints;

private:
    gui::LogView *m_view;
};

// Times each event the GUI thread delivers (the outermost only): the slowest
// ones while the log streams say what a gap was spent on.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !recording)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        const double ms = t.nsecsElapsed() / 1e6;
        --m_depth;
        if (ms > 8) {
            QString what = QString::fromLatin1(receiver->metaObject()->className());
            if (!receiver->objectName().isEmpty())
                what += u" \"" + receiver->objectName() + u'"';
            slow.push_back({ms, what + u", event " + QString::number(int(event->type()))});
        }
        return r;
    }
    struct Slow
    {
        double ms;
        QString what;
    };
    std::vector<Slow> slow;
    bool recording = false;

private:
    int m_depth = 0;
};

// The longest stretch the GUI thread did not get round to a 1 ms timer, and
// how much of it the thread spent on a CPU (the rest it waited: for a core,
// or for a lock).
class GapWatch : public QObject
{
public:
    GapWatch()
    {
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (m_last > 0) {
                const double gap = (now - m_last) / 1e6;
                if (gap > longest) {
                    longest = gap;
                    longestOnCpu = (cpu - m_lastCpu) / 1e6;
                }
                if (gap > 16) {
                    ++over16;
                    onCpuOver16 += (cpu - m_lastCpu) / 1e6;
                    sumOver16 += gap;
                }
            }
            m_last = now;
            m_lastCpu = cpu;
        });
        m_clock.start();
        m_timer.start();
    }
    // Counts afresh from now (what came before is reported on its own).
    void reset()
    {
        longest = longestOnCpu = onCpuOver16 = sumOver16 = 0;
        over16 = 0;
        m_last = 0;
    }
    double longest = 0;
    double longestOnCpu = 0;
    int over16 = 0;
    double sumOver16 = 0;
    double onCpuOver16 = 0;

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
};

gui::MonitorPanel *dispatch(GuiFixture &f, const QString &job, const QMap<QString, QString> &meta)
{
    f.window().refresh();
    if (!f.openJob(job))
        return nullptr;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        f.typeMeta(it.key(), it.value());
    auto *button = f.find<QPushButton>(u"dispatchButton"_s);
    if (!QTest::qWaitFor([&] { return button->isEnabled(); }, 20000))
        return nullptr;
    const int before = f.window().monitorArea()->count();
    QTest::mouseClick(button, Qt::LeftButton);
    gui::MonitorArea *area = f.window().monitorArea();
    if (!QTest::qWaitFor([&] { return area->count() == before + 1; }, 20000))
        return nullptr;
    gui::MonitorPanel *monitor = area->currentMonitor();
    monitor->showLogs();
    return monitor;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

void latency(GuiFixture &f, int lines)
{
    const QString script = u"i=1; while [ $i -le "_s + QString::number(lines) +
                           u" ]; do echo \"line $i\"; i=$((i+1)); sleep 0.05; done"_s;
    f.host().invoke([&](sim::Simulator &s) { (void)s.registerJob(benchJob(u"ticker"_s, script)); });
    gui::MonitorPanel *monitor = dispatch(f, u"ticker"_s, {});
    if (!monitor) {
        std::printf("latency: could not dispatch\n");
        return;
    }
    gui::LogView *view = monitor->logPanel()->view(gui::LogStream::Stdout);
    PaintWatch watch(view);
    view->lines()->viewport()->installEventFilter(&watch);
    const QString child = monitor->tracker()->context().response.dispatchedJobId;
    (void)QTest::qWaitFor([&] { return view->buffer().completeLines() >= lines; },
                          lines * 50 + 30000);
    QTest::qWait(100);
    view->lines()->viewport()->removeEventFilter(&watch);
    // The simulated clock against this one, and when the task started.
    qint64 offsetNs = 0, startedNs = 0;
    const qint64 before = wallNs();
    f.host().invoke([&](sim::Simulator &s) {
        offsetNs = s.clock().nowNs();
        for (const sim::SimAlloc *a : s.allocsOfJob(child))
            startedNs = a->taskStates.value(u"talk"_s).startedAt;
    });
    offsetNs -= (before + wallNs()) / 2;
    std::vector<double> late;
    size_t p = 0;
    for (int i = 1; i <= lines; ++i) {
        while (p < watch.paints.size() && watch.paints[p].lines < i)
            ++p;
        if (p == watch.paints.size())
            break;
        const qint64 writtenWall = startedNs + qint64(i - 1) * 50000000 - offsetNs;
        late.push_back((watch.paints[p].atNs - writtenWall) / 1e6);
    }
    std::printf("latency, a line every 50 ms (%d lines, %zu painted): written -> painted "
                "median %.1f ms, 95th percentile %.1f ms, slowest %.1f ms "
                "(clock offset measured to within %.1f ms)\n",
                lines, late.size(), percentile(late, 0.5), percentile(late, 0.95),
                late.empty() ? -1.0 : *std::max_element(late.begin(), late.end()),
                (wallNs() - before) / 1e6);
}

void bigLog(GuiFixture &f, int megabytes)
{
    f.host().invoke([&](sim::Simulator &s) { (void)s.registerJob(benchJob(u"biglog"_s, {})); });
    const double rssBefore = statusMb("VmRSS:");
    GapWatch gaps;
    QElapsedTimer timer;
    timer.start();
    gui::MonitorPanel *monitor =
        dispatch(f, u"biglog"_s,
                 {{u"log_bytes"_s, QString::number(megabytes) + u"M"_s}, {u"run_for"_s, u"20s"_s}});
    if (!monitor) {
        std::printf("100 MB: could not dispatch\n");
        return;
    }
    gui::LogView *view = monitor->logPanel()->view(gui::LogStream::Stdout);
    const qint64 expectedLines = qint64(megabytes) * 1024 * 1024 / 64;
    // Opening the monitor (building its tabs) is one gap of its own; the
    // streaming is measured from the first line on.
    (void)QTest::qWaitFor([&] { return view->buffer().completeLines() > 0; }, 20000);
    const double openingGap = gaps.longest;
    gaps.reset();
    auto *app = static_cast<TimedApplication *>(QCoreApplication::instance());
    app->slow.clear();
    app->recording = true;
    (void)QTest::qWaitFor(
        [&] { return view->buffer().completeLines() + view->droppedLines() >= expectedLines; },
        120000);
    app->recording = false;
    const double seconds = timer.elapsed() / 1000.0;
    QTest::qWait(500);
    std::printf("%d MB over 20 s through the Logs tab: %lld of %lld lines in %.1f s (kept %lld, "
                "dropped %lld); whole process VmRSS %.0f MB before, %.0f MB after, peak VmHWM "
                "%.0f MB; longest GUI-thread gap %.1f ms, %d over 16 ms\n",
                megabytes,
                static_cast<long long>(view->buffer().completeLines() + view->droppedLines()),
                static_cast<long long>(expectedLines), seconds,
                static_cast<long long>(view->buffer().completeLines()),
                static_cast<long long>(view->droppedLines()), rssBefore, statusMb("VmRSS:"),
                statusMb("VmHWM:"), gaps.longest, gaps.over16);
    std::printf("  the longest gap: the GUI thread on a CPU for %.1f ms of its %.1f ms; the gaps "
                "over 16 ms: on a CPU for %.1f ms of their %.1f ms\n",
                gaps.longestOnCpu, gaps.longest, gaps.onCpuOver16, gaps.sumOver16);
    std::printf("  (before the first line: opening the monitor, longest gap %.1f ms)\n",
                openingGap);
    std::sort(app->slow.begin(), app->slow.end(),
              [](const auto &a, const auto &b) { return a.ms > b.ms; });
    for (size_t i = 0; i < std::min<size_t>(app->slow.size(), 8); ++i)
        std::printf("  slow event %.1f ms: %s\n", app->slow[i].ms, qPrintable(app->slow[i].what));
}

} // namespace

int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int lines = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
    const int megabytes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;

    {
        GuiFixture f;
        if (!f.start()) {
            std::printf("could not start the simulator\n");
            return 1;
        }
        latency(f, lines);
    }
    {
        GuiFixture f;
        if (!f.start()) {
            std::printf("could not start the simulator\n");
            return 1;
        }
        bigLog(f, megabytes);
    }
    return 0;
}
