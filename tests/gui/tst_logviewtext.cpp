// The log viewer's text (issue 13): ANSI colours as formats that read on
// light and dark backgrounds, find with highlights (also after old lines
// went), wrap and the heights of wrapped lines, long lines cut with a marker,
// and saving what is shown. Saves screenshots into build/screenshots.
#include "guitestsupport.h"
#include "logviewtestsupport.h"

#include "gui/loglinesview.h"
#include "gui/logview.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>

#include <cmath>
#include <memory>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;
using dd::test::logViewDrag;
using dd::test::LogViewFakeDialogs;
using dd::test::logViewLines;
using dd::test::logViewScreenshot;

class TestLogViewText : public test::LogViewTest
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(openView()); }
    void cleanup() { m_view.reset(); }

    void ansiColoursBecomeFormats()
    {
        m_view->append("plain \x1b[31mred\x1b[0m \x1b[1;32mbold green\x1b[0m "
                       "\x1b[44;97mwhite on blue\x1b[0m \x1b]0;title\x07\x1b[2Kdone\n");
        for (int i = 0; i < 8; ++i)
            m_view->append(QByteArray("\x1b[3" + QByteArray::number(i) + "mcolour " +
                                      QByteArray::number(i) + " \x1b[9" + QByteArray::number(i) +
                                      "mbright\x1b[0m\n"));
        m_view->append("bad \xff\xfe bytes, a bell \x07 and a NUL \x00 shown safely\n"_ba);
        m_view->flush();
        QCOMPARE(buffer().text(0), u"plain red bold green white on blue done"_s);
        const bool dark = text()->palette().color(QPalette::Base).lightness() < 128;
        QCOMPARE(formatAt(0, 6).foreground().color(), logColor(LogColor::palette(1), dark));
        QCOMPARE(formatAt(0, 0).foreground().style(), Qt::NoBrush);
        QCOMPARE(formatAt(0, 10).fontWeight(), int(QFont::Bold));
        QCOMPARE(formatAt(0, 22).background().color(), logColor(LogColor::palette(4), dark));
        QVERIFY(
            buffer().joined().contains(u"bad \uFFFD\uFFFD bytes, a bell \\x07 and a NUL \\x00"_s));
        logViewScreenshot(m_view.get(), u"logview-ansi"_s);
    }

    void coloursReadOnLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void coloursReadOnLightAndDark()
    {
        QFETCH(bool, dark);
        QPalette p = text()->palette();
        p.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white));
        p.setColor(QPalette::Text, dark ? QColor(0xd4, 0xd4, 0xd4) : QColor(Qt::black));
        text()->setPalette(p);
        // Black on a dark background, bright yellow on white, default on white.
        m_view->append("\x1b[30mblack\x1b[0m \x1b[93myellow\x1b[0m \x1b[47mon white\x1b[0m\n");
        m_view->flush();
        // WCAG's contrast ratio; 4.5:1 reads as body text.
        const auto luminance = [](const QColor &c) {
            const auto channel = [](double v) {
                return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
                   0.0722 * channel(c.blueF());
        };
        const QColor base = p.color(QPalette::Base);
        for (int column : {0, 6, 13}) {
            const QTextCharFormat f = formatAt(0, column);
            const QColor back =
                f.background().style() == Qt::NoBrush ? base : f.background().color();
            const double a = luminance(f.foreground().color());
            const double b = luminance(back);
            const double ratio = (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
            QVERIFY2(ratio >= 4.5, qPrintable(f.foreground().color().name() + u" on "_s +
                                              back.name() + u": "_s + QString::number(ratio)));
        }
        logViewScreenshot(m_view.get(), dark ? u"logview-dark"_s : u"logview-light"_s);
    }

    void ctrlFFindsAndHighlights()
    {
        for (int i = 0; i < 300; ++i)
            m_view->append(logViewLines(i, 1, i % 10 == 0 ? "needle" : "hay"));
        m_view->flush();
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        text()->setFocus();
        auto *bar = m_view->findChild<QWidget *>(u"findBar"_s);
        QVERIFY(!bar->isVisible());
        QTest::keyClick(text(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(bar->isVisible());
        auto *edit = m_view->findChild<QLineEdit *>(u"findEdit"_s);
        QTRY_VERIFY(edit->hasFocus());
        QTest::keyClicks(edit, u"NEEDLE"_s);
        QCOMPARE(m_view->matchCount(), 30);
        auto *count = m_view->findChild<QLabel *>(u"findCount"_s);
        QCOMPARE(count->text(), u"30 matches"_s);
        // The matches in view are highlighted (one in ten lines).
        QVERIFY(m_view->highlightCount() >= 1);
        QVERIFY(m_view->highlightCount() <= 30);
        QVERIFY(shows(kMatchColour));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(count->text().endsWith(u" of 30"_s));
        QCOMPARE(text()->selectedText(), u"needle"_s);
        const QString first = count->text();
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"findNext"_s), Qt::LeftButton);
        QVERIFY(count->text() != first);
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"findPrevious"_s), Qt::LeftButton);
        QCOMPARE(count->text(), first);
        // New output is searched as it arrives.
        m_view->append("one more needle\n");
        m_view->flush();
        QCOMPARE(m_view->matchCount(), 31);
        logViewScreenshot(m_view.get(), u"logview-find"_s);
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QCOMPARE(m_view->highlightCount(), 0);
        QVERIFY(!shows(kMatchColour));
    }

    void findsAcrossTheWindowAfterOldLinesGo()
    {
        LogView::Limits limits;
        limits.maxLines = 1000;
        LogView view(m_dialogs, *m_desktop, limits);
        view.resize(760, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto feed = [&view](int from, int count) {
            for (int i = from; i < from + count; ++i)
                view.append(logViewLines(i, 1, i % 10 == 0 ? "needle" : "hay"));
            view.flush();
        };
        feed(0, 3000);
        LogLinesView *lines = view.lines();
        QCOMPARE(lines->buffer().firstLine(), 2000);
        view.openFind();
        QTest::keyClicks(view.findChild<QLineEdit *>(u"findEdit"_s), u"needle"_s);
        QTRY_VERIFY(view.isFindDone());
        QCOMPARE(view.matchCount(), 100);
        // From the top of the window: Next goes to its first line, then on.
        QTest::keyClick(lines, Qt::Key_Home);
        auto *next = view.findChild<QToolButton *>(u"findNext"_s);
        for (int i = 0; i < 61; ++i)
            QTest::mouseClick(next, Qt::LeftButton);
        auto *count = view.findChild<QLabel *>(u"findCount"_s);
        QCOMPARE(count->text(), u"61 of 100"_s);
        QCOMPARE(lines->selection().first.line, 2600);
        // 500 lines more push 500 out: the current match stays on its line.
        feed(3000, 500);
        QCOMPARE(lines->buffer().firstLine(), 2500);
        QCOMPARE(view.matchCount(), 100);
        QCOMPARE(count->text(), u"11 of 100"_s);
        QCOMPARE(lines->selectedText(), u"needle"_s);
        QCOMPARE(lines->selection().first.line, 2600);
        const qint64 shownFirst = lines->visibleLines().first;
        QVERIFY(shownFirst <= 2600 && lines->visibleLines().second >= 2600);
        // The match it was on goes too: Next starts again from the view.
        feed(3500, 200);
        QCOMPARE(count->text(), u"100 matches"_s);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(lines->selectedText(), u"needle"_s);
        QVERIFY(lines->selection().first.line >= 2700);
        QCOMPARE(view.highlightCount(), int(lines->visibleLines().second / 10 -
                                            (lines->visibleLines().first + 9) / 10 + 1));
    }

    void wrapToggles()
    {
        m_view->append(QByteArray(QByteArray(600, 'w') + '\n'));
        m_view->flush();
        auto *wrap = m_view->findChild<QToolButton *>(u"wrapButton"_s);
        QVERIFY(!text()->wrap());
        QVERIFY(text()->horizontalScrollBar()->maximum() > 0);
        QCOMPARE(text()->rowCount(0), 1);
        QTest::mouseClick(wrap, Qt::LeftButton);
        QVERIFY(text()->wrap());
        QTRY_COMPARE(text()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(text()->rowCount(0) > 1);
        QTest::mouseClick(wrap, Qt::LeftButton);
        QVERIFY(!text()->wrap());
        QCOMPARE(text()->rowCount(0), 1);
    }

    void wrappedLinesTakeTheirHeight()
    {
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"wrapButton"_s), Qt::LeftButton);
        QVERIFY(text()->wrap());
        for (int i = 0; i < 200; ++i)
            m_view->append(QByteArray("long " + QByteArray::number(i) + ' ' +
                                      QByteArray(300, char('a' + i % 26)) + " end\n"));
        m_view->append("the last line");
        m_view->flush();
        LogLinesView *lines = text();
        const int width = lines->viewport()->width();
        const int rows = lines->rowCount(10);
        QVERIFY2(rows >= 2 && rows * width > 300 * lines->fontMetrics().horizontalAdvance(u'a'),
                 qPrintable(QString::number(rows)));
        // Following shows the end: the last line's row is at the bottom, in view.
        const QPoint end = lines->pointOf({buffer().lastLine(), 0});
        QVERIFY(end.y() > lines->viewport()->height() - 2 * lines->rowHeight());
        QVERIFY(end.y() < lines->viewport()->height());
        // The bar counts lines: its end is the first line of the last screen.
        QScrollBar *bar = lines->verticalScrollBar();
        QCOMPARE(bar->maximum(), lines->topLine() - buffer().firstLine());
        QVERIFY(bar->maximum() >
                buffer().lineCount() - lines->viewport()->height() / lines->rowHeight());
        // Arrow keys move by rows inside a wrapped line.
        lines->setFocus();
        QTest::keyClick(lines, Qt::Key_Home);
        QTest::keyClick(lines, Qt::Key_Down);
        QCOMPARE(lines->topLine(), 0);
        QCOMPARE(lines->topRow(), 1);
        for (int i = 1; i < lines->rowCount(0); ++i)
            QTest::keyClick(lines, Qt::Key_Down);
        QCOMPARE(lines->topLine(), 1);
        QCOMPARE(lines->topRow(), 0);
        QTest::keyClick(lines, Qt::Key_Up);
        QCOMPARE(lines->topLine(), 0);
        QCOMPARE(lines->topRow(), lines->rowCount(0) - 1);
        // Narrower: more rows per line.
        m_view->resize(400, 420);
        QTRY_VERIFY(lines->rowCount(10) > rows);
        QTest::keyClick(lines, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(m_view->isFollowing());
        QVERIFY(lines->pointOf({buffer().lastLine(), 0}).y() < lines->viewport()->height());
        logViewScreenshot(m_view.get(), u"logview-wrap"_s);
    }

    void longLinesAreCutWithAMarker()
    {
        m_view->append(QByteArray(QByteArray(20000, 'x') + "\nshort\n"));
        m_view->flush();
        QCOMPARE(buffer().completeLines(), 4);
        QCOMPARE(buffer().text(0).size(), 8193);
        QVERIFY(buffer().text(0).endsWith(LogDecoder::kCutMarker));
        QCOMPARE(buffer().text(3), u"short"_s);
        QScrollBar *h = text()->horizontalScrollBar();
        QVERIFY(h->maximum() >= 8000 * text()->fontMetrics().horizontalAdvance(u'x'));
        // Only the start that reaches the right edge is laid out...
        QVERIFY(text()->layout(0)->text().size() < 2000);
        // ...and more of it as the view scrolls right: the end is drawn, and hit.
        h->setValue(h->maximum());
        QVERIFY(text()->layout(0)->text().size() == 8193);
        const int row = text()->pointOf({0, 0}).y();
        const LogPosition right = text()->positionAt({text()->viewport()->width() - 20, row});
        QVERIFY2(right.column > 8150, qPrintable(QString::number(right.column)));
        QCOMPARE(
            text()->positionAt({text()->viewport()->width() - 20, row + text()->rowHeight()}).line,
            1);
        logViewScreenshot(m_view.get(), u"logview-long-line-end"_s);
    }

    void savesWhatIsShown()
    {
        QTemporaryDir dir;
        m_view->append("gr\xc3\xbc\xc3\x9f\n\x1b[31mred\x1b[0m\nopen");
        m_view->flush();
        m_dialogs.saveAnswer = dir.filePath(u"shown.log"_s);
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"saveButton"_s), Qt::LeftButton);
        QFile file(m_dialogs.saveAnswer);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("gr\xc3\xbc\xc3\x9f\nred\nopen"));
        auto *status = m_view->findChild<QLabel *>(u"logStatus"_s);
        QVERIFY(status->text().contains(u"Saved the log shown"_s));
        m_dialogs.saveAnswer = dir.filePath(u"missing/folder/shown.log"_s);
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY2(status->text().startsWith(u"Could not save the log to"_s),
                 qPrintable(status->text()));
    }

    // Colours, a find highlight and the paused bar in one picture, for people to look at.
    void screenshotColoursFindAndPaused()
    {
        for (int i = 0; i < 400; ++i) {
            const char *level = i % 7 == 0    ? "\x1b[33mWARN\x1b[0m"
                                : i % 11 == 0 ? "\x1b[1;31mERROR\x1b[0m"
                                              : "\x1b[32mINFO\x1b[0m";
            m_view->append(QByteArray("2024-05-01T12:00:" + QByteArray::number(i % 60) + "Z " +
                                      level + " frame " + QByteArray::number(i) +
                                      " encoded, \x1b[36mqueue\x1b[0m depth " +
                                      QByteArray::number(i % 13) + "\n"));
        }
        m_view->flush();
        m_view->openFind();
        QTest::keyClicks(m_view->findChild<QLineEdit *>(u"findEdit"_s), u"frame 3"_s);
        QTest::keyClick(text(), Qt::Key_PageUp);
        QTest::keyClick(text(), Qt::Key_PageUp);
        m_view->append(logViewLines(400, 42));
        m_view->flush();
        QVERIFY(m_view->findChild<QWidget *>(u"pausedBar"_s)->isVisible());
        QVERIFY(m_view->highlightCount() > 0);
        QVERIFY(shows(kMatchColour));
        logViewScreenshot(m_view.get(), u"logview-colours-find-paused"_s);
    }

private:
    QTextCharFormat formatAt(qint64 line, int column) const
    {
        for (const QTextLayout::FormatRange &r : text()->layout(line)->formats()) {
            if (column >= r.start && column < r.start + r.length)
                return r.format;
        }
        return {};
    }
    // Whether the lines drawn show this colour (a find highlight's).
    bool shows(QRgb colour) const
    {
        const QImage image = text()->viewport()->grab().toImage();
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if ((image.pixel(x, y) & 0xffffff) == colour)
                    return true;
            }
        }
        return false;
    }
    static constexpr QRgb kMatchColour = 0xffe066;
};

#include "testmain.h"

DD_TEST_MAIN(TestLogViewText)
#include "tst_logviewtext.moc"
