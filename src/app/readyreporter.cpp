#include "app/readyreporter.h"

#include "api/connection.h"
#include "gui/joblistpanel.h"
#include "gui/mainwindow.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QTimer>
#include <QTreeView>
#include <QWindow>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace dd::app {

namespace {

// One field of /proc/self/status in kB (VmRSS, VmHWM), or -1.
qint64 statusKb(QByteArrayView field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line.at(field.size()) == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

// Milliseconds from the process's start (exec) to now; -1 when unknown.
// starttime counts clock ticks (usually 10 ms) since boot.
double msSinceProcessStart()
{
    QFile file(QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Field 2 (comm) may hold spaces; the fields after it start past the last ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startTicks = fields.at(19).toDouble(); // field 22 of the whole line
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

ReadyReporter::ReadyReporter(gui::MainWindow *window, const QElapsedTimer &sinceMain,
                             double beforeMainMs, int idleSeconds, bool quit)
    : m_window(window)
    , m_sinceMain(sinceMain)
    , m_beforeMainMs(beforeMainMs)
    , m_idleSeconds(idleSeconds)
    , m_quit(quit)
{
    gui::JobListPanel *panel = window->jobList();
    m_view = panel->view();
    m_status = panel->findChild<QLabel *>(QStringLiteral("jobListStatusLabel"));
    m_view->viewport()->installEventFilter(this);
    if (m_status)
        m_status->installEventFilter(this);
}

bool ReadyReporter::eventFilter(QObject *watched, QEvent *event)
{
    // Paint events arrive before the painting: report on the next turn of
    // the event loop, once this paint is on screen.
    if (!m_done && event->type() == QEvent::Paint)
        QTimer::singleShot(0, this, [this, watched]() { check(watched); });
    return QObject::eventFilter(watched, event);
}

void ReadyReporter::check(QObject *painted)
{
    if (m_done)
        return;
    const QWindow *handle = m_window->windowHandle();
    if (!m_window->isVisible() || !handle || !handle->isExposed())
        return;
    const int rows = m_view->model() ? m_view->model()->rowCount() : 0;
    bool ready = painted == m_view->viewport() && rows > 0;
    if (!ready && painted == m_status && rows == 0) {
        // The window's own words for an empty namespace (MainWindow::startJobWatch).
        const QString empty = QCoreApplication::translate(
                                  "dd::gui::MainWindow", "No parameterized jobs in namespace “%1”.")
                                  .arg(m_window->connection()->nameSpace());
        ready = m_status->property("plainText").toString() == empty;
    }
    if (!ready)
        return;
    m_done = true;
    std::printf("ready %.1f ms since=main-entry before-main=%.0f rows=%d vmhwm_kb=%lld "
                "vmrss_kb=%lld\n",
                double(m_sinceMain.nsecsElapsed()) / 1e6, m_beforeMainMs, rows, statusKb("VmHWM"),
                statusKb("VmRSS"));
    std::fflush(stdout);
    if (m_idleSeconds > 0) {
        QTimer::singleShot(m_idleSeconds * 1000, this, [this]() {
            std::printf("idle %d s vmrss_kb=%lld vmhwm_kb=%lld\n", m_idleSeconds, statusKb("VmRSS"),
                        statusKb("VmHWM"));
            std::fflush(stdout);
            if (m_quit)
                QCoreApplication::quit();
        });
    } else if (m_quit) {
        QCoreApplication::quit();
    }
}

} // namespace dd::app
