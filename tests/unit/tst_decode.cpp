// Decoders against every answer recorded from a real Nomad agent, and against
// hostile answers that must become errors, never crashes.
#include "core/decode.h"
#include "joblistgen.h"
#include "recordings.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestDecode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void recordedBodies_data();
    void recordedBodies();
    void placementFailureMetrics();
    void childJobCarriesPayloadAndMeta();
    void parameterizedSchema();
    void agentVersion();
    void hostile_data();
    void hostile();
    void nullListIsEmpty();
    void encodeDispatch();
    void fastListMatchesReference_data();
    void fastListMatchesReference();
};

void TestDecode::recordedBodies_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("loadError"); // a recording that could not be read
    // The recordings whose answers are decoded (fixtures.h names them).
    for (const QString &file : test::recordedExchangeFiles()) {
        const auto exchanges = test::loadExchanges(test::recordedDir() + u'/' + file);
        if (!exchanges) {
            QTest::addRow("%s", qPrintable(file)) << QString() << QByteArray() << exchanges.error();
            continue;
        }
        int n = 0;
        for (const test::Exchange &e : *exchanges) {
            ++n;
            if (e.status != 200)
                continue;
            QTest::addRow("%s#%d %s", qPrintable(file), n, qPrintable(e.path))
                << e.path << e.responseBytes << QString();
        }
    }
}

// Picks the decoder the client uses for a path; returns the error text or empty.
static QString decodeFor(const QString &path, const QByteArray &body)
{
    auto err = [](const auto &r) { return r ? QString() : r.error().message; };
    static const QRegularExpression child(u"^/v1/job/[^/]+$"_s);
    if (path == u"/v1/jobs")
        return err(decodeJobStubs(body));
    if (path.endsWith(u"/dispatch"))
        return err(decodeDispatchResponse(body));
    if (path.endsWith(u"/summary"))
        return err(decodeJobSummary(body));
    if (path.endsWith(u"/allocations"))
        return err(decodeAllocations(body));
    if (path.endsWith(u"/evaluations") || path == u"/v1/evaluations")
        return err(decodeEvaluations(body));
    if (path.startsWith(u"/v1/evaluation/"))
        return err(decodeEvaluation(body));
    if (path.startsWith(u"/v1/allocation/"))
        return err(decodeAllocation(body));
    if (child.match(path).hasMatch())
        return err(decodeJob(body));
    if (path == u"/v1/agent/self")
        return err(decodeAgentSelf(body));
    if (path == u"/v1/acl/token/self")
        return err(decodeAclToken(body));
    if (path == u"/v1/namespaces")
        return err(decodeNamespaces(body));
    if (path == u"/v1/nodes")
        return err(decodeNodes(body));
    if (path == u"/v1/regions")
        return err(decodeStringList(body));
    if (path == u"/v1/status/leader")
        return err(decodeJsonString(body));
    return u"skip"_s;
}

void TestDecode::recordedBodies()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, loadError);
    QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
    const QString error = decodeFor(path, body);
    if (error == u"skip")
        QSKIP("no decoder is used for this endpoint");
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// The first successful GET of pathStart... in a recording, or an error naming the file.
static std::expected<test::Exchange, QString> findExchange(const QString &file,
                                                           const QString &pathStart)
{
    const QString path = test::recordedDir() + u'/' + file;
    const auto exchanges = test::loadExchanges(path);
    if (!exchanges)
        return std::unexpected(exchanges.error());
    for (const test::Exchange &e : *exchanges) {
        if (e.path.startsWith(pathStart) && e.status == 200 && e.method == u"GET")
            return e;
    }
    return std::unexpected(u"fixture %1 has no GET %2... answered 200"_s.arg(path, pathStart));
}

void TestDecode::placementFailureMetrics()
{
    const auto e =
        findExchange(u"dispatch-placement-failure.exchanges.jsonl"_s, u"/v1/evaluation/"_s);
    DD_VERIFY_OK(e);
    auto eval = decodeEvaluation(e->responseBytes);
    QVERIFY(eval);
    QCOMPARE(eval->status, u"complete"_s);
    QVERIFY(!eval->blockedEval.isEmpty());
    QVERIFY(eval->failedTgAllocs.contains(u"g"_s));
    const AllocationMetric m = eval->failedTgAllocs.value(u"g"_s);
    QCOMPARE(m.nodesEvaluated, 1);
    QCOMPARE(m.nodesExhausted, 1);
    QCOMPARE(m.dimensionExhausted.value(u"memory"_s), 1);
    QCOMPARE(m.nodesAvailable.value(u"dc1"_s), 1);
    QCOMPARE(m.coalescedFailures, 0);

    const auto c =
        findExchange(u"dispatch-constraint-filtered.exchanges.jsonl"_s, u"/v1/evaluation/"_s);
    DD_VERIFY_OK(c);
    auto constrained = decodeEvaluation(c->responseBytes);
    QVERIFY(constrained);
    const AllocationMetric cm = constrained->failedTgAllocs.value(u"render"_s);
    QCOMPARE(cm.constraintFiltered.value(u"${attr.kernel.name} = windows"_s), 1);
    QCOMPARE(cm.coalescedFailures, 1);
}

void TestDecode::childJobCarriesPayloadAndMeta()
{
    const auto e = findExchange(u"api-reads.exchanges.jsonl"_s, u"/v1/job/video-encode%2F"_s);
    DD_VERIFY_OK(e);
    auto job = decodeJob(e->responseBytes);
    QVERIFY(job);
    QVERIFY(job->dispatched);
    QCOMPARE(job->parentId, u"video-encode"_s);
    QVERIFY(!job->payload.isEmpty());
    QVERIFY(job->meta.contains(u"quality"_s));
    QVERIFY(!job->isParameterizedParent());
}

void TestDecode::parameterizedSchema()
{
    const auto e = findExchange(u"api-reads.exchanges.jsonl"_s, u"/v1/job/video-encode"_s);
    DD_VERIFY_OK(e);
    auto job = decodeJob(e->responseBytes);
    QVERIFY(job);
    QVERIFY(job->isParameterizedParent());
    QCOMPARE(job->parameterized->payload, PayloadRule::Required);
    QCOMPARE(job->parameterized->metaRequired, QStringList{u"input-codec"_s});
    QCOMPARE(job->parameterized->metaOptional, (QStringList{u"quality"_s, u"output-codec"_s}));
    QCOMPARE(job->meta.value(u"quality"_s), u"720p"_s);
    QCOMPARE(job->taskGroups.size(), 1);
    QCOMPARE(job->taskGroups.first().name, u"encode"_s);
}

void TestDecode::agentVersion()
{
    const auto e = findExchange(u"api-reads.exchanges.jsonl"_s, u"/v1/agent/self"_s);
    DD_VERIFY_OK(e);
    auto agent = decodeAgentSelf(e->responseBytes);
    QVERIFY(agent);
    QCOMPARE(agent->version, u"1.0.18"_s);
    QCOMPARE(agent->region, u"global"_s);
    QVERIFY(!agent->aclEnabled);
}

void TestDecode::hostile_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    // kind 0 = evaluation, 1 = job list, 2 = allocation list, 3 = job, 4 = dispatch
    QTest::newRow("empty") << 0 << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("truncated") << 0 << QByteArray(R"({"ID": "abc", "Status": "comp)")
                               << u"not valid JSON"_s;
    QTest::newRow("html") << 1 << QByteArray("<html>502 Bad Gateway</html>") << u"not valid JSON"_s;
    QTest::newRow("array for object") << 0 << QByteArray("[]") << u"expected a JSON object"_s;
    QTest::newRow("object for array") << 1 << QByteArray("{}") << u"expected a JSON array"_s;
    QTest::newRow("missing ID") << 0 << QByteArray(R"({"Status":"complete"})")
                                << u"\"ID\" is missing"_s;
    QTest::newRow("status number")
        << 0 << QByteArray(R"({"ID":"a","Status":3})") << u"\"Status\" should be a string"_s;
    QTest::newRow("metrics wrong")
        << 0
        << QByteArray(R"({"ID":"a","FailedTGAllocs":{"g":{"DimensionExhausted":{"memory":"x"}}}})")
        << u"DimensionExhausted"_s;
    QTest::newRow("list item string") << 1 << QByteArray(R"(["x"])") << u"item 0"_s;
    QTest::newRow("task events not array")
        << 2 << QByteArray(R"([{"ID":"a","TaskStates":{"t":{"Events":{}}}}])") << u"Events"_s;
    QTest::newRow("payload not base64")
        << 3 << QByteArray(R"({"ID":"a","Payload":"***"})") << u"base64"_s;
    QTest::newRow("schema rule unknown")
        << 3 << QByteArray(R"({"ID":"a","ParameterizedJob":{"Payload":"sometimes"}})")
        << u"sometimes"_s;
    QTest::newRow("dispatch without child")
        << 4 << QByteArray(R"({"EvalID":"x"})") << u"DispatchedJobID"_s;
    QTest::newRow("index string") << 0 << QByteArray(R"({"ID":"a","ModifyIndex":"9"})")
                                  << u"ModifyIndex"_s;
    QTest::newRow("deep nesting") << 0 << QByteArray(100000, '[') << u"not valid JSON"_s;
}

void TestDecode::hostile()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QString error;
    switch (kind) {
    case 0: {
        auto r = decodeEvaluation(body);
        QVERIFY(!r);
        error = r.error().message;
        break;
    }
    case 1: {
        auto r = decodeJobStubs(body);
        QVERIFY(!r);
        error = r.error().message;
        break;
    }
    case 2: {
        auto r = decodeAllocations(body);
        QVERIFY(!r);
        error = r.error().message;
        break;
    }
    case 3: {
        auto r = decodeJob(body);
        QVERIFY(!r);
        error = r.error().message;
        break;
    }
    case 4: {
        auto r = decodeDispatchResponse(body);
        QVERIFY(!r);
        error = r.error().message;
        break;
    }
    }
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestDecode::nullListIsEmpty()
{
    auto r = decodeAllocations("null");
    QVERIFY(r);
    QVERIFY(r->isEmpty());
}

void TestDecode::encodeDispatch()
{
    DispatchRequest req;
    req.jobId = u"video-encode"_s;
    req.payload = QByteArray("\x00\xff\x10", 3);
    req.hasPayload = true;
    req.meta.insert(u"input-codec"_s, u"mp4"_s);
    req.idPrefixTemplate = u"nightly"_s;
    req.priority = 70;
    const QByteArray json = encodeDispatchRequest(req);
    QVERIFY(json.contains(R"("JobID":"video-encode")"));
    QVERIFY(json.contains(R"("Payload":"AP8Q")"));
    QVERIFY(json.contains(R"("Meta":{"input-codec":"mp4"})"));
    QVERIFY(json.contains(R"("IdPrefixTemplate":"nightly")"));
    QVERIFY(json.contains(R"("Priority":70)"));
    DispatchRequest bare;
    bare.jobId = u"x"_s;
    QCOMPARE(encodeDispatchRequest(bare), QByteArray(R"({"JobID":"x","Meta":{}})"));
}

void TestDecode::fastListMatchesReference_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("loadError");
    const auto recorded =
        test::loadExchanges(test::recordedDir() + u"/api-reads.exchanges.jsonl"_s);
    if (!recorded)
        QTest::newRow("recorded") << QByteArray() << recorded.error();
    for (const test::Exchange &e : recorded.value_or(QList<test::Exchange>())) {
        if (e.path == u"/v1/jobs")
            QTest::addRow("recorded %s", qPrintable(e.query.value(u"prefix"_s).toString()))
                << e.responseBytes << QString();
    }
    QTest::newRow("generated 2000") << test::makeJobListJson(2000) << QString();
    QTest::newRow("unicode and escapes")
        << QByteArray(
               R"([{"ID":"caf\u00e9/\"x\"","Name":"caf\u00e9/\"x\"","Datacenters":["d\u00fc"],"Priority":7,"ParameterizedJob":true,"SubmitTime":1795595492589376303}])")
        << QString();
    // Keys repeat and come in any order (found by fuzz_decode): the last one
    // wins, and the summary's namespace counts only when the stub has none.
    QTest::newRow("repeated summary, the last without a namespace")
        << QByteArray("[{\"ID\":\"a\",\"JobSummary\":{\"Namespace\":\"default\"},\"JobSummary\":{"
                      "\"Lamespace\":\"x\"}}]")
        << QString();
    QTest::newRow("namespace after the summary")
        << QByteArray("[{\"ID\":\"a\",\"JobSummary\":{\"Namespace\":\"s\"},\"Namespace\":\"top\"}]")
        << QString();
    QTest::newRow("empty namespace after the summary")
        << QByteArray("[{\"ID\":\"a\",\"JobSummary\":{\"Namespace\":\"s\"},\"Namespace\":\"\"}]")
        << QString();
}

void TestDecode::fastListMatchesReference()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, loadError);
    QVERIFY2(loadError.isEmpty(), qPrintable(loadError));
    auto fast = decodeJobStubs(body);
    auto reference = decodeJobStubsWithQJson(body);
    QVERIFY2(fast, qPrintable(fast ? QString() : fast.error().message));
    QVERIFY(reference);
    QCOMPARE(fast->size(), reference->size());
    for (qsizetype i = 0; i < fast->size(); ++i)
        QVERIFY2(fast->at(i) == reference->at(i), qPrintable(fast->at(i).id));
}

DD_TEST_GUILESS_MAIN(TestDecode)
#include "tst_decode.moc"
