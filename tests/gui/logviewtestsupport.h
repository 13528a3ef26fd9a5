#pragma once
// What the log view's tests (tst_logview, tst_logviewtext,
// tst_logviewselection, tst_logviewaccess) share: a file dialog answered by
// the test, a view on screen made afresh for each test function, lines of
// output to feed, screenshots into build/screenshots, a mouse drag, and places
// printed as line:column.

#include "guitestsupport.h"

#include "gui/filedialogs.h"
#include "gui/loglinesview.h"
#include "gui/logview.h"

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QMouseEvent>
#include <QTest>
#include <QWidget>

#include <memory>

namespace dd::gui {

// QCOMPARE prints a place as line:column.
inline char *toString(const LogPosition &position)
{
    const QByteArray text =
        QByteArray::number(position.line) + ':' + QByteArray::number(position.column);
    return qstrdup(text.constData());
}

} // namespace dd::gui

namespace dd::test {

class LogViewFakeDialogs : public gui::FileDialogs
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

// The four test classes' base: call openView() from init(), and the view,
// its text and its buffer are at hand.
class LogViewTest : public QObject
{
protected:
    // A 760×420 view on screen, with fresh dialogs and desktop; false if it never showed.
    bool openView()
    {
        m_dialogs = LogViewFakeDialogs{};
        m_desktop = std::make_unique<FakeDesktop>();
        m_view = std::make_unique<gui::LogView>(m_dialogs, *m_desktop);
        m_view->resize(760, 420);
        m_view->show();
        return QTest::qWaitForWindowExposed(m_view.get());
    }
    gui::LogLinesView *text() const
    {
        return m_view->findChild<gui::LogLinesView *>(QStringLiteral("logText"));
    }
    const gui::LogLineBuffer &buffer() const { return text()->buffer(); }

    LogViewFakeDialogs m_dialogs;
    std::unique_ptr<FakeDesktop> m_desktop;
    std::unique_ptr<gui::LogView> m_view;
};

inline QByteArray logViewLines(int from, int count, const char *word = "line")
{
    QByteArray out;
    for (int i = from; i < from + count; ++i)
        out += word + QByteArray(" ") + QByteArray::number(i) + " of the task's output\n";
    return out;
}

inline void logViewScreenshot(QWidget *w, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY(w->grab().save(dir + u'/' + name + u".png"));
}

// A drag with the left button held, as QTest has no drag of its own.
inline void logViewDrag(QWidget *viewport, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {})
{
    QTest::mousePress(viewport, Qt::LeftButton, mods, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), viewport->mapToGlobal(QPointF(to)),
                     Qt::NoButton, Qt::LeftButton, mods);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, mods, to);
}

} // namespace dd::test
