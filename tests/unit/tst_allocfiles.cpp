// An allocation's files and resource usage as Nomad 1.0.18 answered them
// (lifecycle/lifecycle.exchanges.jsonl): fs/ls, fs/stat, the error text a
// 200 carries in place of a file, the stats of a running allocation, and a
// file made safe to show.
#include "core/allocfiles.h"
#include "core/allocstats.h"
#include "core/filepreview.h"
#include "recordings.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {

// The recorded answer to the first exchange whose path contains `part` and
// whose query's path is `queryPath` (empty: any).
std::expected<Exchange, QString> allocFsExchange(const QString &part, const QString &queryPath = {})
{
    const auto all = loadExchanges(fixturePath(u"lifecycle/lifecycle.exchanges.jsonl"_s));
    if (!all)
        return std::unexpected(all.error());
    for (const Exchange &e : *all) {
        if (e.path.contains(part) &&
            (queryPath.isEmpty() || e.query.value("path"_L1).toString() == queryPath))
            return e;
    }
    return std::unexpected(u"no recorded exchange for "_s + part + u' ' + queryPath);
}

} // namespace

class TestAllocFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void listsTheRecordedDirectories();
    void statCarriesTheContentType();
    void payloadDirectory();
    void emptyAndHostileListings_data();
    void emptyAndHostileListings();
    void paths();
    void errorInBody_data();
    void errorInBody();
    void recordedStats();
    void idleStats();
    void hostileStats_data();
    void hostileStats();
    void textPreviewIsSafe();
    void binaryPreviewIsHex();
};

void TestAllocFiles::listsTheRecordedDirectories()
{
    const auto root = allocFsExchange(u"/fs/ls/"_s, u"/"_s);
    DD_VERIFY_OK(root);
    const auto entries = decodeAllocFileList(root->responseBytes);
    QVERIFY2(entries, qPrintable(entries ? QString() : entries.error().message));
    QCOMPARE(entries->size(), 2);
    const AllocFileInfo alloc = entries->at(0);
    QCOMPARE(alloc.name, u"alloc"_s);
    QVERIFY(alloc.isDir);
    QCOMPARE(alloc.size, 4096);
    QCOMPARE(alloc.fileMode, u"drwxrwxrwx"_s);
    // Nanoseconds in the answer; milliseconds kept, in UTC.
    QCOMPARE(alloc.modTime,
             QDateTime::fromString(u"2026-12-02T03:56:25.683Z"_s, Qt::ISODateWithMs));
    QCOMPARE(alloc.modTime.timeSpec(), Qt::UTC);
    QVERIFY(!alloc.isRegularFile());

    const auto logs = allocFsExchange(u"/fs/ls/"_s, u"/alloc/logs"_s);
    DD_VERIFY_OK(logs);
    const auto files = decodeAllocFileList(logs->responseBytes);
    QVERIFY(files);
    QCOMPARE(files->size(), 4);
    const AllocFileInfo fifo = files->at(0);
    QCOMPARE(fifo.name, u".talk.stderr.fifo"_s);
    QVERIFY(fifo.isFifo());
    QVERIFY(!fifo.isRegularFile()); // reading a task's pipe would never end
    const AllocFileInfo out = files->at(3);
    QCOMPARE(out.name, u"talk.stdout.0"_s);
    QCOMPARE(out.size, 183);
    QVERIFY(out.isRegularFile());
    QVERIFY(out.contentType.isEmpty()); // ls says nothing about content
}

void TestAllocFiles::statCarriesTheContentType()
{
    const auto stat = allocFsExchange(u"/fs/stat/"_s);
    DD_VERIFY_OK(stat);
    const auto info = decodeAllocFileInfo(stat->responseBytes);
    QVERIFY(info);
    QCOMPARE(info->name, u"talk.stdout.0"_s);
    QCOMPARE(info->size, 183);
    QCOMPARE(info->contentType, u"text/plain; charset=utf-8"_s);
    QVERIFY(info->looksLikeText());
    // A listing is not a stat answer, and the other way round.
    QVERIFY(!decodeAllocFileInfo(QByteArray("[]")));
    QVERIFY(!decodeAllocFileList(stat->responseBytes));
}

void TestAllocFiles::payloadDirectory()
{
    const auto local = allocFsExchange(u"/fs/ls/"_s, u"/encode/local"_s);
    DD_VERIFY_OK(local);
    const auto entries = decodeAllocFileList(local->responseBytes);
    QVERIFY(entries);
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->first().name, u"input.json"_s);
    QCOMPARE(entries->first().size, 34);
    QCOMPARE(entries->first().fileMode, u"-rwxr-xr-x"_s);
}

void TestAllocFiles::emptyAndHostileListings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("entries"); // -1: refused
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray("[]") << 0 << QString();
    QTest::newRow("null (a nil slice)") << QByteArray("null") << 0 << QString();
    QTest::newRow("no modification time")
        << QByteArray("[{\"Name\":\"a\",\"IsDir\":false,\"Size\":1,\"FileMode\":\"-rw-r--r--\"}]")
        << 1 << QString();
    QTest::newRow("Go's zero time")
        << QByteArray("[{\"Name\":\"a\",\"ModTime\":\"0001-01-01T00:00:00Z\"}]") << 1 << QString();
    QTest::newRow("not JSON") << QByteArray("stat /x: no such file") << -1 << u"not valid JSON"_s;
    QTest::newRow("an object") << QByteArray("{}") << -1 << u"should be a JSON array"_s;
    QTest::newRow("a number entry") << QByteArray("[1]") << -1 << u"entry 0 is a number"_s;
    QTest::newRow("no name") << QByteArray("[{\"Size\":1}]") << -1 << u"\"Name\" is missing"_s;
    QTest::newRow("size as text") << QByteArray("[{\"Name\":\"a\",\"Size\":\"1\"}]") << -1
                                  << u"\"Size\" should be a number"_s;
    QTest::newRow("negative size")
        << QByteArray("[{\"Name\":\"a\",\"Size\":-1}]") << -1 << u"negative"_s;
    QTest::newRow("bad time") << QByteArray("[{\"Name\":\"a\",\"ModTime\":\"yesterday\"}]") << -1
                              << u"not an RFC 3339 time"_s;
}

void TestAllocFiles::emptyAndHostileListings()
{
    QFETCH(QByteArray, json);
    QFETCH(int, entries);
    QFETCH(QString, error);
    const auto decoded = decodeAllocFileList(json);
    if (entries < 0) {
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().message.contains(error), qPrintable(decoded.error().message));
        return;
    }
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(decoded->size(), entries);
    if (entries > 0)
        QVERIFY(!decoded->first().modTime.isValid());
}

void TestAllocFiles::paths()
{
    QCOMPARE(allocPathJoin(u"/"_s, u"alloc"_s), u"/alloc"_s);
    QCOMPARE(allocPathJoin(u"/alloc/logs"_s, u"talk.stdout.0"_s), u"/alloc/logs/talk.stdout.0"_s);
    QCOMPARE(allocPathJoin(u"/alloc/"_s, u"logs"_s), u"/alloc/logs"_s);
    QCOMPARE(allocPathName(u"/alloc/logs/talk.stdout.0"_s), u"talk.stdout.0"_s);
    QCOMPARE(allocPathName(u"/"_s), u"/"_s);
    QCOMPARE(allocPathName(u"/talk/local/"_s), u"local"_s);
}

void TestAllocFiles::errorInBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("isError");
    // As recorded: `fs/cat?path=/nope` answered 200 with this body.
    QTest::newRow("recorded missing file")
        << QByteArray("stat <client data dir>/73b63cd8-9db2-7dee-3bae-aa75f7ac85e3/nope: no such "
                      "file or directory")
        << u"/nope"_s << true;
    QTest::newRow("nested path, cleaned")
        << QByteArray("open /var/lib/nomad/alloc/73b6/alloc/logs/x.0: no such file or directory")
        << u"/alloc//logs/./x.0"_s << true;
    QTest::newRow("secrets") << QByteArray("Reading secret file prohibited: /talk/secrets/token")
                             << u"/talk/secrets/token"_s << true;
    QTest::newRow("another file's error is content")
        << QByteArray("stat /var/lib/nomad/alloc/x/other: no such file or directory") << u"/nope"_s
        << false;
    QTest::newRow("a log line") << QByteArray("out line 1\nout line 2\n")
                                << u"/alloc/logs/talk.stdout.0"_s << false;
    QTest::newRow("two lines") << QByteArray("stat /d/a/nope: no such file or directory\nmore")
                               << u"/nope"_s << false;
    QTest::newRow("empty file") << QByteArray() << u"/nope"_s << false;
    QTest::newRow("a big file") << QByteArray(5000, 'x') << u"/nope"_s << false;
}

void TestAllocFiles::errorInBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(bool, isError);
    const auto error = fsErrorInBody(body, path);
    QCOMPARE(error.has_value(), isError);
    if (isError)
        QCOMPARE(*error, QString::fromUtf8(body));
}

void TestAllocFiles::recordedStats()
{
    const auto stats = allocFsExchange(u"/stats"_s);
    DD_VERIFY_OK(stats);
    const auto usage = decodeAllocResourceUsage(stats->responseBytes);
    QVERIFY2(usage, qPrintable(usage ? QString() : usage.error().message));
    // Past 2^53: kept exact, not rounded through a double.
    QCOMPARE(usage->timestampNs, Q_INT64_C(1796183799671414957));
    QCOMPARE(usage->usage.memory.rss, 37556224);
    QCOMPARE(usage->usage.memory.measured, (QStringList{u"RSS"_s, u"Swap"_s}));
    QCOMPARE(usage->usage.memory.shownBytes(), 37556224);
    QCOMPARE(usage->usage.cpu.measured,
             (QStringList{u"System Mode"_s, u"User Mode"_s, u"Percent"_s}));
    QCOMPARE(usage->usage.cpu.percent, 0.0);
    QVERIFY(!usage->isIdle());
    QCOMPARE(usage->tasks.keys(), QStringList{u"talk"_s});
    const TaskResourceUsage talk = usage->tasks.value(u"talk"_s);
    QCOMPARE(talk.timestampNs, Q_INT64_C(1796183799671414957));
    QCOMPARE(talk.pids.size(), 3);
    QCOMPARE(talk.pids.value(u"28095"_s).memory.rss, 33992704);
    QCOMPARE(usage->usageOf(u"talk"_s).memory.rss, 37556224);
    QCOMPARE(usage->usageOf(QString()), usage->usage);
    QCOMPARE(usage->usageOf(u"nope"_s), ResourceUsage{});
}

void TestAllocFiles::idleStats()
{
    // What a client answers once no task runs: zero totals, no tasks.
    const auto usage = decodeAllocResourceUsage(
        "{\"ResourceUsage\":{\"CpuStats\":{\"Percent\":0,\"TotalTicks\":0},\"DeviceStats\":[],"
        "\"MemoryStats\":{\"RSS\":0,\"Usage\":0}},\"Tasks\":{},\"Timestamp\":1796183800000000000}");
    QVERIFY(usage);
    QVERIFY(usage->isIdle());
    QCOMPARE(usage->timestampNs, Q_INT64_C(1796183800000000000));
    // A cgroup driver measures Usage, not RSS.
    const auto cgroup = decodeAllocResourceUsage(
        "{\"ResourceUsage\":{\"CpuStats\":{\"Percent\":12.5,\"TotalTicks\":312.5},"
        "\"MemoryStats\":{\"RSS\":0,\"Usage\":52428800,\"Measured\":[\"Cache\",\"Usage\"]}},"
        "\"Tasks\":null,\"Timestamp\":1}");
    QVERIFY(cgroup);
    QCOMPARE(cgroup->usage.memory.shownBytes(), 52428800);
    QCOMPARE(cgroup->usage.cpu.percent, 12.5);
    QCOMPARE(cgroup->usage.cpu.totalTicks, 312.5);
}

void TestAllocFiles::hostileStats_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("Unknown allocation") << u"not valid JSON"_s;
    QTest::newRow("an array") << QByteArray("[]") << u"should be a JSON object"_s;
    QTest::newRow("percent as text")
        << QByteArray("{\"ResourceUsage\":{\"CpuStats\":{\"Percent\":\"high\"}}}")
        << u"\"Percent\" should be a number but is a string"_s;
    QTest::newRow("rss fraction") << QByteArray(
                                         "{\"ResourceUsage\":{\"MemoryStats\":{\"RSS\":1.5}}}")
                                  << u"\"RSS\""_s;
    QTest::newRow("task not an object")
        << QByteArray("{\"Tasks\":{\"talk\":1}}") << u"Tasks[talk] is not an object"_s;
    QTest::newRow("pid not an object") << QByteArray("{\"Tasks\":{\"talk\":{\"Pids\":{\"1\":[]}}}}")
                                       << u"Pids[1] is not an object"_s;
    QTest::newRow("timestamp as text")
        << QByteArray("{\"Timestamp\":\"now\"}") << u"\"Timestamp\" should be a number"_s;
}

void TestAllocFiles::hostileStats()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto usage = decodeAllocResourceUsage(json);
    QVERIFY(!usage);
    QVERIFY2(usage.error().message.contains(error), qPrintable(usage.error().message));
}

void TestAllocFiles::textPreviewIsSafe()
{
    // The recorded log file, then a bell, an escape sequence that is not a
    // colour, a colour, invalid UTF-8 and no final line break.
    const auto cat = allocFsExchange(u"/fs/cat/"_s, u"/alloc/logs/talk.stdout.0"_s);
    DD_VERIFY_OK(cat);
    const QByteArray bytes =
        cat->responseBytes + "ding\x07 \x1b]0;title\x07plain \x1b[31mred\x1b[0m \xff end";
    const FilePreview p = previewOf(bytes, u"text/plain; charset=utf-8"_s);
    QVERIFY(!p.binary);
    QVERIFY(p.text.text.startsWith(u"out line 1\nout line 2\n"_s));
    QVERIFY2(p.text.text.endsWith(u"ding\\x07 plain red \uFFFD end\n"_s), qPrintable(p.text.text));
    for (const QChar c : p.text.text)
        QVERIFY(c == u'\n' || c.unicode() >= 0x20);
    QCOMPARE(p.text.spans.size(), 1);
    QCOMPARE(p.text.text.mid(p.text.spans.first().start, p.text.spans.first().length), u"red"_s);
    QCOMPARE(p.text.lines, 17);
    QCOMPARE(p.shownBytes, bytes.size());
}

void TestAllocFiles::binaryPreviewIsHex()
{
    QByteArray bytes("\x7f"
                     "ELF\x02\x01\x01",
                     7);
    bytes += QByteArray(40, '\0');
    QVERIFY(looksBinary(bytes, {}));
    QVERIFY(looksBinary("abc", u"application/octet-stream"_s)); // Go's sniffer said so
    QVERIFY(!looksBinary("abc\tdef\r\n", {}));
    QVERIFY(!looksBinary("{\"a\":1}", u"application/json"_s));
    QVERIFY(looksBinary("\x01\x02\x03\x04 text", {}));
    const FilePreview p = previewOf(bytes, u"application/octet-stream"_s);
    QVERIFY(p.binary);
    QVERIFY(p.text.spans.isEmpty());
    const QStringList lines = p.text.text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.first(),
             u"00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|"_s);
    QCOMPARE(lines.last().left(10), u"00000020  "_s);
    QVERIFY(lines.last().endsWith(u"|...............|"_s));
    // A big binary file: only the start is dumped.
    const FilePreview big = previewOf(QByteArray(100000, '\0'), {});
    QCOMPARE(big.shownBytes, kHexDumpBytes);
    QCOMPARE(big.text.lines, kHexDumpBytes / 16);
}

DD_TEST_GUILESS_MAIN(TestAllocFiles)
#include "tst_allocfiles.moc"
