#pragma once
// What the log view's tests (tst_logview, tst_logviewtext,
// tst_logviewselection, tst_logviewaccess) share: a file dialog answered by
// the test, lines of output to feed, screenshots into build/screenshots, a
// mouse drag, and places printed as line:column.

#include "gui/filedialogs.h"
#include "gui/loglinesview.h"

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QMouseEvent>
#include <QTest>
#include <QWidget>

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
