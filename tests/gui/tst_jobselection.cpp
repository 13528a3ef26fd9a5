// What the app shows about the job selected is right (issue 15): the dispatch
// form always belongs to it (while its schema loads slowly the form names it and
// nothing can be dispatched, not even the job shown before; a late answer for a
// job no longer selected never fills the form), queued children are not counted
// as running, and a job no node matches is not promised capacity.

#include "guitestsupport.h"

#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/dispatchpanel.h"
#include "gui/joblistpanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "models/childjobmodel.h"
#include "models/joblistmodel.h"
#include "models/timelinemodel.h"
#include "sim/faultinjector.h"
#include "sim/simulator.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kSelectionTimeout = 15000;

int selectionChildren(GuiFixture &f, const QString &job)
{
    int n = 0;
    f.host().invoke([&](sim::Simulator &s) { n = s.childCount(job); });
    return n;
}

QString jobReadPath(const QString &id)
{
    return u"^/v1/job/"_s + id + u"(\\?|$)"_s;
}

} // namespace

class TestJobSelection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void slowSchemaNeverLeavesTheOldJobDispatchable()
    {
        GuiFixture f;
        QVERIFY(f.start());
        QVERIFY(f.openJob(u"gpu-render"_s));
        auto *panel = f.window().dispatchPanel();
        auto *button = f.find<QPushButton>(u"dispatchButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kSelectionTimeout);

        f.host().faults()->addLatency(1500, jobReadPath(u"report-nightly"_s));
        QVERIFY(f.selectJob(u"report-nightly"_s));
        // At once, before the schema arrives: the form names the selected job and
        // cannot dispatch, neither by the button nor by Ctrl+Return.
        QVERIFY(!panel->job());
        QVERIFY(!panel->canDispatch());
        QVERIFY(!button->isEnabled());
        QVERIFY2(f.label(u"emptyLabel"_s).contains(u"report-nightly"_s),
                 qPrintable(f.label(u"emptyLabel"_s)));
        auto *action = f.window().findChild<QAction *>(u"actionDispatch"_s);
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        action->trigger();
        panel->requestDispatch();
        f.screenshot(u"job-loading"_s);

        // The schema arrives: the form is the selected job's, and ready.
        QTRY_VERIFY_WITH_TIMEOUT(panel->job() && panel->job()->id == u"report-nightly",
                                 kSelectionTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kSelectionTimeout);
        QCOMPARE(selectionChildren(f, u"gpu-render"_s), 0);
        QCOMPARE(selectionChildren(f, u"report-nightly"_s), 0);
    }

    void reselectingTheShownJobKeepsTheForm()
    {
        GuiFixture f;
        QVERIFY(f.start());
        QVERIFY(f.openJob(u"report-nightly"_s));
        f.host().faults()->addLatency(1500, jobReadPath(u"report-nightly"_s));
        QVERIFY(f.selectJob(u"report-nightly"_s));
        QVERIFY(f.window().dispatchPanel()->job());
    }

    void queuedChildrenAreNotCountedAsRunning()
    {
        // "huge" asks for more than any node has: its children stay pending (blocked).
        GuiFixture f;
        QVERIFY(f.start());
        QVERIFY(f.openJob(u"huge"_s));
        auto *button = f.find<QPushButton>(u"dispatchButton"_s);
        for (int i = 1; i <= 2; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kSelectionTimeout);
            QTest::mouseClick(button, Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(selectionChildren(f, u"huge"_s), i, kSelectionTimeout);
        }
        auto *model = f.window().jobList()->model();
        auto row = [&](int column) {
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->index(r, models::JobListModel::NameColumn).data().toString() == u"huge")
                    return model->index(r, column).data().toInt();
            }
            return -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(row(models::JobListModel::QueuedColumn), 2, kSelectionTimeout);
        QCOMPARE(row(models::JobListModel::RunningColumn), 0);
        f.screenshot(u"joblist-queued"_s);
    }

    void constraintOnlyPlacementSaysCapacityWillNotHelp()
    {
        // gpu-render needs a GPU node the demo cluster does not have.
        GuiFixture f;
        QVERIFY(f.start());
        QVERIFY(f.openJob(u"gpu-render"_s));
        auto *button = f.find<QPushButton>(u"dispatchButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kSelectionTimeout);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f.verdictTitle(), u"Could not be placed yet"_s,
                                  kSelectionTimeout);
        const QString detail = f.window().monitorArea()->currentMonitor()->banner()->detail();
        QVERIFY2(detail.contains(u"until a node that matches joins"_s), qPrintable(detail));
        QVERIFY2(!detail.contains(u"as soon as capacity frees up"_s), qPrintable(detail));
        QTRY_VERIFY_WITH_TIMEOUT(f.window()
                                     .monitorArea()
                                     ->currentMonitor()
                                     ->tracker()
                                     ->timeline()
                                     ->texts()
                                     .join(u'\n')
                                     .contains(u"Waiting for a node that matches"_s),
                                 kSelectionTimeout);
        f.screenshot(u"placement-constraint"_s);

        // Stopping the follow while Nomad still holds it pending is not an outcome.
        auto *monitor = f.window().monitorArea()->currentMonitor();
        QTest::mouseClick(monitor->findChild<QPushButton *>(u"stopFollowingButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f.verdictTitle(), u"Stopped following: still queued"_s,
                                  kSelectionTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(f.journal().load().entries.size() == 1 &&
                                     f.journal().load().entries.first().verdict ==
                                         JournalVerdict::NotFollowed,
                                 kSelectionTimeout);
    }

    void childHeaderSaysWhatItsRowSays()
    {
        // The child is opened while it runs; when it ends, the header and the row agree.
        GuiFixture f;
        QVERIFY(f.start());
        // media-transcode sleeps 3 s, long enough to open its child while it runs.
        QVERIFY(f.openJob(u"media-transcode"_s));
        f.typeMeta(u"input-uri"_s, u"s3://in/a.mov"_s);
        f.typeMeta(u"profile"_s, u"720p"_s);
        auto *button = f.find<QPushButton>(u"dispatchButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), kSelectionTimeout);
        QTest::mouseClick(button, Qt::LeftButton);
        auto &w = f.window();
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kSelectionTimeout);
        const QString child =
            w.monitorArea()->currentMonitor()->tracker()->context().response.dispatchedJobId;
        QTest::mouseClick(
            w.monitorArea()->currentMonitor()->findChild<QPushButton *>(u"showChildButton"_s),
            Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->detail()->childId(), child, kSelectionTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(w.childrenPanel()->detail()->child().has_value(),
                                 kSelectionTimeout);
        const QString early = f.find<QLabel>(u"childTitleLabel"_s)->property("outcome").toString();
        auto *model = w.childrenPanel()->model();
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(0, 0).data(models::ChildJobModel::StatusRole).toString(), u"complete"_s,
            60000);
        QTRY_COMPARE_WITH_TIMEOUT(
            f.find<QLabel>(u"childTitleLabel"_s)->property("outcome").toString(), u"complete"_s,
            kSelectionTimeout);
        QVERIFY(f.find<QLabel>(u"childTitleLabel"_s)->text().contains(u"Completed"_s));
        QCOMPARE(early, u"running"_s); // opened while it ran, so the test means something
    }

    void lateAnswerForAnotherJobIsIgnored()
    {
        GuiFixture f;
        QVERIFY(f.start());
        QVERIFY(f.openJob(u"report-nightly"_s));
        auto *panel = f.window().dispatchPanel();
        f.host().faults()->addLatency(1200, jobReadPath(u"video-encode"_s));
        QVERIFY(f.selectJob(u"video-encode"_s));
        QVERIFY(f.selectJob(u"gpu-render"_s));
        QTRY_VERIFY_WITH_TIMEOUT(panel->job() && panel->job()->id == u"gpu-render",
                                 kSelectionTimeout);
        QTest::qWait(1800); // past the slow answer
        QCOMPARE(panel->job()->id, u"gpu-render"_s);
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestJobSelection)
#include "tst_jobselection.moc"
