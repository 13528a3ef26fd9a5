// The framed task-log decoder on the recorded follow stream, cut at every
// byte, and on hostile input: bounded, reported, never a crash.
#include "core/logframes.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
// The recorded framed stream's bytes, as they arrived.
QByteArray recordedFramedStream(QString *error)
{
    const auto recording = readJsonFixture(fixturePath(u"lifecycle/logs-follow-framed.json"_s));
    if (!recording) {
        *error = recording.error();
        return {};
    }
    QByteArray bytes;
    for (const QJsonValue &chunk : recording->value("chunks"_L1).toArray())
        bytes += chunk.toObject().value("bytes"_L1).toString().toUtf8();
    return bytes;
}

QByteArray framesData(const QList<LogFrame> &frames)
{
    QByteArray data;
    for (const LogFrame &f : frames)
        data += f.data;
    return data;
}

} // namespace

class TstLogFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void recordedStreamWhole();
    void recordedStreamCutAtEveryByte();
    void recordedStreamByteByByte();
    void fileIndexAndEvents();
    void hostile_data();
    void hostile();
    void frameSizeBound();
    void logFileSizes();
};

void TstLogFrames::recordedStreamWhole()
{
    QString error;
    const QByteArray stream = recordedFramedStream(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    LogFrameDecoder decoder;
    const QList<LogFrame> frames = decoder.feed(stream);
    QVERIFY2(!decoder.failed(), qPrintable(decoder.error()));
    QCOMPARE(frames.size(), 13); // 16 chunks: 13 frames of data, heartbeats dropped
    QCOMPARE(framesData(frames), dd::test::chattyLines("out", 1, 16));
    QCOMPARE(frames.first().file, u"alloc/logs/talk.stdout.0"_s);
    QCOMPARE(frames.first().offset, 44);
    QCOMPARE(frames.last().offset, 183);
    QCOMPARE(decoder.pendingBytes(), 0);
}

void TstLogFrames::recordedStreamCutAtEveryByte()
{
    QString error;
    const QByteArray stream = recordedFramedStream(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    LogFrameDecoder whole;
    const QList<LogFrame> expected = whole.feed(stream);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        LogFrameDecoder decoder;
        QList<LogFrame> frames = decoder.feed(QByteArrayView(stream).first(cut));
        // What the first part completed is final: the offsets never go back.
        qint64 lastOffset = frames.isEmpty() ? 0 : frames.last().offset;
        const QList<LogFrame> rest = decoder.feed(QByteArrayView(stream).sliced(cut));
        if (!rest.isEmpty())
            QVERIFY(rest.first().offset > lastOffset);
        frames += rest;
        QVERIFY2(!decoder.failed(), qPrintable(decoder.error()));
        QCOMPARE(frames, expected);
    }
}

void TstLogFrames::recordedStreamByteByByte()
{
    QString error;
    const QByteArray stream = recordedFramedStream(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    LogFrameDecoder decoder;
    QList<LogFrame> frames;
    for (char c : stream)
        frames += decoder.feed(QByteArrayView(&c, 1));
    QCOMPARE(framesData(frames), dd::test::chattyLines("out", 1, 16));
}

void TstLogFrames::fileIndexAndEvents()
{
    LogFrameDecoder decoder;
    const QList<LogFrame> frames = decoder.feed(
        R"({"Data":"YQo=","File":"alloc/logs/my.task.stderr.12","Offset":2} {"File":"alloc/logs/my.task.stderr.12","FileEvent":"file truncated","Offset":0}{"Data":"e30=","File":"alloc/logs/x}{.stdout.3","Offset":9})");
    QVERIFY2(!decoder.failed(), qPrintable(decoder.error()));
    QCOMPARE(frames.size(), 3);
    QCOMPARE(frames[0].fileIndex(), 12);
    QCOMPARE(frames[0].data, "a\n");
    QCOMPARE(frames[1].fileEvent, u"file truncated"_s);
    QVERIFY(frames[1].data.isEmpty());
    QCOMPARE(frames[2].data, "{}"); // braces inside strings do not end a frame
    QCOMPARE(frames[2].fileIndex(), 3);
    QCOMPARE(LogFrame{}.fileIndex(), -1);
}

void TstLogFrames::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("words");
    QTest::newRow("text between frames") << QByteArray("{}garbage{}") << u"unexpected text"_s;
    QTest::newRow("an array") << QByteArray("[1,2]") << u"unexpected text"_s;
    QTest::newRow("deep nesting") << QByteArray(1000, '{') << u"nested deeper"_s;
    QTest::newRow("not base64") << QByteArray(R"({"Data":"!!!","File":"f.0","Offset":3})")
                                << u"not base64"_s;
    QTest::newRow("data a number")
        << QByteArray(R"({"Data":5,"Offset":3})") << u"Data was not a string"_s;
    QTest::newRow("negative offset")
        << QByteArray(R"({"Data":"YQ==","File":"f.0","Offset":-1})") << u"byte offset"_s;
    QTest::newRow("fractional offset")
        << QByteArray(R"({"Data":"YQ==","File":"f.0","Offset":1.5})") << u"byte offset"_s;
    QTest::newRow("offset before data")
        << QByteArray(R"({"Data":"YWJj","File":"f.0","Offset":1})") << u"before the end"_s;
    QTest::newRow("bad JSON inside") << QByteArray(R"({"Data" "x"})") << u"not a JSON object"_s;
}

void TstLogFrames::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, words);
    LogFrameDecoder decoder;
    (void)decoder.feed(bytes);
    QVERIFY(decoder.failed());
    QVERIFY2(decoder.error().contains(words), qPrintable(decoder.error()));
    // Stopped: nothing more is decoded, even good frames.
    QVERIFY(decoder.feed(R"({"Data":"YQ==","File":"f.0","Offset":1})").isEmpty());
    QCOMPARE(decoder.pendingBytes(), 0);
}

void TstLogFrames::frameSizeBound()
{
    LogFrameDecoder decoder(1024);
    // An object that never ends is cut off at the bound, whatever the chunking.
    QByteArray endless = R"({"Data":")";
    QList<LogFrame> frames = decoder.feed(endless);
    for (int i = 0; i < 100 && !decoder.failed(); ++i)
        frames += decoder.feed(QByteArray(100, 'A'));
    QVERIFY(decoder.failed());
    QVERIFY(decoder.error().contains(u"larger than 1024 bytes"_s));
    QVERIFY(frames.isEmpty());
    QVERIFY(decoder.pendingBytes() <= 1024);
    // A frame just under the bound is fine.
    LogFrameDecoder fits(1024);
    const QByteArray data(600, 'x');
    const QByteArray frame = R"({"Data":")" + data.toBase64() + R"(","File":"f.0","Offset":600})";
    QVERIFY(frame.size() < 1024);
    QCOMPARE(framesData(fits.feed(frame)), data);
}

void TstLogFrames::logFileSizes()
{
    const QByteArray listing = R"([{"Name":".talk.stdout.fifo","IsDir":false,"Size":0},
        {"Name":"talk.stdout.1","IsDir":false,"Size":50},{"Name":"talk.stdout.2","Size":7},
        {"Name":"talk.stderr.1","Size":99},{"Name":"talker.stdout.1","Size":3},
        {"Name":"talk.stdout.x","Size":3}])";
    const auto sizes = decodeLogFileSizes(listing, u"talk"_s, u"stdout"_s);
    QVERIFY(sizes);
    QCOMPARE(*sizes, (QMap<int, qint64>{{1, 50}, {2, 7}}));
    QVERIFY(!decodeLogFileSizes("{}", u"talk"_s, u"stdout"_s));
}

DD_TEST_GUILESS_MAIN(TstLogFrames)
#include "tst_logframes.moc"
