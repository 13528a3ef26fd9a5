// Decoding a 100,000-job /v1/jobs answer (about 100 MB), three ways, and the
// memory the typed list keeps. Prints figures; asserts nothing.
//   bench_joblist [jobs=100000] [rounds=5]
#include "core/decode.h"
#include "joblistgen.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <vector>

// Heap bytes in use: exact, unlike RSS, which keeps pages freed by earlier rounds.
static qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

template<typename F> static double medianMs(int rounds, F &&work)
{
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int jobs = argc > 1 ? atoi(argv[1]) : 100000;
    const int rounds = argc > 2 ? atoi(argv[2]) : 5;
    const QByteArray json = dd::test::makeJobListJson(jobs);
    std::printf("job list: %d jobs, %.1f MB of JSON, median of %d rounds\n", jobs,
                json.size() / 1e6, rounds);

    const double bare = medianMs(rounds, [&] {
        QJsonDocument doc = QJsonDocument::fromJson(json);
        if (doc.array().size() != jobs)
            std::abort();
    });
    const double viaQJson = medianMs(rounds, [&] {
        auto list = dd::decodeJobStubsWithQJson(json);
        if (!list || list->size() != jobs)
            std::abort();
    });
    const double fast = medianMs(rounds, [&] {
        auto list = dd::decodeJobStubs(json);
        if (!list || list->size() != jobs)
            std::abort();
    });
    std::printf("  QJsonDocument::fromJson (no typed values)   %8.1f ms  %6.0f MB/s\n", bare,
                json.size() / 1e3 / bare);
    std::printf("  typed JobStubs via QJsonDocument            %8.1f ms\n", viaQJson);
    std::printf("  typed JobStubs via simdjson (the app's)     %8.1f ms  %6.0f MB/s  %.2fx the "
                "bare parse\n",
                fast, json.size() / 1e3 / fast, bare / fast);

    const qint64 before = heapInUse();
    auto kept = dd::decodeJobStubs(json);
    const qint64 after = heapInUse();
    std::printf(
        "  memory kept by the typed list               %8.0f bytes per job (target < 1024)\n",
        double(after - before) / jobs);
    return kept ? 0 : 1;
}
