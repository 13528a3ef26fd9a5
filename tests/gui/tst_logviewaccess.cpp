// What screen readers get from the log viewer (issue 13), through
// QAccessible::queryAccessibleInterface() as they ask for it: a read-only,
// multi-line text; its characters, cursor and selection as offsets over the
// lines kept; characters, words, sentences and lines around every offset as
// Qt finds them in the whole text; and offsets that start at the first line
// kept after old lines went.
#include "guitestsupport.h"
#include "logviewtestsupport.h"

#include "gui/loglinebuffer.h"
#include "gui/loglinesview.h"
#include "gui/logview.h"

#include <QAccessible>
#include <QAccessibleInterface>
#include <QRect>
#include <QStandardPaths>

#include <memory>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;
using dd::test::LogViewFakeDialogs;
using dd::test::logViewLines;

namespace {

// Qt's own answers over the whole text (QAccessibleTextInterface's defaults),
// to hold the view's answers, found from a few lines, against.
class LogViewWholeText : public QAccessibleTextInterface
{
public:
    explicit LogViewWholeText(QString text)
        : m_text(std::move(text))
    {}
    QString text(int start, int end) const override { return m_text.mid(start, end - start); }
    int characterCount() const override { return int(m_text.size()); }
    void selection(int, int *start, int *end) const override { *start = *end = 0; }
    int selectionCount() const override { return 0; }
    void addSelection(int, int) override {}
    void removeSelection(int) override {}
    void setSelection(int, int, int) override {}
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    QString attributes(int, int *start, int *end) const override
    {
        *start = *end = 0;
        return {};
    }

private:
    QString m_text;
};

} // namespace

class TestLogViewAccess : public test::LogViewTest
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QVERIFY(openView()); }
    void cleanup() { m_view.reset(); }

    void screenReadersGetTheText()
    {
        m_view->append("alpha beta gamma\nsecond line here\n\n\nfourth. Fifth gr\xc3\xbc\xc3\x9f"
                       "e\ne\xcc\x81t\xc3\xa9 done\nopen");
        m_view->flush();
        LogLinesView *lines = text();
        QAccessibleInterface *access = QAccessible::queryAccessibleInterface(lines);
        QVERIFY(access);
        QCOMPARE(access->object(), static_cast<QObject *>(lines));
        QCOMPARE(access->role(), QAccessible::EditableText);
        QVERIFY(access->state().readOnly);
        QVERIFY(access->state().multiLine);
        QVERIFY(access->state().selectableText);
        QVERIFY(!access->state().editable);
        QAccessibleTextInterface *reader = access->textInterface();
        QVERIFY(reader);
        const QString all = buffer().joined();
        QCOMPARE(reader->characterCount(), int(all.size()));
        QCOMPARE(reader->text(0, int(all.size())), all);
        QCOMPARE(reader->text(6, 23), all.mid(6, 17));
        // The selection and the cursor as offsets into that text.
        lines->setSelection({0, 6}, {1, 6});
        QCOMPARE(reader->selectionCount(), 1);
        int start = -1;
        int end = -1;
        reader->selection(0, &start, &end);
        QCOMPARE(std::pair(start, end), std::pair(6, 23));
        QCOMPARE(reader->cursorPosition(), 23);
        lines->setFocus();
        QTest::keyClick(lines, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(reader->cursorPosition(), 24);
        // A reader moves them too.
        reader->setSelection(0, 0, 5);
        QCOMPARE(lines->selectedText(), u"alpha"_s);
        reader->setCursorPosition(20);
        QCOMPARE(reader->selectionCount(), 0);
        QCOMPARE(lines->cursorPosition(), (LogPosition{1, 3}));
        // Where a character is drawn, and back.
        const QRect rect = reader->characterRect(20);
        QVERIFY(!rect.isEmpty());
        QCOMPARE(reader->offsetAtPoint(rect.center()), 20);
        // Characters, words, sentences and lines around every offset, as
        // Qt finds them in the whole text.
        const LogViewWholeText whole(all);
        for (auto type : {QAccessible::CharBoundary, QAccessible::WordBoundary,
                          QAccessible::SentenceBoundary, QAccessible::LineBoundary}) {
            // (Qt 6.4's own textAtOffset() loops at the very end of a text.)
            for (int offset = 0; offset < all.size(); ++offset) {
                int s1, e1, s2, e2;
                const QString at = u" at "_s + QString::number(offset);
                QCOMPARE(reader->textAtOffset(offset, type, &s1, &e1) + at,
                         whole.textAtOffset(offset, type, &s2, &e2) + at);
                QCOMPARE(std::pair(s1, e1), std::pair(s2, e2));
                QCOMPARE(reader->textBeforeOffset(offset, type, &s1, &e1) + at,
                         whole.textBeforeOffset(offset, type, &s2, &e2) + at);
                QCOMPARE(std::pair(s1, e1), std::pair(s2, e2));
                QCOMPARE(reader->textAfterOffset(offset, type, &s1, &e1) + at,
                         whole.textAfterOffset(offset, type, &s2, &e2) + at);
                QCOMPARE(std::pair(s1, e1), std::pair(s2, e2));
            }
        }
        // At the very end: what ends there.
        const int size = int(all.size());
        QCOMPARE(reader->textAtOffset(size, QAccessible::WordBoundary, &start, &end), u"open"_s);
        QCOMPARE(std::pair(start, end), std::pair(size - 4, size));
        QCOMPARE(reader->textAtOffset(size, QAccessible::LineBoundary, &start, &end), u"open"_s);
        QCOMPARE(reader->textAtOffset(-1, QAccessible::CharBoundary, &start, &end), QString());
        QCOMPARE(reader->textAtOffset(8, QAccessible::WordBoundary, &start, &end), u"beta"_s);
        QCOMPARE(reader->textAtOffset(20, QAccessible::LineBoundary, &start, &end),
                 u"second line here\n"_s);
    }

    void screenReaderOffsetsStartAtTheFirstLineKept()
    {
        LogView::Limits limits;
        limits.maxLines = 50;
        LogView view(m_dialogs, *m_desktop, limits);
        view.resize(760, 420);
        view.show();
        view.append(logViewLines(0, 120));
        view.flush();
        LogLinesView *lines = view.lines();
        QCOMPARE(lines->buffer().firstLine(), 70);
        QAccessibleTextInterface *reader =
            QAccessible::queryAccessibleInterface(lines)->textInterface();
        QVERIFY(reader);
        const QString all = lines->buffer().joined();
        QCOMPARE(reader->characterCount(), int(all.size()));
        QCOMPARE(reader->text(0, int(all.size())), all);
        int start = -1;
        int end = -1;
        QCOMPARE(reader->textAtOffset(0, QAccessible::LineBoundary, &start, &end),
                 u"line 70 of the task's output\n"_s);
        lines->setSelection({100, 5}, {101, 4});
        reader->selection(0, &start, &end);
        const int at = int(all.indexOf(u"line 100 "_s)) + 5;
        const int length = int(lines->selectedText().size());
        QCOMPARE(std::pair(start, end), std::pair(at, at + length));
        QCOMPARE(reader->text(start, end), lines->selectedText());
        view.append(logViewLines(120, 10));
        view.flush();
        reader->selection(0, &start, &end);
        // Ten lines of 29 characters went from the front.
        QCOMPARE(std::pair(start, end), std::pair(at - 290, at - 290 + length));
        QCOMPARE(reader->text(start, end), lines->selectedText());
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestLogViewAccess)
#include "tst_logviewaccess.moc"
