#pragma once
// Hidden options of dispatch-desk for tests/bench/bench_app (not in --help):
//   --report-ready      print one line to stdout once the window is shown and
//                       the job list has painted its first rows (or said the
//                       namespace has none):
//                         ready <ms> ms since=main-entry before-main=<ms> rows=<n>
//                               vmhwm_kb=<peak RSS> vmrss_kb=<RSS>
//                       <ms> is measured by a QElapsedTimer started first thing
//                       in main(); before-main is the time from the process's
//                       start (/proc/self/stat starttime, 10 ms resolution) to
//                       main(), i.e. exec and dynamic linking.
//   --idle-seconds N    then wait N seconds and print
//                         idle <N> s vmrss_kb=<RSS> vmhwm_kb=<peak RSS>
//   --quit-when-ready   then quit (after the idle line, if one was asked for).
// It watches the window from outside: MainWindow knows nothing of it.

#include <QElapsedTimer>
#include <QObject>

class QLabel;
class QTreeView;

namespace dd::gui {
class MainWindow;
}

namespace dd::app {

// Milliseconds from the process's start (exec) to now; -1 when unknown.
double msSinceProcessStart();

class ReadyReporter : public QObject
{
public:
    ReadyReporter(gui::MainWindow *window, const QElapsedTimer &sinceMain, double beforeMainMs,
                  int idleSeconds, bool quit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check(QObject *painted);

    gui::MainWindow *m_window;
    QTreeView *m_view;
    QLabel *m_status = nullptr;
    const QElapsedTimer &m_sinceMain;
    double m_beforeMainMs;
    int m_idleSeconds;
    bool m_quit;
    bool m_done = false;
};

} // namespace dd::app
