// The log viewer (issue 13) driven as a user would, by objectName: following
// the end and pausing (by the scroll bar, the keys and the wheel), the notice
// for dropped output with a 20 MB feed, and the panel of stdout/stderr per
// task against a fake feed. Find, wrap, colours and long lines are in
// tst_logviewtext; selecting, copying and screen readers in
// tst_logviewselection. Saves screenshots of the view into build/screenshots.
#include "guitestsupport.h"
#include "logviewtestsupport.h"

#include "gui/loglinesview.h"
#include "gui/logpanel.h"
#include "gui/logview.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolButton>
#include <QWheelEvent>

#include <memory>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;
using dd::test::logViewDrag;
using dd::test::LogViewFakeDialogs;
using dd::test::logViewLines;
using dd::test::logViewScreenshot;

namespace {

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

} // namespace

class TestLogView : public test::LogViewTest
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(openView()); }
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
};

#include "testmain.h"

DD_TEST_MAIN(TestLogView)
#include "tst_logview.moc"
