// Copy-as-command lines, web UI addresses and dispatch presets.
#include "core/commandline.h"
#include "core/presetstore.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestConveniences : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void quoting_data();
    void quoting();
    void nomadCommand();
    void binaryPayloadRoundTripsThroughShell();
    void curlCommand();
    void webUi();
    void presets();
};

void TestConveniences::quoting_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << u"video-encode"_s << u"video-encode"_s;
    QTest::newRow("space") << u"a b"_s << u"'a b'"_s;
    QTest::newRow("quote") << u"it's"_s << u"'it'\\''s'"_s;
    QTest::newRow("dollar") << u"$HOME"_s << u"'$HOME'"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
}

void TestConveniences::quoting()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(shellQuote(in), out);
}

static CommandTarget target()
{
    CommandTarget t;
    t.address = QUrl(u"https://nomad.example:4646"_s);
    t.nameSpace = u"team-a"_s;
    t.hasToken = true;
    t.caFile = u"/etc/nomad/ca.pem"_s;
    return t;
}

static DispatchRequest request()
{
    DispatchRequest r;
    r.jobId = u"video-encode"_s;
    r.meta.insert(u"input-codec"_s, u"mp4"_s);
    r.meta.insert(u"title"_s, u"Bob's video"_s);
    return r;
}

void TestConveniences::nomadCommand()
{
    const QString fromFile =
        nomadDispatchCommand(target(), request(), {{}, u"/data/in put.json"_s});
    QCOMPARE(
        fromFile,
        u"nomad job dispatch -address=https://nomad.example:4646 -namespace=team-a "
        u"-ca-cert=/etc/nomad/ca.pem "
        "-meta input-codec=mp4 -meta 'title=Bob'\\''s video' video-encode '/data/in put.json'"_s);
    const QString typed = nomadDispatchCommand(target(), request(), {QByteArray("{\"a\": 1}"), {}});
    QVERIFY(typed.startsWith(u"printf '%s' '{\"a\": 1}' | nomad job dispatch"_s));
    QVERIFY(typed.endsWith(u" video-encode -"_s));
    QVERIFY(!typed.contains(u"token"_s, Qt::CaseInsensitive));
}

void TestConveniences::binaryPayloadRoundTripsThroughShell()
{
    const QByteArray binary("\x00\x01\xfe\xff'\"$", 7);
    QString command = nomadDispatchCommand(target(), request(), {binary, {}});
    // Replace the nomad call with a capture of stdin, and run it in a real shell.
    command = command.left(command.indexOf(u"nomad job dispatch"_s)) + u"cat"_s;
    QProcess sh;
    sh.start(u"/bin/sh"_s, {u"-c"_s, command});
    QVERIFY(sh.waitForFinished());
    QCOMPARE(sh.readAllStandardOutput(), binary);
}

void TestConveniences::curlCommand()
{
    DispatchRequest r = request();
    r.payload = "hello";
    r.idempotencyToken = u"tok 1"_s;
    const QString curl = curlDispatchCommand(target(), r);
    QVERIFY(curl.contains(u"--header \"X-Nomad-Token: $NOMAD_TOKEN\""_s));
    QVERIFY(curl.contains(u"--cacert /etc/nomad/ca.pem"_s));
    QVERIFY(curl.contains(
        u"'https://nomad.example:4646/v1/job/video-encode/dispatch?namespace=team-a&idempotency_token=tok%201'"_s));
    QVERIFY(curl.contains(u"\"Payload\":\"aGVsbG8=\""_s));
    CommandTarget noToken = target();
    noToken.hasToken = false;
    QVERIFY(!curlDispatchCommand(noToken, r).contains(u"NOMAD_TOKEN"_s));
}

void TestConveniences::webUi()
{
    QCOMPARE(
        webUiUrl(QUrl(u"http://127.0.0.1:4646"_s), u"video-encode/dispatch-1-abc"_s, u"team-a"_s)
            .toString(QUrl::FullyEncoded),
        u"http://127.0.0.1:4646/ui/jobs/video-encode%2Fdispatch-1-abc@team-a"_s);
    QCOMPARE(webUiUrl(QUrl(u"http://h:1/"_s), u"x"_s, QString()).toString(QUrl::FullyEncoded),
             u"http://h:1/ui/jobs/x@default"_s);
}

void TestConveniences::presets()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.ini"_s);
    DispatchPreset p;
    p.name = u"Nightly 4K/HDR"_s;
    p.jobId = u"video-encode"_s;
    p.meta.insert(u"input-codec"_s, u"mp4"_s);
    p.meta.insert(u"key/with=odd chars"_s, u"v"_s);
    p.payload = QByteArray("\x00\x01", 2);
    p.hasPayload = true;
    p.priority = 70;
    {
        QSettings settings(path, QSettings::IniFormat);
        PresetStore store(&settings);
        QVERIFY(store.save(p));
        DispatchPreset other = p;
        other.name = u"Another"_s;
        QVERIFY(store.save(other));
        QVERIFY(!store.save(DispatchPreset{}));
    }
    QSettings settings(path, QSettings::IniFormat);
    PresetStore store(&settings);
    const auto loaded = store.preset(u"video-encode"_s, u"Nightly 4K/HDR"_s);
    QVERIFY(loaded);
    QCOMPARE(*loaded, p);
    QCOMPARE(store.presets(u"video-encode"_s).size(), 2);
    QCOMPARE(store.presets(u"video-encode"_s).first().name, u"Another"_s);
    QVERIFY(store.presets(u"other-job"_s).isEmpty());
    QVERIFY(store.remove(u"video-encode"_s, u"Another"_s));
    QVERIFY(!store.remove(u"video-encode"_s, u"Another"_s));
    QCOMPARE(store.presets(u"video-encode"_s).size(), 1);
}

DD_TEST_GUILESS_MAIN(TestConveniences)
#include "tst_conveniences.moc"
