// Issue 15.1 in the real window: with 30 dispatches being followed (running,
// blocked and finished), the next dispatch from the form goes through, the
// live views share one event stream and hold no blocking query, and the
// status bar's tooltip says how live updates arrive (and why, in fallback).

#include "gui/mainwindow.h"
#include "gui/monitorarea.h"
#include "guitestsupport.h"
#include "sim/faultinjector.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::StringLiterals;

class TestFollowLoad : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;

    QPushButton *dispatchButton() { return f->find<QPushButton>(u"dispatchButton"_s); }
    QString stateTip() { return f->find<QLabel>(u"connectionStateLabel"_s)->toolTip(); }

    // A dispatch from the form, as a user makes it; false if it did not open a monitor.
    bool dispatchFromForm(const QString &job, const QString &key, const QString &value)
    {
        if (!f->openJob(job))
            return false;
        if (!key.isEmpty())
            f->typeMeta(key, value);
        if (!QTest::qWaitFor([this] { return dispatchButton()->isEnabled(); }, 5000))
            return false;
        const int before = f->window().monitorArea()->count();
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        return QTest::qWaitFor(
            [this, before] { return f->window().monitorArea()->count() == before + 1; }, 5000);
    }

    // Every label of the window that says a server did not answer in time.
    QStringList timeoutTexts() const
    {
        QStringList found;
        for (const QLabel *label : f->window().findChildren<QLabel *>()) {
            const QString text = GuiFixture::labelText(label);
            if (text.contains(u"did not answer in time"_s))
                found.append(label->objectName() + u": "_s + text);
        }
        return found;
    }

private Q_SLOTS:
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void dispatchBesideThirtyFollowed()
    {
        QVERIFY(f->start());
        // A mix: still running (five minutes), blocked (no node has the memory), finished.
        for (int i = 0; i < 30; ++i) {
            const QString n = QString::number(i);
            switch (i % 3) {
            case 0:
                QVERIFY2(dispatchFromForm(u"nightly-backfill"_s, u"window"_s, n + u"h"_s),
                         qPrintable(n));
                break;
            case 1:
                QVERIFY2(dispatchFromForm(u"huge"_s, {}, {}), qPrintable(n));
                break;
            default:
                QVERIFY2(dispatchFromForm(u"report-nightly"_s, u"day"_s, n), qPrintable(n));
                break;
            }
        }
        QCOMPARE(f->window().monitorArea()->count(), 30);
        int streams = -1;
        int held = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                f->host().invoke([&](sim::Simulator &sim) {
                    streams = sim.openEventStreams();
                    held = sim.pendingBlockingQueries();
                });
                return streams == 1 && held == 0;
            }(),
            15000);
        QVERIFY2(stateTip().contains(u"event stream"_s), qPrintable(stateTip()));
        f->host().invoke([](sim::Simulator &sim) { sim.resetConnectionCounts(); });

        QElapsedTimer timer;
        timer.start();
        QVERIFY(dispatchFromForm(u"report-nightly"_s, u"day"_s, u"last"_s));
        const qint64 toMonitor = timer.elapsed();
        // Dispatched and followed: the running backfills may hold the capacity, so
        // "queued" is as good an answer as "completed"; "not known" or a refusal is not.
        QTRY_VERIFY_WITH_TIMEOUT(f->verdictTitle() == u"Completed"_s ||
                                     f->verdictTitle() == u"Could not be placed yet"_s,
                                 15000);
        int children = 0;
        f->host().invoke([&](sim::Simulator &sim) {
            for (const QString &id : sim.childIds(u"report-nightly"_s))
                children += sim.job(id)->meta().value(u"day"_s).toString() == u"last"_s ? 1 : 0;
        });
        QCOMPARE(children, 1);
        // Figures for the log; bench_followload measures them properly.
        qInfo("from the form beside 30 followed dispatches: %lld ms to its monitor (the job's "
              "form loaded first), \"%s\" after %lld ms",
              toMonitor, qPrintable(f->verdictTitle()), qint64(timer.elapsed()));
        int peak = 0;
        f->host().invoke([&](sim::Simulator &sim) { peak = sim.peakConnections(); });
        // The stated bound: six on the user's lane, six on the follow lane.
        QVERIFY2(peak <= 12, qPrintable(QString::number(peak)));
        QVERIFY2(timeoutTexts().isEmpty(), qPrintable(timeoutTexts().join(u'\n')));
        f->screenshot(u"followload-30-monitors"_s);
    }

    void tooltipExplainsTheFallback()
    {
        QVERIFY(f->start());
        QTRY_VERIFY2(stateTip().contains(u"event stream"_s), qPrintable(stateTip()));
        // The token's policy changes under the app, and a proxy restart drops the stream.
        f->host().faults()->failWith(403, u"Permission denied"_s, u"^/v1/event/stream"_s);
        f->host().invoke([](sim::Simulator &sim) { sim.dropConnections(); });
        QVERIFY(dispatchFromForm(u"report-nightly"_s, u"day"_s, u"x"_s));
        // First "while the event stream reconnects", then why it is not available.
        QTRY_VERIFY2_WITH_TIMEOUT(stateTip().contains(u"Permission denied"_s),
                                  qPrintable(stateTip()), 10000);
        QVERIFY2(stateTip().contains(u"blocking queries; the event stream is not available"_s),
                 qPrintable(stateTip()));
        // The dispatch is still followed to its end, by blocking queries.
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, 15000);
    }
};

DD_TEST_MAIN(TestFollowLoad)
#include "tst_followload.moc"
