// The dispatch form always belongs to the job selected (issue 15): while a
// job's schema loads slowly, the form names that job and nothing can be
// dispatched, not even the job shown before; a late answer for a job no longer
// selected never fills the form.

#include "guitestsupport.h"

#include "gui/dispatchpanel.h"
#include "sim/faultinjector.h"
#include "sim/simulator.h"

#include <QAction>
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
