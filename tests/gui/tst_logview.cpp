// The log viewer (issue 13) driven as a user would, by objectName: following
// the end and pausing, find with highlights (also after old lines went),
// wrap and the heights of wrapped lines, selecting with the mouse, the
// keyboard, copy, save, the notice for dropped output with a 20 MB feed, and
// the panel of stdout/stderr per task against a fake feed. Saves screenshots
// of the view into build/screenshots.
#include "guitestsupport.h"

#include "gui/filedialogs.h"
#include "gui/loglinesview.h"
#include "gui/logpanel.h"
#include "gui/logview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>

#include <cmath>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;

namespace {

class LogViewFakeDialogs : public FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &) override
    {
        ++asked;
        return saveAnswer;
    }
    QString directory(QWidget *, const QString &) override { return {}; }
    QString saveAnswer;
    int asked = 0;
};

struct LogViewFeedStart
{
    LogTarget target;
    LogStream stream;
    LogOrigin origin;
};

class LogViewFakeFeed : public LogFeed
{
public:
    using LogFeed::LogFeed;
    void start(const LogTarget &t, LogStream s, LogOrigin o) override { starts.append({t, s, o}); }
    void stop() override { ++stops; }
    void saveAll(const LogTarget &, LogStream, const QString &path) override
    {
        savePaths.append(path);
    }
    QList<LogViewFeedStart> starts;
    int stops = 0;
    QStringList savePaths;
};

QByteArray logViewLines(int from, int count, const char *word = "line")
{
    QByteArray out;
    for (int i = from; i < from + count; ++i)
        out += word + QByteArray(" ") + QByteArray::number(i) + " of the task's output\n";
    return out;
}

void logViewScreenshot(QWidget *w, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY(w->grab().save(dir + u'/' + name + u".png"));
}

// A drag with the left button held, as QTest has no drag of its own.
void logViewDrag(QWidget *viewport, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {})
{
    QTest::mousePress(viewport, Qt::LeftButton, mods, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), viewport->mapToGlobal(QPointF(to)),
                     Qt::NoButton, Qt::LeftButton, mods);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, mods, to);
}

} // namespace

class TestLogView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dialogs = LogViewFakeDialogs{};
        m_desktop = std::make_unique<test::FakeDesktop>();
        m_view = std::make_unique<LogView>(m_dialogs, *m_desktop);
        m_view->resize(760, 420);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void appendsInBatchesAndFollows()
    {
        m_view->append(logViewLines(0, 2000));
        m_view->append("an open line");
        // Batched: nothing is shown until the timer fires.
        QCOMPARE(buffer().lineCount(), 1);
        QTRY_COMPARE(buffer().lineCount(), 2001);
        QCOMPARE(buffer().text(buffer().lastLine()), u"an open line"_s);
        QVERIFY(m_view->isFollowing());
        QScrollBar *bar = text()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        QCOMPARE(text()->visibleLines().second, buffer().lastLine());
        m_view->append(" goes on\r\x1b[32mand is redrawn\x1b[0m");
        m_view->flush();
        QCOMPARE(buffer().text(buffer().lastLine()), u"and is redrawn"_s);
        QCOMPARE(buffer().lineCount(), 2001);
        m_view->finish();
        QCOMPARE(buffer().lineCount(), 2002);
        QCOMPARE(buffer().text(2000), u"and is redrawn"_s);
        logViewScreenshot(m_view.get(), u"logview-plain"_s);
    }

    void scrollingUpPausesAndTheEndResumes()
    {
        m_view->append(logViewLines(0, 1000));
        m_view->flush();
        QScrollBar *bar = text()->verticalScrollBar();
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        QVERIFY(!m_view->isFollowing());
        auto *paused = m_view->findChild<QWidget *>(u"pausedBar"_s);
        QVERIFY(paused->isVisible());
        const int where = bar->value();
        const qint64 top = text()->topLine();
        m_view->append(logViewLines(1000, 500));
        m_view->flush();
        QCOMPARE(bar->value(), where);
        QCOMPARE(text()->topLine(), top);
        QCOMPARE(m_view->newLinesWhilePaused(), 500);
        QVERIFY(m_view->findChild<QLabel *>(u"pausedLabel"_s)->text().contains(u"500"_s));
        logViewScreenshot(m_view.get(), u"logview-paused"_s);
        // Back at the bottom by hand: following again.
        bar->triggerAction(QAbstractSlider::SliderToMaximum);
        QVERIFY(m_view->isFollowing());
        QVERIFY(!paused->isVisible());
        m_view->append(logViewLines(1500, 100));
        m_view->flush();
        QCOMPARE(bar->value(), bar->maximum());
        // "Jump to end" from a paused view.
        bar->triggerAction(QAbstractSlider::SliderToMinimum);
        QVERIFY(!m_view->isFollowing());
        QTest::mouseClick(m_view->findChild<QPushButton *>(u"jumpToEndButton"_s), Qt::LeftButton);
        QVERIFY(m_view->isFollowing());
        QCOMPARE(bar->value(), bar->maximum());
    }

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

    void keyboardScrollsPausesAndFollows()
    {
        m_view->append(logViewLines(0, 1000));
        m_view->flush();
        LogLinesView *lines = text();
        lines->setFocus();
        const qint64 bottom = lines->topLine();
        const int page = lines->viewport()->height() / lines->rowHeight() - 1;
        QTest::keyClick(lines, Qt::Key_PageUp);
        QVERIFY(!m_view->isFollowing());
        QCOMPARE(lines->topLine(), bottom - page);
        QTest::keyClick(lines, Qt::Key_Up);
        QCOMPARE(lines->topLine(), bottom - page - 1);
        QTest::keyClick(lines, Qt::Key_Down);
        QCOMPARE(lines->topLine(), bottom - page);
        // The paused bar took room: a page is what fits now, less one line.
        const int pausedPage = lines->viewport()->height() / lines->rowHeight() - 1;
        QVERIFY(pausedPage < page);
        QTest::keyClick(lines, Qt::Key_PageDown);
        QCOMPARE(lines->topLine(), bottom - page + pausedPage);
        QTest::keyClick(lines, Qt::Key_PageDown);
        QVERIFY(m_view->isFollowing());
        QCOMPARE(lines->visibleLines().second, buffer().lastLine());
        QTest::keyClick(lines, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(lines->topLine(), 0);
        QVERIFY(!m_view->isFollowing());
        m_view->append(logViewLines(1000, 10));
        m_view->flush();
        QCOMPARE(lines->topLine(), 0);
        QCOMPARE(m_view->newLinesWhilePaused(), 10);
        QTest::keyClick(lines, Qt::Key_End, Qt::ControlModifier);
        QVERIFY(m_view->isFollowing());
        QCOMPARE(lines->visibleLines().second, buffer().lastLine());
        m_view->append(logViewLines(1010, 10));
        m_view->flush();
        QCOMPARE(lines->visibleLines().second, buffer().lastLine());
        // The wheel pauses too.
        QWheelEvent wheel(QPointF(50, 50), lines->viewport()->mapToGlobal(QPointF(50, 50)), {},
                          QPoint(0, 120), Qt::NoButton, {}, Qt::NoScrollPhase, false);
        const qint64 before = lines->topLine();
        QApplication::sendEvent(lines->viewport(), &wheel);
        QVERIFY(!m_view->isFollowing());
        QCOMPARE(lines->topLine(), before - QApplication::wheelScrollLines());
    }

    void selectsWithTheMouseAndCopies()
    {
        m_view->append("alpha beta gamma\nsecond line here\nthird line\nfourth\n");
        m_view->flush();
        LogLinesView *lines = text();
        QWidget *viewport = lines->viewport();
        logViewDrag(viewport, lines->pointOf({0, 6}), lines->pointOf({2, 5}));
        QCOMPARE(lines->selectedText(), u"beta gamma\nsecond line here\nthird"_s);
        logViewScreenshot(m_view.get(), u"logview-selection"_s);
        QTest::keyClick(lines, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(m_desktop->copied.value(0), u"beta gamma\nsecond line here\nthird"_s);
        // Shift-click moves the end; the start stays.
        QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, lines->pointOf({1, 6}));
        QCOMPARE(lines->selectedText(), u"beta gamma\nsecond"_s);
        // Backwards works too.
        logViewDrag(viewport, lines->pointOf({3, 3}), lines->pointOf({1, 7}));
        QCOMPARE(lines->selectedText(), u"line here\nthird line\nfou"_s);
        // Double-click: a word.
        QTest::mouseDClick(viewport, Qt::LeftButton, {}, lines->pointOf({1, 13}));
        QCOMPARE(lines->selectedText(), u"here"_s);
        // Ctrl+A selects everything shown.
        QTest::keyClick(lines, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(lines->selectedText(), buffer().joined());
        // A click without a drag selects nothing: Copy takes the whole log.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, lines->pointOf({0, 2}));
        QVERIFY(!lines->hasSelection());
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(m_desktop->copied.last(), buffer().joined());
    }

    void selectionKeepsItsTextAsLinesArriveAndGo()
    {
        LogView::Limits limits;
        limits.maxLines = 100;
        LogView view(m_dialogs, *m_desktop, limits);
        view.resize(760, 420);
        view.show();
        view.append(logViewLines(0, 100));
        view.flush();
        LogLinesView *lines = view.lines();
        lines->setSelection({50, 0}, {51, 4});
        view.append(logViewLines(100, 30));
        view.flush();
        QCOMPARE(lines->selectedText(), u"line 50 of the task's output\nline"_s);
        // Its start went: what is left of it stays selected.
        view.append(logViewLines(130, 21));
        view.flush();
        QCOMPARE(lines->selectedText(), u"line"_s);
    }

    void copiesSelectionOrAll()
    {
        m_view->append("first line\nsecond line\n");
        m_view->flush();
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(m_desktop->copied.value(0), u"first line\nsecond line\n"_s);
        text()->setSelection({0, 6}, {1, 6});
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(m_desktop->copied.value(1), u"line\nsecond"_s);
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

    void twentyMegabytesDropEarlierOutput()
    {
        LogView::Limits limits;
        limits.maxLines = 20000;
        limits.maxChars = 2000000;
        LogView view(m_dialogs, *m_desktop, limits);
        view.resize(760, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy saveAll(&view, &LogView::saveAllRequested);
        auto *notice = view.findChild<QWidget *>(u"droppedNotice"_s);
        QVERIFY(!notice->isVisible());
        qsizetype fed = 0;
        int lines = 0;
        while (fed < 20 * 1024 * 1024) {
            const QByteArray chunk = logViewLines(lines, 650); // ~ 64 KB
            view.append(chunk);
            fed += chunk.size();
            lines += 650;
            if (lines % (650 * 16) == 0)
                view.flush();
        }
        view.flush();
        const LogLineBuffer &kept = view.buffer();
        QVERIFY(kept.completeLines() <= limits.maxLines);
        QVERIFY(kept.charCount() <= limits.maxChars);
        QCOMPARE(view.droppedLines() + kept.completeLines(), lines);
        QCOMPARE(kept.firstLine(), view.droppedLines());
        QCOMPARE(kept.text(kept.lastLine() - 1),
                 QString::fromLatin1(logViewLines(lines - 1, 1).chopped(1)));
        QCOMPARE(kept.text(kept.firstLine()),
                 QString::fromLatin1(logViewLines(int(kept.firstLine()), 1).chopped(1)));
        QVERIFY(notice->isVisible());
        const QString said = view.findChild<QLabel *>(u"droppedLabel"_s)->text();
        QVERIFY2(said.startsWith(u"Earlier output ("_s) && said.contains(u"was dropped"_s),
                 qPrintable(said));
        logViewScreenshot(&view, u"logview-dropped"_s);
        m_dialogs.saveAnswer = u"/tmp/whole.log"_s;
        QTest::mouseClick(view.findChild<QPushButton *>(u"droppedSaveAllButton"_s), Qt::LeftButton);
        QCOMPARE(saveAll.size(), 1);
        QCOMPARE(saveAll.at(0).at(0).toString(), u"/tmp/whole.log"_s);
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

    void panelFeedsStdoutAndStderrPerTask()
    {
        m_view.reset();
        QList<LogViewFakeFeed *> feeds;
        LogPanel panel(m_dialogs, *m_desktop, [&](QObject *parent) {
            feeds.append(new LogViewFakeFeed(parent));
            return feeds.last();
        });
        panel.resize(760, 460);
        panel.show();
        QCOMPARE(feeds.size(), 2);
        const LogTarget encode{u"3f2a1b9c-aaaa"_s, u"encode"_s, u"3f2a1b9c · encode"_s};
        const LogTarget upload{u"3f2a1b9c-aaaa"_s, u"upload"_s, {}};
        panel.setTargets({encode, upload});
        QCOMPARE(feeds[0]->starts.size(), 1);
        QCOMPARE(feeds[0]->starts[0].target, encode);
        QCOMPARE(feeds[0]->starts[0].stream, LogStream::Stdout);
        QCOMPARE(feeds[1]->starts[0].stream, LogStream::Stderr);
        QCOMPARE(feeds[0]->starts[0].origin, LogOrigin::Start);

        LogView *out = panel.findChild<LogView *>(u"stdoutView"_s);
        LogView *err = panel.findChild<LogView *>(u"stderrView"_s);
        Q_EMIT feeds[0]->data("encoding \x1b[32mframe 1\x1b[0m\n");
        Q_EMIT feeds[1]->data("warning: \x1b[33mslow disk\x1b[0m\n");
        out->flush();
        err->flush();
        QCOMPARE(out->buffer().joined(), u"encoding frame 1\n"_s);
        QCOMPARE(err->buffer().joined(), u"warning: slow disk\n"_s);
        logViewScreenshot(&panel, u"logpanel"_s);

        // Another task: both streams start again, empty.
        auto *combo = panel.findChild<QComboBox *>(u"logTargetCombo"_s);
        QCOMPARE(combo->itemText(1), u"3f2a1b9c · upload"_s);
        combo->setCurrentIndex(1);
        QCOMPARE(feeds[0]->starts.last().target, upload);
        QCOMPARE(feeds[1]->starts.last().target, upload);
        QVERIFY(out->buffer().joined().isEmpty());
        // The same targets again keep the choice.
        panel.setTargets({encode, upload});
        QCOMPARE(panel.currentTarget(), upload);

        // "Last 64 KB" restarts that stream from its tail.
        auto *origin = out->findChild<QComboBox *>(u"originCombo"_s);
        origin->setFocus();
        QTest::keyClick(origin, Qt::Key_Down);
        QCOMPARE(feeds[0]->starts.last().origin, LogOrigin::Tail);
        QCOMPARE(feeds[1]->starts.last().origin, LogOrigin::Start);

        // Save all goes to the feed; its answer shows in the view.
        m_dialogs.saveAnswer = u"/tmp/upload.log"_s;
        QTest::mouseClick(out->findChild<QToolButton *>(u"saveAllButton"_s), Qt::LeftButton);
        QCOMPARE(feeds[0]->savePaths, QStringList{u"/tmp/upload.log"_s});
        auto *status = out->findChild<QLabel *>(u"logStatus"_s);
        Q_EMIT feeds[0]->saveAllFinished(u"/tmp/upload.log"_s, {});
        QCOMPARE(status->text(), u"Saved the whole log to “/tmp/upload.log”."_s);

        Q_EMIT feeds[1]->data("no newline at the end");
        Q_EMIT feeds[1]->ended();
        QCOMPARE(err->buffer().joined(), u"no newline at the end\n"_s);
        QVERIFY(err->findChild<QLabel *>(u"logStatus"_s)->text().contains(u"finished"_s));
        Q_EMIT feeds[0]->error(u"Could not read the log: the allocation is gone."_s);
        QCOMPARE(status->text(), u"Could not read the log: the allocation is gone."_s);
    }

private:
    LogLinesView *text() const { return m_view->findChild<LogLinesView *>(u"logText"_s); }
    const LogLineBuffer &buffer() const { return text()->buffer(); }
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

    LogViewFakeDialogs m_dialogs;
    std::unique_ptr<test::FakeDesktop> m_desktop;
    std::unique_ptr<LogView> m_view;
};

#include "testmain.h"

DD_TEST_MAIN(TestLogView)
#include "tst_logview.moc"
