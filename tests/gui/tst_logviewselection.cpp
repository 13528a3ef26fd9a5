// Selecting in the log viewer (issue 13): with the mouse (drag, shift-click,
// double-click), with the keyboard from the text cursor a click places
// (Shift with the arrows, Home, End, the page keys; Ctrl for words and the
// ends), while lines arrive and old ones go; and copying. What screen
// readers get is in tst_logviewaccess.
#include "guitestsupport.h"
#include "logviewtestsupport.h"

#include "gui/loglinebuffer.h"
#include "gui/loglinesview.h"
#include "gui/logview.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolButton>

#include <memory>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;
using dd::test::logViewDrag;
using dd::test::LogViewFakeDialogs;
using dd::test::logViewLines;
using dd::test::logViewScreenshot;

class TestLogViewSelection : public test::LogViewTest
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(openView()); }
    void cleanup() { m_view.reset(); }

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

    void shiftKeysExtendFromTheCursor()
    {
        m_view->append("alpha beta gamma\nsecond line here\nthird line\nfourth\n");
        m_view->flush();
        LogLinesView *lines = text();
        QWidget *viewport = lines->viewport();
        lines->setFocus();
        QSignalSpy moved(lines, &LogLinesView::cursorPositionChanged);
        QSignalSpy changed(lines, &LogLinesView::selectionChanged);
        // A click places the text cursor.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, lines->pointOf({0, 6}));
        QCOMPARE(lines->cursorPosition(), (LogPosition{0, 6}));
        QVERIFY(!lines->hasSelection());
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(lines, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta"_s);
        QCOMPARE(lines->cursorPosition(), (LogPosition{0, 10}));
        // Down and Up keep the column, past a shorter line too.
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta gamma\nsecond lin"_s);
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{2, 10}));
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{3, 6}));
        QTest::keyClick(lines, Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{2, 10}));
        // Right at a line's end takes its line break.
        QTest::keyClick(lines, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{3, 0}));
        QCOMPARE(lines->selectedText(), u"beta gamma\nsecond line here\nthird line\n"_s);
        // Back past the anchor, to the start of the log.
        QTest::keyClick(lines, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{0, 0}));
        QCOMPARE(lines->selectedText(), u"alpha "_s);
        QTest::keyClick(lines, Qt::Key_End, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta gamma"_s);
        // Words with Ctrl.
        QTest::keyClick(lines, Qt::Key_Left, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta "_s);
        QTest::keyClick(lines, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(lines, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(lines, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta gamma\nsecond "_s);
        QTest::keyClick(lines, Qt::Key_Home, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"beta gamma\n"_s);
        QTest::keyClick(lines, Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), buffer().joined().mid(6));
        // Plain keys scroll and leave the selection; Ctrl+C copies it.
        QTest::keyClick(lines, Qt::Key_Up);
        QCOMPARE(lines->selectedText(), buffer().joined().mid(6));
        QTest::keyClick(lines, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(m_desktop->copied.last(), buffer().joined().mid(6));
        QCOMPARE(moved.size(), 18);
        QCOMPARE(changed.size(), 17);
        logViewScreenshot(m_view.get(), u"logview-keyboard-selection"_s);
        // Another click: the cursor moves there, nothing selected.
        QTest::mouseClick(viewport, Qt::LeftButton, {}, lines->pointOf({1, 3}));
        QVERIFY(!lines->hasSelection());
        QTest::keyClick(lines, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"c"_s);
    }

    void shiftKeysSelectWhileFollowing()
    {
        m_view->append(logViewLines(0, 1000));
        m_view->append("open");
        m_view->flush();
        LogLinesView *lines = text();
        lines->setFocus();
        QVERIFY(lines->isFollowing());
        // Before any click the cursor is at the end of a followed log.
        QCOMPARE(lines->cursorPosition(), (LogPosition{1000, 4}));
        QTest::keyClick(lines, Qt::Key_Home, Qt::ShiftModifier);
        QTest::keyClick(lines, Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"line 999 of the task's output\nopen"_s);
        QVERIFY(lines->isFollowing());
        // New lines: still following, the same text selected.
        m_view->append(QByteArray(" goes on\n" + logViewLines(1001, 20)));
        m_view->flush();
        QVERIFY(lines->isFollowing());
        QCOMPARE(lines->visibleLines().second, buffer().lastLine());
        QCOMPARE(lines->selectedText(), u"line 999 of the task's output\nopen"_s);
        // A page up moves the view and the cursor together, and pauses.
        const qint64 top = lines->topLine();
        const int page = lines->viewport()->height() / lines->rowHeight() - 1;
        QTest::keyClick(lines, Qt::Key_PageUp, Qt::ShiftModifier);
        QVERIFY(!lines->isFollowing());
        QCOMPARE(lines->topLine(), top - page);
        QCOMPARE(lines->cursorPosition(), (LogPosition{999 - page, 0}));
        QCOMPARE(lines->selection().second, (LogPosition{1000, 4}));
        // To the end of the log: following again.
        QTest::keyClick(lines, Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(lines->isFollowing());
        QCOMPARE(lines->cursorPosition(), (LogPosition{buffer().lastLine(), 0}));
        QCOMPARE(lines->selection().first, (LogPosition{1000, 4}));
        // To its start: the top in view; Down past the last row scrolls one row.
        QTest::keyClick(lines, Qt::Key_Home, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(lines->topLine(), 0);
        QCoreApplication::processEvents(); // the paused bar takes its room
        const int rows = lines->viewport()->height() / lines->rowHeight();
        for (int i = 0; i < rows - 1; ++i)
            QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->topLine(), 0);
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->topLine(), 1);
        QCOMPARE(lines->selection(), std::pair(LogPosition{rows, 0}, LogPosition{1000, 4}));
    }

    void keyboardSelectionAsOldLinesGo()
    {
        LogView::Limits limits;
        limits.maxLines = 100;
        LogView view(m_dialogs, *m_desktop, limits);
        view.resize(760, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.append(logViewLines(0, 100));
        view.flush();
        LogLinesView *lines = view.lines();
        lines->setFocus();
        QTest::keyClick(lines, Qt::Key_Home, Qt::ControlModifier);
        QTest::mouseClick(lines->viewport(), Qt::LeftButton, {}, lines->pointOf({2, 5}));
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QTest::keyClick(lines, Qt::Key_End, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"2 of the task's output\nline 3 of the task's output"_s);
        view.append(logViewLines(100, 2));
        view.flush();
        QCOMPARE(lines->buffer().firstLine(), 2);
        QCOMPARE(lines->selectedText(), u"2 of the task's output\nline 3 of the task's output"_s);
        // The anchor's line goes: the rest stays selected, and grows from the cursor.
        view.append(logViewLines(102, 1));
        view.flush();
        QCOMPARE(lines->selectedText(), u"line 3 of the task's output"_s);
        QTest::keyClick(lines, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"line 3 of the task's output\n"_s);
        QCOMPARE(lines->cursorPosition(), (LogPosition{4, 0}));
        // The cursor's line goes too: it waits at the first line kept.
        view.append(logViewLines(103, 2));
        view.flush();
        QVERIFY(!lines->hasSelection());
        QCOMPARE(lines->cursorPosition(), (LogPosition{5, 0}));
        QTest::keyClick(lines, Qt::Key_End, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText(), u"line 5 of the task's output"_s);
    }

    void shiftKeysOnLongAndWrappedLines()
    {
        m_view->append(QByteArray(QByteArray(600, 'w') + "\nshort\n"));
        m_view->flush();
        LogLinesView *lines = text();
        lines->setFocus();
        QTest::mouseClick(lines->viewport(), Qt::LeftButton, {}, lines->pointOf({0, 0}));
        // Without wrap the view scrolls to show the cursor.
        QTest::keyClick(lines, Qt::Key_End, Qt::ShiftModifier);
        QCOMPARE(lines->selectedText().size(), 600);
        QVERIFY(lines->horizontalScrollBar()->value() > 0);
        QTest::keyClick(lines, Qt::Key_Home, Qt::ShiftModifier);
        QCOMPARE(lines->horizontalScrollBar()->value(), 0);
        // With wrap Down goes row by row inside the line.
        QTest::mouseClick(m_view->findChild<QToolButton *>(u"wrapButton"_s), Qt::LeftButton);
        QVERIFY(lines->wrap());
        const int rows = lines->rowCount(0);
        QVERIFY(rows > 2);
        QTest::mouseClick(lines->viewport(), Qt::LeftButton, {}, lines->pointOf({0, 0}));
        QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(),
                 (LogPosition{0, lines->layout(0)->lineAt(1).textStart()}));
        for (int i = 1; i < rows; ++i)
            QTest::keyClick(lines, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(), (LogPosition{1, 0}));
        QTest::keyClick(lines, Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(lines->cursorPosition(),
                 (LogPosition{0, lines->layout(0)->lineAt(rows - 1).textStart()}));
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestLogViewSelection)
#include "tst_logviewselection.moc"
