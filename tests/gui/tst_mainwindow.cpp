// The real main window against the simulator: what a user sees when they
// pick a job, fill the form, dispatch, and follow it to the end.

#include "fixtures.h"
#include "guitestsupport.h"

#include "api/connection.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/dispatchpanel.h"
#include "gui/joblistpanel.h"
#include "gui/metasection.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/payloadeditor.h"
#include "gui/verdictbanner.h"
#include "models/allocationmodel.h"
#include "models/childjobmodel.h"
#include "models/joblistmodel.h"
#include "models/metaeditmodel.h"
#include "models/timelinemodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kDispatchTimeout = 20000;

QStringList jobIds(gui::MainWindow &w)
{
    QStringList ids;
    auto *model = w.jobList()->model();
    for (int r = 0; r < model->rowCount(); ++r)
        ids.append(model->index(r, 0).data(models::JobListModel::IdRole).toString());
    ids.sort();
    return ids;
}

QString verdictDetail(gui::MainWindow &w)
{
    auto *panel = w.monitorArea()->currentMonitor();
    return panel ? panel->banner()->detail() : QString();
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;

    QPushButton *dispatchButton() { return f->find<QPushButton>(u"dispatchButton"_s); }
    void loadPayload(const QString &path)
    {
        f->prompter().nextFile = path;
        QTest::mouseClick(f->find<QToolButton>(u"loadPayloadButton"_s), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(test::requireFixtures(
            {GuiFixture::recordedFile(u"in.json"_s), GuiFixture::recordedFile(u"big.bin"_s)}));
    }

    void init() { f = std::make_unique<GuiFixture>(); }

    void cleanup() { f.reset(); }

    void idleWindowListsParameterizedJobs()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QTRY_VERIFY_WITH_TIMEOUT(jobIds(w).contains(u"video-encode"_s), 10000);
        const QStringList ids = jobIds(w);
        QVERIFY(!ids.contains(u"plain-batch"_s)); // not parameterized: cannot be dispatched
        QVERIFY(ids.contains(u"report-nightly"_s));
        QVERIFY(w.jobList()->view()->isColumnHidden(models::JobListModel::NamespaceColumn));
        QTRY_COMPARE(f->label(u"serverVersionLabel"_s), u"Nomad 1.10.5"_s);
        QTRY_VERIFY(f->label(u"connectionStateLabel"_s).startsWith(u"Connected to “demo”"_s));
        QTRY_VERIFY(f->label(u"leaderLabel"_s).startsWith(u"Leader "_s));
        QVERIFY(!dispatchButton()->isEnabled());
        f->screenshot(u"01-idle"_s);

        // Keyboard: Ctrl+F goes to the filter; typing filters the list.
        QTest::keySequence(&w, QKeySequence(u"Ctrl+F"_s));
        auto *filter = f->find<QLineEdit>(u"jobFilterEdit"_s);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, u"video"_s);
        QCOMPARE(w.jobList()->view()->model()->rowCount(), 1);
    }

    void successfulDispatchWithPayloadFileAndMeta()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"video-encode"_s));
        QCOMPARE(f->label(u"jobTitleLabel"_s), u"video-encode"_s);
        QVERIFY(f->label(u"validationLabel"_s)
                    .contains(u"Payload is not provided but required by parameterized job"_s));
        QVERIFY(!dispatchButton()->isEnabled());

        loadPayload(GuiFixture::recordedFile(u"in.json"_s));
        QCOMPARE(f->prompter().filesAsked, 1);
        QVERIFY(f->label(u"payloadKindLabel"_s).startsWith(u"Valid JSON"_s));
        QVERIFY(f->label(u"payloadKindLabel"_s).contains(u"in.json"_s));
        auto *optional = f->find<QComboBox>(u"addOptionalCombo"_s);
        QCOMPARE(optional->count(), 1); // quality has a row already (its default)
        QCOMPARE(optional->itemText(0), u"output-codec"_s);
        f->typeMeta(u"input-codec"_s, u"mp4"_s);
        f->typeMeta(u"quality"_s, u"1080p"_s);
        // The editor recognises JSON and indents it on request.
        QTest::mouseClick(f->find<QToolButton>(u"formatJsonButton"_s), Qt::LeftButton);
        QVERIFY(f->find<gui::PayloadEditor>(u"payloadEditor"_s)
                    ->toPlainText()
                    .contains(u"\n    \"quality\""_s));
        loadPayload(GuiFixture::recordedFile(u"in.json"_s)); // back to the file's exact bytes
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QCOMPARE(f->label(u"validationLabel"_s), u"Ready to dispatch “video-encode” on “demo”."_s);
        f->screenshot(u"02-form-filled"_s);

        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        // Never twice: the button is off while the dispatch is in flight.
        QVERIFY(!dispatchButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kDispatchTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(f->verdictTitle() == u"Running"_s ||
                                     f->verdictTitle() == u"Completed"_s,
                                 kDispatchTimeout);
        f->screenshot(u"03-monitoring"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kDispatchTimeout);
        QCOMPARE(verdictDetail(w), u"Its allocation finished successfully."_s);
        f->screenshot(u"05-success"_s);

        // The allocations table shows the finished allocation.
        auto *allocs = w.monitorArea()->currentMonitor()->tracker()->allocations();
        QCOMPARE(allocs->rowCount(), 1);
        QCOMPARE(allocs->index(0, models::AllocationModel::StatusColumn).data().toString(),
                 u"Complete"_s);
        QCOMPARE(allocs->index(0, models::AllocationModel::TaskGroupColumn).data().toString(),
                 u"encode"_s);

        // What reached Nomad: the payload's bytes and the meta typed.
        const QString child =
            w.monitorArea()->currentMonitor()->tracker()->context().response.dispatchedJobId;
        QVERIFY(child.startsWith(u"video-encode/dispatch-"_s));
        QByteArray payload;
        QString codec;
        QString quality;
        f->host().invoke([&](sim::Simulator &s) {
            const sim::SimJob *job = s.job(child);
            if (job) {
                payload = job->payload;
                codec = job->meta().value(u"input-codec"_s).toString();
                quality = job->meta().value(u"quality"_s).toString();
            }
        });
        const auto in = test::readFixture(GuiFixture::recordedFile(u"in.json"_s));
        DD_VERIFY_OK(in);
        QCOMPARE(payload, *in);
        QCOMPARE(codec, u"mp4"_s);
        QCOMPARE(quality, u"1080p"_s);
        QTRY_VERIFY(dispatchButton()->isEnabled());
    }

    void validationErrors_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("payloadFile");
        QTest::addColumn<QStringList>("meta"); // key=value
        QTest::addColumn<QString>("expected");

        QTest::newRow("payload missing")
            << u"video-encode"_s << QString() << QStringList{u"input-codec=mp4"_s}
            << u"Payload is not provided but required by parameterized job"_s;
        QTest::newRow("required meta missing")
            << u"video-encode"_s << u"in.json"_s << QStringList{}
            << u"Dispatch did not provide required meta keys: [input-codec]"_s;
        QTest::newRow("payload too large")
            << u"video-encode"_s << u"big.bin"_s << QStringList{u"input-codec=mp4"_s}
            << u"Payload exceeds maximum size; 17000 > 16384"_s;
        QTest::newRow("unpermitted meta")
            << u"video-encode"_s << u"in.json"_s << QStringList{u"input-codec=mp4"_s, u"bogus=1"_s}
            << u"Dispatch request included unpermitted metadata keys: [bogus]"_s;
    }

    void validationErrors()
    {
        QFETCH(QString, job);
        QFETCH(QString, payloadFile);
        QFETCH(QStringList, meta);
        QFETCH(QString, expected);
        QVERIFY(f->start());
        QVERIFY(f->openJob(job));
        if (!payloadFile.isEmpty())
            loadPayload(GuiFixture::recordedFile(payloadFile));
        for (const QString &kv : meta)
            f->typeMeta(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        QTRY_VERIFY2(f->label(u"validationLabel"_s).contains(expected),
                     qPrintable(f->label(u"validationLabel"_s)));
        QVERIFY(!dispatchButton()->isEnabled());
        QVERIFY(!f->window().findChild<QAction *>(u"actionDispatch"_s)->isEnabled());
        if (payloadFile == u"big.bin") {
            auto *meter = f->find<QProgressBar>(u"payloadSizeMeter"_s);
            QVERIFY(meter->property("overLimit").toBool());
            QCOMPARE(f->label(u"payloadSizeLabel"_s),
                     u"17000 bytes: 616 over the 16384-byte limit"_s);
            QVERIFY(f->label(u"payloadKindLabel"_s).startsWith(u"Binary"_s));
        }
        if (meta.contains(u"bogus=1"_s)) {
            QCOMPARE(
                f->label(u"metaErrorLabel"_s),
                u"“bogus” is not accepted by this job. It accepts: input-codec, quality, output-codec."_s);
            f->screenshot(u"validation-unpermitted-meta"_s);
        }
        // Ctrl+Return does nothing while the form is invalid.
        QTest::keySequence(&f->window(), QKeySequence(u"Ctrl+Return"_s));
        QTest::qWait(200);
        QCOMPARE(f->window().monitorArea()->count(), 0);
    }

    void forbiddenPayloadIsDisabledWithExplanation()
    {
        QVERIFY(f->start());
        QVERIFY(f->openJob(u"report-nightly"_s));
        auto *editor = f->find<gui::PayloadEditor>(u"payloadEditor"_s);
        QVERIFY(!editor->isEnabled());
        QVERIFY(!f->find<QToolButton>(u"loadPayloadButton"_s)->isEnabled());
        QVERIFY(f->label(u"payloadRuleLabel"_s).contains(u"payload = “forbidden”"_s));
        // The parent's default is shown and the form is valid without meta.
        auto *model = f->window().dispatchPanel()->metaSection()->model();
        QCOMPARE(model->index(0, models::MetaEditModel::ValueColumn).data().toString(),
                 u"monday"_s);
        QTRY_VERIFY(dispatchButton()->isEnabled());
        // A required key cannot be removed; an optional one can.
        QVERIFY(model->canRemove(0));
        QVERIFY(f->openJob(u"video-encode"_s));
        QVERIFY(!f->window().dispatchPanel()->metaSection()->model()->canRemove(0));
    }

    void serverSideErrorIsShownInline()
    {
        sim::SimulatorOptions options;
        options.acl = true;
        QVERIFY(f->start(options));
        const QString reader = createToken(
            f->host(), u"reader"_s,
            QMap<QString, QStringList>{{u"default"_s, {u"list-jobs"_s, u"read-job"_s}}});
        f->closeWindow();
        f->openWindow(reader);
        QVERIFY(f->openJob(u"video-encode"_s));
        loadPayload(GuiFixture::recordedFile(u"in.json"_s));
        f->typeMeta(u"input-codec"_s, u"mp4"_s);
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            f->label(u"dispatchErrorLabel"_s),
            u"Could not dispatch “video-encode” on “demo”: Nomad answered 403 Permission denied. "
            "The token needs the dispatch-job capability in namespace “default”."_s,
            kDispatchTimeout);
        QVERIFY(f->find<QLabel>(u"dispatchErrorLabel"_s)->isVisible());
        QCOMPARE(f->window().monitorArea()->count(), 0);
        QTRY_VERIFY(dispatchButton()->isEnabled()); // the user can fix the token and try again
        f->screenshot(u"server-error"_s);
    }

    void placementFailureThenUnblock()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"huge"_s));
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Could not be placed yet"_s,
                                  kDispatchTimeout);
        QVERIFY2(verdictDetail(w).contains(u"Not enough memory: exhausted on 1 node."_s),
                 qPrintable(verdictDetail(w)));
        QVERIFY(verdictDetail(w).contains(u"Task group “g”: 1 allocation could not be placed."_s));
        f->screenshot(u"04-placement-failure"_s);

        // Capacity arrives: the blocked evaluation places the allocation.
        f->host().invoke([](sim::Simulator &s) {
            sim::NodeSpec big;
            big.name = u"big-node"_s;
            big.memoryMb = 2000000;
            s.addNode(big);
        });
        QTRY_VERIFY_WITH_TIMEOUT(f->verdictTitle() == u"Completed"_s ||
                                     f->verdictTitle() == u"Running"_s,
                                 kDispatchTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kDispatchTimeout);
        const QStringList timeline =
            w.monitorArea()->currentMonitor()->tracker()->timeline()->texts();
        QVERIFY(timeline.contains(u"Could not place every allocation"_s));
        QVERIFY(timeline.contains(u"Capacity freed up: the remaining allocations are placed"_s));
    }

    void failingAllocation()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"flaky-import"_s));
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Failed"_s, kDispatchTimeout);
        QVERIFY2(verdictDetail(w).contains(u"(group “import”) failed"_s),
                 qPrintable(verdictDetail(w)));
        QVERIFY2(
            verdictDetail(w).contains(
                u"task “import” exited with code 3; not restarted (Policy allows no restarts)"_s),
            qPrintable(verdictDetail(w)));
        auto *allocs = w.monitorArea()->currentMonitor()->tracker()->allocations();
        QCOMPARE(allocs->index(0, models::AllocationModel::StatusColumn).data().toString(),
                 u"Failed"_s);
        f->screenshot(u"06-failed"_s);
    }

    void aclDeniedReadAfterDispatch()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_VERIFY(dispatchButton()->isEnabled());
        // A token with dispatch-job but not read-job: the dispatch works, reading its evaluation
        // does not.
        f->host().faults()->failWith(403, u"Permission denied"_s, u"^/v1/evaluation/"_s);
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Dispatched, but cannot follow"_s,
                                  kDispatchTimeout);
        QVERIFY2(verdictDetail(w).contains(
                     u"Nomad answered 403 Permission denied. The token needs the read-job "
                     "capability in namespace “default”."_s),
                 qPrintable(verdictDetail(w)));
        QVERIFY(verdictDetail(w).startsWith(u"Dispatched “report-nightly/dispatch-"_s));
    }

    void dispatchAgainFromChild()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"video-encode"_s));
        loadPayload(GuiFixture::recordedFile(u"in.json"_s));
        f->typeMeta(u"input-codec"_s, u"vp9"_s);
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kDispatchTimeout);

        // Open it from the monitor: the children tab shows and selects it.
        const QString child =
            w.monitorArea()->currentMonitor()->tracker()->context().response.dispatchedJobId;
        QTest::mouseClick(
            w.monitorArea()->currentMonitor()->findChild<QPushButton *>(u"showChildButton"_s),
            Qt::LeftButton);
        auto *tabs = f->find<QTabWidget>(u"centralTabs"_s);
        QCOMPARE(tabs->currentWidget(), w.childrenPanel());
        QTRY_COMPARE(w.childrenPanel()->model()->rowCount(), 1);
        QTRY_COMPARE(w.childrenPanel()->detail()->childId(), child);
        QTRY_VERIFY(w.childrenPanel()->detail()->child().has_value());
        auto *metaTable = f->find<QTableWidget>(u"childMetaTable"_s);
        QStringList meta;
        for (int r = 0; r < metaTable->rowCount(); ++r)
            meta.append(metaTable->item(r, 0)->text() + u'=' + metaTable->item(r, 1)->text());
        QCOMPARE(meta, QStringList({u"input-codec=vp9"_s, u"quality=720p"_s}));
        QVERIFY(f->label(u"childPayloadKindLabel"_s).startsWith(u"JSON"_s));
        QTRY_COMPARE(w.childrenPanel()
                         ->model()
                         ->index(0, models::ChildJobModel::StatusColumn)
                         .data()
                         .toString(),
                     u"Completed"_s);
        QTRY_COMPARE(w.childrenPanel()
                         ->model()
                         ->index(0, models::ChildJobModel::MetaColumn)
                         .data()
                         .toString(),
                     u"input-codec=vp9, quality=720p"_s);
        QTRY_COMPARE(w.childrenPanel()->detail()->allocations()->rowCount(), 1);
        QTRY_COMPARE(f->find<QLabel>(u"childTitleLabel"_s)->property("outcome").toString(),
                     u"complete"_s);
        QVERIFY(f->find<QLabel>(u"childTitleLabel"_s)->text().contains(u"Completed"_s));
        f->find<QTabWidget>(u"childTabs"_s)->setCurrentIndex(1); // Payload
        f->screenshot(u"07-child-detail"_s);

        // Status filter.
        w.childrenPanel()->setStatusFilter(u"failed"_s);
        QCOMPARE(w.childrenPanel()->visibleCount(), 0);
        w.childrenPanel()->setStatusFilter(u"complete"_s);
        QCOMPARE(w.childrenPanel()->visibleCount(), 1);

        // Dispatch again: the form gets the child's payload and meta.
        w.dispatchPanel()->payloadSection(); // form is still the parent's
        QTest::mouseClick(f->find<QPushButton>(u"dispatchAgainButton"_s), Qt::LeftButton);
        QCOMPARE(tabs->currentWidget(), w.dispatchPanel());
        const auto in = test::readFixture(GuiFixture::recordedFile(u"in.json"_s));
        DD_VERIFY_OK(in);
        QCOMPARE(f->find<gui::PayloadEditor>(u"payloadEditor"_s)->payload(), *in);
        QCOMPARE(w.dispatchPanel()->request().meta, (MetaMap{{u"input-codec"_s, u"vp9"_s}}));
        QTRY_VERIFY(dispatchButton()->isEnabled());
        // The same payload and meta again within seconds: the app asks first.
        f->prompter().confirmAnswer = false;
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QCOMPARE(f->prompter().confirmations, 1);
        QCOMPARE(w.monitorArea()->count(), 1);
        f->prompter().confirmAnswer = true;
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 2, kDispatchTimeout);
        QTRY_COMPARE_WITH_TIMEOUT(w.childrenPanel()->model()->rowCount(), 2, kDispatchTimeout);
    }

    void switchingNamespace()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QTRY_VERIFY_WITH_TIMEOUT(jobIds(w).contains(u"video-encode"_s), 10000);
        auto *combo = f->find<QComboBox>(u"namespaceCombo"_s);
        QTRY_VERIFY(combo->findText(u"team-a"_s) >= 0);
        QVERIFY(combo->findText(u"*"_s) >= 0);
        combo->setCurrentIndex(combo->findText(u"team-a"_s));
        Q_EMIT combo->textActivated(u"team-a"_s);
        QTRY_COMPARE(jobIds(w), QStringList({u"etl-ingest"_s, u"video-encode"_s}));
        QVERIFY(w.jobList()->view()->isColumnHidden(models::JobListModel::NamespaceColumn));
        QVERIFY(f->openJob(u"video-encode"_s, u"team-a"_s));
        QCOMPARE(f->label(u"jobTitleLabel"_s), u"video-encode  ·  namespace team-a"_s);

        combo->setCurrentIndex(combo->findText(u"*"_s));
        Q_EMIT combo->textActivated(u"*"_s);
        QTRY_VERIFY(jobIds(w).count(u"video-encode"_s) == 2);
        QVERIFY(!w.jobList()->view()->isColumnHidden(models::JobListModel::NamespaceColumn));
        QVERIFY(jobIds(w).contains(u"media-transcode"_s));
        f->screenshot(u"08-all-namespaces"_s);
    }

    void oldServerDisablesNewerOptions()
    {
        sim::SimulatorOptions options;
        options.serverVersion = u"1.0.18"_s;
        QVERIFY(f->start(options));
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_COMPARE(f->label(u"serverVersionLabel"_s), u"Nomad 1.0.18"_s);
        auto *token = f->find<QLineEdit>(u"idempotencyTokenEdit"_s);
        auto *prefix = f->find<QLineEdit>(u"idPrefixEdit"_s);
        auto *priority = f->find<QSpinBox>(u"prioritySpin"_s);
        QTRY_VERIFY(!token->isEnabled());
        QCOMPARE(token->toolTip(), u"Needs Nomad 1.2 or newer; this server runs 1.0.18."_s);
        QVERIFY(!prefix->isEnabled());
        QCOMPARE(prefix->toolTip(), u"Needs Nomad 1.4 or newer; this server runs 1.0.18."_s);
        QVERIFY(!priority->isEnabled());
        QCOMPARE(priority->toolTip(), u"Needs Nomad 1.10 or newer; this server runs 1.0.18."_s);
        QVERIFY(f->find<QCheckBox>(u"waitCheck"_s)->isEnabled()); // the client does the waiting

        // On a current server they are on, and the token button fills in a UUID.
        f->closeWindow();
        f = std::make_unique<GuiFixture>();
        QVERIFY(f->start());
        QVERIFY(f->openJob(u"report-nightly"_s));
        token = f->find<QLineEdit>(u"idempotencyTokenEdit"_s);
        QTRY_VERIFY(token->isEnabled());
        QVERIFY(f->find<QSpinBox>(u"prioritySpin"_s)->isEnabled());
        QTest::mouseClick(f->find<QToolButton>(u"generateTokenButton"_s), Qt::LeftButton);
        QCOMPARE(token->text().size(), 36);
    }

    void darkPaletteStaysReadable()
    {
        // Palette roles everywhere but the verdict colours: a dark theme must read too.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7f, 0xd1));
        dark.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
        dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8a, 0x8a));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(dark);
        auto restore = qScopeGuard([&] { QApplication::setPalette(light); });
        QVERIFY(f->start());
        QVERIFY(f->openJob(u"flaky-import"_s));
        QTRY_VERIFY(dispatchButton()->isEnabled());
        QTest::mouseClick(dispatchButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Failed"_s, kDispatchTimeout);
        f->screenshot(u"09-dark-failed"_s);
    }

    void layoutIsRemembered()
    {
        QVERIFY(f->start());
        auto *splitter = f->find<QSplitter>(u"mainSplitter"_s);
        splitter->setSizes({420, 1000});
        const QList<int> sizes = splitter->sizes();
        f->closeWindow();
        QCOMPARE(f->settings().value(u"session/profile"_s).toString(), u"demo"_s);
        f->openWindow();
        QCOMPARE(f->find<QSplitter>(u"mainSplitter"_s)->sizes(), sizes);
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
