#pragma once
// The recordings of a real Nomad 1.0.18 agent that the tests replay
// (tests/fixtures/nomad-1.0.18, README.md there), and the one way tests open
// them: a fixture that is missing, unreadable or not what it should be is an
// error that names its path, which the test reports with DD_VERIFY_OK.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <expected>

namespace dd::test {

// The fixtures folder the build was configured with (DD_FIXTURES_DIR), unless
// the environment variable DD_FIXTURES_DIR names another one at run time.
QString fixturesDir();
// A file inside it, e.g. fixturePath(u"recorded/in.json").
QString fixturePath(const QString &relative);
QString recordedDir();    // <fixtures>/recorded
QString fixtureJobsDir(); // <fixtures>/jobs

// The file's bytes, or "fixture <path> is missing" / "cannot read fixture <path>: why".
std::expected<QByteArray, QString> readFixture(const QString &path);
// The file as a JSON object (a register.json, ...), or an error naming the path.
std::expected<QJsonObject, QString> readJsonFixture(const QString &path);
// The job inside a jobs/<name>.register.json ({"Job": {...}}), or an error naming the path.
std::expected<QJsonObject, QString> readRegisteredJob(const QString &name);
// report-nightly renamed `id`, its task running /bin/sleep `seconds`: a dispatch
// that stays running (for following many at once).
std::expected<QJsonObject, QString> sleepingParameterizedJob(const QString &id, int seconds);
// chatty (lifecycle/chatty.register.json: "out line i" / "err line i" every
// 0.25 s, meta lines and exit), renamed, with `count` allocations.
std::expected<QJsonObject, QString> chattyParameterizedJob(const QString &id, int count = 1);
// What chatty writes to `stream` ("out" or "err"): "<stream> line i\n" for i in [from, to].
QByteArray chattyLines(const char *stream, int from, int to);
// The jobs the recorded agent had registered (jobs/<name>.register.json), by name,
// so that a new file in jobs/ changes no test until a test names it.
QStringList recordedAgentJobs();
// The recorded exchanges the decoder and the simulator's contract replay
// (recorded/<name>.exchanges.jsonl), by file name, so that a new recording
// changes no test until it is named here.
QStringList recordedExchangeFiles();
// Checks that each path is a readable file; the error names the first that is not.
std::expected<void, QString> requireFixtures(const QStringList &paths);

template<typename T> QString errorText(const std::expected<T, QString> &result)
{
    return result ? QString() : result.error();
}

} // namespace dd::test

// QVERIFY2 for a std::expected<T, QString>: fails the test with its error text.
// (QVERIFY2 evaluates its message even on success, so error() is not called directly.)
#define DD_VERIFY_OK(result) QVERIFY2((result), qPrintable(::dd::test::errorText(result)))
