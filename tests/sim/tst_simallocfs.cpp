// After the dispatch, beyond the logs: the allocation's directory (ls, stat,
// cat, readat, the dispatched payload), resource usage, stopping and purging a
// job, stopping an allocation, the garbage collector, and the ACL capability
// each of them needs.
#include "sim/clientfiles.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

class TstSimAllocFs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void directoryTree();
    void payloadFile();
    void missingPaths_data();
    void missingPaths();
    void stats();
    void stopThenPurge();
    void stopAllocationReplacesIt();
    void garbageCollection();
    void capabilities_data();
    void capabilities();

private:
    QString dispatch(const QString &job, const QMap<QString, QString> &meta,
                     const QByteArray &payload = {});
    QString allocOf(const QString &child) const
    {
        const auto allocs = m_sim->allocsOfJob(child);
        return allocs.isEmpty() ? QString() : allocs.first()->id;
    }
    QStringList names(const HttpResult &r) const
    {
        QStringList out;
        for (const QJsonValue &e : r.json().toArray())
            out << e.toObject().value("Name"_L1).toString();
        return out;
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimAllocFs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimAllocFs::init()
{
    SimulatorOptions o;
    o.loadDemoData = false;
    o.startPaused = true;
    o.seed = 11;
    m_sim = std::make_unique<Simulator>(o);
    const auto chatty = readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
    DD_VERIFY_OK(chatty);
    QVERIFY(m_sim->registerJob(*chatty));
    const auto video = readRegisteredJob(u"video-encode"_s);
    DD_VERIFY_OK(video);
    QVERIFY(m_sim->registerJob(*video));
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimAllocFs::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QString TstSimAllocFs::dispatch(const QString &job, const QMap<QString, QString> &meta,
                                const QByteArray &payload)
{
    DispatchRequest r;
    r.jobId = job;
    r.meta = meta;
    r.payload = payload;
    const auto d = m_sim->dispatch(r);
    m_sim->clock().advance(100);
    return d ? d->dispatchedJobId : QString();
}

void TstSimAllocFs::directoryTree()
{
    const QString alloc = allocOf(dispatch(u"chatty"_s, {{u"lines"_s, u"4"_s}}));
    const QString ls = u"/v1/client/fs/ls/%1?path="_s.arg(alloc);
    QCOMPARE(names(m_client->get(ls + u"/"_s)), (QStringList{u"alloc"_s, u"talk"_s}));
    QCOMPARE(names(m_client->get(ls + u"/alloc"_s)), (QStringList{u"data"_s, u"logs"_s, u"tmp"_s}));
    QCOMPARE(names(m_client->get(ls + u"/talk"_s)),
             (QStringList{u"local"_s, u"secrets"_s, u"tmp"_s}));
    m_sim->clock().advance(2000);
    const HttpResult logs = m_client->get(ls + u"/alloc/logs"_s);
    QCOMPARE(names(logs), (QStringList{u".talk.stderr.fifo"_s, u".talk.stdout.fifo"_s,
                                       u"talk.stderr.0"_s, u"talk.stdout.0"_s}));
    const QJsonObject out = logs.json().toArray().last().toObject();
    QCOMPARE(out.value("Size"_L1).toInteger(), 44); // "out line 1\n" .. "out line 4\n"
    QCOMPARE(out.value("FileMode"_L1).toString(), u"-rw-r--r--"_s);
    const HttpResult stat =
        m_client->get(u"/v1/client/fs/stat/%1?path=/alloc/logs/talk.stdout.0"_s.arg(alloc));
    QCOMPARE(stat.json().toObject().value("ContentType"_L1).toString(),
             u"text/plain; charset=utf-8"_s);
    const HttpResult at = m_client->get(
        u"/v1/client/fs/readat/%1?path=/alloc/logs/talk.stdout.0&offset=11&limit=10"_s.arg(alloc));
    QCOMPARE(at.body, QByteArray("out line 2"));
    QCOMPARE(at.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
}

void TstSimAllocFs::payloadFile()
{
    const QByteArray payload = R"({"s3-input":"x"})";
    const QString alloc =
        allocOf(dispatch(u"video-encode"_s, {{u"input-codec"_s, u"mp4"_s}}, payload));
    m_sim->clock().advance(3000);
    const HttpResult ls = m_client->get(u"/v1/client/fs/ls/%1?path=/encode/local"_s.arg(alloc));
    QCOMPARE(names(ls), QStringList{u"input.json"_s});
    QCOMPARE(ls.json().toArray().first().toObject().value("Size"_L1).toInteger(), payload.size());
    const HttpResult cat =
        m_client->get(u"/v1/client/fs/cat/%1?path=/encode/local/input.json"_s.arg(alloc));
    QCOMPARE(cat.body, payload);
    // The task's script cat-ed it: the payload is in its log, then its echo.
    const HttpResult log =
        m_client->get(u"/v1/client/fs/logs/%1?task=encode&type=stdout&plain=true"_s.arg(alloc));
    QCOMPARE(log.body, payload + "quality=720p codec=mp4\n");
}

void TstSimAllocFs::missingPaths_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text"); // %1: the allocation's directory
    QTest::newRow("cat") << u"cat"_s << u"path=/nope"_s << 200
                         << u"stat %1/nope: no such file or directory"_s;
    QTest::newRow("readat") << u"readat"_s << u"path=/nope&offset=0&limit=1"_s << 200
                            << u"stat %1/nope: no such file or directory"_s;
    QTest::newRow("stat") << u"stat"_s << u"path=/nope"_s << 500
                          << u"stat %1/nope: no such file or directory"_s;
    QTest::newRow("ls") << u"ls"_s << u"path=/alloc/nope"_s << 500
                        << u"open %1/alloc/nope: no such file or directory"_s;
    QTest::newRow("no path") << u"cat"_s << QString() << 400 << u"must provide a file name"_s;
    QTest::newRow("bad offset") << u"readat"_s << u"path=/alloc&offset=x&limit=1"_s << 500
                                << u"error parsing offset: strconv.ParseInt: parsing \"x\": "
                                   u"invalid syntax"_s;
    QTest::newRow("escape") << u"cat"_s << u"path=/../../etc/passwd"_s << 400
                            << u"Path escapes the alloc directory"_s;
}

void TstSimAllocFs::missingPaths()
{
    QFETCH(QString, kind);
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, text);
    const QString alloc = allocOf(dispatch(u"chatty"_s, {}));
    const HttpResult r = m_client->get(u"/v1/client/fs/%1/%2?%3"_s.arg(kind, alloc, query));
    QCOMPARE(r.status, status);
    QCOMPARE(QString::fromUtf8(r.body),
             text.contains(u"%1"_s) ? text.arg(m_sim->files().allocDir() + u'/' + alloc) : text);
}

void TstSimAllocFs::stats()
{
    const QString alloc = allocOf(dispatch(u"chatty"_s, {{u"lines"_s, u"40"_s}}));
    const QString path = u"/v1/client/allocation/%1/stats"_s.arg(alloc);
    const HttpResult first = m_client->get(path);
    QCOMPARE(first.status, 200);
    const QJsonObject a = first.json().toObject();
    QCOMPARE(a.value("Timestamp"_L1).toInteger(), m_sim->clock().nowNs());
    const QJsonObject task = a.value("Tasks"_L1).toObject().value("talk"_L1).toObject();
    QCOMPARE(task.value("Pids"_L1).toObject().size(), 3);
    const double cpu1 = a.value("ResourceUsage"_L1)
                            .toObject()
                            .value("CpuStats"_L1)
                            .toObject()
                            .value("Percent"_L1)
                            .toDouble();
    const qint64 rss = a.value("ResourceUsage"_L1)
                           .toObject()
                           .value("MemoryStats"_L1)
                           .toObject()
                           .value("RSS"_L1)
                           .toInteger();
    QVERIFY(cpu1 > 0);
    QVERIFY(rss > 0 && rss <= 3 * (16 << 20));
    m_sim->clock().advance(4000);
    const double cpu2 = m_client->get(path)
                            .json()
                            .toObject()
                            .value("ResourceUsage"_L1)
                            .toObject()
                            .value("CpuStats"_L1)
                            .toObject()
                            .value("Percent"_L1)
                            .toDouble();
    QVERIFY(cpu1 != cpu2);          // varies while running
    m_sim->clock().advance(20'000); // finished: nothing runs any more
    const QJsonObject done = m_client->get(path).json().toObject();
    QVERIFY(done.value("Tasks"_L1).toObject().isEmpty());
    QCOMPARE(m_client->get(u"/v1/client/allocation/%1/stats"_s.arg(QString(36, u'0'))).status, 404);
}

void TstSimAllocFs::stopThenPurge()
{
    const QString child = dispatch(u"chatty"_s, {{u"lines"_s, u"400"_s}});
    const QString escaped = QString(child).replace(u'/', u"%2F"_s);
    const HttpResult stop = m_client->wait(m_client->start("DELETE", u"/v1/job/"_s + escaped));
    QCOMPARE(stop.status, 200);
    const QJsonObject body = stop.json().toObject();
    QCOMPARE(
        QStringList(body.keys()),
        (QStringList{u"EvalCreateIndex"_s, u"EvalID"_s, u"Index"_s, u"JobModifyIndex"_s,
                     u"KnownLeader"_s, u"LastContact"_s, u"VolumeEvalID"_s, u"VolumeEvalIndex"_s}));
    QVERIFY(!body.value("EvalID"_L1).toString().isEmpty());
    m_sim->clock().advance(1000);
    const QJsonObject job = m_client->get(u"/v1/job/"_s + escaped).json().toObject();
    QCOMPARE(job.value("Stop"_L1).toBool(), true);
    QCOMPARE(job.value("Status"_L1).toString(), u"dead"_s);
    const SimAlloc *a = m_sim->alloc(allocOf(child));
    QCOMPARE(a->desiredStatus, u"stop"_s);
    QCOMPARE(a->clientStatus, u"complete"_s);
    QCOMPARE(a->taskStates.value(u"talk"_s).events.at(4).displayMessage,
             u"Exit Code: 130, Signal: 2"_s);
    const HttpResult purge =
        m_client->wait(m_client->start("DELETE", u"/v1/job/%1?purge=true"_s.arg(escaped)));
    QCOMPARE(purge.status, 200);
    const HttpResult gone = m_client->get(u"/v1/job/"_s + escaped);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.body, QByteArray("job not found"));
    const HttpResult again =
        m_client->wait(m_client->start("DELETE", u"/v1/job/%1?purge=true"_s.arg(escaped)));
    QCOMPARE(again.status, 200); // as recorded: a new evaluation, not 404
    QVERIFY(again.json().toObject().value("EvalID"_L1).toString() !=
            purge.json().toObject().value("EvalID"_L1).toString());
}

void TstSimAllocFs::stopAllocationReplacesIt()
{
    const QString child = dispatch(u"chatty"_s, {{u"lines"_s, u"400"_s}});
    const QString old = allocOf(child);
    QCOMPARE(m_client->get(u"/v1/allocation/%1/stop"_s.arg(old)).status, 405);
    const HttpResult stop =
        m_client->wait(m_client->start("POST", u"/v1/allocation/%1/stop"_s.arg(old)));
    QCOMPARE(stop.status, 200);
    const QJsonObject body = stop.json().toObject();
    QCOMPARE(QStringList(body.keys()), (QStringList{u"EvalID"_s, u"Index"_s}));
    QCOMPARE(stop.header("X-Nomad-Index"), QByteArray::number(body.value("Index"_L1).toInteger()));
    m_sim->clock().advance(1000);
    const QJsonObject stopped = m_client->get(u"/v1/allocation/"_s + old).json().toObject();
    QCOMPARE(stopped.value("DesiredStatus"_L1).toString(), u"stop"_s);
    QCOMPARE(stopped.value("DesiredDescription"_L1).toString(), u"alloc is being migrated"_s);
    QCOMPARE(stopped.value("DesiredTransition"_L1).toObject().value("Migrate"_L1).toBool(), true);
    QCOMPARE(stopped.value("ClientStatus"_L1).toString(), u"complete"_s);
    const QString next = stopped.value("NextAllocation"_L1).toString();
    QVERIFY(!next.isEmpty());
    const SimAlloc *replacement = m_sim->alloc(next);
    QCOMPARE(replacement->evalId, body.value("EvalID"_L1).toString());
    QCOMPARE(replacement->previousAllocation, old);
    QCOMPARE(replacement->clientStatus, u"running"_s);
    QCOMPARE(m_sim->allocsOfJob(child).size(), 2);
    const HttpResult unknown =
        m_client->wait(m_client->start("POST", u"/v1/allocation/%1/stop"_s.arg(QString(36, u'0'))));
    QCOMPARE(unknown.status, 404);
}

void TstSimAllocFs::garbageCollection()
{
    const QString done = dispatch(u"chatty"_s, {{u"lines"_s, u"2"_s}});
    const QString doneAlloc = allocOf(done);
    m_sim->clock().advance(5000);
    const QString running = dispatch(u"chatty"_s, {{u"lines"_s, u"400"_s}});
    QCOMPARE(m_client->get(u"/v1/system/gc"_s).status, 405);
    const HttpResult gc = m_client->put(u"/v1/system/gc"_s, {});
    QCOMPARE(gc.status, 200);
    QVERIFY(gc.body.isEmpty());
    QVERIFY(!gc.hasHeader("Content-Type"));
    QVERIFY(!m_sim->job(done));
    QVERIFY(!m_sim->alloc(doneAlloc));
    QCOMPARE(m_client->get(u"/v1/client/fs/logs/%1?task=talk&type=stdout"_s.arg(doneAlloc)).status,
             404);
    QVERIFY(m_sim->job(running)); // still running: kept
    QVERIFY(m_sim->alloc(allocOf(running)));
    QVERIFY(m_sim->job(u"chatty"_s)); // a parameterized parent that is not stopped: kept
    QCOMPARE(m_sim->childCount(u"chatty"_s), 1);
}

void TstSimAllocFs::capabilities_data()
{
    QTest::addColumn<QString>("capability");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // %1 the allocation, %2 the escaped child
    QTest::addColumn<int>("status");
    const QString logs = u"/v1/client/fs/logs/%1?task=talk&type=stdout&plain=true"_s;
    const QString ls = u"/v1/client/fs/ls/%1?path=/"_s;
    const QString stats = u"/v1/client/allocation/%1/stats"_s;
    const QString stop = u"/v1/allocation/%1/stop"_s;
    QTest::newRow("logs: read-logs") << u"read-logs"_s << QByteArray("GET") << logs << 200;
    QTest::newRow("logs: read-fs") << u"read-fs"_s << QByteArray("GET") << logs << 200;
    QTest::newRow("logs: read-job") << u"read-job"_s << QByteArray("GET") << logs << 403;
    QTest::newRow("fs: read-fs") << u"read-fs"_s << QByteArray("GET") << ls << 200;
    QTest::newRow("fs: read-logs") << u"read-logs"_s << QByteArray("GET") << ls << 403;
    QTest::newRow("stats: read-job") << u"read-job"_s << QByteArray("GET") << stats << 200;
    QTest::newRow("stats: read-fs") << u"read-fs"_s << QByteArray("GET") << stats << 403;
    QTest::newRow("alloc stop: alloc-lifecycle")
        << u"alloc-lifecycle"_s << QByteArray("POST") << stop << 200;
    QTest::newRow("alloc stop: submit-job") << u"submit-job"_s << QByteArray("POST") << stop << 403;
    QTest::newRow("job stop: submit-job")
        << u"submit-job"_s << QByteArray("DELETE") << u"/v1/job/%2"_s << 200;
    QTest::newRow("job stop: read-job")
        << u"read-job"_s << QByteArray("DELETE") << u"/v1/job/%2?purge=true"_s << 403;
    QTest::newRow("gc: write") << u"write"_s << QByteArray("PUT") << u"/v1/system/gc"_s << 403;
    QTest::newRow("gc: management")
        << u"management"_s << QByteArray("PUT") << u"/v1/system/gc"_s << 200;
}

void TstSimAllocFs::capabilities()
{
    QFETCH(QString, capability);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    m_sim->enableAcl();
    const QString child = dispatch(u"chatty"_s, {{u"lines"_s, u"400"_s}});
    const QString alloc = allocOf(child);
    const QString secret =
        capability == "management"_L1
            ? m_sim->managementToken()
            : m_sim->createToken(u"t"_s, {{u"default"_s, {capability}}}).secretId;
    m_client->setToken(secret);
    const HttpResult r = m_client->wait(
        m_client->start(method, path.arg(alloc, QString(child).replace(u'/', u"%2F"_s))));
    QCOMPARE(r.status, status);
    if (status == 403)
        QCOMPARE(r.body, QByteArray("Permission denied"));
}

DD_TEST_GUILESS_MAIN(TstSimAllocFs)
#include "tst_simallocfs.moc"
