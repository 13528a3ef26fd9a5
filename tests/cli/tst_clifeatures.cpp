// dispatch-desk-cli beyond the recordings: the later flags, prefix lookup,
// ACL answers, tokens kept out of files, history, presets and bulk dispatch.
#include "clitestsupport.h"
#include "core/batchplan.h"
#include "core/presetstore.h"
#include "recordings.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

// The recorded payload, handed to the CLI by path (initTestCase checks it is there).
static QString inJson()
{
    return fixturePath(u"recorded/in.json"_s);
}

class TestCliFeatures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(requireFixtures({inJson()}));
    }
    void waitSucceeds();
    void waitReportsFailedAllocation();
    void idempotencyTokenRepeat();
    void oldServerWarnsAboutIgnoredFeatures();
    void idPrefixTemplateAndPriority();
    void ambiguousPrefix();
    void aclAnswers_data();
    void aclAnswers();
    void tokenNeverWrittenToDisk();
    void openUi();
    void presetFromTheApp();
    void jobList();
    void batchDispatchAndRerun();
    void batchRefusesInvalidRowsBeforeSending();
    void batchTokensAreTheAppsForAPrefix();
    void historyJson();
    void helpAndVersion();
    void savedProfile();
    void badSkipVerifyIsWarnedByEveryCommand();
};

void TestCliFeatures::waitSucceeds()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s, 50.0);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-wait"_s, u"-meta"_s,
                               u"input-codec=mp4"_s, u"video-encode"_s, inJson()},
                              cliEnvironment(sim->baseUrl().toString(), dir));
    QVERIFY2(run.finished, run.err.constData());
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    // Blocking queries report states as they are seen: on a slow machine (sanitizers) the
    // allocation may already be complete when "running" would have been read.
    QVERIFY2(
        out.contains(QRegularExpression(
            u"Allocation \"[0-9a-f]{8}\" status changed: \"(pending|running)\" -> \"complete\""_s)),
        qPrintable(out));
    QVERIFY(out.contains(u"finished: 1 complete, 0 failed"_s));
}

void TestCliFeatures::waitReportsFailedAllocation()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s, 50.0);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-wait"_s, u"flaky-import"_s},
                              cliEnvironment(sim->baseUrl().toString(), dir));
    QCOMPARE(run.exitCode, 2);
    QVERIFY(QString::fromUtf8(run.out).contains(u"finished: 0 complete, 1 failed"_s));
}

void TestCliFeatures::idempotencyTokenRepeat()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const QStringList args{u"job"_s, u"dispatch"_s, u"-detach"_s,
                           u"-idempotency-token=nightly-2026-11-25"_s, u"report-nightly"_s};
    const CliRun first = runCli(args, env);
    QCOMPARE(first.exitCode, 0);
    QVERIFY(first.out.contains("Evaluation ID"));
    const CliRun second = runCli(args, env);
    QCOMPARE(second.exitCode, 0);
    // The reference prints only the child's ID when the token was seen before.
    QVERIFY2(!second.out.contains("Evaluation ID"), second.out.constData());
    QCOMPARE(first.out.split('\n').first(), second.out.split('\n').first());
    QCOMPARE(sim->childCount(u"report-nightly"_s), 1);
}

void TestCliFeatures::oldServerWarnsAboutIgnoredFeatures()
{
    const auto cluster = startRecordedCluster(u"1.0.18"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-idempotency-token=t1"_s,
                               u"-priority=80"_s, u"report-nightly"_s},
                              cliEnvironment(sim->baseUrl().toString(), dir));
    QCOMPARE(run.exitCode, 0);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(
        err.contains(u"Warning: Nomad 1.0.18 ignores idempotency tokens (supported from 1.2.0)."_s),
        qPrintable(err));
    QVERIFY(err.contains(u"ignores dispatch priority (supported from 1.10.0)"_s));
}

void TestCliFeatures::idPrefixTemplateAndPriority()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run =
        runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-id-prefix-template=nightly"_s,
                u"-priority=80"_s, u"report-nightly"_s},
               cliEnvironment(sim->baseUrl().toString(), dir));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith("Dispatched Job ID = report-nightly/dispatch-nightly-"),
             run.out.constData());
    const QStringList children = sim->childIds(u"report-nightly"_s);
    QCOMPARE(children.size(), 1);
    QCOMPARE(sim->job(children.first())->priority(), 80);
}

void TestCliFeatures::ambiguousPrefix()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    auto registered = readRegisteredJob(u"video-encode"_s);
    DD_VERIFY_OK(registered);
    QJsonObject job = *registered;
    job.insert(u"ID"_s, u"video-encode-hd"_s);
    job.insert(u"Name"_s, u"video-encode-hd"_s);
    QVERIFY(sim->registerJob(job));
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const CliRun ambiguous = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-meta"_s,
                                     u"input-codec=x"_s, u"video"_s, inJson()},
                                    env);
    QCOMPARE(ambiguous.exitCode, 1);
    const QString err = QString::fromUtf8(ambiguous.err);
    QVERIFY2(err.startsWith(u"Prefix \"video\" matched multiple jobs\n\nID               Type"_s),
             qPrintable(err));
    QVERIFY(err.contains(u"video-encode-hd  batch/parameterized  50"_s));
    QCOMPARE(sim->childCount(u"video-encode"_s) + sim->childCount(u"video-encode-hd"_s), 0);
    // An exact ID among several matches wins.
    const CliRun exact = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-meta"_s,
                                 u"input-codec=x"_s, u"video-encode"_s, inJson()},
                                env);
    QCOMPARE(exact.exitCode, 0);
    QCOMPARE(sim->childCount(u"video-encode"_s), 1);
}

void TestCliFeatures::aclAnswers_data()
{
    QTest::addColumn<QString>("tokenKind");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("referenceLine");
    QTest::addColumn<QString>("hint");
    QTest::addColumn<int>("children");
    QTest::newRow("no token")
        << u"none"_s << 1
        << u"Failed to dispatch job: Unexpected response code: 403 (Permission denied)"_s
        << u"needs the dispatch-job capability in namespace \"default\""_s << 0;
    QTest::newRow("unknown token")
        << u"unknown"_s << 1
        << u"Failed to dispatch job: Unexpected response code: 403 (ACL token not found)"_s
        << u"not known to this cluster"_s << 0;
    QTest::newRow("malformed token")
        << u"malformed"_s << 1
        << u"Failed to dispatch job: Unexpected response code: 500 (acl token lookup failed: index error: UUID must be 36 characters)"_s
        << u"36-character UUID"_s << 0;
    QTest::newRow("dispatch only")
        << u"dispatch"_s << 1 << u"==> No evaluation with id \""_s
        << u"lacks the read-job capability in namespace \"default\""_s << 1;
    QTest::newRow("dispatch and read") << u"full"_s << 0 << QString() << QString() << 1;
}

void TestCliFeatures::aclAnswers()
{
    QFETCH(QString, tokenKind);
    QFETCH(int, exitCode);
    QFETCH(QString, referenceLine);
    QFETCH(QString, hint);
    QFETCH(int, children);
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    sim->enableAcl();
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    if (tokenKind == u"unknown")
        env.insert(u"NOMAD_TOKEN"_s, u"00000000-0000-0000-0000-000000000000"_s);
    else if (tokenKind == u"malformed")
        env.insert(u"NOMAD_TOKEN"_s, u"not-a-uuid"_s);
    else if (tokenKind == u"dispatch")
        env.insert(u"NOMAD_TOKEN"_s,
                   sim->createToken(u"dispatcher"_s,
                                    QMap<QString, QStringList>{{u"default"_s, {u"dispatch-job"_s}}})
                       .secretId);
    else if (tokenKind == u"full")
        env.insert(u"NOMAD_TOKEN"_s,
                   sim->createToken(
                          u"ops"_s,
                          QMap<QString, QStringList>{
                              {u"default"_s, {u"dispatch-job"_s, u"read-job"_s, u"list-jobs"_s}}})
                       .secretId);
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"report-nightly"_s}, env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, exitCode);
    const QString err = QString::fromUtf8(run.err);
    if (!referenceLine.isEmpty())
        QVERIFY2(err.startsWith(referenceLine), qPrintable(err));
    if (!hint.isEmpty())
        QVERIFY2(err.contains(hint), qPrintable(err));
    QCOMPARE(sim->childCount(u"report-nightly"_s), children);
    // The token travels in the header the reference uses.
    if (tokenKind != u"none") {
        const auto dispatches = sim->requests().matching(u"PUT"_s, u"/dispatch$"_s);
        QVERIFY(!dispatches.isEmpty());
        QCOMPARE(QString::fromUtf8(dispatches.first().header("X-Nomad-Token")),
                 env.value(u"NOMAD_TOKEN"_s));
    }
}

void TestCliFeatures::tokenNeverWrittenToDisk()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    sim->enableAcl();
    const QString secret =
        sim->createToken(u"ops"_s,
                         QMap<QString, QStringList>{
                             {u"default"_s, {u"dispatch-job"_s, u"read-job"_s, u"list-jobs"_s}}})
            .secretId;
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    env.insert(u"NOMAD_TOKEN"_s, secret);
    QCOMPARE(runCli({u"job"_s, u"dispatch"_s, u"report-nightly"_s}, env).exitCode, 0);
    QCOMPARE(runCli({u"job"_s, u"dispatch-batch"_s, u"report-nightly"_s, u"-"_s}, env,
                    "day\nfriday\nsaturday\n")
                 .exitCode,
             0);
    int filesChecked = 0;
    QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
        ++filesChecked;
    }
    QVERIFY(filesChecked >= 1); // the journal at least
}

void TestCliFeatures::openUi()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const QString captured = dir.filePath(u"opened.txt"_s);
    const QString browser = dir.filePath(u"browser.sh"_s);
    QFile script(browser);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nprintf '%s' \"$1\" > '" + captured.toUtf8() + "'\n");
    script.close();
    script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(u"BROWSER"_s, browser);
    const CliRun run =
        runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-ui"_s, u"-namespace=team-a"_s, u"-meta"_s,
                u"input-codec=x"_s, u"video-encode"_s, inJson()},
               env);
    QCOMPARE(run.exitCode, 0);
    const QString child = sim->childIds(u"video-encode"_s, u"team-a"_s).value(0);
    QVERIFY(!child.isEmpty());
    const QString expected = sim->baseUrl().toString() + u"/ui/jobs/"_s +
                             QString(child).replace(u"/"_s, u"%2F"_s) + u"@team-a"_s;
    // The browser is started detached: wait for it to have written the URL.
    QTRY_VERIFY(QFileInfo(captured).size() >= expected.size());
    QFile opened(captured);
    QVERIFY(opened.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(opened.readAll()), expected);
}

void TestCliFeatures::presetFromTheApp()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    {
        QSettings settings(env.value(u"DISPATCH_DESK_CONFIG"_s), QSettings::IniFormat);
        DispatchPreset p;
        p.name = u"4k"_s;
        p.jobId = u"video-encode"_s;
        p.meta = {{u"input-codec"_s, u"mp4"_s}, {u"quality"_s, u"2160p"_s}};
        p.payload = "{\"s3-input\":\"x\"}";
        p.hasPayload = true;
        QVERIFY(PresetStore(&settings).save(p));
    }
    const CliRun run = runCli({u"job"_s, u"dispatch"_s, u"-detach"_s, u"-preset=4k"_s, u"-meta"_s,
                               u"quality=1080p"_s, u"video-encode"_s},
                              env);
    QCOMPARE(run.exitCode, 0);
    const auto *child = sim->job(sim->childIds(u"video-encode"_s).value(0));
    QVERIFY(child);
    QCOMPARE(child->meta().value(u"input-codec"_s).toString(), u"mp4"_s);
    QCOMPARE(child->meta().value(u"quality"_s).toString(), u"1080p"_s); // the flag beats the preset
    QCOMPARE(child->payload, QByteArray("{\"s3-input\":\"x\"}"));
    const CliRun missing =
        runCli({u"job"_s, u"dispatch"_s, u"-preset=nope"_s, u"video-encode"_s}, env);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("Presets saved for this job: 4k."));
}

void TestCliFeatures::jobList()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run =
        runCli({u"job"_s, u"list"_s}, cliEnvironment(sim->baseUrl().toString(), dir));
    QCOMPARE(run.exitCode, 0);
    const QStringList ids = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(ids.contains(u"video-encode"_s));
    QVERIFY(!ids.contains(u"plain-batch"_s));
}

void TestCliFeatures::batchDispatchAndRerun()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    QByteArray csv = "input-codec,quality,payload\n";
    for (int i = 0; i < 25; ++i)
        csv += "mp4," + QByteArray::number(i) + "p,{\"n\":" + QByteArray::number(i) + "}\n";
    QFile rows(dir.filePath(u"rows.csv"_s));
    QVERIFY(rows.open(QIODevice::WriteOnly));
    rows.write(csv);
    rows.close();
    const QString results = dir.filePath(u"results.csv"_s);
    const QStringList args{
        u"job"_s,          u"dispatch-batch"_s, u"-concurrency=4"_s, u"-results="_s + results,
        u"video-encode"_s, rows.fileName()};
    const CliRun first = runCli(args, env);
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.out.contains("==> Dispatched 25 of 25"), first.out.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s), 25);
    QFile r(results);
    QVERIFY(r.open(QIODevice::ReadOnly));
    QCOMPARE(r.readAll().count('\n'), 26);
    // The same rows again: every row answers "already dispatched", nothing new is created.
    const CliRun again = runCli(args, env);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains("==> Dispatched 0 of 25, 25 already dispatched"),
             again.out.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s), 25);
}

void TestCliFeatures::batchRefusesInvalidRowsBeforeSending()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const CliRun run = runCli({u"job"_s, u"dispatch-batch"_s, u"video-encode"_s, u"-"_s},
                              cliEnvironment(sim->baseUrl().toString(), dir),
                              "input-codec,bogus,payload\nmp4,1,x\n,2,y\n");
    QCOMPARE(run.exitCode, 1);
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(
                 u"Row at line 2: Dispatch request included unpermitted metadata keys: [bogus]"_s),
             qPrintable(err));
    QVERIFY(err.contains(
        u"Row at line 3: Dispatch did not provide required meta keys: [input-codec]"_s));
    QVERIFY(err.contains(u"nothing was dispatched"_s));
    QVERIFY(sim->requests().matching(u"PUT"_s, u"/dispatch$"_s).isEmpty());
}

void TestCliFeatures::batchTokensAreTheAppsForAPrefix()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    const QByteArray csv = "input-codec,quality,payload\nmp4,1p,a\nwebm,2p,b\nav1,3p,c\n";
    QFile rows(dir.filePath(u"rows.csv"_s));
    QVERIFY(rows.open(QIODevice::WriteOnly));
    rows.write(csv);
    rows.close();
    auto receivedTokens = [&sim]() {
        QStringList tokens;
        for (const sim::RecordedRequest &r : sim->requests().matching(u"PUT"_s, u"/dispatch$"_s))
            tokens.append(r.queryValue(u"idempotency_token"));
        tokens.sort();
        return tokens;
    };
    // The job typed by a prefix: the CLI resolves it before planning.
    const CliRun byPrefix =
        runCli({u"job"_s, u"dispatch-batch"_s, u"video"_s, rows.fileName()}, env);
    QVERIFY2(byPrefix.exitCode == 0, byPrefix.err.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s), 3);
    // The tokens are those the app's plan gives the same file for the full ID.
    const Job *job = nullptr; // the schema does not change the tokens of valid rows
    QStringList appTokens =
        planBatch({csv, BatchFormat::Csv, dir.path()}, u"video-encode"_s, job).validTokens();
    appTokens.sort();
    QCOMPARE(appTokens.size(), 3);
    QCOMPARE(receivedTokens(), appTokens);
    // So the full ID, as the app would send it, is the same batch: nothing new is created.
    const CliRun byFullId =
        runCli({u"job"_s, u"dispatch-batch"_s, u"video-encode"_s, rows.fileName()}, env);
    QCOMPARE(byFullId.exitCode, 0);
    QVERIFY2(byFullId.out.contains("==> Dispatched 0 of 3, 3 already dispatched"),
             byFullId.out.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s), 3);
    const QStringList both = receivedTokens();
    QCOMPARE(both.size(), 6);
    QCOMPARE(QSet<QString>(both.cbegin(), both.cend()),
             QSet<QString>(appTokens.cbegin(), appTokens.cend()));
}

void TestCliFeatures::historyJson()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    QCOMPARE(runCli({u"job"_s, u"dispatch"_s, u"report-nightly"_s}, env).exitCode, 0);
    QCOMPARE(runCli({u"job"_s, u"dispatch"_s, u"-meta"_s, u"bogus=1"_s, u"report-nightly"_s}, env)
                 .exitCode,
             1);
    const CliRun history = runCli({u"history"_s, u"-json"_s}, env);
    QCOMPARE(history.exitCode, 0);
    const QJsonArray entries = QJsonDocument::fromJson(history.out).array();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].toObject().value(u"verdict"_s).toString(), u"placed"_s);
    QVERIFY(entries[0]
                .toObject()
                .value(u"child"_s)
                .toString()
                .startsWith(u"report-nightly/dispatch-"_s));
    QCOMPARE(entries[1].toObject().value(u"verdict"_s).toString(), u"refused"_s);
    QCOMPARE(entries[1].toObject().value(u"meta"_s).toObject().value(u"bogus"_s).toString(),
             u"1"_s);
}

void TestCliFeatures::helpAndVersion()
{
    QTemporaryDir dir;
    const auto env = cliEnvironment(QString(), dir);
    const CliRun version = runCli({u"--version"_s}, env);
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("dispatch-desk-cli "));
    const CliRun help = runCli({u"job"_s, u"dispatch"_s, u"-help"_s}, env);
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith(
        "Usage: nomad job dispatch [options] <parameterized job> [input source]"));
    const CliRun bad = runCli({u"job"_s, u"dispatch"_s, u"-bogus"_s}, env);
    QCOMPARE(bad.exitCode, 1);
    QCOMPARE(bad.err, QByteArray("flag provided but not defined: -bogus\n"));
    QVERIFY(bad.out.startsWith("Usage: nomad job dispatch"));
}

void TestCliFeatures::savedProfile()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    const auto base = cliEnvironment(QString(), dir); // no NOMAD_ADDR: the profile must carry it
    const CliRun save = runCli({u"profile"_s, u"save"_s, u"sim"_s,
                                u"-address="_s + sim->baseUrl().toString(), u"-namespace=team-a"_s},
                               base);
    QVERIFY2(save.exitCode == 0, save.err.constData());
    const CliRun list = runCli({u"profile"_s, u"list"_s}, base);
    QVERIFY2(list.out.contains("sim"), list.out.constData());
    const CliRun run = runCli({u"-profile"_s, u"sim"_s, u"job"_s, u"dispatch"_s, u"-detach"_s,
                               u"-meta"_s, u"input-codec=x"_s, u"video-encode"_s, inJson()},
                              base);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(sim->childCount(u"video-encode"_s, u"team-a"_s), 1); // the profile's namespace
    // A flag still beats the profile's field.
    const CliRun flagWins =
        runCli({u"-profile=sim"_s, u"job"_s, u"dispatch"_s, u"-detach"_s, u"-namespace=default"_s,
                u"-meta"_s, u"input-codec=x"_s, u"video-encode"_s, inJson()},
               base);
    QCOMPARE(flagWins.exitCode, 0);
    QCOMPARE(sim->childCount(u"video-encode"_s), 1);
    const CliRun missing =
        runCli({u"-profile=nope"_s, u"job"_s, u"dispatch"_s, u"video-encode"_s}, base);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.startsWith("Error loading profile \"nope\""), missing.err.constData());
}

void TestCliFeatures::badSkipVerifyIsWarnedByEveryCommand()
{
    const auto cluster = startRecordedCluster(u"1.10.5"_s);
    DD_VERIFY_OK(cluster);
    auto *sim = cluster->get();
    QTemporaryDir dir;
    auto env = cliEnvironment(sim->baseUrl().toString(), dir);
    env.insert(u"NOMAD_SKIP_VERIFY"_s, u"yes"_s);
    const QByteArray warning = "Warning: NOMAD_SKIP_VERIFY=\"yes\" is not a boolean (use true or "
                               "false); it was ignored and TLS verification stays on.\n";
    const QList<QStringList> commands = {
        {u"job"_s, u"list"_s},
        {u"job"_s, u"dispatch"_s, u"-detach"_s, u"-meta"_s, u"input-codec=x"_s, u"video-encode"_s,
         inJson()},
        {u"profile"_s, u"save"_s, u"sim"_s},
    };
    for (const QStringList &args : commands) {
        const CliRun run = runCli(args, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains(warning), run.err.constData());
    }
    // A flag that decides verification makes the variable moot.
    const CliRun flag = runCli({u"job"_s, u"list"_s, u"-tls-skip-verify=false"_s}, env);
    QCOMPARE(flag.exitCode, 0);
    QVERIFY2(!flag.err.contains("NOMAD_SKIP_VERIFY"), flag.err.constData());
}

DD_TEST_GUILESS_MAIN(TestCliFeatures)
#include "tst_clifeatures.moc"
