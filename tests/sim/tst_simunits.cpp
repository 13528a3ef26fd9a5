// The simulator's pure functions: Go time formats, task plans read from job
// specs, filter expressions, constraints, UUID and base64 checks.
#include "sim/filterexpression.h"
#include "sim/idgenerator.h"
#include "sim/model.h"
#include "sim/nomadformat.h"
#include "sim/placement.h"
#include "sim/requestbodies.h"
#include "sim/shellscript.h"
#include "sim/taskplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace Qt::StringLiterals;
using namespace dd::sim;

class TstSimUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void goDurationText_data();
    void goDurationText();
    void parseDuration_data();
    void parseDuration();
    void rfc3339_data();
    void rfc3339();
    void scripts_data();
    void scripts();
    void scriptOutput();
    void taskPlans_data();
    void taskPlans();
    void filters_data();
    void filters();
    void constraints_data();
    void constraints();
    void uuidErrors_data();
    void uuidErrors();
    void base64_data();
    void base64();
    void seededIds();
};

void TstSimUnits::goDurationText_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << u"0s"_s;
    QTest::newRow("15s") << 15'000'000'000LL << u"15s"_s;
    QTest::newRow("1.5s") << 1'500'000'000LL << u"1.5s"_s;
    QTest::newRow("90s") << 90'000'000'000LL << u"1m30s"_s;
    QTest::newRow("24h") << 86'400'000'000'000LL << u"24h0m0s"_s;
    QTest::newRow("250ms") << 250'000'000LL << u"250ms"_s;
}

void TstSimUnits::goDurationText()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(goDuration(ns), text);
}

void TstSimUnits::parseDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ns"); // -1: invalid
    QTest::newRow("10s") << u"10s"_s << 10'000'000'000LL;
    QTest::newRow("1m30s") << u"1m30s"_s << 90'000'000'000LL;
    QTest::newRow("250ms") << u"250ms"_s << 250'000'000LL;
    QTest::newRow("1.5h") << u"1.5h"_s << 5'400'000'000'000LL;
    QTest::newRow("0") << u"0"_s << 0LL;
    QTest::newRow("no unit") << u"10"_s << -1LL;
    QTest::newRow("empty") << QString() << -1LL;
    QTest::newRow("bad unit") << u"5x"_s << -1LL;
}

void TstSimUnits::parseDuration()
{
    QFETCH(QString, text);
    QFETCH(qint64, ns);
    const auto parsed = parseGoDuration(text);
    QCOMPARE(parsed.has_value(), ns >= 0);
    if (parsed)
        QCOMPARE(*parsed, ns);
}

void TstSimUnits::rfc3339_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::newRow("recorded StartedAt")
        << 1795595584379084764LL << u"2026-11-25T08:33:04.379084764Z"_s;
    QTest::newRow("trailing zeros trimmed") << 1795595584500000000LL << u"2026-11-25T08:33:04.5Z"_s;
    QTest::newRow("whole second") << 1795595584000000000LL << u"2026-11-25T08:33:04Z"_s;
    QTest::newRow("Go's zero time") << 0LL << u"0001-01-01T00:00:00Z"_s;
}

void TstSimUnits::rfc3339()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(rfc3339Nano(ns), text);
}

void TstSimUnits::scripts_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<qint64>("runForMs");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("video-encode")
        << u"cat ${NOMAD_TASK_DIR}/input.json; echo quality=${NOMAD_META_quality}; sleep 1"_s
        << 1000LL << 0;
    QTest::newRow("flaky-import") << u"echo importing; exit 3"_s << 0LL << 3;
    QTest::newRow("and stops on failure") << u"sleep 2 && false && sleep 5"_s << 2000LL << 1;
    QTest::newRow("or recovers") << u"false || sleep 1"_s << 1000LL << 0;
    QTest::newRow("exit with the last status") << u"false; exit"_s << 0LL << 1;
    QTest::newRow("exit stops the script") << u"sleep 1; exit 0; sleep 100"_s << 1000LL << 0;
    QTest::newRow("sleep units") << u"sleep 1m\nsleep 0.5"_s << 60'500LL << 0;
    QTest::newRow("meta in sleep") << u"sleep ${NOMAD_META_wait_for}"_s << 3000LL << 0;
    QTest::newRow("quoted separators") << u"echo 'a; exit 9'; sleep 2"_s << 2000LL << 0;
    QTest::newRow("while loop (chatty)")
        << u"i=1; while [ $i -le ${NOMAD_META_wait_for} ]; do echo \"out $i\"; i=$((i+1)); "
           u"sleep 0.25; done; exit 3"_s
        << 750LL << 3;
    QTest::newRow("for loop") << u"for s in a b c; do sleep 1; done"_s << 3000LL << 0;
    QTest::newRow("if else") << u"if [ 2 -gt 1 ]; then sleep 2; else sleep 5; fi"_s << 2000LL << 0;
}

void TstSimUnits::scripts()
{
    QFETCH(QString, script);
    QFETCH(qint64, runForMs);
    QFETCH(int, exitCode);
    const ScriptOutcome o = evaluateScript(script, QJsonObject{{"wait-for"_L1, u"3"_s}});
    QCOMPARE(o.runForNs / 1'000'000, runForMs);
    QCOMPARE(o.exitCode, exitCode);
}

void TstSimUnits::scriptOutput()
{
    // What chatty.nomad's script writes, and when: the task logs are built from this.
    ShellEnvironment env;
    addMetaVariables(env.variables, {{u"lines"_s, u"3"_s}});
    env.variables.insert(u"NOMAD_TASK_DIR"_s, u"/a/t/local"_s);
    env.readFile = [](const QString &path) -> std::optional<QByteArray> {
        if (path == "/a/t/local/in.json"_L1)
            return QByteArray("{}");
        return std::nullopt;
    };
    const ShellRun run = runShellScript(
        u"cat ${NOMAD_TASK_DIR}/in.json; i=1; while [ $i -le ${NOMAD_META_lines} ]; do echo "
        u"\"out line $i\"; echo \"err line $i\" >&2; i=$((i+1)); sleep 0.25; done; "
        u"printf '%s=%d\\n' total $((i - 1)); cat /nope"_s,
        env);
    QByteArray out, err;
    QList<qint64> times;
    for (const ShellWrite &w : run.writes) {
        (w.fd == 2 ? err : out) += w.data;
        if (w.fd == 2)
            times << w.atNs / 1'000'000;
    }
    QCOMPARE(out, QByteArray("{}out line 1\nout line 2\nout line 3\ntotal=3\n"));
    QCOMPARE(err, QByteArray("err line 1\nerr line 2\nerr line 3\n"
                             "cat: /nope: No such file or directory\n"));
    QCOMPARE(times, (QList<qint64>{0, 250, 500, 750}));
    QCOMPARE(run.runForNs, 750'000'000);
    QCOMPARE(run.exitCode, 1); // the last command's status
}

void TstSimUnits::taskPlans_data()
{
    QTest::addColumn<QByteArray>("task");
    QTest::addColumn<QByteArray>("groupMeta");
    QTest::addColumn<QByteArray>("jobMeta");
    QTest::addColumn<QString>("type");
    QTest::addColumn<qint64>("runForMs");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("forever");
    QTest::newRow("sleep command")
        << QByteArray(R"({"Driver":"raw_exec","Config":{"command":"/bin/sleep","args":["2"]}})")
        << QByteArray("{}") << QByteArray("{}") << u"batch"_s << 2000LL << 0 << false;
    QTest::newRow("mock driver")
        << QByteArray(R"({"Driver":"mock_driver","Config":{"run_for":"3s","exit_code":2}})")
        << QByteArray("{}") << QByteArray("{}") << u"batch"_s << 3000LL << 2 << false;
    QTest::newRow("job meta run_for")
        << QByteArray(R"({"Driver":"raw_exec","Config":{"command":"/bin/true"}})")
        << QByteArray("{}") << QByteArray(R"({"run_for":"4s","exit_code":"5"})") << u"batch"_s
        << 4000LL << 5 << false;
    QTest::newRow("task meta beats group and job")
        << QByteArray(
               R"({"Driver":"raw_exec","Config":{"command":"/bin/true"},"Meta":{"run_for":"1s"}})")
        << QByteArray(R"({"run_for":"2s"})") << QByteArray(R"({"run_for":"3s"})") << u"batch"_s
        << 1000LL << 0 << false;
    QTest::newRow("service runs until stopped")
        << QByteArray(R"({"Driver":"raw_exec","Config":{"command":"/bin/sleep","args":["1"]}})")
        << QByteArray("{}") << QByteArray("{}") << u"service"_s << 1000LL << 0 << true;
    QTest::newRow("image entrypoint")
        << QByteArray(R"({"Driver":"docker","Config":{"image":"x"}})") << QByteArray("{}")
        << QByteArray("{}") << u"batch"_s << 1000LL << 0 << false;
}

void TstSimUnits::taskPlans()
{
    QFETCH(QByteArray, task);
    QFETCH(QByteArray, groupMeta);
    QFETCH(QByteArray, jobMeta);
    QFETCH(QString, type);
    QFETCH(qint64, runForMs);
    QFETCH(int, exitCode);
    QFETCH(bool, forever);
    const QJsonObject group{{"Meta"_L1, QJsonDocument::fromJson(groupMeta).object()}};
    const TaskPlan plan = planTask(QJsonDocument::fromJson(task).object(), group,
                                   QJsonDocument::fromJson(jobMeta).object(), type);
    QCOMPARE(plan.runForNs / 1'000'000, runForMs);
    QCOMPARE(plan.exitCode, exitCode);
    QCOMPARE(plan.forever, forever);
}

void TstSimUnits::filters_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("parent");
    QTest::addColumn<bool>("child");
    QTest::newRow("parents") << u"ParentID == \"\" and ParameterizedJob is not nil"_s << true
                             << false;
    QTest::newRow("children of") << u"ParentID == \"video-encode\""_s << false << true;
    QTest::newRow("not") << u"not (Dispatched == true)"_s << true << false;
    QTest::newRow("or") << u"Status == \"dead\" or ID == \"video-encode\""_s << true << true;
    QTest::newRow("meta key") << u"Meta[\"input-codec\"] == \"mp4\""_s << false << true;
    QTest::newRow("meta dotted") << u"Meta.quality == `720p`"_s << true << true;
    QTest::newRow("contains") << u"ID contains \"dispatch\""_s << false << true;
    QTest::newRow("matches") << u"ID matches \"^video-encode$\""_s << true << false;
    QTest::newRow("in") << u"\"dc1\" in Datacenters"_s << true << true;
    QTest::newRow("is empty") << u"ParentID is empty"_s << true << false;
    QTest::newRow("missing field") << u"Nope == \"x\""_s << false << false;
}

void TstSimUnits::filters()
{
    QFETCH(QString, expression);
    QFETCH(bool, parent);
    QFETCH(bool, child);
    const QJsonObject p =
        QJsonDocument::fromJson(R"({"ID":"video-encode","ParentID":"","Dispatched":false,
        "ParameterizedJob":{"Payload":"required"},"Meta":{"quality":"720p"},"Datacenters":["dc1"],"Status":"running"})")
            .object();
    const QJsonObject c =
        QJsonDocument::fromJson(R"({"ID":"video-encode/dispatch-1-ab","ParentID":"video-encode",
        "Dispatched":true,"ParameterizedJob":{"Payload":"required"},"Meta":{"quality":"720p","input-codec":"mp4"},
        "Datacenters":["dc1"],"Status":"dead"})")
            .object();
    const auto filter = FilterExpression::parse(expression);
    QVERIFY2(filter, qPrintable(filter ? QString() : filter.error()));
    QCOMPARE(filter->matches(p), parent);
    QCOMPARE(filter->matches(c), child);
    for (const QString &bad :
         {u"ParentID =="_s, u"== \"x\""_s, u"(ID == \"a\""_s, u"ID = \"a\""_s, u"ID == \"x"_s}) {
        const auto e = FilterExpression::parse(bad);
        QVERIFY2(!e, qPrintable(bad));
        QVERIFY(e.error().startsWith(u"failed to read filter expression: "_s));
    }
}

void TstSimUnits::constraints_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("right");
    QTest::addColumn<bool>("holds");
    QTest::newRow("kernel is linux") << u"${attr.kernel.name}"_s << u"="_s << u"linux"_s << true;
    QTest::newRow("kernel is windows")
        << u"${attr.kernel.name}"_s << u"="_s << u"windows"_s << false;
    QTest::newRow("not") << u"${attr.kernel.name}"_s << u"!="_s << u"windows"_s << true;
    QTest::newRow("regexp") << u"${node.unique.name}"_s << u"regexp"_s << u"^v"_s << true;
    QTest::newRow("version") << u"${attr.nomad.version}"_s << u"version"_s << u">= 1.2, < 2.0"_s
                             << true;
    QTest::newRow("set_contains") << u"${meta.roles}"_s << u"set_contains"_s << u"gpu,io"_s << true;
    QTest::newRow("set_contains_any")
        << u"${meta.roles}"_s << u"set_contains_any"_s << u"x,io"_s << true;
    QTest::newRow("is_set") << u"${meta.roles}"_s << u"is_set"_s << QString() << true;
    QTest::newRow("is_not_set") << u"${meta.zone}"_s << u"is_not_set"_s << QString() << true;
    QTest::newRow("datacenter") << u"${node.datacenter}"_s << u"=="_s << u"dc1"_s << true;
    QTest::newRow("unknown attribute") << u"${attr.gpu.count}"_s << u">="_s << u"1"_s << false;
}

void TstSimUnits::constraints()
{
    QFETCH(QString, left);
    QFETCH(QString, op);
    QFETCH(QString, right);
    QFETCH(bool, holds);
    SimNode node;
    node.name = u"vm"_s;
    node.attributes = {{u"kernel.name"_s, u"linux"_s}, {u"nomad.version"_s, u"1.10.5"_s}};
    node.meta = {{u"roles"_s, u"gpu,io,web"_s}};
    const QJsonObject c{{"LTarget"_L1, left}, {"Operand"_L1, op}, {"RTarget"_L1, right}};
    QCOMPARE(constraintHolds(c, node), holds);
    QCOMPARE(constraintKey(c), left + u' ' + op + u' ' + right);
}

void TstSimUnits::uuidErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << u"0b645e2c-51e6-f39b-bc5a-26978cb9a963"_s << QString();
    QTest::newRow("short") << u"not-a-uuid"_s << u"UUID must be 36 characters"_s;
    QTest::newRow("hyphens") << u"0b645e2c051e6-f39b-bc5a-26978cb9a963"_s
                             << u"UUID improperly formatted"_s;
    QTest::newRow("not hex") << u"0b645e2g-51e6-f39b-bc5a-26978cb9a963"_s
                             << u"Invalid UUID: encoding/hex: invalid byte: U+0067 'g'"_s;
}

void TstSimUnits::uuidErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QCOMPARE(uuidFormatError(text), error);
}

void TstSimUnits::base64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("ok") << u"aGk="_s << QByteArray("hi") << QString();
    QTest::newRow("no padding") << u"aGk"_s << QByteArray()
                                << u"illegal base64 data at input byte 0"_s;
    QTest::newRow("bad char") << u"a$=="_s << QByteArray()
                              << u"illegal base64 data at input byte 1"_s;
    QTest::newRow("url alphabet") << u"a-8="_s << QByteArray()
                                  << u"illegal base64 data at input byte 1"_s;
}

void TstSimUnits::base64()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const auto decoded = decodeStdBase64(text);
    QCOMPARE(decoded.has_value(), error.isEmpty());
    if (decoded)
        QCOMPARE(*decoded, bytes);
    else
        QCOMPARE(decoded.error(), error);
}

void TstSimUnits::seededIds()
{
    IdGenerator a(99), b(99);
    const QString id = a.uuid();
    QCOMPARE(id, b.uuid());
    QVERIFY(uuidFormatError(id).isEmpty());
    QCOMPARE(a.hex(8).size(), 8);
}

DD_TEST_GUILESS_MAIN(TstSimUnits)
#include "tst_simunits.moc"
