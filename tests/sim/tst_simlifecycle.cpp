// The contract for what follows a dispatch: every exchange of
// tests/fixtures/nomad-1.0.18/lifecycle/lifecycle.exchanges.jsonl (task logs,
// the allocation's files, resource usage, stopping, purging, the garbage
// collector) replayed against the simulator after the same dispatches: same
// status, content type, error text, log bytes, file names and sizes, and JSON shape.
#include "sim/clientfiles.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

namespace {

// Pids are keyed by process ID, which differs by run: compared as a list.
QJsonValue lifecyclePidsAsList(const QJsonValue &v)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            out.append(lifecyclePidsAsList(e));
        return out;
    }
    if (!v.isObject())
        return v;
    QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == "Pids"_L1) {
            QJsonArray list;
            for (const QJsonValue &p : it.value().toObject())
                list.append(lifecyclePidsAsList(p));
            it.value() = list;
        } else {
            it.value() = lifecyclePidsAsList(it.value());
        }
    }
    return o;
}

// What identifies a file entry: compared exactly (times are not).
QStringList lifecycleEntryFacts(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray list = v.isArray() ? v.toArray() : QJsonArray{v};
    for (const QJsonValue &e : list) {
        const QJsonObject o = e.toObject();
        out << u"%1 %2 %3 %4 %5"_s
                   .arg(o.value("Name"_L1).toString(), o.value("FileMode"_L1).toString())
                   .arg(o.value("Size"_L1).toInteger())
                   .arg(o.value("IsDir"_L1).toBool())
                   .arg(o.value("ContentType"_L1).toString());
    }
    return out;
}

} // namespace

class TstSimLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void replay();

private:
    QString dispatchChild(Simulator &sim, const QString &job, const QMap<QString, QString> &meta,
                          const QByteArray &payload = {});
    QString allocOf(Simulator &sim, const QString &child);
};

QString TstSimLifecycle::dispatchChild(Simulator &sim, const QString &job,
                                       const QMap<QString, QString> &meta,
                                       const QByteArray &payload)
{
    DispatchRequest r;
    r.jobId = job;
    r.meta = meta;
    r.payload = payload;
    const auto result = sim.dispatch(r);
    return result ? result->dispatchedJobId : QString();
}

QString TstSimLifecycle::allocOf(Simulator &sim, const QString &child)
{
    sim.clock().advance(1);
    const auto allocs = sim.allocsOfJob(child);
    return allocs.isEmpty() ? QString() : allocs.first()->id;
}

void TstSimLifecycle::replay()
{
    const QString dir = dd::test::fixturePath(u"lifecycle"_s);
    const auto exchanges = loadExchanges(dir + u"/lifecycle.exchanges.jsonl"_s);
    DD_VERIFY_OK(exchanges);
    const auto chatty = readJsonFixture(dir + u"/chatty.register.json"_s);
    DD_VERIFY_OK(chatty);
    const auto in = readFixture(recordedDir() + u"/in.json"_s);
    DD_VERIFY_OK(in);
    const QByteArray payload = in->trimmed(); // the recorded dispatch sent its 34 bytes, no newline

    SimulatorOptions o;
    o.loadDemoData = false;
    o.startPaused = true;
    o.seed = 20261202;
    o.serverVersion = u"1.0.18"_s; // the recorded agent
    Simulator sim(o);
    for (const QString &name : {u"flaky-import"_s, u"video-encode"_s}) {
        const auto job = readRegisteredJob(name);
        DD_VERIFY_OK(job);
        QVERIFY(sim.registerJob(*job));
    }
    QVERIFY(sim.registerJob(*chatty));

    // The recorded agent's history: the same dispatches, with the recorded IDs mapped to ours.
    QMap<QString, QString> ids;
    auto child = [&](const QString &recordedJob, const QString &recordedAlloc, const QString &job,
                     const QMap<QString, QString> &meta, const QByteArray &payload = {}) {
        const QString id = dispatchChild(sim, job, meta, payload);
        ids.insert(recordedJob, id);
        if (!recordedAlloc.isEmpty()) {
            const QString alloc = allocOf(sim, id);
            ids.insert(recordedAlloc, alloc);
            ids.insert(recordedAlloc.left(8), alloc.left(8)); // the short-ID error
        }
    };
    child(u"chatty/dispatch-1796183467-26f17598"_s, {}, u"chatty"_s, {});
    child(u"chatty/dispatch-1796183785-1c7332ab"_s, u"73b63cd8-9db2-7dee-3bae-aa75f7ac85e3"_s,
          u"chatty"_s, {{u"lines"_s, u"16"_s}});
    child(u"video-encode/dispatch-1796183797-0d2c1a90"_s, u"8b4fe3dd-2f52-3059-edc2-e121653b0f88"_s,
          u"video-encode"_s, {{u"input-codec"_s, u"mp4"_s}}, payload);
    child(u"flaky-import/dispatch-1796183798-2610f1d0"_s, u"62297300-54e4-600a-b8f3-4f3f7fb6bcd7"_s,
          u"flaky-import"_s, {});
    sim.clock().advance(30'000);
    child(u"chatty/dispatch-1796183799-5e9e559d"_s, u"b91a4481-cd9a-80c8-7d33-99b75c070dd4"_s,
          u"chatty"_s, {{u"lines"_s, u"400"_s}});
    sim.clock().advance(2000);
    QVERIFY(sim.start());

    // Simulated time between exchanges, as it passed for the recording client.
    const QMap<int, qint64> advanceBefore = {{24, 1000}, {31, 1000}, {34, 1000}};
    QStringList report;
    int matched = 0;
    TestClient client(sim.baseUrl());
    for (qsizetype i = 0; i < exchanges->size(); ++i) {
        const Exchange &e = exchanges->at(i);
        if (i == 30) { // the allocation stopped next: a fresh child, running
            child(u"chatty/dispatch-1796183803-f14b80cd"_s,
                  u"b64f8ec1-7b6b-82d5-d063-d6961095e16b"_s, u"chatty"_s, {{u"lines"_s, u"400"_s}});
            sim.clock().advance(2000);
        }
        sim.clock().advance(advanceBefore.value(int(i)));
        auto mapped = [&](QString text, bool toSim) {
            // Longest first: a full ID before its 8-character prefix.
            QList<std::pair<QString, QString>> pairs;
            for (auto it = ids.begin(); it != ids.end(); ++it)
                pairs.append(toSim ? std::pair(it.key(), it.value())
                                   : std::pair(it.value(), it.key()));
            std::sort(pairs.begin(), pairs.end(),
                      [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
            for (const auto &[from, to] : pairs) {
                text.replace(QString(from).replace(u'/', u"%2F"_s),
                             QString(to).replace(u'/', u"%2F"_s));
                text.replace(from, to);
            }
            return text;
        };
        QString target = mapped(e.path, true);
        QStringList query;
        for (const auto &[k, v] : e.query)
            query << k + u'=' + v;
        if (!query.isEmpty())
            target += u'?' + query.join(u'&');
        const HttpResult r = TestClient::wait(client.start(e.method.toLatin1(), target));
        QStringList problems;
        if (r.status != e.status)
            problems << u"status %1, recorded %2 (%3)"_s.arg(r.status).arg(e.status).arg(
                QString::fromUtf8(r.body.left(200)));
        for (auto it = e.responseHeaders.begin(); it != e.responseHeaders.end(); ++it) {
            const QByteArray name = it.key().toLatin1();
            if (!r.hasHeader(name))
                problems << u"header %1 missing"_s.arg(it.key());
            else if ((name == "Content-Type" || name == "X-Nomad-Knownleader") &&
                     r.header(name) != it.value().toString().toLatin1())
                problems << u"header %1: %2, recorded %3"_s.arg(
                    it.key(), QString::fromLatin1(r.header(name)), it.value().toString());
        }
        if (e.responseHeaders.isEmpty() && r.hasHeader("Content-Type"))
            problems << u"a Content-Type that was not recorded"_s;
        if (e.responseBody.isString() || e.responseBody.isNull()) {
            // Text (error texts, plain logs, files): byte for byte, with our alloc dir named as
            // recorded.
            QString actual = mapped(QString::fromUtf8(r.body), false);
            actual.replace(sim.files().allocDir(), u"<client data dir>"_s);
            if (actual != e.responseBody.toString())
                problems << u"body \"%1\", recorded \"%2\""_s.arg(actual,
                                                                  e.responseBody.toString());
        } else {
            const QJsonValue actual = r.json();
            shapeMatches(lifecyclePidsAsList(e.responseBody), lifecyclePidsAsList(actual),
                         &problems);
            const QJsonObject frame = e.responseBody.toObject();
            if (frame.contains("Data"_L1) && actual.toObject() != frame)
                problems << u"log frame %1, recorded %2"_s.arg(
                    QString::fromUtf8(r.body), QString::fromUtf8(QJsonDocument(frame).toJson()));
            if (e.path.contains(u"/client/fs/ls/"_s) || e.path.contains(u"/client/fs/stat/"_s)) {
                if (lifecycleEntryFacts(actual) != lifecycleEntryFacts(e.responseBody))
                    problems << u"entries %1, recorded %2"_s.arg(
                        lifecycleEntryFacts(actual).join(u", "_s),
                        lifecycleEntryFacts(e.responseBody).join(u", "_s));
            }
        }
        if (problems.isEmpty())
            ++matched;
        else
            report << u"#%1 %2 %3: %4"_s.arg(i).arg(e.method, target, problems.join(u"\n      "));
    }
    qInfo("lifecycle: %d of %d exchanges matched", matched, int(exchanges->size()));
    QVERIFY2(report.isEmpty(), qPrintable(report.join(u'\n')));
}

DD_TEST_GUILESS_MAIN(TstSimLifecycle)
#include "tst_simlifecycle.moc"
