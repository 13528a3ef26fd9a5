// Bulk-dispatch rows from CSV and JSON Lines, and every way a row can be bad.
#include "core/batchpayloads.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestBatchRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void csv();
    void csvQuoting();
    void jsonLines();
    void errors_data();
    void errors();
    void payloadFiles();
    void formatGuess();
};

void TestBatchRows::csv()
{
    const auto parsed = parseBatchRows("input-codec,quality,payload\nmp4,1080p,{\"a\":1}\nwebm,,\n",
                                       BatchFormat::Csv);
    QVERIFY(parsed.errors.isEmpty());
    QCOMPARE(parsed.rows.size(), 2);
    QCOMPARE(parsed.rows[0].meta.value(u"input-codec"_s), u"mp4"_s);
    QCOMPARE(parsed.rows[0].payload, QByteArray("{\"a\":1}"));
    QVERIFY(parsed.rows[0].hasPayload);
    QCOMPARE(parsed.rows[1].meta.size(), 1); // the empty quality cell leaves the key out
    QVERIFY(!parsed.rows[1].hasPayload);
    QCOMPARE(parsed.rows[1].line, 3);
}

void TestBatchRows::csvQuoting()
{
    auto records = parseCsv(u"a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n"_s);
    QVERIFY(records);
    QCOMPARE(records->size(), 3);
    QCOMPARE(records->at(1), (QStringList{u"x, y"_s, u"say \"hi\""_s}));
    QCOMPARE(records->at(2), (QStringList{u"multi\nline"_s, u"z"_s}));
    QVERIFY(!parseCsv(u"a\n\"open"_s));
}

void TestBatchRows::jsonLines()
{
    const auto parsed =
        parseBatchRows("{\"meta\": {\"input-codec\": \"mp4\"}, \"payload_base64\": \"AP8=\"}\n"
                       "\n# a comment\n"
                       "{\"input-codec\": \"webm\", \"shards\": 4, \"payload\": \"text\"}\n",
                       BatchFormat::JsonLines);
    QVERIFY(parsed.errors.isEmpty());
    QCOMPARE(parsed.rows.size(), 2);
    QCOMPARE(parsed.rows[0].payload, QByteArray("\x00\xff", 2));
    QCOMPARE(parsed.rows[1].meta.value(u"shards"_s), u"4"_s);
    QCOMPARE(parsed.rows[1].line, 4);
}

void TestBatchRows::errors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("message");
    QTest::newRow("ragged csv") << QByteArray("a,b\n1\n") << 0
                                << u"has 1 cells but the header names 2"_s;
    QTest::newRow("empty csv") << QByteArray() << 0 << u"the file is empty"_s;
    QTest::newRow("two payloads") << QByteArray("payload,payload_base64\nx,AA==\n") << 0
                                  << u"more than one payload"_s;
    QTest::newRow("bad base64") << QByteArray("payload_base64\n***\n") << 0
                                << u"not valid base64"_s;
    QTest::newRow("not json") << QByteArray("{nope\n") << 1 << u"is not a JSON object"_s;
    QTest::newRow("array line") << QByteArray("[1]\n") << 1 << u"is not a JSON object"_s;
    QTest::newRow("nested meta") << QByteArray("{\"a\": {\"b\": 1}}\n") << 1
                                 << u"must be a string, number or boolean"_s;
}

void TestBatchRows::errors()
{
    QFETCH(QByteArray, content);
    QFETCH(int, format);
    QFETCH(QString, message);
    const auto parsed =
        parseBatchRows(content, format == 0 ? BatchFormat::Csv : BatchFormat::JsonLines);
    QVERIFY(!parsed.errors.isEmpty());
    QVERIFY2(parsed.errors.first().message.contains(message),
             qPrintable(parsed.errors.first().message));
}

void TestBatchRows::payloadFiles()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"one.bin"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("binary\0data", 11)); // \0, not \x00: a hex escape would swallow the "da"
    f.close();
    auto parsed = parseBatchRows("payload_file\none.bin\nmissing.bin\n", BatchFormat::Csv);
    QCOMPARE(parsed.rows.size(), 2);
    QCOMPARE(parsed.rows[0].payloadSource, PayloadSource::File);
    const auto errors = loadBatchPayloads(parsed.rows, {dir.path(), {}});
    QCOMPARE(parsed.rows[0].payload.size(), 11);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().line, 3);
    QVERIFY(errors.first().message.contains(u"does not exist"_s));
}

void TestBatchRows::formatGuess()
{
    QCOMPARE(guessBatchFormat(u"rows.csv"_s, "{"), BatchFormat::Csv);
    QCOMPARE(guessBatchFormat(u"rows.jsonl"_s, "a,b"), BatchFormat::JsonLines);
    QCOMPARE(guessBatchFormat(u"-"_s, " {\"a\":1}"), BatchFormat::JsonLines);
    QCOMPARE(guessBatchFormat(u"-"_s, "a,b"), BatchFormat::Csv);
}

DD_TEST_GUILESS_MAIN(TestBatchRows)
#include "tst_batchrows.moc"
