// The journal entry of one dispatch (api/dispatchrecord.h): the same entry for
// the same outcome whichever front end (app, CLI, bulk dispatch) records it,
// written and read back through the journal; and, against the simulator, what
// it says when the answer is lost: "sent once, no answer" on a server that
// ignores tokens, "sent 2 times with the same idempotency token" on one that
// honours them, with the requests counted at the server.
#include "api/dispatchrecord.h"
#include "api/jobwaiter.h"
#include "api/nomadclient.h"
#include "api/safedispatcher.h"
#include "sim/simulator.h"

#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(dd::JournalVerdict)

namespace {

const QStringList kFrontEnds{u"app"_s, u"cli"_s, u"batch"_s};

DispatchRequest sampleRequest()
{
    DispatchRequest r;
    r.jobId = u"report-nightly"_s;
    r.meta.insert(u"day"_s, u"friday"_s);
    r.payload = "payload";
    r.hasPayload = true;
    return r;
}

DispatchRecordContext contextFor(const QString &source)
{
    DispatchRecordContext c;
    c.source = source;
    c.profile = u"prod"_s;
    c.address = u"https://nomad.example:4646"_s;
    return c;
}

ApiError httpError(int status, const QString &text)
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.nomadText = text;
    return e;
}

ApiError transportError(ApiError::Transport transport)
{
    ApiError e;
    e.kind = ApiError::Kind::Transport;
    e.transport = transport;
    return e;
}

// The fields that differ between two recordings of the same dispatch.
JournalEntry comparable(JournalEntry e)
{
    e.id.clear();
    e.time = {};
    e.completedAt = {};
    e.source.clear();
    return e;
}

} // namespace

class TestDispatchRecord : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void beginEntry();
    void sameEntryFromEveryFrontEnd_data();
    void sameEntryFromEveryFrontEnd();
    void retriedEntryAddsUpAttempts();
    void laterVerdicts();
    void againstTheSimulator_data();
    void againstTheSimulator();
};

void TestDispatchRecord::beginEntry()
{
    DispatchRequest request = sampleRequest();
    request.idempotencyToken = u"given"_s;
    const JournalEntry e = beginDispatchEntry(request, contextFor(u"cli"_s));
    QCOMPARE(e.source, u"cli"_s);
    QCOMPARE(e.profile, u"prod"_s);
    QCOMPARE(e.address, u"https://nomad.example:4646"_s);
    QCOMPARE(e.jobId, u"report-nightly"_s);
    QCOMPARE(e.nameSpace, u"default"_s); // none given
    QCOMPARE(e.meta, request.meta);
    QCOMPARE(e.payloadSha256, DispatchJournal::payloadHash("payload"));
    QCOMPARE(e.payloadSize, 7);
    QCOMPARE(e.idempotencyToken, u"given"_s);
    QVERIFY(e.isOpen());
    QCOMPARE(e.verdict, JournalVerdict::None);
    QCOMPARE(e.attempts, 0);

    DispatchRecordContext inTeam = contextFor(u"app"_s);
    inTeam.nameSpace = u"team-a"_s;
    QCOMPARE(beginDispatchEntry(request, inTeam).nameSpace, u"team-a"_s);
}

void TestDispatchRecord::sameEntryFromEveryFrontEnd_data()
{
    QTest::addColumn<DispatchOutcome>("outcome");
    QTest::addColumn<JournalVerdict>("verdict");
    QTest::addColumn<QString>("child");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<QString>("sent");

    DispatchOutcome dispatched;
    dispatched.kind = DispatchOutcome::Kind::Dispatched;
    dispatched.response.dispatchedJobId = u"report-nightly/dispatch-1-a"_s;
    dispatched.response.evalId = u"e1"_s;
    dispatched.attempts = 1;
    dispatched.sent = 1;
    dispatched.answered = true;
    dispatched.idempotencyToken = u"dd-1"_s;
    QTest::newRow("dispatched") << dispatched << JournalVerdict::Dispatched
                                << u"report-nightly/dispatch-1-a"_s << true << u"sent once"_s;

    DispatchOutcome again = dispatched;
    again.response.evalId.clear();
    again.deduplicated = true;
    again.attempts = 3;
    again.sent = 3;
    QTest::newRow("already dispatched")
        << again << JournalVerdict::AlreadyDispatched << u"report-nightly/dispatch-1-a"_s << true
        << u"sent 3 times with the same idempotency token"_s;

    DispatchOutcome refused;
    refused.kind = DispatchOutcome::Kind::Failed;
    refused.error = httpError(500, u"Dispatch request included unpermitted metadata keys"_s);
    refused.attempts = 1;
    refused.sent = 1;
    refused.answered = true;
    QTest::newRow("refused") << refused << JournalVerdict::Refused << QString() << true
                             << u"sent once"_s;

    DispatchOutcome notFound = refused;
    notFound.error = httpError(404, u"parameterized job not found"_s);
    QTest::newRow("not found") << notFound << JournalVerdict::NotFound << QString() << true
                               << u"sent once"_s;

    DispatchOutcome unreachable;
    unreachable.kind = DispatchOutcome::Kind::Failed;
    unreachable.error = transportError(ApiError::Transport::ConnectionRefused);
    unreachable.attempts = 5;
    QTest::newRow("connection refused")
        << unreachable << JournalVerdict::Refused << QString() << false << u"not sent"_s;

    DispatchOutcome lost;
    lost.kind = DispatchOutcome::Kind::Unknown;
    lost.error = transportError(ApiError::Transport::RemoteClosed);
    lost.attempts = 1;
    lost.sent = 1;
    lost.idempotencyToken = u"dd-2"_s;
    QTest::newRow("answer lost, nothing found") << lost << JournalVerdict::OutcomeUnknown
                                                << QString() << false << u"sent once, no answer"_s;

    DispatchOutcome lostOne = lost;
    Job child;
    child.id = u"report-nightly/dispatch-2-b"_s;
    lostOne.possibleChildren = {child};
    QTest::newRow("answer lost, one match") << lostOne << JournalVerdict::OutcomeUnknown << child.id
                                            << false << u"sent once, no answer"_s;

    DispatchOutcome lostTwo = lostOne;
    lostTwo.possibleChildren.append(child);
    QTest::newRow("answer lost, two matches") << lostTwo << JournalVerdict::OutcomeUnknown
                                              << QString() << false << u"sent once, no answer"_s;
}

void TestDispatchRecord::sameEntryFromEveryFrontEnd()
{
    QFETCH(DispatchOutcome, outcome);
    QFETCH(JournalVerdict, verdict);
    QFETCH(QString, child);
    QFETCH(bool, answered);
    QFETCH(QString, sent);

    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"journal.jsonl"_s));
    QList<JournalEntry> made;
    for (const QString &source : kFrontEnds) {
        JournalEntry e = beginDispatchEntry(sampleRequest(), contextFor(source));
        auto begun = journal.begin(e);
        QVERIFY(begun);
        e = *begun;
        completeDispatchEntry(e, outcome);
        QVERIFY(journal.complete(e));
        QCOMPARE(e.source, source);
        QCOMPARE(e.verdict, verdict);
        QCOMPARE(e.childJobId, child);
        QCOMPARE(e.attempts, outcome.attempts);
        QCOMPARE(e.sent, outcome.sent);
        QCOMPARE(e.answered, answered);
        QCOMPARE(e.idempotencyToken, outcome.idempotencyToken);
        QCOMPARE(e.error, outcome.error ? outcome.error->referenceText() : QString());
        QCOMPARE(journalDeliveryText(e), sent);
        QCOMPARE(deliveryText(outcome), sent); // SafeDispatcher's messages say the same
        made.append(e);
    }
    QCOMPARE(comparable(made.at(1)), comparable(made.at(0)));
    QCOMPARE(comparable(made.at(2)), comparable(made.at(0)));

    // Read back, the three are still one and the same dispatch.
    const JournalLoad load = journal.load();
    QVERIFY(load.problems.isEmpty());
    QCOMPARE(load.entries.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const JournalEntry &e = load.entries.at(i);
        QCOMPARE(e.source, kFrontEnds.at(i));
        QVERIFY(!e.isOpen());
        QCOMPARE(e.verdictName(), journalVerdictName(verdict));
        QCOMPARE(journalDeliveryText(e), sent);
        QCOMPARE(comparable(e), comparable(load.entries.at(0)));
        QCOMPARE(comparable(e), comparable(made.at(i)));
    }
}

// A batch row retried with its token completes its entry again.
void TestDispatchRecord::retriedEntryAddsUpAttempts()
{
    JournalEntry e = beginDispatchEntry(sampleRequest(), contextFor(u"batch"_s));
    DispatchOutcome lost;
    lost.kind = DispatchOutcome::Kind::Unknown;
    lost.error = transportError(ApiError::Transport::RemoteClosed);
    lost.attempts = 1;
    lost.sent = 1;
    lost.idempotencyToken = u"dd-batch-x-0"_s;
    completeDispatchEntry(e, lost);
    QCOMPARE(e.verdict, JournalVerdict::OutcomeUnknown);
    QVERIFY(!e.error.isEmpty());

    DispatchOutcome found;
    found.kind = DispatchOutcome::Kind::Dispatched;
    found.deduplicated = true;
    found.response.dispatchedJobId = u"report-nightly/dispatch-3-c"_s;
    found.attempts = 1;
    found.sent = 1;
    found.answered = true;
    found.idempotencyToken = lost.idempotencyToken;
    completeDispatchEntry(e, found);
    QCOMPARE(e.verdict, JournalVerdict::AlreadyDispatched);
    QCOMPARE(e.attempts, 2);
    QCOMPARE(e.sent, 2);
    QVERIFY(e.answered);
    QVERIFY(e.error.isEmpty());
    QCOMPARE(journalDeliveryText(e), u"sent 2 times with the same idempotency token"_s);
}

void TestDispatchRecord::laterVerdicts()
{
    MonitorResult r;
    r.outcome = MonitorResult::Outcome::Complete;
    QCOMPARE(verdictAfterEvaluation(r, false), std::optional(JournalVerdict::Placed));
    QCOMPARE(verdictAfterEvaluation(r, true), std::optional<JournalVerdict>());
    r.outcome = MonitorResult::Outcome::PlacementFailed;
    QCOMPARE(verdictAfterEvaluation(r, false), std::optional(JournalVerdict::PlacementFailed));
    QCOMPARE(verdictAfterEvaluation(r, true), std::optional(JournalVerdict::PlacementFailed));
    r.outcome = MonitorResult::Outcome::EvaluationFailed;
    QCOMPARE(verdictAfterEvaluation(r, false), std::optional(JournalVerdict::EvaluationFailed));
    r.outcome = MonitorResult::Outcome::Error;
    QCOMPARE(verdictAfterEvaluation(r, false), std::optional<JournalVerdict>());
    r.outcome = MonitorResult::Outcome::Cancelled;
    QCOMPARE(verdictAfterEvaluation(r, false), std::optional<JournalVerdict>());

    JobOutcome job;
    job.complete = 1;
    QCOMPARE(verdictAfterJob(job), std::optional(JournalVerdict::Complete));
    job.lost = 1;
    QCOMPARE(verdictAfterJob(job), std::optional(JournalVerdict::Failed));
    job.lost = 0;
    job.failed = 1;
    QCOMPARE(verdictAfterJob(job), std::optional(JournalVerdict::Failed));
    job.error = transportError(ApiError::Transport::RemoteClosed);
    QCOMPARE(verdictAfterJob(job), std::optional<JournalVerdict>());
}

// SafeDispatcher's real outcomes, recorded: requests counted on the server.
void TestDispatchRecord::againstTheSimulator_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<JournalVerdict>("verdict");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QString>("sent");

    QTest::newRow("plain") << u"1.10.5"_s << QString() << JournalVerdict::Dispatched << 1
                           << u"sent once"_s;
    QTest::newRow("cut answer, 1.10")
        << u"1.10.5"_s << u"close"_s << JournalVerdict::AlreadyDispatched << 2
        << u"sent 2 times with the same idempotency token"_s;
    QTest::newRow("cut answer, 1.0") << u"1.0.18"_s << u"close"_s << JournalVerdict::OutcomeUnknown
                                     << 1 << u"sent once, no answer"_s;
    QTest::newRow("closed before any answer byte, 1.0")
        << u"1.0.18"_s << u"close-before-answer"_s << JournalVerdict::OutcomeUnknown << 1
        << u"sent once, no answer"_s;
    QTest::newRow("closed before any answer byte, 1.10")
        << u"1.10.5"_s << u"close-before-answer"_s << JournalVerdict::AlreadyDispatched << 2
        << u"sent 2 times with the same idempotency token"_s;
    QTest::newRow("503 twice, 1.10") << u"1.10.5"_s << u"503x2"_s << JournalVerdict::Dispatched << 3
                                     << u"sent 3 times with the same idempotency token"_s;
    QTest::newRow("refused") << u"1.10.5"_s << u"refused"_s << JournalVerdict::Refused << 1
                             << u"sent once"_s;
}

void TestDispatchRecord::againstTheSimulator()
{
    QFETCH(QString, version);
    QFETCH(QString, fault);
    QFETCH(JournalVerdict, verdict);
    QFETCH(int, requests);
    QFETCH(QString, sent);

    sim::SimulatorOptions options;
    options.serverVersion = version;
    sim::Simulator simulator(options);
    QVERIFY(simulator.start());
    const QString path = u"/v1/job/report-nightly/dispatch"_s;
    if (fault == u"close")
        simulator.faults().closeMidResponse(path, 1);
    else if (fault == u"close-before-answer")
        simulator.faults().transport(sim::FaultKind::CloseBeforeAnswer, path, 1);
    else if (fault == u"503x2")
        simulator.faults().failWith(503, u"Service Unavailable"_s, path, 2);
    else if (fault == u"refused")
        simulator.faults().failWith(
            500, u"Dispatch request included unpermitted metadata keys: [day]"_s, path, 1);

    QNetworkAccessManager network;
    ClientConfig config;
    config.address = simulator.baseUrl();
    config.timeout = std::chrono::milliseconds(5000);
    NomadClient client(&network, config);
    SafeDispatcher::Options dispatchOptions;
    dispatchOptions.retry =
        RetryPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(100),
                    std::chrono::milliseconds(5000)};
    SafeDispatcher dispatcher(&client, dispatchOptions);
    std::optional<DispatchOutcome> outcome;
    connect(&dispatcher, &SafeDispatcher::finished, this,
            [&outcome](const DispatchOutcome &o) { outcome = o; });

    QTemporaryDir dir;
    DispatchJournal journal(dir.filePath(u"journal.jsonl"_s));
    DispatchRecordContext context = contextFor(u"app"_s);
    context.address = simulator.baseUrl().toString();
    DispatchRequest request = sampleRequest();
    request.payload.clear(); // report-nightly takes none
    request.hasPayload = false;
    auto begun = journal.begin(beginDispatchEntry(request, context));
    QVERIFY(begun);
    dispatcher.dispatch(request, {});
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);

    QCOMPARE(simulator.requests().matching(u"PUT"_s, u"/dispatch$"_s).size(), requests);
    QCOMPARE(outcome->attempts, requests);
    JournalEntry e = *begun;
    completeDispatchEntry(e, *outcome);
    QVERIFY(journal.complete(e));
    const JournalEntry read = journal.load().entries.first();
    QVERIFY2(read.verdict == verdict, qPrintable(read.verdictName() + u": "_s + read.error));
    QCOMPARE(read.attempts, requests);
    QCOMPARE(read.sent, requests);
    QVERIFY(!read.idempotencyToken.isEmpty()); // generated, known only at completion
    QCOMPARE(journalDeliveryText(read), sent);
}

DD_TEST_GUILESS_MAIN(TestDispatchRecord)
#include "tst_dispatchrecord.moc"
