// Task output turned into safe display text (issue 13): UTF-8 and escape
// sequences cut anywhere between chunks, invalid bytes, control characters,
// carriage returns, colours and endless lines.
#include "core/logtext.h"

#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {

// Everything a decoder makes of `bytes` fed in the given pieces, the open line
// included (as if the stream ended).
LogText logTextDecodeAll(const QList<QByteArray> &pieces, LogDecoder::Options options = {})
{
    LogDecoder decoder(options);
    LogText out;
    for (const QByteArray &piece : pieces)
        out.append(decoder.decode(piece));
    out.append(decoder.finish());
    return out;
}

LogText logTextDecodeWhole(const QByteArray &bytes, LogDecoder::Options options = {})
{
    return logTextDecodeAll({bytes}, options);
}

QString logTextSpansToString(const LogText &t)
{
    QStringList parts;
    for (const LogSpan &s : t.spans) {
        QString p = t.text.mid(s.start, s.length) + u':';
        if (s.style.foreground.kind == LogColor::Kind::Palette)
            p += u"fg" + QString::number(s.style.foreground.value);
        else if (s.style.foreground.kind == LogColor::Kind::Rgb)
            p += u"rgb" + QString::number(s.style.foreground.value, 16);
        if (s.style.background.kind == LogColor::Kind::Palette)
            p += u"bg" + QString::number(s.style.background.value);
        if (s.style.bold)
            p += u"b"_s;
        if (s.style.underline)
            p += u"u"_s;
        parts.append(p);
    }
    return parts.join(u' ');
}

const QByteArray kLogTextMixed = "gr\xc3\xbc\xc3\x9f \xe2\x82\xac \xf0\x9f\x98\x80 "
                                 "\x1b[1;31mred bold\x1b[0m \x1b]0;title\x07"
                                 "\x1b[38;5;202mo\x1b[38;2;1;2;3mrgb\x1b[m\n\x1b[2K\r10%\r20%\n"
                                 "\x01\xff\tend\x1b[A\n";

} // namespace

class TestLogText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void plainLines()
    {
        LogDecoder d;
        const LogText a = d.decode("one\ntw");
        QCOMPARE(a.text, u"one\n"_s);
        QCOMPARE(a.lines, 1);
        QCOMPARE(d.pendingLine().text, u"tw"_s);
        const LogText b = d.decode("o\nthree");
        QCOMPARE(b.text, u"two\n"_s);
        QCOMPARE(d.pendingLine().text, u"three"_s);
        QCOMPARE(d.finish().text, u"three\n"_s);
        QCOMPARE(d.pendingLine().text, QString());
    }

    // Every place a chunk can end, for UTF-8, CSI, OSC and CR alike.
    void chunkSplitsAnywhere()
    {
        const LogText whole = logTextDecodeWhole(kLogTextMixed);
        QCOMPARE(whole.text, u"grüß € 😀 red bold orgb\n20%\n\\x01\uFFFD\tend\n"_s);
        QCOMPARE(logTextSpansToString(whole), u"red bold:fg1b o:fg202 rgb:rgb10203"_s);
        for (qsizetype cut = 1; cut < kLogTextMixed.size(); ++cut) {
            const LogText split =
                logTextDecodeAll({kLogTextMixed.left(cut), kLogTextMixed.mid(cut)});
            QVERIFY2(split.text == whole.text, qPrintable(u"cut at "_s + QString::number(cut)));
            QCOMPARE(logTextSpansToString(split), logTextSpansToString(whole));
        }
        QList<QByteArray> bytes;
        for (char c : kLogTextMixed)
            bytes.append(QByteArray(1, c));
        const LogText byByte = logTextDecodeAll(bytes);
        QCOMPARE(byByte.text, whole.text);
        QCOMPARE(logTextSpansToString(byByte), logTextSpansToString(whole));
    }

    void invalidUtf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << u"a\uFFFDz"_s;
        QTest::newRow("0xff") << QByteArray("\xff") << u"\uFFFD"_s;
        QTest::newRow("overlong 2") << QByteArray("\xc0\xaf") << u"\uFFFD\uFFFD"_s;
        QTest::newRow("overlong 3") << QByteArray("\xe0\x80\xaf") << u"\uFFFD\uFFFD\uFFFD"_s;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << u"\uFFFD\uFFFD\uFFFD"_s;
        QTest::newRow("above 10FFFF")
            << QByteArray("\xf4\x90\x80\x80") << u"\uFFFD\uFFFD\uFFFD\uFFFD"_s;
        QTest::newRow("truncated then ASCII") << QByteArray("\xe2\x82z") << u"\uFFFDz"_s;
        QTest::newRow("truncated at the end") << QByteArray("ok\xf0\x9f\x98") << u"ok\uFFFD"_s;
        QTest::newRow("valid 4 bytes") << QByteArray("\xf0\x9f\x98\x80") << u"😀"_s;
    }
    void invalidUtf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        QCOMPARE(logTextDecodeWhole(bytes).text, QString(shown + u'\n'));
    }

    void controls_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("NUL BEL BS") << QByteArray("a\x00\x07\x08z", 5) << u"a\\x00\\x07\\x08z"_s;
        QTest::newRow("tab kept") << QByteArray("a\tb") << u"a\tb"_s;
        QTest::newRow("DEL") << QByteArray("a\x7f") << u"a\\x7f"_s;
        QTest::newRow("form feed") << QByteArray("\x0c") << u"\\x0c"_s;
        QTest::newRow("C1 NEL") << QByteArray("a\xc2\x85z") << u"a<U+0085>z"_s;
        QTest::newRow("paragraph separator") << QByteArray("a\xe2\x80\xa9z") << u"a<U+2029>z"_s;
        QTest::newRow("bidi override") << QByteArray("\xe2\x80\xaez") << u"<U+202E>z"_s;
        QTest::newRow("noncharacter") << QByteArray("\xef\xbf\xbf") << u"<U+FFFF>"_s;
        QTest::newRow("cursor moves stripped")
            << QByteArray("\x1b[2J\x1b[1;1H\x1b[?25lA\x1b[K") << u"A"_s;
        QTest::newRow("OSC with ST") << QByteArray("\x1b]2;t\x1b\\A") << u"A"_s;
        QTest::newRow("two-char escape") << QByteArray("\x1b"
                                                       "7A\x1b(B")
                                         << u"A"_s;
        QTest::newRow("ESC then CSI") << QByteArray("\x1b\x1b[31mA") << u"A"_s;
    }
    void controls()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        QCOMPARE(logTextDecodeWhole(bytes).text, QString(shown + u'\n'));
    }

    void carriageReturn_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("progress") << QByteArray("10%\r20%\r30%\n") << u"30%\n"_s;
        QTest::newRow("CRLF") << QByteArray("abc\r\ndef\r\n") << u"abc\ndef\n"_s;
        QTest::newRow("CR at the end") << QByteArray("abc\r") << u"abc\n"_s;
        QTest::newRow("CR CR") << QByteArray("a\r\rb\n") << u"b\n"_s;
    }
    void carriageReturn()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        QCOMPARE(logTextDecodeWhole(bytes).text, shown);
    }

    void pendingLineShowsLatestProgress()
    {
        LogDecoder d;
        QVERIFY(d.decode("\x1b[32m 5%").isEmpty());
        QCOMPARE(d.pendingLine().text, u" 5%"_s);
        QVERIFY(d.decode("\r 6%").isEmpty());
        const LogText pending = d.pendingLine();
        QCOMPARE(pending.text, u" 6%"_s);
        QCOMPARE(logTextSpansToString(pending), u" 6%:fg2"_s);
    }

    void colours_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("spans");
        QTest::newRow("basic") << QByteArray("\x1b[31mr\x1b[0mp") << u"r:fg1"_s;
        QTest::newRow("bright") << QByteArray("\x1b[92mg") << u"g:fg10"_s;
        QTest::newRow("background") << QByteArray("\x1b[44;37mw") << u"w:fg7bg4"_s;
        QTest::newRow("bold off") << QByteArray("\x1b[1mB\x1b[22mn") << u"B:b"_s;
        QTest::newRow("underline") << QByteArray("\x1b[4mu\x1b[24m") << u"u:u"_s;
        QTest::newRow("default fg") << QByteArray("\x1b[33my\x1b[39md") << u"y:fg3"_s;
        QTest::newRow("256 colon") << QByteArray("\x1b[38:5:99mc") << u"c:fg99"_s;
        QTest::newRow("empty resets") << QByteArray("\x1b[35mm\x1b[mn") << u"m:fg5"_s;
        QTest::newRow("colour across lines") << QByteArray("\x1b[36ma\nb") << u"a:fg6 b:fg6"_s;
        QTest::newRow("private not a colour") << QByteArray("\x1b[?31mx") << u""_s;
    }
    void colours()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, spans);
        QCOMPARE(logTextSpansToString(logTextDecodeWhole(bytes)), spans);
    }

    void coloursOffStrips()
    {
        const LogText t = logTextDecodeWhole("\x1b[1;31mred\x1b[0m\n", {.colours = false});
        QCOMPARE(t.text, u"red\n"_s);
        QVERIFY(t.spans.isEmpty());
    }

    // A stray ESC ] must not swallow the lines after it.
    void unterminatedOscEndsAtNewline()
    {
        QCOMPARE(logTextDecodeWhole("\x1b]0;half a title\nnext\n").text, u"\nnext\n"_s);
        const QByteArray longOsc = "\x1b]0;" + QByteArray(10000, 'x');
        QVERIFY(logTextDecodeWhole(longOsc).text.size() > 5000);
    }

    void longLinesAreCut()
    {
        LogDecoder::Options o;
        o.maxLineLength = 16;
        const LogText t = logTextDecodeWhole(QByteArray(40, 'a') + '\n', o);
        const QString cut = QString(16, u'a') + LogDecoder::kCutMarker + u'\n';
        QCOMPARE(t.text, QString(cut + cut + QString(8, u'a') + u'\n'));
        QCOMPARE(t.lines, 3);

        // An endless line is never held whole.
        LogDecoder d(o);
        qsizetype lines = 0;
        for (int i = 0; i < 1000; ++i)
            lines += d.decode(QByteArray(1000, 'x')).lines;
        QCOMPARE(lines, 1000 * 1000 / 16 - 1);
        QVERIFY(d.pendingLine().text.size() <= 16);
        // A surrogate pair is never cut in two.
        const LogText emoji = logTextDecodeWhole(QByteArray("\xf0\x9f\x98\x80").repeated(20), o);
        QVERIFY(emoji.text.startsWith(QString(u"😀"_s.repeated(8) + LogDecoder::kCutMarker)));
    }

    void trimFrontKeepsWholeLines()
    {
        LogText t = logTextDecodeWhole("\x1b[31maaaa\x1b[0m\nbbbb\n\x1b[32mcccc\n");
        const auto [chars, lines] = t.trimFront(7);
        QCOMPARE(chars, 10);
        QCOMPARE(lines, 2);
        QCOMPARE(t.text, u"cccc\n"_s);
        QCOMPARE(t.lines, 1);
        QCOMPARE(logTextSpansToString(t), u"cccc:fg2"_s);
    }

    // What a failure's banner quotes: the last lines, safe, without the
    // fragment a read from the middle of a log starts with.
    void lastLines_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("midLine");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("last two") << QByteArray("a\nb\nc\n") << 2 << false
                                  << QStringList{u"b"_s, u"c"_s};
        QTest::newRow("fewer than asked")
            << QByteArray("only\n") << 5 << false << QStringList{u"only"_s};
        QTest::newRow("no final newline")
            << QByteArray("a\nlast words") << 1 << false << QStringList{u"last words"_s};
        QTest::newRow("blank lines skipped")
            << QByteArray("a\n\n  \nb\n\n") << 2 << false << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("fragment dropped")
            << QByteArray("ment\nx\ny\n") << 5 << true << QStringList{u"x"_s, u"y"_s};
        QTest::newRow("lone fragment kept")
            << QByteArray("tail only\n") << 5 << true << QStringList{u"tail only"_s};
        QTest::newRow("colours stripped, controls shown")
            << QByteArray("\x1b[31mred\x1b[0m \x07"
                          "bell\n")
            << 1 << false << QStringList{u"red \\x07bell"_s};
        QTest::newRow("empty") << QByteArray() << 3 << false << QStringList{};
    }
    void lastLines()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, count);
        QFETCH(bool, midLine);
        QFETCH(QStringList, expected);
        QCOMPARE(lastLogLines(bytes, count, midLine), expected);
    }

    void lastLinesAreBounded()
    {
        const QStringList lines =
            lastLogLines(QByteArray(QByteArray(5000, 'x') + '\n'), 1, false, 300);
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines.first().size() <= 301);
    }
};

DD_TEST_GUILESS_MAIN(TestLogText)
#include "tst_logtext.moc"
