// The log viewer (issue 13) driven as a user would, by objectName: following
// the end and pausing, find with highlights, wrap, copy, save, the notice for
// dropped output with a 20 MB feed, and the panel of stdout/stderr per task
// against a fake feed. Saves screenshots of the view into build/screenshots.
#include "guitestsupport.h"

#include "gui/filedialogs.h"
#include "gui/logpanel.h"
#include "gui/logview.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QToolButton>

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
        // Batched: nothing is laid out until the timer fires.
        QCOMPARE(text()->document()->blockCount(), 1);
        QTRY_COMPARE(text()->document()->blockCount(), 2001);
        QCOMPARE(text()->document()->lastBlock().text(), u"an open line"_s);
        QVERIFY(m_view->isFollowing());
        QScrollBar *bar = text()->verticalScrollBar();
        QVERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());
        m_view->append(" goes on\r\x1b[32mand is redrawn\x1b[0m");
        m_view->flush();
        QCOMPARE(text()->document()->lastBlock().text(), u"and is redrawn"_s);
        QCOMPARE(text()->document()->blockCount(), 2001);
        m_view->finish();
        QCOMPARE(text()->document()->blockCount(), 2002);
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
        m_view->append(logViewLines(1000, 500));
        m_view->flush();
        QCOMPARE(bar->value(), where);
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
        const QTextBlock first = text()->document()->firstBlock();
        QCOMPARE(first.text(), u"plain red bold green white on blue done"_s);
        const auto formatAt = [&](int position) {
            for (const QTextLayout::FormatRange &r : first.textFormats()) {
                if (position >= r.start && position < r.start + r.length)
                    return r.format;
            }
            return QTextCharFormat();
        };
        const bool dark = text()->palette().color(QPalette::Base).lightness() < 128;
        QCOMPARE(formatAt(6).foreground().color(), logColor(LogColor::palette(1), dark));
        QCOMPARE(formatAt(0).foreground().style(), Qt::NoBrush);
        QCOMPARE(formatAt(10).fontWeight(), int(QFont::Bold));
        QCOMPARE(formatAt(22).background().color(), logColor(LogColor::palette(4), dark));
        QVERIFY(text()->toPlainText().contains(
            u"bad \uFFFD\uFFFD bytes, a bell \\x07 and a NUL \\x00"_s));
        logViewScreenshot(m_view.get(), u"logview-ansi"_s);
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
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(count->text().endsWith(u" of 30"_s));
        QVERIFY(text()->textCursor().selectedText().compare(u"needle"_s) == 0);
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
    }

    void wrapToggles()
    {
        m_view->append(QByteArray(QByteArray(600, 'w') + '\n'));
        m_view->flush();
        auto *wrap = m_view->findChild<QToolButton *>(u"wrapButton"_s);
        QCOMPARE(text()->lineWrapMode(), QPlainTextEdit::NoWrap);
        QVERIFY(text()->horizontalScrollBar()->maximum() > 0);
        QTest::mouseClick(wrap, Qt::LeftButton);
        QCOMPARE(text()->lineWrapMode(), QPlainTextEdit::WidgetWidth);
        QTRY_COMPARE(text()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(text()->document()->firstBlock().layout()->lineCount() > 1);
        QTest::mouseClick(wrap, Qt::LeftButton);
        QCOMPARE(text()->lineWrapMode(), QPlainTextEdit::NoWrap);
    }

    void copiesSelectionOrAll()
    {
        m_view->append("first line\nsecond line\n");
        m_view->flush();
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(m_desktop->copied.value(0), u"first line\nsecond line\n"_s);
        QTextCursor c(text()->document());
        c.setPosition(6);
        c.setPosition(17, QTextCursor::KeepAnchor);
        text()->setTextCursor(c);
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
        QTextDocument *doc = view.editor()->document();
        QVERIFY(doc->blockCount() - 1 <= limits.maxLines);
        QVERIFY(doc->characterCount() <= limits.maxChars);
        QCOMPARE(view.droppedLines() + doc->blockCount() - 1, lines);
        QCOMPARE(doc->lastBlock().previous().text(),
                 QString::fromLatin1(logViewLines(lines - 1, 1).chopped(1)));
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
        QCOMPARE(out->editor()->toPlainText(), u"encoding frame 1\n"_s);
        QCOMPARE(err->editor()->toPlainText(), u"warning: slow disk\n"_s);
        logViewScreenshot(&panel, u"logpanel"_s);

        // Another task: both streams start again, empty.
        auto *combo = panel.findChild<QComboBox *>(u"logTargetCombo"_s);
        QCOMPARE(combo->itemText(1), u"3f2a1b9c · upload"_s);
        combo->setCurrentIndex(1);
        QCOMPARE(feeds[0]->starts.last().target, upload);
        QCOMPARE(feeds[1]->starts.last().target, upload);
        QVERIFY(out->editor()->toPlainText().isEmpty());
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
        QCOMPARE(err->editor()->toPlainText(), u"no newline at the end\n"_s);
        QVERIFY(err->findChild<QLabel *>(u"logStatus"_s)->text().contains(u"finished"_s));
        Q_EMIT feeds[0]->error(u"Could not read the log: the allocation is gone."_s);
        QCOMPARE(status->text(), u"Could not read the log: the allocation is gone."_s);
    }

private:
    QPlainTextEdit *text() const { return m_view->findChild<QPlainTextEdit *>(u"logText"_s); }

    LogViewFakeDialogs m_dialogs;
    std::unique_ptr<test::FakeDesktop> m_desktop;
    std::unique_ptr<LogView> m_view;
};

#include "testmain.h"

DD_TEST_MAIN(TestLogView)
#include "tst_logview.moc"
