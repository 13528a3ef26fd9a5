// "Format JSON" lays out the payload the user typed, and changes nothing else
// (issue 15: it used to sort the keys).
#include "core/jsonindent.h"

#include <QJsonDocument>
#include <QTest>

#include "testmain.h"

using namespace dd;

namespace {

// The text with every whitespace outside strings removed.
QByteArray compacted(const QByteArray &json)
{
    QByteArray out;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json.at(++i);
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out += c;
        }
    }
    return out;
}

} // namespace

class TestJsonIndent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutMatchesQtsIndentedForm()
    {
        // Keys already sorted and plain numbers: the same bytes as QJsonDocument's.
        const QByteArray json = R"({"a":1,"b":[true,null,{"c":"x"}],"d":{"e":[false]}})";
        QCOMPARE(indentJson(json).value(),
                 QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented));
        // Except that an empty object or array stays on one line.
        QCOMPARE(indentJson(R"({"d":{},"e":[ ]})").value(),
                 QByteArray("{\n    \"d\": {},\n    \"e\": []\n}\n"));
    }

    void keepsWhatTheUserTyped_data()
    {
        // Backslashes in plain strings: moc misreads them inside raw string literals.
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("keys out of order")
            << QByteArray(R"({"zeta":1,"alpha":2,"mid":{"z":0,"a":1}})");
        QTest::newRow("duplicate keys") << QByteArray(R"({"k":"first","k":"second"})");
        QTest::newRow("big integer") << QByteArray(R"({"id":12345678901234567890,"n":-0.10e+03})");
        QTest::newRow("unicode escapes")
            << QByteArray("{\"name\":\"caf\\u00e9 \\ud83d\\ude00\",\"raw\":\"é\"}");
        QTest::newRow("escaped quotes and brackets in strings")
            << QByteArray("{\"s\":\"a \\\"quoted\\\" {not} [a, list]: \\\\\",\"t\":\"\\/\"}");
        QTest::newRow("top-level array") << QByteArray(R"([3,1,2,{"b":1,"a":2}])");
        QTest::newRow("already indented, odd spacing")
            << QByteArray("{\n  \"b\" :  1 ,\r\n\t\"a\":[ 1 , 2 ]\n}");
    }

    void keepsWhatTheUserTyped()
    {
        QFETCH(QByteArray, json);
        const auto indented = indentJson(json);
        QVERIFY(indented);
        // Only whitespace between tokens changed: order, duplicates, digits and escapes are the
        // same.
        QCOMPARE(compacted(*indented), compacted(json));
        // Still JSON, and formatting again changes nothing.
        QJsonParseError error{};
        QJsonDocument::fromJson(*indented, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(indentJson(*indented).value(), *indented);
    }

    void keyOrderIsKept()
    {
        QCOMPARE(indentJson(R"({"zeta":1,"alpha":[12345678901234567890]})").value(),
                 QByteArray("{\n    \"zeta\": 1,\n    \"alpha\": [\n        12345678901234567890\n"
                            "    ]\n}\n"));
    }

    void refusesWhatItCannotLayOut_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("unclosed string") << QByteArray("{\"a\":\"b");
        QTest::newRow("unclosed object") << QByteArray("{\"a\":1");
        QTest::newRow("mismatched") << QByteArray("{\"a\":[1}");
        QTest::newRow("text after the value") << QByteArray(R"({} {})");
        QTest::newRow("colon in an array") << QByteArray(R"([1:2])");
    }

    void refusesWhatItCannotLayOut()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!indentJson(json));
    }
};

DD_TEST_MAIN(TestJsonIndent)
#include "tst_jsonindent.moc"
