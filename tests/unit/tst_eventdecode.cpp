// Nomad's event stream reduced to "what changed where" (core/eventdecode):
// the recorded 1.0.18 stream, heartbeats, hostile lines, dispatched children.

#include "core/eventdecode.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;

class TestEventDecode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedStream();
    void heartbeatIsNoChange();
    void unreadableLinesAreUnknownChanges_data();
    void unreadableLinesAreUnknownChanges();
    void partialLastLineIsLeft();
    void dispatchParent_data();
    void dispatchParent();
};

void TestEventDecode::recordedStream()
{
    const auto bytes =
        dd::test::readFixture(dd::test::fixturePath(u"recorded/event-stream.ndjson"_s));
    DD_VERIFY_OK(bytes);
    const QList<ChangeEvent> events = decodeEventLines(*bytes);
    // Derived from the recording itself: every event of every frame, each with its job.
    int expected = 0;
    QSet<QString> jobs;
    for (const QByteArray &line : bytes->split('\n')) {
        const QJsonObject frame = QJsonDocument::fromJson(line).object();
        for (const QJsonValue &v : frame.value(u"Events").toArray()) {
            ++expected;
            const QJsonObject e = v.toObject();
            const QJsonObject payload =
                e.value(u"Payload").toObject().value(e.value(u"Topic").toString()).toObject();
            jobs.insert(e.value(u"Topic").toString() == u"Job"
                            ? e.value(u"Key").toString()
                            : payload.value(u"JobID").toString());
        }
    }
    QVERIFY(expected > 0);
    QCOMPARE(events.size(), expected);
    QSet<QString> seen;
    quint64 last = 0;
    for (const ChangeEvent &e : events) {
        QVERIFY(!e.unknown);
        QVERIFY(!e.jobId.isEmpty());
        QCOMPARE(e.nameSpace, u"default"_s);
        QVERIFY2(e.index >= last, "indexes never go back within the recording");
        last = e.index;
        seen.insert(e.jobId);
        if (e.topic == u"Job")
            QCOMPARE(e.jobId, e.key);
    }
    QCOMPARE(seen, jobs);
    // The evaluation of the first dispatch names its child job, not its own ID.
    const auto firstEval = std::find_if(events.cbegin(), events.cend(), [](const ChangeEvent &e) {
        return e.topic == u"Evaluation";
    });
    QVERIFY(firstEval != events.cend());
    QVERIFY(firstEval->jobId.contains(u"/dispatch-"_s));
    QVERIFY(firstEval->key != firstEval->jobId);
}

void TestEventDecode::heartbeatIsNoChange()
{
    QVERIFY(decodeEventLine("{}").isEmpty());
    QVERIFY(decodeEventLine("  {}  ").isEmpty());
    QVERIFY(decodeEventLine("").isEmpty());
    QVERIFY(decodeEventLines("{}\n{}\n").isEmpty());
}

void TestEventDecode::unreadableLinesAreUnknownChanges_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("not json") << QByteArray("Events: nope");
    QTest::newRow("cut frame") << QByteArray("{\"Index\":5,\"Events\":[{\"Topic\":\"Job\"");
    QTest::newRow("events not a list") << QByteArray("{\"Index\":5,\"Events\":7}");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("event without topic")
        << QByteArray("{\"Index\":5,\"Events\":[{\"Key\":\"x\"}]}");
}

void TestEventDecode::unreadableLinesAreUnknownChanges()
{
    QFETCH(QByteArray, line);
    const QList<ChangeEvent> events = decodeEventLine(line);
    QCOMPARE(events.size(), 1);
    QVERIFY(events.first().unknown);
}

void TestEventDecode::partialLastLineIsLeft()
{
    const QByteArray two =
        "{\"Index\":3,\"Events\":[{\"Topic\":\"Job\",\"Key\":\"a\",\"Index\":3}]}"
        "\n"
        "{\"Index\":4,\"Events\":[{\"Topic\":\"Job\",\"Key\":\"b\",\"Index\":4}]}";
    const QList<ChangeEvent> events = decodeEventLines(two);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().jobId, u"a"_s);
    QCOMPARE(events.first().index, quint64(3));
}

void TestEventDecode::dispatchParent_data()
{
    QTest::addColumn<QString>("jobId");
    QTest::addColumn<QString>("parent");
    QTest::newRow("child") << u"report/dispatch-1700000000-abcd1234"_s << u"report"_s;
    QTest::newRow("slash in parent") << u"team/report/dispatch-1-ab"_s << u"team/report"_s;
    QTest::newRow("custom prefix") << u"report/dispatch-nightly-1-ab"_s << u"report"_s;
    QTest::newRow("parent") << u"report"_s << QString();
    QTest::newRow("no parent") << u"/dispatch-1-ab"_s << QString();
}

void TestEventDecode::dispatchParent()
{
    QFETCH(QString, jobId);
    QFETCH(QString, parent);
    QCOMPARE(dispatchParentOf(jobId), parent);
}

DD_TEST_GUILESS_MAIN(TestEventDecode)
#include "tst_eventdecode.moc"
