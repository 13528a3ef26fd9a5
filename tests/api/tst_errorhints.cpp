// The hint after a failed dispatch (ApiError::dispatchHint), one function for
// the app and the CLI:
// every kind of hint, every kind of ApiError, in both quoting styles.
#include "api/apierror.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

using Kind = DispatchErrorHint::Kind;

Q_DECLARE_METATYPE(DispatchErrorHint::Kind)

namespace {

ApiError http(int status, const QString &text)
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.nomadText = text;
    e.method = "POST";
    e.url = QUrl(u"http://127.0.0.1:4646/v1/job/video-encode/dispatch"_s);
    return e;
}

ApiError of(ApiError::Kind kind, ApiError::Transport transport = ApiError::Transport::None)
{
    ApiError e;
    e.kind = kind;
    e.transport = transport;
    e.method = "POST";
    e.url = QUrl(u"http://127.0.0.1:4646/v1/job/video-encode/dispatch"_s);
    e.detail = u"Qt said so"_s;
    return e;
}

ApiError tls(TlsProblem::Kind problem)
{
    ApiError e = of(ApiError::Kind::Tls);
    TlsProblem p;
    p.kind = problem;
    e.tlsProblems.append(p);
    return e;
}

Job videoEncode(const QStringList &required, const QStringList &optional)
{
    Job job;
    job.id = u"video-encode"_s;
    job.parameterized = ParameterizedConfig{PayloadRule::Required, required, optional};
    return job;
}

} // namespace

class TestErrorHints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void dispatchHint_data();
    void dispatchHint();
    void everyErrorKindHasTheErrorsOwnHint_data();
    void everyErrorKindHasTheErrorsOwnHint();
    void capabilityHint_data();
    void capabilityHint();
};

void TestErrorHints::dispatchHint_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<bool>("jobKnown");
    QTest::addColumn<QStringList>("metaOptional");
    QTest::addColumn<int>("quotes");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("text");

    const int app = int(HintQuotes::Typographic);
    const int cli = int(HintQuotes::Plain);
    const ApiError denied = http(403, u"Permission denied"_s);
    QTest::newRow("permission denied, app")
        << denied << true << QStringList() << app << Kind::MissingCapability
        << u"The token needs the dispatch-job capability in namespace “team-a”."_s;
    QTest::newRow("permission denied, CLI")
        << denied << false << QStringList() << cli << Kind::MissingCapability
        << u"The token needs the dispatch-job capability in namespace \"team-a\"."_s;
    QTest::newRow("unknown token")
        << http(403, u"ACL token not found"_s) << true << QStringList() << app << Kind::General
        << u"The token is not known to this cluster: check that it belongs to this cluster and "
           "region, and has not been deleted or expired."_s;
    QTest::newRow("malformed token")
        << http(500, u"acl token lookup failed: index error: UUID must be 36 characters"_s) << false
        << QStringList() << cli << Kind::General
        << u"The token is malformed: a Nomad secret ID is a 36-character UUID."_s;
    const ApiError notFound = http(500, u"parameterized job not found"_s);
    QTest::newRow("job not found, app")
        << notFound << false << QStringList() << app << Kind::JobNotFound
        << u"No parameterized job “video-encode” exists in namespace “team-a”."_s;
    QTest::newRow("job not found, CLI")
        << notFound << false << QStringList() << cli << Kind::JobNotFound
        << u"No parameterized job \"video-encode\" exists in namespace \"team-a\"."_s;
    QTest::newRow("not parameterized")
        << http(500, u"Specified job \"video-encode\" is not a parameterized job"_s) << false
        << QStringList() << cli << Kind::NotParameterized
        << u"Job \"video-encode\" has no parameterized block, so it cannot be dispatched; only "
           "parameterized jobs can."_s;
    const ApiError unpermitted =
        http(500, u"Dispatch request included unpermitted metadata keys: [bogus]"_s);
    QTest::newRow("unpermitted meta")
        << unpermitted << true << QStringList{u"quality"_s} << app << Kind::RequestRefused
        << u"This job accepts only: input-codec, quality."_s;
    QTest::newRow("unpermitted meta, job unknown")
        << unpermitted << false << QStringList() << cli << Kind::RequestRefused << QString();
    QTest::newRow("missing meta")
        << http(500, u"Dispatch did not provide required meta keys: [input-codec]"_s) << true
        << QStringList() << app << Kind::RequestRefused << u"Fill in every key marked required."_s;
    QTest::newRow("missing payload")
        << http(500, u"Payload is not provided but required by parameterized job"_s) << true
        << QStringList() << app << Kind::RequestRefused << u"Load a file or type a payload."_s;
    QTest::newRow("forbidden payload")
        << http(500, u"Payload provided but forbidden by parameterized job"_s) << true
        << QStringList() << app << Kind::RequestRefused
        << u"Clear the payload: this job takes none."_s;
    QTest::newRow("payload too large")
        << http(500, u"Payload exceeds maximum size; 20000 > 16384"_s) << true << QStringList()
        << app << Kind::RequestRefused
        << u"Nomad accepts at most 16384 bytes; pass a reference to the data instead."_s;
    QTest::newRow("server error") << http(500, u"rpc error: leader unavailable"_s) << true
                                  << QStringList() << app << Kind::None << QString();
    QTest::newRow("refused connection")
        << of(ApiError::Kind::Transport, ApiError::Transport::ConnectionRefused) << true
        << QStringList() << cli << Kind::General
        << u"Check the address and port, and that the Nomad agent is running."_s;
    QTest::newRow("cancelled") << of(ApiError::Kind::Cancelled) << true << QStringList() << app
                               << Kind::None << QString();
}

void TestErrorHints::dispatchHint()
{
    QFETCH(ApiError, error);
    QFETCH(bool, jobKnown);
    QFETCH(QStringList, metaOptional);
    QFETCH(int, quotes);
    QFETCH(Kind, kind);
    QFETCH(QString, text);
    const Job job = videoEncode({u"input-codec"_s}, metaOptional);
    const DispatchErrorHint hint =
        error.dispatchHint({job.id, u"team-a"_s, jobKnown ? &job : nullptr, HintQuotes(quotes)});
    QCOMPARE(hint.kind, kind);
    QCOMPARE(hint.text, text);
}

void TestErrorHints::everyErrorKindHasTheErrorsOwnHint_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("transport") << of(ApiError::Kind::Transport, ApiError::Transport::HostNotFound)
                               << Kind::General;
    QTest::newRow("redirect") << of(ApiError::Kind::Transport, ApiError::Transport::Redirected)
                              << Kind::General;
    QTest::newRow("tls") << tls(TlsProblem::Kind::UntrustedIssuer) << Kind::General;
    QTest::newRow("tls, other") << tls(TlsProblem::Kind::Other) << Kind::None;
    QTest::newRow("timeout") << of(ApiError::Kind::Timeout) << Kind::General;
    QTest::newRow("http 502") << http(502, u"Bad Gateway"_s) << Kind::None;
    QTest::newRow("region") << http(500, u"No path to region"_s) << Kind::General;
    QTest::newRow("parse") << of(ApiError::Kind::Parse) << Kind::General;
    QTest::newRow("cancelled") << of(ApiError::Kind::Cancelled) << Kind::None;
    QTest::newRow("config") << ApiError::config(u"bad address"_s) << Kind::None;
}

void TestErrorHints::everyErrorKindHasTheErrorsOwnHint()
{
    QFETCH(ApiError, error);
    QFETCH(Kind, kind);
    const Job job = videoEncode({}, {});
    for (HintQuotes quotes : {HintQuotes::Typographic, HintQuotes::Plain}) {
        const DispatchErrorHint hint = error.dispatchHint({job.id, {}, &job, quotes});
        QCOMPARE(hint.kind, kind);
        QCOMPARE(hint.text, error.hint());
    }
}

void TestErrorHints::capabilityHint_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<int>("capability");
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QString>("hint");
    const ApiError denied = http(403, u"Permission denied"_s);
    QTest::newRow("read-job")
        << denied << int(Capability::ReadJob) << QString()
        << u"The token needs the read-job capability in namespace “default”."_s;
    QTest::newRow("list-jobs") << denied << int(Capability::ListJobs) << u"ops"_s
                               << u"The token needs the list-jobs capability in namespace “ops”."_s;
    QTest::newRow("no capability") << denied << int(Capability::None) << u"ops"_s << denied.hint();
    QTest::newRow("unknown token")
        << http(403, u"ACL token not found"_s) << int(Capability::ReadJob) << QString()
        << http(403, u"ACL token not found"_s).hint();
    QTest::newRow("timeout") << of(ApiError::Kind::Timeout) << int(Capability::ListJobs)
                             << QString() << of(ApiError::Kind::Timeout).hint();
}

void TestErrorHints::capabilityHint()
{
    QFETCH(ApiError, error);
    QFETCH(int, capability);
    QFETCH(QString, nameSpace);
    QFETCH(QString, hint);
    QCOMPARE(error.hintFor(Capability(capability), nameSpace), hint);
}

DD_TEST_GUILESS_MAIN(TestErrorHints)
#include "tst_errorhints.moc"
