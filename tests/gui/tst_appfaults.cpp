// The app's dispatch and monitor paths under the simulator's faults: what the
// user sees, what the journal says, and how many children the server holds
// (exactly one per intended dispatch, or none when Nomad refused).

#include "guitestsupport.h"

#include "gui/dispatchpanel.h"
#include "gui/historypanel.h"
#include "gui/joblistpanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "models/joblistmodel.h"
#include "models/journalmodel.h"
#include "models/timelinemodel.h"
#include "sim/faultinjector.h"
#include "sim/requestlog.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kFaultTimeout = 30000;
const QString kFaultJob = u"report-nightly"_s;
const QString kDispatchPath = u"/v1/job/report-nightly/dispatch"_s;

int childrenOnServer(GuiFixture &f)
{
    int n = 0;
    f.host().invoke([&n](sim::Simulator &s) { n = s.childCount(kFaultJob); });
    return n;
}

} // namespace

class TestAppFaults : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;

    bool openReady()
    {
        if (!f->openJob(kFaultJob))
            return false;
        return QTest::qWaitFor(
            [&] { return f->find<QPushButton>(u"dispatchButton"_s)->isEnabled(); }, 10000);
    }
    JournalEntry onlyEntry()
    {
        const JournalLoad load = f->journal().load();
        return load.entries.size() == 1 ? load.entries.first() : JournalEntry{};
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { f.reset(); }

    void dispatchFaults_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<bool>("monitored");  // a monitor tab opened
        QTest::addColumn<int>("childCount");  // on the server
        QTest::addColumn<QString>("journal"); // the entry's last verdict
        QTest::addColumn<QString>("shown");   // words on the form, when not monitored
        QTest::addColumn<int>("requests");    // dispatch requests the server received

        // The answer is lost after Nomad dispatched: 1.2+ retries with the same token and
        // gets the same child back; 1.0 cannot be retried safely, and the user is told.
        QTest::newRow("cut answer, 1.10")
            << u"1.10.5"_s << u"close"_s << true << 1 << u"complete"_s << QString() << 2;
        QTest::newRow("cut answer, 1.0")
            << u"1.0.18"_s << u"close"_s << false << 1 << u"unknown"_s
            << u"These jobs match it and may be it: report-nightly/dispatch-"_s << 1;
        QTest::newRow("malformed answer, 1.10")
            << u"1.10.5"_s << u"malformed"_s << true << 1 << u"complete"_s << QString() << 2;
        QTest::newRow("503 twice, 1.10")
            << u"1.10.5"_s << u"503x2"_s << true << 1 << u"complete"_s << QString() << 3;
        QTest::newRow("503, 1.0") << u"1.0.18"_s << u"503x2"_s << false << 0 << u"unknown"_s
                                  << u"No matching job was found"_s << 1;
        QTest::newRow("no leader 500, 1.10")
            << u"1.10.5"_s << u"500"_s << true << 1 << u"complete"_s << QString() << 2;
        QTest::newRow("slow loris answer")
            << u"1.10.5"_s << u"slowloris"_s << true << 1 << u"complete"_s << QString() << 1;
        // Transport faults at the socket after Nomad carried the dispatch out: the
        // request goes on the wire once per attempt (Qt's own re-send is refused).
        for (const char *t : {"close-before-answer", "reset", "close-mid-headers"}) {
            QTest::addRow("%s, 1.0", t)
                << u"1.0.18"_s << QString::fromLatin1(t) << false << 1 << u"unknown"_s
                << u"Dispatch request: sent once, no answer. These jobs match it and may be it: "
                   u"report-nightly/dispatch-"_s
                << 1;
            QTest::addRow("%s, 1.10", t) << u"1.10.5"_s << QString::fromLatin1(t) << true << 1
                                         << u"complete"_s << QString() << 2;
        }
        QTest::newRow("refused")
            << u"1.10.5"_s << u"refused"_s << false << 0 << u"refused"_s
            << u"Could not dispatch “report-nightly” on “demo”: Nomad answered 500 "_s
               u"Dispatch request included unpermitted metadata keys: [day]"_s
            << 1;
    }

    void dispatchFaults()
    {
        QFETCH(QString, version);
        QFETCH(QString, fault);
        QFETCH(bool, monitored);
        QFETCH(int, childCount);
        QFETCH(QString, journal);
        QFETCH(QString, shown);
        QFETCH(int, requests);
        f = std::make_unique<GuiFixture>();
        sim::SimulatorOptions options;
        options.serverVersion = version;
        QVERIFY(f->start(options));
        QVERIFY(openReady());
        auto &w = f->window();
        sim::FaultInjector *faults = f->host().faults();
        if (fault == u"close")
            faults->closeMidResponse(kDispatchPath, 1);
        else if (fault == u"malformed")
            faults->malformJson(kDispatchPath, 1);
        else if (fault == u"503x2")
            faults->failWith(503, u"Service Unavailable"_s, kDispatchPath, 2);
        else if (fault == u"500")
            faults->failWith(500, u"rpc error: No cluster leader"_s, kDispatchPath, 1);
        else if (fault == u"slowloris")
            faults->slowLoris(16, 5, kDispatchPath, 1);
        else if (fault == u"close-before-answer")
            faults->transport(sim::FaultKind::CloseBeforeAnswer, kDispatchPath, 1);
        else if (fault == u"reset")
            faults->transport(sim::FaultKind::ResetAfterRequest, kDispatchPath, 1);
        else if (fault == u"close-mid-headers")
            faults->transport(sim::FaultKind::CloseMidHeaders, kDispatchPath, 1);
        else if (fault == u"refused")
            faults->failWith(500, u"Dispatch request included unpermitted metadata keys: [day]"_s,
                             kDispatchPath, 1);

        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        if (monitored) {
            QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kFaultTimeout);
            QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kFaultTimeout);
            QVERIFY(f->label(u"dispatchErrorLabel"_s).isEmpty());
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!f->label(u"dispatchErrorLabel"_s).isEmpty(), kFaultTimeout);
            QVERIFY2(f->label(u"dispatchErrorLabel"_s).contains(shown),
                     qPrintable(f->label(u"dispatchErrorLabel"_s)));
            QCOMPARE(w.monitorArea()->count(), 0);
            // The form is usable again, and nothing else was sent.
            QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        }
        QCOMPARE(childrenOnServer(*f), childCount);
        QCOMPARE(f->host().requests()->matching(u"PUT"_s, u"/dispatch$"_s).size(), requests);
        QTRY_COMPARE(onlyEntry().verdictName(), journal);
        const JournalEntry e = onlyEntry();
        QCOMPARE(e.source, u"app"_s);
        QCOMPARE(e.jobId, kFaultJob);
        if (childCount == 1 && (monitored || fault == u"close")) {
            QStringList ids;
            f->host().invoke([&ids](sim::Simulator &s) { ids = s.childIds(kFaultJob); });
            QCOMPARE(e.childJobId, ids.first());
        }
        if (fault == u"close" && monitored)
            QCOMPARE(e.attempts, 2);
        // The History view says the same.
        QTRY_COMPARE(w.findChild<gui::HistoryPanel *>()->model()->rowCount(), 1);
    }

    void monitorFaults_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("timelineWords");
        QTest::newRow("500 on the evaluation twice")
            << u"eval500"_s << u"Completed"_s << u"Lost contact with Nomad"_s;
        QTest::newRow("connection cut on the evaluation")
            << u"evalclose"_s << u"Completed"_s << u"Reconnected to Nomad"_s;
        QTest::newRow("no known leader for a while")
            << u"noleader"_s << u"Completed"_s << QString();
        QTest::newRow("server restart (indexes go back)")
            << u"restart"_s << u"Completed"_s << QString();
        QTest::newRow("evaluation unreadable for good")
            << u"eval404"_s << u"Dispatched, but cannot follow"_s << QString();
    }

    void monitorFaults()
    {
        QFETCH(QString, fault);
        QFETCH(QString, verdict);
        QFETCH(QString, timelineWords);
        f = std::make_unique<GuiFixture>();
        QVERIFY(f->start());
        QVERIFY(openReady());
        auto &w = f->window();
        const QString evalPath = u"^/v1/evaluation/[^/?]+(\\?|$)"_s;
        sim::FaultInjector *faults = f->host().faults();
        if (fault == u"eval500")
            faults->failWith(500, u"rpc error: EOF"_s, evalPath, 2);
        else if (fault == u"evalclose")
            faults->closeMidResponse(evalPath, 1);
        else if (fault == u"eval404")
            faults->failWith(404, u"eval not found"_s, evalPath, -1);
        else if (fault == u"noleader") {
            f->host().invoke([](sim::Simulator &s) { s.setKnownLeader(false); });
            QTimer::singleShot(600, &w, [this]() {
                f->host().invoke([](sim::Simulator &s) { s.setKnownLeader(true); });
            });
        } else if (fault == u"restart") {
            QTimer::singleShot(300, &w, [this]() {
                f->host().invoke([](sim::Simulator &s) { s.restart(1, true); });
            });
        }
        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kFaultTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), verdict, kFaultTimeout);
        const QStringList timeline =
            w.monitorArea()->currentMonitor()->tracker()->timeline()->texts();
        if (!timelineWords.isEmpty())
            QVERIFY2(timeline.join(u'\n').contains(timelineWords),
                     qPrintable(timeline.join(u'\n')));
        QCOMPARE(childrenOnServer(*f), 1); // a monitor fault never dispatches again
        if (fault == u"eval404") {
            // The user is told which child was dispatched and why it cannot be followed.
            const QString detail = w.monitorArea()->currentMonitor()->banner()->detail();
            QVERIFY2(detail.contains(u"report-nightly/dispatch-"_s), qPrintable(detail));
            f->screenshot(u"fault-cannot-follow"_s);
        }
        QTRY_VERIFY(!onlyEntry().childJobId.isEmpty());
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestAppFaults)
#include "tst_appfaults.moc"
