// Stop, stop-and-purge and "Purge finished children…" in the real main window
// against the simulator: from the monitor, from the children table (one and
// several, with progress, results and cancel), the confirmation's words, the
// History tab, and a token without submit-job.
#include "guitestsupport.h"

#include "gui/childrenpanel.h"
#include "gui/historypanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/stopactions.h"
#include "gui/stopjobsdialog.h"
#include "models/childjobmodel.h"
#include "models/journalmodel.h"
#include "sim/requestlog.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kStopTimeout = 20000;

int stopDeletes(GuiFixture &f)
{
    return int(f.host().requests()->matching(u"DELETE"_s, u"^/v1/job/"_s).size());
}

QStringList dispatchDeadChildren(GuiFixture &f, int count)
{
    QStringList ids;
    f.host().invoke([&](sim::Simulator &s) {
        for (int i = 0; i < count; ++i) {
            sim::DispatchRequest request;
            request.jobId = u"report-nightly"_s;
            if (auto child = s.dispatch(request))
                ids.append(child->dispatchedJobId);
        }
    });
    return ids;
}

void saveDialogShot(QWidget *dialog, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    dialog->grab().save(dir + u'/' + name + u".png");
}
} // namespace

class TestStopActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void stopFromTheMonitor()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kStopTimeout);
        gui::MonitorPanel *monitor = w.monitorArea()->currentMonitor();
        const QString child = monitor->tracker()->context().response.dispatchedJobId;
        QVERIFY(!child.isEmpty());

        // Declined: nothing is sent.
        f->prompter().confirmAnswer = false;
        QTest::mouseClick(monitor->findChild<QPushButton *>(u"stopJobButton"_s), Qt::LeftButton);
        QCOMPARE(f->prompter().confirmations, 1);
        QCOMPARE(f->prompter().lastConfirmText,
                 u"Stop “"_s + child + u"” on “demo”? Its running allocations are killed."_s);
        QTest::qWait(100);
        QCOMPARE(stopDeletes(*f), 0);

        f->prompter().confirmAnswer = true;
        QTest::mouseClick(monitor->findChild<QPushButton *>(u"purgeJobButton"_s), Qt::LeftButton);
        QVERIFY(f->prompter().lastConfirmText.startsWith(u"Stop and purge “"_s + child +
                                                         u"” on “demo”?"_s));
        QTRY_COMPARE_WITH_TIMEOUT(stopDeletes(*f), 1, kStopTimeout);
        const auto sent = f->host().requests()->matching(u"DELETE"_s, u"^/v1/job/"_s).first();
        QCOMPARE(sent.path, u"/v1/job/"_s + child);
        QCOMPARE(sent.queryValue(u"purge"), u"true"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            w.statusBar()->currentMessage().startsWith(u"Stopped and purged “"_s + child + u"”"_s),
            kStopTimeout);

        // Recorded: the History tab shows the purge beside the dispatch.
        gui::HistoryPanel *history = w.historyPanel();
        history->reload();
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), 2, kStopTimeout);
        QStringList verdicts;
        for (int r = 0; r < 2; ++r)
            verdicts.append(
                history->model()->index(r, models::JournalModel::VerdictColumn).data().toString());
        QVERIFY2(verdicts.contains(u"Stopped and purged"_s), qPrintable(verdicts.join(u'|')));
        const JournalLoad load = f->journal().load();
        QCOMPARE(load.entries.last().action, JournalAction::Purge);
        QCOMPARE(load.entries.last().childJobId, child);
        QCOMPARE(load.entries.last().jobId, u"report-nightly"_s);
    }

    void monitorNeverStopsOnAnotherProfile()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kStopTimeout);
        gui::MonitorPanel *monitor = w.monitorArea()->currentMonitor();
        const QString child = monitor->tracker()->context().response.dispatchedJobId;
        // Another profile is chosen while the monitor stays open.
        Profile other = f->profiles().profiles().first();
        other.name = u"other"_s;
        f->profiles().setProfile(other);
        w.selectProfile(u"other"_s);
        QTest::mouseClick(monitor->findChild<QPushButton *>(u"stopJobButton"_s), Qt::LeftButton);
        QCOMPARE(f->prompter().confirmations, 0);
        QCOMPARE(w.statusBar()->currentMessage(),
                 u"“"_s + child +
                     u"” was dispatched on “demo”: switch to that profile to stop it."_s);
        QTest::qWait(100);
        QCOMPARE(stopDeletes(*f), 0);
    }

    void bulkPurgeFromTheTable()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        const QStringList children = dispatchDeadChildren(*f, 3);
        QCOMPARE(children.size(), 3);
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->model()->rowCount(), 3, kStopTimeout);
        w.childrenPanel()->view()->selectAll();
        QCOMPARE(w.childrenPanel()->selectedChildIds().size(), 3);

        QTest::mouseClick(f->find<QToolButton>(u"childPurgeButton"_s), Qt::LeftButton);
        auto *dialog = f->find<gui::StopJobsDialog>(u"stopJobsDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // The dialog is the confirmation: count, job, profile; nothing sent yet.
        const QString heading =
            GuiFixture::labelText(dialog->findChild<QLabel *>(u"stopJobsHeading"_s));
        QVERIFY2(heading.startsWith(
                     u"Stop and purge 3 dispatched jobs of “report-nightly” on “demo”?"_s),
                 qPrintable(heading));
        auto *start = dialog->findChild<QPushButton *>(u"stopJobsStart"_s);
        QCOMPARE(start->text(), u"&Purge 3 Jobs"_s);
        QCOMPARE(dialog->findChild<QTreeWidget *>(u"stopJobsItems"_s)->topLevelItemCount(), 3);
        QCOMPARE(stopDeletes(*f), 0);
        saveDialogShot(dialog, u"stop-bulk-purge-confirmation"_s);

        QTest::mouseClick(start, Qt::LeftButton);
        const QString summary = u"stopJobsSummary"_s;
        QTRY_VERIFY_WITH_TIMEOUT(GuiFixture::labelText(dialog->findChild<QLabel *>(summary))
                                     .startsWith(u"Purged 3 of 3 jobs."_s),
                                 kStopTimeout);
        QCOMPARE(dialog->findChild<QProgressBar *>(u"stopJobsProgress"_s)->value(), 3);
        auto *items = dialog->findChild<QTreeWidget *>(u"stopJobsItems"_s);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(items->topLevelItem(i)->text(1).startsWith(u"Purged (evaluation "_s),
                     qPrintable(items->topLevelItem(i)->text(1)));
        QVERIFY(dialog->findChild<QPushButton *>(u"stopJobsClose"_s)->isVisible());
        QVERIFY(!start->isVisible());
        QCOMPARE(GuiFixture::labelText(dialog->findChild<QLabel *>(u"stopJobsHeading"_s)),
                 u"Stopping and purging 3 dispatched jobs of “report-nightly” on “demo”."_s);
        saveDialogShot(dialog, u"stop-bulk-purge-results"_s);
        QCOMPARE(stopDeletes(*f), 3);
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->model()->rowCount(), 0, kStopTimeout);

        // Three purge entries in the journal, completed.
        QTRY_COMPARE(f->journal().load().entries.size(), 3);
        for (const JournalEntry &e : f->journal().load().entries) {
            QCOMPARE(e.action, JournalAction::Purge);
            QCOMPARE(e.verdict, JournalVerdict::Purged);
        }
    }

    void bulkCancelLeavesTheRest()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        dispatchDeadChildren(*f, 12);
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->model()->rowCount(), 12, kStopTimeout);
        w.childrenPanel()->view()->selectAll();
        // The server answers slowly, so Cancel comes while the first four are out.
        f->host().faults()->addLatency(300, u"^/v1/job/"_s);
        QTest::mouseClick(f->find<QToolButton>(u"childStopButton"_s), Qt::LeftButton);
        auto *dialog = f->find<gui::StopJobsDialog>(u"stopJobsDialog"_s);
        QVERIFY(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"stopJobsStart"_s), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"stopJobsCancel"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kStopTimeout);
        const QString text =
            GuiFixture::labelText(dialog->findChild<QLabel *>(u"stopJobsSummary"_s));
        QVERIFY2(text.startsWith(u"Stopped 4 of 12 jobs. 8 cancelled before being sent."_s),
                 qPrintable(text));
        QTest::qWait(700);
        QCOMPARE(stopDeletes(*f), 4);
        auto *items = dialog->findChild<QTreeWidget *>(u"stopJobsItems"_s);
        QCOMPARE(items->topLevelItem(11)->text(1), u"Cancelled: not sent"_s);
        saveDialogShot(dialog, u"stop-bulk-cancelled"_s);
    }

    void purgeFinishedChildren()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        dispatchDeadChildren(*f, 2);
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->model()->rowCount(), 2, kStopTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->children().last().status, u"dead"_s,
                                  kStopTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->children().first().status, u"dead"_s,
                                  kStopTimeout);
        f->find<QAction>(u"actionPurgeFinished"_s)->trigger();
        auto *dialog = f->find<gui::StopJobsDialog>(u"stopJobsDialog"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->plannedIds().size(), 2);
        QVERIFY(
            GuiFixture::labelText(dialog->findChild<QLabel *>(u"stopJobsHeading"_s))
                .startsWith(u"Purge 2 finished dispatched jobs of “report-nightly” on “demo”?"_s));
        // Submitted moments ago: none is older than a day.
        dialog->findChild<QComboBox *>(u"stopJobsAge"_s)->setCurrentIndex(2);
        QVERIFY(dialog->plannedIds().isEmpty());
        QVERIFY(!dialog->findChild<QPushButton *>(u"stopJobsStart"_s)->isEnabled());
        dialog->findChild<QComboBox *>(u"stopJobsAge"_s)->setCurrentIndex(0);
        QCOMPARE(dialog->plannedIds().size(), 2);
        saveDialogShot(dialog, u"stop-purge-finished"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"stopJobsCancel"_s), Qt::LeftButton);
        QCOMPARE(stopDeletes(*f), 0);
    }

    void tokenWithoutSubmitJob()
    {
        sim::SimulatorOptions options;
        options.acl = true;
        QVERIFY(f->start(options));
        const QString token =
            createToken(f->host(), u"dispatcher"_s,
                        QMap<QString, QStringList>{
                            {u"default"_s, {u"list-jobs"_s, u"read-job"_s, u"dispatch-job"_s}}});
        const QStringList children = dispatchDeadChildren(*f, 1);
        f->closeWindow();
        f->openWindow(token);
        auto &w = f->window();
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_VERIFY_WITH_TIMEOUT(w.childrenPanel()->selectChild(children.first()), kStopTimeout);
        QTest::mouseClick(f->find<QToolButton>(u"childStopButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            f->label(u"childStopResultLabel"_s),
            u"Could not stop “"_s + children.first() +
                u"” on “demo”: Nomad answered 403 Permission denied. The token needs the "
                u"submit-job capability in namespace “default”."_s,
            kStopTimeout);
        auto *tabs = f->find<QTabWidget>(u"centralTabs"_s);
        tabs->setCurrentWidget(w.childrenPanel());
        f->screenshot(u"stop-refused-submit-job"_s);
        QCOMPARE(f->journal().load().entries.last().verdict, JournalVerdict::Refused);
    }

private:
    std::unique_ptr<GuiFixture> f;
};

DD_TEST_MAIN(TestStopActions)
#include "tst_stopactions.moc"
