// Task logs of /v1/client/fs/logs: frames arriving as the simulated clock
// advances, contiguous offsets, heartbeats, plain streams, origin=end, rotation
// (MaxFileSizeMB and MaxFiles), and a big generated log read with back-pressure.
// Errors and faults: tst_simlogerrors.cpp.
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

class TstSimLogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void followFramesArriveAsTheClockAdvances();
    void followSendsEachWriteWhenWritten();
    void followPlainStderr();
    void offsetsAndOrigin_data();
    void offsetsAndOrigin();
    void emptyLogAndFinishedFollow();
    void rotation();
    void maxFilesDropsTheOldest();
    void bigGeneratedLog();

private:
    // Dispatches chatty and lets its task start; the allocation's ID.
    QString start(const QString &lines, qint64 thenMs = 100);
    QString url(const QString &alloc, const QString &query) const
    {
        return u"/v1/client/fs/logs/%1?%2"_s.arg(alloc, query);
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<TestClient> m_client;
};

void TstSimLogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstSimLogs::init()
{
    SimulatorOptions o;
    o.loadDemoData = false;
    o.startPaused = true;
    o.seed = 7;
    m_sim = std::make_unique<Simulator>(o);
    const auto chatty = readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
    DD_VERIFY_OK(chatty);
    QVERIFY(m_sim->registerJob(*chatty));
    // A job whose only output is meta log_bytes of generated lines over run_for.
    QJsonObject big = chatty->value("Job"_L1).toObject();
    big.insert("ID"_L1, u"biglog"_s);
    big.insert("Name"_L1, u"biglog"_s);
    big.insert("ParameterizedJob"_L1,
               QJsonObject{{"Payload"_L1, u"optional"_s},
                           {"MetaOptional"_L1, QJsonArray{u"log_bytes"_s, u"run_for"_s}}});
    big.insert("Meta"_L1, QJsonValue::Null);
    QJsonArray groups = big.value("TaskGroups"_L1).toArray();
    QJsonObject group = groups.first().toObject();
    QJsonObject task = group.value("Tasks"_L1).toArray().first().toObject();
    task.insert("Config"_L1, QJsonObject{{"command"_L1, u"/bin/true"_s}});
    group.insert("Tasks"_L1, QJsonArray{task});
    big.insert("TaskGroups"_L1, QJsonArray{group});
    QVERIFY(m_sim->registerJob(big));
    QVERIFY(m_sim->start());
    m_client = std::make_unique<TestClient>(m_sim->baseUrl());
}

void TstSimLogs::cleanup()
{
    m_client.reset();
    m_sim.reset();
}

QString TstSimLogs::start(const QString &lines, qint64 thenMs)
{
    DispatchRequest r;
    r.jobId = u"chatty"_s;
    r.meta.insert(u"lines"_s, lines);
    const auto d = m_sim->dispatch(r);
    if (!d)
        return {};
    m_sim->clock().advance(1);
    const auto allocs = m_sim->allocsOfJob(d->dispatchedJobId);
    m_sim->clock().advance(thenMs);
    return allocs.isEmpty() ? QString() : allocs.first()->id;
}

void TstSimLogs::followFramesArriveAsTheClockAdvances()
{
    const QString alloc = start(u"16"_s);
    QNetworkReply *reply =
        m_client->start("GET", url(alloc, u"task=talk&type=stdout&follow=true"_s));
    QByteArray bytes;
    QVERIFY(waitFor([&] {
        bytes += reply->readAll();
        return splitLogFrames(bytes).size() >= 1;
    }));
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("application/json"));
    QCOMPARE(splitLogFrames(bytes).first().value("Data"_L1).toString(),
             QString::fromLatin1(QByteArray("out line 1\n").toBase64()));
    // Each write shows up once simulated time reaches it, not before.
    for (int step = 0; step < 100; ++step) { // 5 s of simulated time, in small steps
        m_sim->clock().advance(50);
        waitFor([&] { return false; }, 5);
        bytes += reply->readAll();
    }
    waitFor([&] {
        bytes += reply->readAll();
        return bytes.contains(QByteArray("out line 16\n").toBase64());
    });
    QByteArray text;
    qint64 offset = 0;
    int data = 0, heartbeats = 0;
    for (const QJsonObject &f : splitLogFrames(bytes)) {
        if (f.isEmpty()) {
            ++heartbeats;
            continue;
        }
        ++data;
        const QByteArray chunk = QByteArray::fromBase64(f.value("Data"_L1).toString().toLatin1());
        QCOMPARE(f.value("File"_L1).toString(), u"alloc/logs/talk.stdout.0"_s);
        QCOMPARE(f.value("Offset"_L1).toInteger(), offset + chunk.size()); // contiguous
        offset += chunk.size();
        text += chunk;
    }
    QCOMPARE(text, dd::test::chattyLines("out", 1, 16));
    QVERIFY2(data >= 12, qPrintable(QString::number(data))); // about one frame per write
    QVERIFY(heartbeats >= 4);                                // {} every second
    // The task has finished; following holds the connection open, as Nomad does.
    QCOMPARE(m_sim->alloc(alloc)->clientStatus, u"complete"_s);
    QVERIFY(!reply->isFinished());
    QCOMPARE(m_sim->openLogStreams(), 1);
    reply->abort();
    reply->deleteLater();
    QTRY_COMPARE(m_sim->openLogStreams(), 0);
}

// Nomad sends a frame as the task writes (the recorded arrival times are the
// write times), so a line can be painted ~immediately: the simulator wakes a
// follow stream at the task's next write, not on a fixed poll.
void TstSimLogs::followSendsEachWriteWhenWritten()
{
    const QString alloc = start(u"5"_s);
    const qint64 startedMs = m_sim->alloc(alloc)->taskStates.value(u"talk"_s).startedAt / 1000000;
    QVERIFY(startedMs > 0);
    QNetworkReply *reply =
        m_client->start("GET", url(alloc, u"task=talk&type=stdout&follow=true"_s));
    QByteArray bytes;
    QList<qint64> lateness; // simulated ms between a write and its frame's arrival
    for (int step = 0; step < 700 && lateness.size() < 5; ++step) {
        waitFor([&] { return false; }, 1);
        bytes += reply->readAll();
        int lines = 0;
        for (const QJsonObject &f : splitLogFrames(bytes))
            lines +=
                int(QByteArray::fromBase64(f.value("Data"_L1).toString().toLatin1()).count('\n'));
        while (lateness.size() < lines) {
            const qint64 written = startedMs + 250 * lateness.size();
            lateness.append(m_sim->clock().nowMs() - written);
        }
        m_sim->clock().advance(2);
    }
    QCOMPARE(lateness.size(), 5);
    lateness.removeFirst(); // written before the stream was opened
    for (qint64 late : lateness)
        QVERIFY2(late >= 0 && late <= 12, qPrintable(QString::number(late)));
    reply->abort();
    reply->deleteLater();
}

void TstSimLogs::followPlainStderr()
{
    const QString alloc = start(u"6"_s);
    QNetworkReply *reply =
        m_client->start("GET", url(alloc, u"task=talk&type=stderr&follow=true&plain=true"_s));
    QByteArray bytes;
    QVERIFY(waitFor([&] {
        bytes += reply->readAll();
        return !bytes.isEmpty();
    }));
    QCOMPARE(bytes, QByteArray("err line 1\n"));
    QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/plain"));
    for (int step = 0; step < 40; ++step) {
        m_sim->clock().advance(50);
        waitFor([&] { return false; }, 5);
        bytes += reply->readAll();
    }
    waitFor([&] {
        bytes += reply->readAll();
        return bytes.endsWith("err line 6\n");
    });
    QCOMPARE(bytes, dd::test::chattyLines("err", 1, 6)); // no heartbeats in plain streams
    reply->abort();
    reply->deleteLater();
}

void TstSimLogs::offsetsAndOrigin_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray all = dd::test::chattyLines("out", 1, 16); // 183 bytes, as recorded
    QTest::newRow("from start") << u""_s << all;
    QTest::newRow("offset 20") << u"&offset=20"_s << all.mid(20);
    QTest::newRow("end, offset 30") << u"&origin=end&offset=30"_s << all.right(30);
    // Nomad 1.0: offset 0 from the end is the start of the newest file.
    QTest::newRow("end, offset 0") << u"&origin=end&offset=0"_s << all;
    QTest::newRow("end, offset past the start") << u"&origin=end&offset=5000"_s << all;
    QTest::newRow("offset past the end") << u"&offset=5000"_s << QByteArray();
}

void TstSimLogs::offsetsAndOrigin()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, expected);
    const QString alloc = start(u"16"_s, 10'000);
    const HttpResult r = m_client->get(url(alloc, u"task=talk&type=stdout&plain=true"_s + query));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, expected);
}

void TstSimLogs::emptyLogAndFinishedFollow()
{
    DispatchRequest r;
    r.jobId = u"biglog"_s;
    const auto d = m_sim->dispatch(r);
    QVERIFY(d);
    m_sim->clock().advance(5000);
    const QString alloc = m_sim->allocsOfJob(d->dispatchedJobId).first()->id;
    for (const QString &plain : {u"true"_s, u"false"_s}) {
        const HttpResult e = m_client->get(url(alloc, u"task=talk&type=stdout&plain="_s + plain));
        QCOMPARE(e.status, 200);
        QVERIFY(e.body.isEmpty()); // an empty log: 200 with no body
    }
    // Finished task, framed follow: only heartbeats, and the connection stays open.
    QNetworkReply *reply =
        m_client->start("GET", url(alloc, u"task=talk&type=stdout&follow=true"_s));
    QVERIFY(waitFor([&] { return m_sim->openLogStreams() == 1; }));
    QByteArray bytes;
    for (int i = 0; i < 3; ++i) {
        m_sim->clock().advance(1000);
        waitFor(
            [&] {
                bytes += reply->readAll();
                return bytes.count("{}") > i;
            },
            2000);
    }
    QCOMPARE(bytes, QByteArray("{}{}{}"));
    QVERIFY(!reply->isFinished());
    reply->abort();
    reply->deleteLater();
}

void TstSimLogs::rotation()
{
    m_sim->files().setRotateBytes(100);
    const QString alloc = start(u"16"_s, 10'000);
    const QByteArray all = dd::test::chattyLines("out", 1, 16);
    const HttpResult ls = m_client->get(u"/v1/client/fs/ls/%1?path=/alloc/logs"_s.arg(alloc));
    QStringList names;
    for (const QJsonValue &e : ls.json().toArray())
        names << e.toObject().value("Name"_L1).toString() + u':' +
                     QString::number(e.toObject().value("Size"_L1).toInteger());
    QCOMPARE(names, (QStringList{u".talk.stderr.fifo:0"_s, u".talk.stdout.fifo:0"_s,
                                 u"talk.stderr.0:100"_s, u"talk.stderr.1:83"_s,
                                 u"talk.stdout.0:100"_s, u"talk.stdout.1:83"_s}));
    // Framed: each frame names its file, and Offset counts within that file.
    const HttpResult framed = m_client->get(url(alloc, u"task=talk&type=stdout"_s));
    const QList<QJsonObject> frames = splitLogFrames(framed.body);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].value("File"_L1).toString(), u"alloc/logs/talk.stdout.0"_s);
    QCOMPARE(frames[0].value("Offset"_L1).toInteger(), 100);
    QCOMPARE(frames[1].value("File"_L1).toString(), u"alloc/logs/talk.stdout.1"_s);
    QCOMPARE(frames[1].value("Offset"_L1).toInteger(), 83);
    QCOMPARE(QByteArray::fromBase64(frames[0].value("Data"_L1).toString().toLatin1()) +
                 QByteArray::fromBase64(frames[1].value("Data"_L1).toString().toLatin1()),
             all);
    // origin=end walks back into the older file when the offset is larger than the newest.
    const HttpResult tail =
        m_client->get(url(alloc, u"task=talk&type=stdout&plain=true&origin=end&offset=90"_s));
    QCOMPARE(tail.body, all.right(90));
    const HttpResult cat =
        m_client->get(u"/v1/client/fs/cat/%1?path=/alloc/logs/talk.stdout.1"_s.arg(alloc));
    QCOMPARE(cat.body, all.mid(100));
}

void TstSimLogs::maxFilesDropsTheOldest()
{
    m_sim->files().setRotateBytes(15); // 183 bytes: 13 files, of which the job keeps 10
    const QString alloc = start(u"16"_s, 10'000);
    const HttpResult ls = m_client->get(u"/v1/client/fs/ls/%1?path=/alloc/logs"_s.arg(alloc));
    QStringList stdoutFiles;
    for (const QJsonValue &e : ls.json().toArray()) {
        const QString name = e.toObject().value("Name"_L1).toString();
        if (name.startsWith(u"talk.stdout."_s))
            stdoutFiles << name;
    }
    QCOMPARE(stdoutFiles.size(), 10);
    QVERIFY(!stdoutFiles.contains(u"talk.stdout.2"_s));
    QVERIFY(stdoutFiles.contains(u"talk.stdout.3"_s));
    const HttpResult r = m_client->get(url(alloc, u"task=talk&type=stdout&plain=true"_s));
    QCOMPARE(r.body, dd::test::chattyLines("out", 1, 16).mid(3 * 15)); // from the oldest file kept
}

void TstSimLogs::bigGeneratedLog()
{
    DispatchRequest r;
    r.jobId = u"biglog"_s;
    r.meta = {{u"log_bytes"_s, u"24M"_s}, {u"run_for"_s, u"10s"_s}};
    const auto d = m_sim->dispatch(r);
    QVERIFY(d);
    m_sim->clock().advance(5050); // about half of it written
    const QString alloc = m_sim->allocsOfJob(d->dispatchedJobId).first()->id;
    const HttpResult half =
        m_client->get(u"/v1/client/fs/stat/%1?path=/alloc/logs/talk.stdout.0"_s.arg(alloc));
    QCOMPARE(half.json().toObject().value("Size"_L1).toInteger(), 10 << 20);
    m_sim->clock().advance(6000);
    const HttpResult at = m_client->get(
        u"/v1/client/fs/readat/%1?path=/alloc/logs/talk.stdout.2&offset=64&limit=20"_s.arg(alloc));
    QCOMPARE(at.body, QByteArray("log line 0000327682 ")); // line (20 MiB + 64) / 64 + 1
    // The whole log, plain: 24 MiB across three files, sent as the reader takes it.
    QNetworkReply *reply =
        m_client->start("GET", url(alloc, u"task=talk&type=stdout&plain=true"_s));
    qint64 received = 0;
    QByteArray last;
    QVERIFY(waitFor(
        [&] {
            const QByteArray chunk = reply->readAll();
            received += chunk.size();
            last = QByteArray(last + chunk).right(64);
            return reply->isFinished();
        },
        60'000));
    received += reply->readAll().size();
    QCOMPARE(received, qint64(24) << 20);
    QVERIFY(last.startsWith("log line 0000393216 "));
    QVERIFY(last.endsWith('\n'));
    reply->deleteLater();
}

DD_TEST_GUILESS_MAIN(TstSimLogs)
#include "tst_simlogs.moc"
