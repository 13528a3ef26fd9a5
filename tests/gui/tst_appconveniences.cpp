// What a user reaches for around a dispatch, in the real main window against
// the simulator: the dispatch copied as a `nomad` (run here with
// dispatch-desk-cli, its drop-in) and a `curl` command that really work,
// the web UI links, presets shared with the CLI, the History view over the
// journal (which the CLI writes too), and notifications when the window is
// not in front.

#include "fixtures.h"
#include "guitestsupport.h"

#include "core/presetstore.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/dispatchactions.h"
#include "gui/dispatchpanel.h"
#include "gui/historypanel.h"
#include "gui/joblistpanel.h"
#include "gui/metasection.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/presetbar.h"
#include "gui/verdictbanner.h"
#include "models/joblistmodel.h"
#include "models/journalmodel.h"
#include "sim/requestlog.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kConveniencesTimeout = 20000;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a copied command line in a POSIX shell, as a user pasting it would.
Run runShell(const QString &command, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(u"/bin/sh"_s, {u"-c"_s, command});
    p.waitForFinished(30000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

int dispatchCount(GuiFixture &f, const QString &job)
{
    return int(
        f.host().requests()->matching(QString(), u"^/v1/job/"_s + job + u"/dispatch$"_s).size());
}
} // namespace

class TestAppConveniences : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;

    void fillVideoEncode()
    {
        f->prompter().nextFile = GuiFixture::recordedFile(u"in.json"_s);
        QTest::mouseClick(f->find<QToolButton>(u"loadPayloadButton"_s), Qt::LeftButton);
        f->typeMeta(u"input-codec"_s, u"mp4"_s);
        f->typeMeta(u"quality"_s, u"1080p"_s);
    }
    QProcessEnvironment cleanEnv() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys()) {
            if (key.startsWith(u"NOMAD_"_s))
                env.remove(key);
        }
        env.insert(u"NOMAD_TOKEN"_s, f->host().managementToken());
        env.insert(u"DISPATCH_DESK_CONFIG"_s, f->settings().fileName());
        env.insert(u"DISPATCH_DESK_JOURNAL"_s, f->journal().path());
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(test::requireFixtures({GuiFixture::recordedFile(u"in.json"_s)}));
    }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void copiedCommandsRunAsTheyAre()
    {
        // A token the commands must never contain (the demo cluster runs without ACLs).
        const QString token = u"5e1e0c0a-7d1f-4a51-9c6e-secret-token"_s;
        QVERIFY(f->start({}, token));
        QVERIFY(f->openJob(u"video-encode"_s));
        fillVideoEncode();
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());

        f->find<QAction>(u"copyNomadAction"_s)->trigger();
        QCOMPARE(f->desktop().copied.size(), 1);
        const QString nomad = f->desktop().copied.last();
        QVERIFY2(
            nomad.startsWith(u"nomad job dispatch -address="_s + f->host().baseUrl().toString()),
            qPrintable(nomad));
        QVERIFY(nomad.contains(u"-meta input-codec=mp4"_s));
        QVERIFY(nomad.contains(u"-meta quality=1080p"_s));
        QVERIFY2(
            nomad.contains(QFileInfo(GuiFixture::recordedFile(u"in.json"_s)).absoluteFilePath()),
            qPrintable(nomad));          // by path
        QVERIFY(!nomad.contains(token)); // never the token
        QVERIFY(f->window().statusBar()->currentMessage().contains(u"$NOMAD_TOKEN"_s));

        f->find<QAction>(u"copyCurlAction"_s)->trigger();
        const QString curl = f->desktop().copied.last();
        QVERIFY2(curl.startsWith(u"curl"_s), qPrintable(curl));
        QVERIFY(curl.contains(u"$NOMAD_TOKEN"_s));
        QVERIFY(!curl.contains(token));

        // Pasted into a shell, both dispatch exactly once each; `nomad` is the CLI's drop-in here.
        const int before = dispatchCount(*f, u"video-encode"_s);
        QString viaCli = nomad;
        viaCli.replace(u"nomad job dispatch "_s,
                       QStringLiteral(DD_CLI_PATH) + u" job dispatch -detach "_s);
        const Run cli = runShell(viaCli, cleanEnv());
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QVERIFY(cli.out.contains("Dispatched Job ID = video-encode/dispatch-"));
        const Run http = runShell(curl + u" --silent --show-error --fail"_s, cleanEnv());
        QVERIFY2(http.exitCode == 0, http.err.constData());
        const QJsonObject answer = QJsonDocument::fromJson(http.out).object();
        QVERIFY2(
            answer.value(u"DispatchedJobID"_s).toString().startsWith(u"video-encode/dispatch-"_s),
            http.out.constData());
        QCOMPARE(dispatchCount(*f, u"video-encode"_s), before + 2);
        // Both carried the form's meta and payload.
        const auto sent =
            f->host().requests()->matching(QString(), u"^/v1/job/video-encode/dispatch$"_s);
        for (const auto &r : sent.mid(before)) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            QCOMPARE(body.value(u"Meta"_s).toObject().value(u"input-codec"_s).toString(), u"mp4"_s);
            QVERIFY(!body.value(u"Payload"_s).toString().isEmpty());
        }
    }

    void webUiLinks()
    {
        QVERIFY(f->start());
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTest::mouseClick(f->find<QToolButton>(u"webUiButton"_s), Qt::LeftButton);
        QCOMPARE(f->desktop().opened.size(), 1);
        QCOMPARE(f->desktop().opened.last().toString(),
                 f->host().baseUrl().toString() + u"/ui/jobs/report-nightly@default"_s);

        // A dispatched child: its ID's '/' is escaped.
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        auto &w = f->window();
        QTRY_COMPARE_WITH_TIMEOUT(w.monitorArea()->count(), 1, kConveniencesTimeout);
        const QString child =
            w.monitorArea()->currentMonitor()->tracker()->context().response.dispatchedJobId;
        QTRY_VERIFY(w.childrenPanel()->selectChild(child));
        QTRY_VERIFY(w.childrenPanel()->detail()->child().has_value());
        QTest::mouseClick(f->find<QToolButton>(u"childWebUiButton"_s), Qt::LeftButton);
        QCOMPARE(f->desktop().opened.size(), 2);
        QCOMPARE(f->desktop().opened.last().toString(QUrl::FullyEncoded),
                 f->host().baseUrl().toString() + u"/ui/jobs/"_s +
                     QString(child).replace(u"/"_s, u"%2F"_s) + u"@default"_s);
        // A browser that does not start is said, with the address.
        f->desktop().openSucceeds = false;
        f->find<QAction>(u"actionOpenWebUi"_s)->trigger();
        QVERIFY(w.statusBar()->currentMessage().startsWith(u"Could not start a browser"_s));
    }

    void presetsAreSharedWithTheCli()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"video-encode"_s));
        fillVideoEncode();
        f->find<QSpinBox>(u"prioritySpin"_s)->setValue(70);
        f->prompter().textAnswer = u"hd mp4"_s;
        QTest::mouseClick(f->find<QToolButton>(u"presetSaveButton"_s), Qt::LeftButton);
        QCOMPARE(f->prompter().textsAsked, 1);
        auto *combo = f->find<QComboBox>(u"presetCombo"_s);
        QCOMPARE(combo->currentText(), u"hd mp4"_s);
        const auto saved = PresetStore(&f->settings()).preset(u"video-encode"_s, u"hd mp4"_s);
        QVERIFY(saved);
        QCOMPARE(saved->meta.value(u"input-codec"_s), u"mp4"_s);
        QCOMPARE(saved->priority, 70);
        QVERIFY(saved->hasPayload);
        f->screenshot(u"preset-saved"_s);

        // Saving again under the same name asks first; "no" keeps the old one.
        f->typeMeta(u"input-codec"_s, u"vp9"_s);
        f->prompter().confirmAnswer = false;
        QTest::mouseClick(f->find<QToolButton>(u"presetSaveButton"_s), Qt::LeftButton);
        QCOMPARE(f->prompter().confirmations, 1);
        QCOMPARE(PresetStore(&f->settings())
                     .preset(u"video-encode"_s, u"hd mp4"_s)
                     ->meta.value(u"input-codec"_s),
                 u"mp4"_s);

        // Another job and back: the form is empty until the preset fills it.
        QVERIFY(f->openJob(u"report-nightly"_s));
        QVERIFY(f->openJob(u"video-encode"_s));
        QVERIFY(!w.dispatchPanel()->request().meta.contains(u"input-codec"_s));
        QVERIFY(!w.dispatchPanel()->request().hasPayload);
        QCOMPARE(w.dispatchPanel()->presetBar()->names(), QStringList{u"hd mp4"_s});
        combo->setCurrentIndex(1);
        Q_EMIT combo->activated(1);
        const DispatchRequest filled = w.dispatchPanel()->request();
        QCOMPARE(filled.meta.value(u"input-codec"_s), u"mp4"_s);
        QCOMPARE(filled.meta.value(u"quality"_s), u"1080p"_s);
        QCOMPARE(filled.priority, 70);
        QCOMPARE(filled.payload, saved->payload);
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());

        // The CLI dispatches the same preset from the same settings file.
        f->settings().sync();
        const int before = dispatchCount(*f, u"video-encode"_s);
        QProcess cli;
        cli.setProcessEnvironment(cleanEnv());
        cli.start(QStringLiteral(DD_CLI_PATH),
                  {u"job"_s, u"dispatch"_s, u"-address="_s + f->host().baseUrl().toString(),
                   u"-preset=hd mp4"_s, u"-detach"_s, u"video-encode"_s});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QCOMPARE(dispatchCount(*f, u"video-encode"_s), before + 1);
        const QJsonObject body =
            QJsonDocument::fromJson(f->host()
                                        .requests()
                                        ->matching(QString(), u"^/v1/job/video-encode/dispatch$"_s)
                                        .last()
                                        .body)
                .object();
        QCOMPARE(body.value(u"Meta"_s).toObject().value(u"quality"_s).toString(), u"1080p"_s);

        // Delete, confirmed.
        f->prompter().confirmAnswer = true;
        QTest::mouseClick(f->find<QToolButton>(u"presetDeleteButton"_s), Qt::LeftButton);
        QVERIFY(!PresetStore(&f->settings()).preset(u"video-encode"_s, u"hd mp4"_s));
        QVERIFY(w.dispatchPanel()->presetBar()->names().isEmpty());
    }

    void historyShowsAppAndCliDispatches()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        auto *history = w.historyPanel();
        QCOMPARE(history->model()->rowCount(), 0);
        QVERIFY(f->openJob(u"report-nightly"_s));
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        QTest::mouseClick(f->find<QPushButton>(u"dispatchButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Completed"_s, kConveniencesTimeout);
        const QString child =
            w.monitorArea()->currentMonitor()->tracker()->context().response.dispatchedJobId;

        // Written before it was sent, completed, then its final verdict noted.
        const JournalLoad load = f->journal().load();
        QCOMPARE(load.entries.size(), 1);
        QCOMPARE(load.entries.first().source, u"app"_s);
        QCOMPARE(load.entries.first().profile, u"demo"_s);
        QCOMPARE(load.entries.first().childJobId, child);
        QTRY_COMPARE(f->journal().load().entries.first().verdictName(), u"complete"_s);
        QTRY_COMPARE(history->model()->rowCount(), 1);
        QTRY_COMPARE(
            history->model()->index(0, models::JournalModel::VerdictColumn).data().toString(),
            u"Completed"_s);

        // The CLI writes to the same journal: the view follows the file.
        QProcess cli;
        cli.setProcessEnvironment(cleanEnv());
        cli.start(QStringLiteral(DD_CLI_PATH),
                  {u"job"_s, u"dispatch"_s, u"-address="_s + f->host().baseUrl().toString(),
                   u"-detach"_s, u"-meta"_s, u"day=friday"_s, u"report-nightly"_s});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QTRY_COMPARE_WITH_TIMEOUT(history->model()->rowCount(), 2, 10000);
        w.findChild<QTabWidget *>(u"centralTabs"_s)->setCurrentWidget(history);
        history->setFilterText(u"friday"_s);
        QCOMPARE(history->visibleCount(), 1);
        history->setFilterText({});
        QCOMPARE(history->visibleCount(), 2);

        // A torn line (a crash mid-write) is reported; the rest stays.
        {
            QFile file(f->journal().path());
            QVERIFY(file.open(QIODevice::Append));
            file.write("{\"event\":\"begin\",\"id\":\"torn\",\"job\":\"rep");
        }
        history->reload();
        QTRY_VERIFY(f->label(u"historyMessageLabel"_s).contains(u"cut short"_s));
        QCOMPARE(history->model()->rowCount(), 2);
        f->screenshot(u"history"_s);

        // "Show dispatched job" opens it among the job's children.
        const int row = history->model()->rowOf(load.entries.first().id);
        auto *view = history->view();
        auto *proxy = view->model();
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, 0).data(models::JournalModel::IdRole).toString() ==
                load.entries.first().id)
                view->setCurrentIndex(proxy->index(r, 0));
        }
        QVERIFY(row >= 0);
        QTest::mouseClick(f->find<QPushButton>(u"historyShowButton"_s), Qt::LeftButton);
        QTRY_COMPARE(w.findChild<QTabWidget *>(u"centralTabs"_s)->currentWidget(),
                     static_cast<QWidget *>(w.childrenPanel()));
        QTRY_COMPARE(w.childrenPanel()->detail()->childId(), child);
    }

    void bulkDispatchOpensForTheSelectedJob()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        // Without a job, the status bar says what to do first.
        f->find<QAction>(u"actionBulkDispatch"_s)->trigger();
        QCOMPARE(w.statusBar()->currentMessage(), u"Pick a job on the left first."_s);
        QVERIFY(f->openJob(u"report-nightly"_s));
        f->find<QAction>(u"actionBulkDispatch"_s)->trigger();
        auto *dialog = w.findChild<QDialog *>(u"bulkDispatchDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY2(dialog->windowTitle().contains(u"report-nightly"_s),
                 qPrintable(dialog->windowTitle()));
        dialog->close();
    }

    void notifiesWhenNotInFront()
    {
        QVERIFY(f->start());
        auto &w = f->window();
        QVERIFY(f->openJob(u"flaky-import"_s));
        QTRY_VERIFY(f->find<QPushButton>(u"dispatchButton"_s)->isEnabled());
        // The user switches to another window while it runs.
        QWidget other;
        other.resize(200, 100);
        other.show();
        other.activateWindow();
        QTRY_VERIFY(!w.isActiveWindow());
        w.dispatchPanel()->requestDispatch();
        QTRY_COMPARE_WITH_TIMEOUT(f->verdictTitle(), u"Failed"_s, kConveniencesTimeout);
        QTRY_COMPARE(f->desktop().notifications.size(), 1);
        const gui::Notification n = f->desktop().notifications.first();
        QVERIFY(n.failure);
        QCOMPARE(n.title, u"Failed"_s);
        QVERIFY2(n.text.contains(u"flaky-import/dispatch-"_s), qPrintable(n.text));
        QVERIFY(n.text.contains(u"exited with code 3"_s));
        QCOMPARE(f->desktop().windowWasActive.first(), false);

        // The real desktop stays quiet while the window is in front, and does
        // not fail without a notification area (offscreen has none).
        gui::SystemDesktop real;
        real.notify(&w, n);
        real.notify(nullptr, n);
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestAppConveniences)
#include "tst_appconveniences.moc"
