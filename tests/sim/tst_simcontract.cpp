// The contract: every exchange recorded from a real Nomad agent, replayed
// against the simulator, must answer the same status, error text, headers and
// JSON shape. IDs the simulator picks differently are mapped into later
// requests; the simulated clock is driven so that state matches the recording.
#include "sim/eventbroker.h"
#include "sim/simulator.h"
#include "simtestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;
using namespace dd::simtest;

namespace {

const QString kDispatchOnlySecret = u"0b645e2c-51e6-f39b-bc5a-26978cb9a963"_s;
const QString kDispatchReadSecret = u"f032a9b6-b21c-43a2-4cce-94e4c4fb9a17"_s;

bool looksLikeId(const QString &s)
{
    static const QRegularExpression uuid(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    return uuid.match(s).hasMatch() || s.contains(u"/dispatch-"_s);
}

// Recorded value -> the simulator's, learned from answers, applied to later requests.
struct IdMap
{
    QMap<QString, QString> ids;
    QMap<QString, QString> indexes;

    void learn(const QJsonValue &recorded, const QJsonValue &actual)
    {
        if (recorded.isString() && actual.isString()) {
            const QString r = recorded.toString();
            const QString a = actual.toString();
            if (r != a && looksLikeId(r) && looksLikeId(a) && !ids.contains(r))
                ids.insert(r, a);
        } else if (recorded.isObject() && actual.isObject()) {
            const QJsonObject ro = recorded.toObject();
            const QJsonObject ao = actual.toObject();
            for (auto it = ro.begin(); it != ro.end(); ++it) {
                if (ao.contains(it.key()))
                    learn(it.value(), ao.value(it.key()));
            }
        } else if (recorded.isArray() && actual.isArray() && recorded.toArray().size() == 1 &&
                   actual.toArray().size() == 1) {
            learn(recorded.toArray().first(), actual.toArray().first());
        }
    }

    QString apply(QString text) const
    {
        for (auto it = ids.begin(); it != ids.end(); ++it) {
            QString escapedFrom = it.key();
            QString escapedTo = it.value();
            escapedFrom.replace(u'/', u"%2F"_s);
            escapedTo.replace(u'/', u"%2F"_s);
            text.replace(escapedFrom, escapedTo);
            text.replace(it.key(), it.value());
        }
        return text;
    }
};

QByteArray requestBody(const QJsonValue &body)
{
    if (body.isString())
        return body.toString().toUtf8();
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return {};
}

} // namespace

class TstSimContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replay_data();
    void replay();
    void eventStreamShapes();

private:
    // The recorded agent's jobs, or an error naming the fixture that could not be read.
    std::expected<std::unique_ptr<Simulator>, QString>
    makeSimulator(bool acl, QMap<QString, QString> *tokens);
    void prime(Simulator &sim);
};

void TstSimContract::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

std::expected<std::unique_ptr<Simulator>, QString>
TstSimContract::makeSimulator(bool acl, QMap<QString, QString> *tokens)
{
    SimulatorOptions o;
    o.loadDemoData = false;
    o.startPaused = true;
    o.seed = 20260101;
    o.serverVersion = u"1.0.18"_s; // the recorded agent
    o.acl = acl;
    auto sim = std::make_unique<Simulator>(o);
    for (const QString &name : dd::test::recordedAgentJobs()) {
        const auto job = readRegisteredJob(name);
        if (!job)
            return std::unexpected(job.error());
        if (const auto registered = sim->registerJob(*job); !registered)
            return std::unexpected(u"job %1: %2"_s.arg(name, registered.error().message));
    }
    sim->addNamespace(u"team-a"_s, u"team a"_s);
    auto job = readRegisteredJob(u"video-encode"_s);
    if (!job)
        return std::unexpected(job.error());
    job->insert("Namespace"_L1, u"team-a"_s);
    sim->registerJob(*job);
    if (acl) {
        // The recorded tokens, as equivalent capability sets.
        const AclToken &dispatchOnly = sim->createToken(
            u"d-only"_s, QMap<QString, QStringList>{{u"default"_s, {u"dispatch-job"_s}}});
        AclPolicy policy;
        policy.name = u"dispatch-read"_s;
        policy.namespaces.insert(u"default"_s, {u"dispatch-job"_s, u"read-job"_s, u"list-jobs"_s});
        sim->addPolicy(policy);
        const AclToken &dispatchRead =
            sim->createTokenWithPolicies(u"d-read"_s, {u"dispatch-read"_s});
        tokens->insert(kDispatchOnlySecret, dispatchOnly.secretId);
        tokens->insert(kDispatchReadSecret, dispatchRead.secretId);
    }
    return sim;
}

// The state the recorded agent had built up before api-reads: the same
// dispatches, played out to the end.
void TstSimContract::prime(Simulator &sim)
{
    const auto in = readFixture(recordedDir() + u"/in.json"_s);
    DD_VERIFY_OK(in);
    const QByteArray payload = *in;
    auto dispatch = [&](const QString &job, const QByteArray &data,
                        const QMap<QString, QString> &meta, const QString &ns = u"default"_s) {
        DispatchRequest r;
        r.jobId = job;
        r.ns = ns;
        r.payload = data;
        r.meta = meta;
        const auto result = sim.dispatch(r);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        sim.clock().advance(1);
    };
    dispatch(u"huge"_s, {}, {});
    for (int i = 0; i < 5; ++i)
        dispatch(u"video-encode"_s, payload, {{u"input-codec"_s, u"mp4"_s}});
    dispatch(u"huge"_s, {}, {});
    dispatch(u"flaky-import"_s, {}, {});
    dispatch(u"fanout"_s, {}, {});
    dispatch(u"report-nightly"_s, {}, {{u"day"_s, u"friday"_s}});
    dispatch(u"video-encode"_s, payload, {{u"input-codec"_s, u"mp4"_s}}, u"team-a"_s);
    sim.clock().advance(60'000);
}

void TstSimContract::replay_data()
{
    QTest::addColumn<QString>("file");
    // The recordings replayed, named: a new recording is replayed once it is added there.
    for (const QString &file : dd::test::recordedExchangeFiles())
        QTest::newRow(qPrintable(file.section(u'.', 0, 0))) << file;
}

void TstSimContract::replay()
{
    QFETCH(QString, file);
    const bool acl = file.startsWith(u"acl."_s);
    QMap<QString, QString> tokens;
    const auto made = makeSimulator(acl, &tokens);
    DD_VERIFY_OK(made);
    Simulator *sim = made->get();
    const auto exchanges = loadExchanges(recordedDir() + u'/' + file);
    DD_VERIFY_OK(exchanges);
    if (file.startsWith(u"api-reads"_s)) {
        prime(*sim);
        if (QTest::currentTestFailed())
            return;
    }
    const auto started = sim->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error()));

    // Clock hints: the recorded client read these after the allocation started running.
    QMap<int, qint64> advanceBefore;
    if (file.startsWith(u"api-reads"_s))
        advanceBefore.insert(20, 50);

    TestClient client(sim->baseUrl());
    IdMap map;
    int matched = 0;
    QStringList report;
    for (qsizetype i = 0; i < exchanges->size(); ++i) {
        const Exchange &e = exchanges->at(i);
        if (advanceBefore.contains(int(i)))
            sim->clock().advance(advanceBefore.value(int(i)));
        QString target = map.apply(e.path);
        QStringList query;
        bool blocking = false;
        for (const auto &[k, v] : e.query) {
            QString value = map.apply(v);
            if (k == "index"_L1) {
                blocking = true;
                value = map.indexes.value(v, v);
            }
            query << QString::fromUtf8(QUrl::toPercentEncoding(k) + '=' +
                                       QUrl::toPercentEncoding(value));
        }
        if (!query.isEmpty())
            target += u'?' + query.join(u'&');
        QList<std::pair<QByteArray, QByteArray>> headers;
        for (auto it = e.requestHeaders.begin(); it != e.requestHeaders.end(); ++it) {
            if (it.key() == "X-Nomad-Token"_L1)
                headers.append(
                    {"X-Nomad-Token",
                     tokens.value(it.value().toString(), it.value().toString()).toUtf8()});
            else if (it.key() == "Content-Type"_L1)
                headers.append({"Content-Type", it.value().toString().toUtf8()});
        }
        QNetworkReply *reply =
            client.start(e.method.toLatin1(), target, requestBody(e.requestBody), headers);
        if (blocking) {
            // Drive simulated time until the blocking query answers, as real time did.
            for (int step = 0; step < 600 && !reply->isFinished(); ++step) {
                sim->clock().advance(25);
                waitFor([reply] { return reply->isFinished(); }, 5);
            }
        }
        const HttpResult r = TestClient::wait(reply);
        QStringList problems;
        if (!r.finished)
            problems << u"no answer"_s;
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
        const bool json = e.responseHeaders.value("Content-Type"_L1).toString().contains(u"json"_s);
        if (!json) {
            if (QString::fromUtf8(r.body) != e.responseBody.toString())
                problems << u"body \"%1\", recorded \"%2\""_s.arg(QString::fromUtf8(r.body),
                                                                  e.responseBody.toString());
        } else {
            const QJsonValue actual = r.json();
            shapeMatches(e.responseBody, actual, &problems);
            map.learn(e.responseBody, actual);
        }
        const QString recordedIndex = e.responseHeaders.value("X-Nomad-Index"_L1).toString();
        if (!recordedIndex.isEmpty() && r.hasHeader("X-Nomad-Index"))
            map.indexes.insert(recordedIndex, QString::fromLatin1(r.header("X-Nomad-Index")));
        if (problems.isEmpty())
            ++matched;
        else
            report << u"#%1 %2 %3: %4"_s.arg(i).arg(e.method, e.path, problems.join(u"\n      "));
    }
    qInfo("%s: %d of %d exchanges matched", qPrintable(file), matched, int(exchanges->size()));
    QVERIFY2(report.isEmpty(), qPrintable(report.join(u'\n')));
    QCOMPARE(matched, int(exchanges->size()));
}

void TstSimContract::eventStreamShapes()
{
    QMap<QString, QString> tokens;
    const auto made = makeSimulator(false, &tokens);
    DD_VERIFY_OK(made);
    Simulator *sim = made->get();
    QVERIFY(sim->start());
    const auto in = readFixture(recordedDir() + u"/in.json"_s);
    DD_VERIFY_OK(in);
    for (const QString &job : {u"video-encode"_s, u"flaky-import"_s, u"huge"_s}) {
        DispatchRequest r;
        r.jobId = job;
        if (job == "video-encode"_L1) {
            r.payload = *in;
            r.meta.insert(u"input-codec"_s, u"mp4"_s);
        }
        QVERIFY(sim->dispatch(r));
        sim->clock().advance(1);
    }
    sim->clock().advance(5000);

    // The recorded events, by topic and type.
    QMap<QString, QList<QJsonValue>> recorded;
    const auto rec = readFixture(recordedDir() + u"/event-stream.ndjson"_s);
    DD_VERIFY_OK(rec);
    QJsonObject recordedFrame;
    for (const QByteArray &line : rec->split('\n')) {
        const QJsonObject frame = QJsonDocument::fromJson(line).object();
        if (frame.isEmpty())
            continue;
        recordedFrame = frame;
        for (const QJsonValue &ev : frame.value("Events"_L1).toArray()) {
            const QJsonObject o = ev.toObject();
            recorded[o.value("Topic"_L1).toString() + u'/' + o.value("Type"_L1).toString()] << ev;
        }
    }

    TestClient client(sim->baseUrl());
    QNetworkReply *reply =
        client.start("GET", u"/v1/event/stream?topic=Job&topic=Evaluation&topic=Allocation"_s);
    QByteArray data;
    quint64 last = 0;
    const TopicFilter filter =
        TopicFilter::fromQuery({u"Job"_s, u"Evaluation"_s, u"Allocation"_s}, u"default"_s);
    for (const EventFrame &frame : sim->events().history()) {
        for (const StateEvent &e : frame.events)
            last = filter.matches(e) ? frame.index : last;
    }
    const bool complete = waitFor([&] {
        data += reply->readAll();
        return data.contains(QByteArray("\"Index\":" + QByteArray::number(last) + ",\"Events\""));
    });
    QVERIFY2(complete, qPrintable(u"last index %1, got: %2"_s.arg(last).arg(
                           QString::fromUtf8(data.right(400)))));
    QVERIFY2(reply->rawHeader("Content-Type") == "application/json", data.right(300).constData());
    reply->abort();
    reply->deleteLater();

    QSet<QString> seen;
    QStringList problems;
    int events = 0;
    const QList<QByteArray> lines = data.split('\n');
    QCOMPARE(lines.first(), QByteArray("{}"));
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty() || line == "{}")
            continue;
        const QJsonObject frame = QJsonDocument::fromJson(line).object();
        QCOMPARE(QStringList(frame.keys()), QStringList(recordedFrame.keys()));
        for (const QJsonValue &ev : frame.value("Events"_L1).toArray()) {
            ++events;
            const QJsonObject o = ev.toObject();
            const QString kind =
                o.value("Topic"_L1).toString() + u'/' + o.value("Type"_L1).toString();
            seen << kind;
            if (!recorded.contains(kind)) {
                problems << u"%1 was never recorded"_s.arg(kind);
                continue;
            }
            bool ok = false;
            for (const QJsonValue &candidate : recorded.value(kind))
                ok = ok || shapeMatches(candidate, ev, nullptr, u"$"_s, false);
            if (!ok) {
                QStringList why;
                shapeMatches(recorded.value(kind).first(), ev, &why, u"$"_s, false);
                problems << kind + u": "_s + why.join(u"; ");
            }
        }
    }
    for (const QString &kind : recorded.keys()) {
        if (!seen.contains(kind))
            problems << u"no %1 event streamed"_s.arg(kind);
    }
    qInfo("event stream: %d events in %d kinds compared", events, int(seen.size()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

DD_TEST_GUILESS_MAIN(TstSimContract)
#include "tst_simcontract.moc"
