// How long a user's dispatch takes while the app follows many others, and how
// many connections that costs (issue 15.1). The simulator runs on its own
// thread (a real agent is another process) and holds blocking queries for
// their whole wait, as Nomad does. For 0, 10, 30 and 100 followed dispatches
// (a mix of running, blocked and finished, each followed as the app does: an
// evaluation monitor and a job waiter) it dispatches five more and prints the
// median and slowest time, the connections open at the server (most at once),
// event streams and held blocking queries, in three set-ups:
//   stream    - the app: a follow lane and one event stream per namespace
//   fallback  - the event stream refused (404): blocking queries on the follow lane
//   one lane  - before the fix: blocking queries beside the user's requests
// Prints figures; asserts nothing.
//   build-bench/tests/bench/bench_followload [counts=0,10,30,100]
#include "api/changefeed.h"
#include "api/evaluationmonitor.h"
#include "api/jobwaiter.h"
#include "api/nomadclient.h"
#include "fixtures.h"
#include "sim/faultinjector.h"
#include "sim/simulatorhost.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {

enum class Setup { Stream, Fallback, OneLane };

const char *setupName(Setup s)
{
    switch (s) {
    case Setup::Stream:
        return "stream";
    case Setup::Fallback:
        return "fallback";
    case Setup::OneLane:
        return "one lane";
    }
    return "";
}

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Figures
{
    qint64 medianMs = -1;
    qint64 slowestMs = -1;
    int failed = 0;
    QString failure;
    int peakConnections = 0;
    int openConnections = 0;
    int streams = 0;
    int heldQueries = 0;
};

Figures measure(Setup setup, int followed)
{
    Figures f;
    sim::SimulatorOptions options;
    options.loadDemoData = false;
    options.jobsDirectory = dd::test::fixtureJobsDir();
    sim::SimulatorHost host(options);
    if (!host.start()) {
        f.failure = u"the simulator did not start"_s;
        return f;
    }
    const auto sleeper = dd::test::sleepingParameterizedJob(u"sleeper"_s, 600);
    if (!sleeper) {
        f.failure = sleeper.error();
        return f;
    }
    host.invoke([&sleeper](sim::Simulator &sim) { (void)sim.registerJob(*sleeper); });
    if (setup == Setup::Fallback)
        host.faults()->failWith(404, u"404 page not found"_s, u"^/v1/event/stream"_s);

    QNetworkAccessManager network;
    QNetworkAccessManager followNetwork;
    ClientConfig config;
    config.address = host.baseUrl();
    config.timeout = std::chrono::milliseconds(5000);
    NomadClient client(&network, config);
    std::unique_ptr<ChangeFeed> feed;
    if (setup != Setup::OneLane) {
        client.setFollowNetwork(&followNetwork);
        feed = std::make_unique<ChangeFeed>(&client);
        client.setChangeFeed(feed.get());
    }

    auto followers = std::make_unique<QObject>();
    static const QStringList kinds = {u"sleeper"_s, u"huge"_s, u"report-nightly"_s};
    for (int i = 0; i < followed; ++i) {
        sim::DispatchResult dispatched;
        host.invoke([&](sim::Simulator &sim) {
            sim::DispatchRequest request;
            request.jobId = kinds[i % kinds.size()];
            if (auto r = sim.dispatch(request))
                dispatched = *r;
        });
        EvaluationMonitor::Options o;
        o.nameSpace = u"default"_s;
        o.followBlocked = true;
        o.blockingWait = std::chrono::milliseconds(300000); // the app's lists wait this long
        auto *monitor = new EvaluationMonitor(&client, dispatched.evalId, o, followers.get());
        monitor->start();
        auto *waiter =
            new JobWaiter(&client, dispatched.dispatchedJobId, u"default"_s, followers.get());
        waiter->start();
    }
    spin(followed > 0 ? 2500 : 200); // the followers settle into their waits
    host.invoke([](sim::Simulator &sim) { sim.resetConnectionCounts(); });

    QList<qint64> times;
    for (int i = 0; i < 5; ++i) {
        DispatchRequest request;
        request.jobId = u"report-nightly"_s;
        std::optional<Result<Reply<DispatchResponse>>> answer;
        QObject context;
        QElapsedTimer timer;
        timer.start();
        client.dispatch(request, {}, &context,
                        [&answer](Result<Reply<DispatchResponse>> r) { answer = std::move(r); });
        while (!answer && timer.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (!answer || !*answer) {
            ++f.failed;
            f.failure = answer ? answer->error().message() : u"no answer in 20 s"_s;
            continue;
        }
        times.append(timer.elapsed());
    }
    std::sort(times.begin(), times.end());
    if (!times.isEmpty()) {
        f.medianMs = times.at(times.size() / 2);
        f.slowestMs = times.last();
    }
    host.invoke([&f](sim::Simulator &sim) {
        f.peakConnections = sim.peakConnections();
        f.openConnections = sim.openConnections();
        f.streams = sim.openEventStreams();
        f.heldQueries = sim.pendingBlockingQueries();
    });
    followers.reset();
    feed.reset();
    return f;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<int> counts = {0, 10, 30, 100};
    if (argc > 1) {
        counts.clear();
        for (const QString &c : QString::fromLocal8Bit(argv[1]).split(u','))
            counts.append(c.toInt());
    }
    std::printf("A user's dispatch while the app follows N dispatches (5 dispatches each)\n");
    std::printf("%-9s %5s %10s %10s %7s %11s %8s %5s  %s\n", "set-up", "N", "median ms",
                "slowest ms", "failed", "conns peak", "open", "held", "streams / failure");
    for (Setup setup : {Setup::Stream, Setup::Fallback, Setup::OneLane}) {
        for (int n : counts) {
            const Figures f = measure(setup, n);
            std::printf("%-9s %5d %10lld %10lld %7d %11d %8d %5d  %d %s\n", setupName(setup), n,
                        qint64(f.medianMs), qint64(f.slowestMs), f.failed, f.peakConnections,
                        f.openConnections, f.heldQueries, f.streams,
                        f.failed ? qPrintable(f.failure.left(90)) : "");
            std::fflush(stdout);
        }
    }
    return 0;
}
