// The task's own output in the real main window against the simulator
// (issue 13): a dispatch's Logs tab follows stdout and stderr live to the
// task's last line, resumes a dropped stream without losing or repeating a
// line, saves the whole log, quotes a failed task's last stderr lines in the
// verdict banner with a link to the log, and a child's detail has the same tab.
#include "guitestsupport.h"

#include "fixtures.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/logpanel.h"
#include "gui/logview.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "sim/faultinjector.h"
#include "sim/requestlog.h"
#include "sim/simulator.h"
#include "sim/tasklogs.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kLogTimeout = 30000;

QString shown(gui::LogView *view)
{
    view->flush();
    return view->buffer().joined();
}

void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    widget->grab().save(dir + u'/' + name + u".png");
}

bool tabIsCurrent(QWidget *page)
{
    for (QWidget *w = page->parentWidget(); w; w = w->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(w))
            return tabs->currentWidget() == page;
    }
    return false;
}
} // namespace

class TestMonitorLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(requireFixtures({fixturePath(u"lifecycle/chatty.register.json"_s)}));
    }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void followsTheTaskToItsLastLine()
    {
        gui::MonitorPanel *monitor = dispatchChatty(u"6"_s, u"0"_s);
        QVERIFY(monitor);
        gui::LogPanel *logs = monitor->logPanel();
        QTRY_COMPARE_WITH_TIMEOUT(logs->targets().size(), 1, kLogTimeout);
        monitor->showLogs();
        QVERIFY(tabIsCurrent(monitor->findChild<QWidget *>(u"logsTab"_s)));
        gui::LogView *out = logs->view(gui::LogStream::Stdout);
        gui::LogView *err = logs->view(gui::LogStream::Stderr);
        // Live: the first lines show while the task still runs.
        QTRY_VERIFY_WITH_TIMEOUT(shown(out).contains(u"out line 1\n"_s), kLogTimeout);
        QVERIFY(!f->label(u"verdictTitle"_s).isEmpty());
        // The end: every line once, and the view says the log is complete.
        QTRY_COMPARE_WITH_TIMEOUT(shown(out), QString::fromUtf8(chattyLines("out", 1, 6)),
                                  kLogTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(err), QString::fromUtf8(chattyLines("err", 1, 6)),
                                  kLogTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            out->findChild<QLabel *>(u"logStatus"_s)->text().contains(u"whole log"_s), kLogTimeout);
        // The stream went over the follow lane's log endpoint, with follow on.
        const auto logReads = f->host().requests()->matching(u"GET"_s, u"^/v1/client/fs/logs/"_s);
        QVERIFY(!logReads.isEmpty());
        QCOMPARE(logReads.first().queryValue(u"follow"), u"true"_s);
        f->window().resize(1280, 860);
        f->screenshot(u"monitor-logs"_s);

        // More room: the same logs in a window of their own, closed with the monitor.
        auto *button = logs->findChild<QToolButton *>(u"logWindowButton"_s);
        QVERIFY(button && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(logs->windows().size(), 1);
        gui::LogPanel *window = logs->windows().first();
        QVERIFY(window->isWindow() && window->isVisible());
        QCOMPARE(window->currentTarget(), logs->currentTarget());
        QTRY_COMPARE_WITH_TIMEOUT(shown(window->view(gui::LogStream::Stdout)),
                                  QString::fromUtf8(chattyLines("out", 1, 6)), kLogTimeout);
        QVERIFY(window->windowTitle().startsWith(u"talk · "_s));
        saveShot(window, u"log-window"_s);
        QPointer<gui::LogPanel> alive = window;
        auto *tabs = f->window().monitorArea()->tabs();
        Q_EMIT tabs->tabCloseRequested(tabs->indexOf(monitor));
        QTRY_VERIFY(alive.isNull());
    }

    void resumesADroppedStream_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("cut mid-frame") << int(sim::FaultKind::LogCutMidFrame);
        QTest::newRow("reset") << int(sim::FaultKind::LogReset);
    }
    void resumesADroppedStream()
    {
        QFETCH(int, kind);
        QVERIFY(f->start());
        f->host().invoke([&](sim::Simulator &s) {
            s.faults().logFault(sim::FaultKind(kind), 3, u"fs/logs"_s, 1);
        });
        gui::MonitorPanel *monitor = dispatchChatty(u"16"_s, u"0"_s, false);
        QVERIFY(monitor);
        gui::LogView *out = monitor->logPanel()->view(gui::LogStream::Stdout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(out), QString::fromUtf8(chattyLines("out", 1, 16)),
                                  kLogTimeout);
        // It did drop, and was reopened at an offset after the last whole frame.
        int reads = 0;
        bool resumedMidway = false;
        for (const auto &r : f->host().requests()->matching(u"GET"_s, u"^/v1/client/fs/logs/"_s)) {
            if (r.queryValue(u"type") != u"stdout"_s)
                continue;
            ++reads;
            resumedMidway = resumedMidway || r.queryValue(u"offset").toLongLong() > 0;
        }
        QVERIFY2(reads >= 2, qPrintable(QString::number(reads)));
        QVERIFY(resumedMidway);
    }

    void savesTheWholeLog()
    {
        gui::MonitorPanel *monitor = dispatchChatty(u"5"_s, u"0"_s);
        QVERIFY(monitor);
        gui::LogPanel *logs = monitor->logPanel();
        gui::LogView *out = logs->view(gui::LogStream::Stdout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(out), QString::fromUtf8(chattyLines("out", 1, 5)),
                                  kLogTimeout);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"talk.stdout.log"_s);
        f->fileDialogs().nextSave = path;
        Q_EMIT out->saveAllRequested(path);
        QTRY_VERIFY_WITH_TIMEOUT(
            out->findChild<QLabel *>(u"logStatus"_s)->text().startsWith(u"Saved the whole log"_s),
            kLogTimeout);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), chattyLines("out", 1, 5));
        // Nothing but the file itself is left behind (the write is atomic).
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"talk.stdout.log"_s});
    }

    void failedTaskQuotedInTheBanner()
    {
        gui::MonitorPanel *monitor = dispatchChatty(u"7"_s, u"3"_s);
        QVERIFY(monitor);
        gui::VerdictBanner *banner = monitor->banner();
        QTRY_COMPARE_WITH_TIMEOUT(banner->title(), u"Failed"_s, kLogTimeout);
        QVERIFY2(banner->detail().contains(u"exited with code 3"_s), qPrintable(banner->detail()));
        // The last five lines the task wrote to stderr, quoted under the reason.
        QTRY_VERIFY_WITH_TIMEOUT(!banner->excerpt().isEmpty(), kLogTimeout);
        QCOMPARE(banner->excerpt(), u"The last lines task “talk” wrote to stderr:\n"_s +
                                        QString::fromUtf8(chattyLines("err", 3, 7)).trimmed());
        auto *link = banner->findChild<QLabel *>(u"verdictLogLink"_s);
        QVERIFY(link && link->isVisible());
        f->window().resize(1280, 860);
        f->screenshot(u"monitor-failed-quote"_s);
        // The link opens the whole stderr in the Logs tab.
        Q_EMIT link->linkActivated(u"#log"_s);
        QVERIFY(tabIsCurrent(monitor->findChild<QWidget *>(u"logsTab"_s)));
        gui::LogPanel *logs = monitor->logPanel();
        QVERIFY(tabIsCurrent(logs->view(gui::LogStream::Stderr)));
        QTRY_COMPARE_WITH_TIMEOUT(shown(logs->view(gui::LogStream::Stderr)),
                                  QString::fromUtf8(chattyLines("err", 1, 7)), kLogTimeout);
    }

    void quietTaskQuotesItsStdout()
    {
        // A task that failed without a word on stderr: its stdout is quoted.
        QVERIFY(f->start());
        QVERIFY(registerJob(u"quiet"_s, u"echo starting; echo 'disk full at row 9'; exit 4"_s));
        gui::MonitorPanel *monitor = f->dispatchFromForm(u"quiet"_s, {}, kLogTimeout);
        QVERIFY(monitor);
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->banner()->excerpt().isEmpty(), kLogTimeout);
        QCOMPARE(monitor->banner()->excerpt(),
                 u"The last lines task “talk” wrote (stdout):\nstarting\ndisk full at row 9"_s);
    }

    void tokenWithoutReadLogs()
    {
        sim::SimulatorOptions options;
        options.acl = true;
        QVERIFY(f->start(options));
        const QString token =
            createToken(f->host(), u"dispatcher"_s,
                        QMap<QString, QStringList>{
                            {u"default"_s, {u"list-jobs"_s, u"read-job"_s, u"dispatch-job"_s}}});
        f->closeWindow();
        f->openWindow(token);
        gui::MonitorPanel *monitor = dispatchChatty(u"3"_s, u"0"_s, false);
        QVERIFY(monitor);
        monitor->showLogs();
        auto *status =
            monitor->logPanel()->view(gui::LogStream::Stdout)->findChild<QLabel *>(u"logStatus"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"403"_s), kLogTimeout);
        QVERIFY2(status->text().startsWith(u"Could not read the stdout of task “talk”"_s),
                 qPrintable(status->text()));
        QVERIFY2(
            status->text().contains(
                u"Permission denied. The token needs the read-logs capability in namespace “default”."_s),
            qPrintable(status->text()));
        f->window().resize(1280, 860);
        f->screenshot(u"monitor-logs-403"_s);
    }

    void childDetailHasTheLogs()
    {
        gui::MonitorPanel *monitor = dispatchChatty(u"4"_s, u"0"_s);
        QVERIFY(monitor);
        const QString child = monitor->tracker()->context().response.dispatchedJobId;
        Q_EMIT monitor->showChildRequested(u"default"_s, u"chatty"_s, child);
        gui::ChildDetailPanel *detail = f->window().childrenPanel()->detail();
        QTRY_COMPARE_WITH_TIMEOUT(detail->childId(), child, kLogTimeout);
        detail->showLogs();
        gui::LogPanel *logs = detail->logPanel();
        QTRY_COMPARE_WITH_TIMEOUT(logs->targets().size(), 1, kLogTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(shown(logs->view(gui::LogStream::Stdout)),
                                  QString::fromUtf8(chattyLines("out", 1, 4)), kLogTimeout);
        f->window().resize(1280, 860);
        f->screenshot(u"child-logs"_s);
    }

private:
    bool registerJob(const QString &id, const QString &script = {})
    {
        auto job = chattyParameterizedJob(id);
        if (!job)
            return false;
        if (!script.isEmpty()) {
            QJsonArray groups = job->value(u"TaskGroups"_s).toArray();
            QJsonObject group = groups.first().toObject();
            QJsonArray tasks = group.value(u"Tasks"_s).toArray();
            QJsonObject task = tasks.first().toObject();
            task.insert(u"Config"_s, QJsonObject{{u"command"_s, u"/bin/sh"_s},
                                                 {u"args"_s, QJsonArray{u"-c"_s, script}}});
            tasks.replace(0, task);
            group.insert(u"Tasks"_s, tasks);
            groups.replace(0, group);
            job->insert(u"TaskGroups"_s, groups);
        }
        return f->registerJob(*job);
    }

    gui::MonitorPanel *dispatchChatty(const QString &lines, const QString &exit, bool start = true)
    {
        if (start && !f->start())
            return nullptr;
        if (!registerJob(u"chatty"_s))
            return nullptr;
        return f->dispatchFromForm(u"chatty"_s, {{u"lines"_s, lines}, {u"exit"_s, exit}},
                                   kLogTimeout);
    }

    std::unique_ptr<GuiFixture> f;
};

DD_TEST_MAIN(TestMonitorLogs)
#include "tst_monitorlogs.moc"
