// Small core pieces: Go durations, server versions, dispatch validation,
// and the reference's placement-failure lines.
#include "cli/joblisting.h"
#include "cli/monitorprinter.h"
#include "core/dispatchvalidation.h"
#include "core/goduration.h"
#include "core/serverversion.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

class TestCoreUtil : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void durations_data();
    void durations();
    void formatDurations();
    void versions();
    void validation_data();
    void validation();
    void mergedMeta();
    void allocMetrics();
    void prefixMatch_data();
    void prefixMatch();
};

void TestCoreUtil::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1 = invalid
    QTest::newRow("10s") << u"10s"_s << qint64(10000);
    QTest::newRow("5m") << u"5m"_s << qint64(300000);
    QTest::newRow("1h30m") << u"1h30m"_s << qint64(5400000);
    QTest::newRow("250ms") << u"250ms"_s << qint64(250);
    QTest::newRow("1.5s") << u"1.5s"_s << qint64(1500);
    QTest::newRow("0") << u"0"_s << qint64(0);
    QTest::newRow("bare number") << u"10"_s << qint64(-1);
    QTest::newRow("unit only") << u"s"_s << qint64(-1);
    QTest::newRow("junk") << u"10parsecs"_s << qint64(-1);
}

void TestCoreUtil::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = parseGoDuration(text);
    if (ms < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(std::chrono::duration_cast<std::chrono::milliseconds>(*parsed).count(), ms);
}

void TestCoreUtil::formatDurations()
{
    QCOMPARE(formatGoDuration(0ns), u"0s"_s);
    QCOMPARE(formatGoDuration(1500ms), u"1.5s"_s);
    QCOMPARE(formatGoDuration(90s), u"1m30s"_s);
    QCOMPARE(formatGoDuration(250ms), u"250ms"_s);
    QCOMPARE(formatGoDuration(3600s), u"1h0m0s"_s);
}

void TestCoreUtil::versions()
{
    const auto v = ServerVersion::parse(u"1.0.18"_s);
    QVERIFY(v);
    QVERIFY(!supports(v, ServerFeature::IdempotencyToken));
    QVERIFY(supports(ServerVersion::parse(u"1.2.0"_s), ServerFeature::IdempotencyToken));
    QVERIFY(supports(ServerVersion::parse(u"v1.10.5+ent"_s), ServerFeature::Priority));
    QVERIFY(!supports(ServerVersion::parse(u"1.9.7"_s), ServerFeature::Priority));
    QVERIFY(!supports(std::nullopt, ServerFeature::ListFilter));
    QVERIFY(!ServerVersion::parse(u"banana"_s));
    QCOMPARE(minimumVersion(ServerFeature::IdPrefixTemplate).toString(), u"1.4.0"_s);
}

static Job videoEncode()
{
    Job j;
    j.id = u"video-encode"_s;
    j.parameterized = ParameterizedConfig{
        PayloadRule::Required, {u"input-codec"_s}, {u"quality"_s, u"output-codec"_s}};
    j.meta.insert(u"quality"_s, u"720p"_s);
    return j;
}

void TestCoreUtil::validation_data()
{
    QTest::addColumn<int>("payloadBytes");
    QTest::addColumn<QStringList>("meta");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("valid") << 10 << QStringList{u"input-codec=mp4"_s} << QStringList{};
    QTest::newRow("missing payload")
        << 0 << QStringList{u"input-codec=mp4"_s}
        << QStringList{u"Payload is not provided but required by parameterized job"_s};
    QTest::newRow("too large") << 17000 << QStringList{u"input-codec=mp4"_s}
                               << QStringList{u"Payload exceeds maximum size; 17000 > 16384"_s};
    QTest::newRow("at limit") << 16384 << QStringList{u"input-codec=mp4"_s} << QStringList{};
    QTest::newRow("unpermitted")
        << 10 << QStringList{u"input-codec=mp4"_s, u"bogus=1"_s, u"alpha=2"_s}
        << QStringList{u"Dispatch request included unpermitted metadata keys: [alpha bogus]"_s};
    QTest::newRow("missing meta")
        << 10 << QStringList{}
        << QStringList{u"Dispatch did not provide required meta keys: [input-codec]"_s};
}

void TestCoreUtil::validation()
{
    QFETCH(int, payloadBytes);
    QFETCH(QStringList, meta);
    QFETCH(QStringList, expected);
    DispatchRequest r;
    r.payload = QByteArray(payloadBytes, 'x');
    for (const QString &kv : meta)
        r.meta.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    QStringList messages;
    for (const DispatchProblem &p : validateDispatch(videoEncode(), r))
        messages.append(p.message);
    QCOMPARE(messages, expected);

    Job forbid;
    forbid.id = u"report-nightly"_s;
    forbid.parameterized = ParameterizedConfig{PayloadRule::Forbidden, {}, {u"day"_s}};
    DispatchRequest withPayload;
    withPayload.payload = "x";
    QCOMPARE(validateDispatch(forbid, withPayload).value(0).message,
             u"Payload provided but forbidden by parameterized job"_s);
}

void TestCoreUtil::mergedMeta()
{
    const MetaMap merged =
        dd::mergedMeta(videoEncode(), {{u"input-codec"_s, u"mp4"_s}, {u"quality"_s, u"1080p"_s}});
    QCOMPARE(merged.value(u"quality"_s), u"1080p"_s);
    QCOMPARE(merged.value(u"input-codec"_s), u"mp4"_s);
    QCOMPARE(dd::mergedMeta(videoEncode(), {}).value(u"quality"_s), u"720p"_s);
    const QStringList schema = describeSchema(videoEncode());
    QVERIFY(
        schema.join(u'\n').contains(u"optional meta: quality (default \"720p\"), output-codec"_s));
}

void TestCoreUtil::allocMetrics()
{
    AllocationMetric memory;
    memory.nodesEvaluated = 1;
    memory.nodesExhausted = 1;
    memory.dimensionExhausted.insert(u"memory"_s, 1);
    memory.nodesAvailable.insert(u"dc1"_s, 1);
    QCOMPARE(cli::formatAllocMetrics(memory, u"  "_s),
             (QStringList{u"  * Resources exhausted on 1 nodes"_s,
                          u"  * Dimension \"memory\" exhausted on 1 nodes"_s}));
    AllocationMetric none;
    none.nodesAvailable.insert(u"dc9"_s, 0);
    QCOMPARE(cli::formatAllocMetrics(none, QString()),
             (QStringList{u"* No nodes were eligible for evaluation"_s,
                          u"* No nodes are available in datacenter \"dc9\""_s}));
}

void TestCoreUtil::prefixMatch_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expected"); // an ID, or "error"
    QTest::newRow("unique prefix") << u"video-enc"_s << u"video-encode"_s;
    QTest::newRow("exact among several") << u"report"_s << u"report"_s;
    QTest::newRow("ambiguous") << u"rep"_s << u"error"_s;
    QTest::newRow("no match falls back") << u"nope"_s << u"nope"_s;
    QTest::newRow("child ignored") << u"plain"_s << u"plain"_s;
}

void TestCoreUtil::prefixMatch()
{
    QFETCH(QString, prefix);
    QFETCH(QString, expected);
    auto stub = [](const QString &id, bool parameterized, const QString &parent = {}) {
        JobStub s;
        s.id = id;
        s.parameterized = parameterized;
        s.parentId = parent;
        s.type = u"batch"_s;
        s.status = u"running"_s;
        s.priority = 50;
        s.nameSpace = u"default"_s;
        return s;
    };
    const QList<JobStub> jobs = {stub(u"video-encode"_s, true), stub(u"report"_s, true),
                                 stub(u"report-nightly"_s, true), stub(u"plain-batch"_s, false),
                                 stub(u"video-encode/dispatch-1-abc"_s, false, u"video-encode"_s)};
    auto match = cli::matchJobPrefix(prefix, jobs, false);
    if (expected == u"error") {
        QVERIFY(!match);
        QVERIFY(match.error().startsWith(
            u"Prefix \"rep\" matched multiple jobs\n\nID              Type                Priority  Status   Submit Date\nreport          batch/parameterized  50"_s
                .left(40)));
        QVERIFY(match.error().contains(u"report-nightly  batch/parameterized"_s));
        return;
    }
    QVERIFY(match);
    QCOMPARE(match->id, expected);
}

DD_TEST_GUILESS_MAIN(TestCoreUtil)
#include "tst_coreutil.moc"
