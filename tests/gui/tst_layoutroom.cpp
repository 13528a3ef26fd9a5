// Room to read at the usual window sizes (issue 15, part 5): at 1280×800 (a
// laptop), 1280×860 (the app's own default) and 1920×1080, the window keeps the
// size it was given; the monitor's "What happened" rows show their whole text;
// the form's meta table and a dispatched job's show at least kMinMetaRows rows,
// and their payloads at least kMinPayloadLines lines, with a monitor open; a
// fan-out's four allocations all fit; History shows a long outcome whole; and
// the reason the 1.2+ options are off is written beside them. Screenshots of
// each screen at each size: build/screenshots/layout-<size>-<screen>.png.

#include "guitestsupport.h"

#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/dispatchpanel.h"
#include "gui/historypanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/payloadsection.h"
#include "models/journalmodel.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kRoomTimeout = 20000;
// What "readable" means here, at the smallest size tested.
constexpr int kMinMetaRows = 6;
constexpr int kMinPayloadLines = 8;
constexpr int kMinTimelineLines = 5;

// Rows a table shows whole without scrolling.
int roomRowsShown(const QTableView *view)
{
    int shown = 0;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const int top = view->rowViewportPosition(r);
        if (top >= 0 && top + view->rowHeight(r) <= view->viewport()->height())
            ++shown;
    }
    return shown;
}

int roomLinesShown(const QPlainTextEdit *edit)
{
    return edit->viewport()->height() / edit->fontMetrics().lineSpacing();
}

// Why a cell does not show its whole text (wrapped if the view wraps), or empty
// when it does. Measured with the view's font, as the delegate paints it.
QString roomCellProblem(const QAbstractItemView *view, const QModelIndex &index)
{
    const QString text = index.data().toString();
    const QRect cell = view->visualRect(index);
    const QStyle *style = view->style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    int width = cell.width() - 2 * margin;
    if (!index.data(Qt::DecorationRole).isNull())
        width -= style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view) + 2 * margin;
    const QFontMetrics fm(view->font());
    const int flags = view->property("wordWrap").toBool() ? int(Qt::TextWordWrap) : 0;
    const QRect need = fm.boundingRect(QRect(0, 0, width, 100000), flags, text);
    if (need.width() > width + 1 || need.height() > cell.height())
        return u"row %1: needs %2×%3, has %4×%5 for “%6”"_s.arg(index.row())
            .arg(need.width())
            .arg(need.height())
            .arg(width)
            .arg(cell.height())
            .arg(text);
    return {};
}
} // namespace

class TestLayoutRoom : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;
    QSize m_size;

    QString sizeName() const { return u"%1x%2"_s.arg(m_size.width()).arg(m_size.height()); }
    void shot(const QString &screen) { f->screenshot(u"layout-"_s + sizeName() + u'-' + screen); }

    // Opens the window at the row's size against a fresh simulator.
    bool openAt(const sim::SimulatorOptions &options = {})
    {
        QFETCH(QSize, size);
        m_size = size;
        if (!f->start(options))
            return false;
        f->window().resize(size);
        return QTest::qWaitFor([&] { return f->window().size() == size; }, 2000);
    }
    // The window keeps the size it was given, whatever it shows.
    bool keptSize() const
    {
        QCoreApplication::processEvents();
        if (f->window().size() == m_size)
            return true;
        qWarning() << "window is" << f->window().size() << "not" << m_size
                   << "minimum:" << f->window().minimumSizeHint();
        return false;
    }
    bool showDispatchedChild()
    {
        auto &w = f->window();
        auto *monitor = w.monitorArea()->currentMonitor();
        const QString child = monitor->tracker()->context().response.dispatchedJobId;
        QTest::mouseClick(monitor->findChild<QPushButton *>(u"showChildButton"_s), Qt::LeftButton);
        return QTest::qWaitFor(
            [&] {
                return w.childrenPanel()->detail()->childId() == child &&
                       w.childrenPanel()->detail()->child().has_value();
            },
            kRoomTimeout);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void sizes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1280x860") << QSize(1280, 860);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void monitorAndDispatchedJob_data() { sizes_data(); }
    void monitorAndDispatchedJob()
    {
        QVERIFY(openAt());
        auto &w = f->window();
        // Six meta keys (two typed, four defaults) and a payload of 24 lines.
        QVERIFY(f->openJob(u"media-transcode"_s));
        QVERIFY(keptSize());
        f->typeMeta(u"input-uri"_s, u"s3://in/a.mov"_s);
        f->typeMeta(u"profile"_s, u"720p"_s);
        QByteArray payload = "{\n";
        for (int i = 0; i < 22; ++i)
            payload += "  \"line" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ",\n";
        payload += "  \"end\": true\n}\n";
        w.dispatchPanel()->payloadSection()->setPayload(payload);
        shot(u"form"_s);
        QVERIFY(keptSize());
        QVERIFY(f->clickDispatch(kRoomTimeout));
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kRoomTimeout);
        QVERIFY(keptSize());
        // The form keeps room to read with the monitor open below it.
        auto *form = f->find<QTableView>(u"metaTable"_s);
        QVERIFY2(roomRowsShown(form) >= kMinMetaRows,
                 qPrintable(u"form: %1 meta rows shown"_s.arg(roomRowsShown(form))));
        auto *editor = f->find<QPlainTextEdit>(u"payloadEditor"_s);
        QVERIFY2(roomLinesShown(editor) >= kMinPayloadLines,
                 qPrintable(u"form: %1 payload lines shown"_s.arg(roomLinesShown(editor))));

        shot(u"monitor"_s);
        auto *timeline = w.monitorArea()->currentMonitor()->timelineView();
        const QAbstractItemModel *steps = timeline->model();
        QVERIFY(steps->rowCount() >= 3);
        for (int r = 0; r < steps->rowCount(); ++r) {
            const QString problem = roomCellProblem(timeline, steps->index(r, 1));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        const int lines = timeline->viewport()->height() / timeline->fontMetrics().lineSpacing();
        QVERIFY2(lines >= kMinTimelineLines, qPrintable(u"%1 lines"_s.arg(lines)));

        QVERIFY(showDispatchedChild());
        QVERIFY(keptSize());
        auto *meta = f->find<QTableWidget>(u"childMetaTable"_s);
        QTRY_VERIFY(meta->rowCount() >= kMinMetaRows);
        shot(u"child"_s);
        QVERIFY2(roomRowsShown(meta) >= kMinMetaRows,
                 qPrintable(u"%1 rows shown"_s.arg(roomRowsShown(meta))));
        f->find<QTabWidget>(u"childTabs"_s)->setCurrentIndex(1);
        auto *payloadView = f->find<QPlainTextEdit>(u"childPayloadView"_s);
        QVERIFY(payloadView->isVisible());
        shot(u"child-payload"_s);
        QVERIFY2(roomLinesShown(payloadView) >= kMinPayloadLines,
                 qPrintable(u"%1 lines shown"_s.arg(roomLinesShown(payloadView))));
        QVERIFY(keptSize());
    }

    void fanOutAllocations_data() { sizes_data(); }
    void fanOutAllocations()
    {
        QVERIFY(openAt());
        auto &w = f->window();
        // fanout: three "map" allocations and one "reduce".
        QVERIFY(f->openJob(u"fanout"_s));
        QVERIFY(f->clickDispatch(kRoomTimeout));
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kRoomTimeout);
        auto *allocations =
            qobject_cast<QTableView *>(w.monitorArea()->currentMonitor()->allocationsView());
        QTRY_COMPARE(allocations->model()->rowCount(), 4);
        shot(u"fanout-monitor"_s);
        QVERIFY2(roomRowsShown(allocations) >= 4,
                 qPrintable(u"%1 rows shown"_s.arg(roomRowsShown(allocations))));
        QVERIFY(keptSize());

        QVERIFY(showDispatchedChild());
        f->find<QTabWidget>(u"childTabs"_s)->setCurrentIndex(3);
        auto *childAllocations = f->find<QTableView>(u"childAllocationsView"_s);
        QTRY_COMPARE(childAllocations->model()->rowCount(), 4);
        shot(u"fanout-child"_s);
        QVERIFY2(roomRowsShown(childAllocations) >= 4,
                 qPrintable(u"%1 rows shown"_s.arg(roomRowsShown(childAllocations))));
        QVERIFY(keptSize());
    }

    void historyShowsWholeOutcomes_data() { sizes_data(); }
    void historyShowsWholeOutcomes()
    {
        QVERIFY(openAt());
        auto &w = f->window();
        // Two dispatches whose answer was lost, as the CLI records them.
        for (const QString &error :
             {u"Connection closed by peer"_s,
              u"the server closed the connection before answering; Nomad may or may not have "
              u"dispatched the job"_s}) {
            JournalEntry e;
            e.source = u"cli"_s;
            e.profile = u"demo"_s;
            e.address = f->host().baseUrl().toString();
            e.jobId = u"report-nightly"_s;
            e.nameSpace = u"default"_s;
            const auto begun = f->journal().begin(e);
            QVERIFY(begun);
            JournalEntry done = *begun;
            done.verdict = JournalVerdict::OutcomeUnknown;
            done.error = error;
            done.attempts = 1;
            done.sent = 1;
            done.completedAt = QDateTime::currentDateTimeUtc();
            QVERIFY(f->journal().complete(done));
        }
        f->find<QTabWidget>(u"centralTabs"_s)->setCurrentWidget(w.historyPanel());
        QTRY_COMPARE_WITH_TIMEOUT(w.historyPanel()->model()->rowCount(), 2, kRoomTimeout);
        QCoreApplication::processEvents();
        shot(u"history"_s);
        auto *view = w.historyPanel()->view();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex cell = view->model()->index(r, models::JournalModel::VerdictColumn);
            QVERIFY(cell.data().toString().startsWith(u"Unknown: the connection"_s));
            const QString problem = roomCellProblem(view, cell);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        QVERIFY(keptSize());
    }
    void olderServerSaysWhyOptionsAreOff_data() { sizes_data(); }
    void olderServerSaysWhyOptionsAreOff()
    {
        sim::SimulatorOptions options;
        options.serverVersion = u"1.0.18"_s;
        QVERIFY(openAt(options));
        QVERIFY(f->openJob(u"report-nightly"_s));
        auto *note = f->find<QLabel>(u"optionsVersionNote"_s);
        QVERIFY(note);
        QTRY_VERIFY(note->isVisible());
        QVERIFY(!f->find<QWidget>(u"idempotencyTokenEdit"_s)->isEnabled());
        const QString text = f->label(u"optionsVersionNote"_s);
        QVERIFY2(text.contains(u"Idempotency token needs Nomad 1.2 or newer"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Priority needs Nomad 1.10 or newer"_s), qPrintable(text));
        QVERIFY2(text.contains(u"this server runs 1.0.18"_s), qPrintable(text));
        // Beside the options it explains, and whole.
        QCOMPARE(note->parentWidget(), f->find<QWidget>(u"optionsSection"_s));
        QVERIFY(note->height() >= note->heightForWidth(note->width()));
        shot(u"form-nomad-1.0"_s);
        QVERIFY(keptSize());
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestLayoutRoom)
#include "tst_layoutroom.moc"
