// The Files and Usage tabs in the real main window against the simulator
// (issue 13): a dispatch's monitor and a child's detail show the allocation's
// directory (with the dispatched payload under the task's local/) and its CPU
// and memory over time; they follow the newest running allocation until the
// user picks another in the allocations table or the tabs' picker, and the
// chart stops reading once the allocation has finished.
#include "guitestsupport.h"

#include "fixtures.h"
#include "gui/allocationchooser.h"
#include "gui/allocationtabs.h"
#include "gui/allocfilespanel.h"
#include "gui/allocfileviewer.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/resourceusagechart.h"
#include "models/allocationmodel.h"
#include "models/allocfilemodel.h"
#include "sim/requestlog.h"
#include "sim/simulator.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kTimeout = 30000;

QTabWidget *tabsOf(QWidget *page)
{
    for (QWidget *w = page->parentWidget(); w; w = w->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(w))
            return tabs;
    }
    return nullptr;
}

void bringToFront(QWidget *page)
{
    QTabWidget *tabs = tabsOf(page);
    QVERIFY(tabs);
    tabs->setCurrentWidget(page);
}

QModelIndex fileRow(gui::AllocFilesPanel *panel, const QString &path)
{
    auto *tree = panel->findChild<QTreeView *>(u"allocFilesTree"_s);
    auto *proxy = qobject_cast<QAbstractProxyModel *>(tree->model());
    return proxy->mapFromSource(panel->model()->indexOf(path));
}

int statsReads(sim::SimulatorHost &host, const QString &alloc)
{
    return int(host.requests()
                   ->matching(u"GET"_s, u"^/v1/client/allocation/"_s + alloc + u"/stats"_s)
                   .size());
}
} // namespace

class TestAllocationTabs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        DD_VERIFY_OK(requireFixtures({fixturePath(u"lifecycle/chatty.register.json"_s),
                                      GuiFixture::recordedFile(u"in.json"_s)}));
    }
    void init() { f = std::make_unique<GuiFixture>(); }
    void cleanup() { f.reset(); }

    void monitorShowsFilesAndUsageLive()
    {
        QVERIFY(f->start());
        QVERIFY(registerChatty(1));
        gui::MonitorPanel *monitor = dispatchChatty(u"24"_s);
        QVERIFY(monitor);
        gui::AllocationTabs *tabs = monitor->allocationTabs();
        QVERIFY(tabs->filesTab() == monitor->findChild<QWidget *>(u"monitorFilesTab"_s));
        QVERIFY(tabs->usageTab() == monitor->findChild<QWidget *>(u"monitorUsageTab"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->allocationChooser()->currentId().isEmpty(), kTimeout);
        const QString alloc = monitor->allocationChooser()->currentId();

        // Usage first, while the task runs: readings over time, for the whole
        // allocation or one task.
        gui::ResourceUsageChart *chart = tabs->usage();
        chart->setPollInterval(std::chrono::milliseconds(200));
        bringToFront(tabs->usageTab());
        QCOMPARE(chart->allocationId(), alloc);
        QTRY_VERIFY_WITH_TIMEOUT(chart->history().samples().size() >= 3, kTimeout);
        QVERIFY2(chart->currentText().startsWith(u"CPU "_s), qPrintable(chart->currentText()));
        auto *picker = tabs->usageTab()->findChild<QComboBox *>(u"monitorUsageAllocationPicker"_s);
        QVERIFY(picker->currentText().startsWith(alloc.left(8) + u" · talk · "_s));
        QComboBox *task = tabs->usageTaskPicker();
        QCOMPARE(task->count(), 2);
        QCOMPARE(task->itemText(0), u"All tasks"_s);
        QCOMPARE(task->itemText(1), u"talk"_s);
        f->window().resize(1280, 860);
        f->screenshot(u"monitor-usage"_s);
        task->setCurrentIndex(1);
        Q_EMIT task->activated(1);
        QTRY_VERIFY_WITH_TIMEOUT(chart->history().samples().size() >= 2, kTimeout);

        // Files: alloc/logs opens by itself; a log opens in the viewer.
        bringToFront(tabs->filesTab());
        gui::AllocFilesPanel *files = tabs->files();
        QCOMPARE(files->allocationId(), alloc);
        QTRY_VERIFY_WITH_TIMEOUT(fileRow(files, u"/alloc/logs/talk.stdout.0"_s).isValid(),
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(fileRow(files, u"/talk/local"_s).isValid(), kTimeout);
        files->openFile(u"/alloc/logs/talk.stdout.0"_s);
        auto *viewer = files->findChild<QPlainTextEdit *>(u"allocFilesViewer"_s);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->toPlainText().startsWith(u"out line 1\nout line 2"_s),
                                 kTimeout);
        f->screenshot(u"monitor-files"_s);

        // Hidden, the chart reads nothing; shown again, it reads on until the
        // allocation ends, then stops and says so.
        QVERIFY(!chart->isPolling());
        bringToFront(tabs->usageTab());
        QVERIFY(chart->isPolling());
        QTRY_VERIFY_WITH_TIMEOUT(chart->statusText().contains(u"has finished"_s), kTimeout);
        QVERIFY(!chart->isPolling());
        QVERIFY(!chart->history().isEmpty()); // the last reading stays shown
        const int reads = statsReads(f->host(), alloc);
        QVERIFY(reads >= 5);
        QTest::qWait(600); // three poll intervals
        QCOMPARE(statsReads(f->host(), alloc), reads);
    }

    void pickingAnAllocationShowsIt()
    {
        QVERIFY(f->start());
        QVERIFY(registerChatty(2));
        gui::MonitorPanel *monitor = dispatchChatty(u"40"_s);
        QVERIFY(monitor);
        QAbstractItemView *table = monitor->allocationsView();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, kTimeout);
        gui::AllocationChooser *chooser = monitor->allocationChooser();
        QTRY_VERIFY_WITH_TIMEOUT(!chooser->currentId().isEmpty(), kTimeout);
        QVERIFY(!chooser->isUserChoice());
        gui::AllocationTabs *tabs = monitor->allocationTabs();

        // A row of the Allocations table made current: both tabs show it.
        const QString first = chooser->currentId();
        int other = -1;
        for (int row = 0; row < 2; ++row) {
            if (table->model()->index(row, 0).data(models::AllocationModel::IdRole) != first)
                other = row;
        }
        QVERIFY(other >= 0);
        const QString second =
            table->model()->index(other, 0).data(models::AllocationModel::IdRole).toString();
        table->setFocus();
        table->setCurrentIndex(table->model()->index(other, 1));
        QCOMPARE(chooser->currentId(), second);
        QVERIFY(chooser->isUserChoice());
        QCOMPARE(tabs->files()->allocationId(), second);
        QCOMPARE(tabs->usage()->allocationId(), second);
        for (const char *name : {"monitorFilesAllocationPicker", "monitorUsageAllocationPicker"}) {
            auto *picker = monitor->findChild<QComboBox *>(QString::fromLatin1(name));
            QCOMPARE(picker->count(), 2);
            QVERIFY2(picker->currentText().startsWith(second.left(8)),
                     qPrintable(picker->currentText()));
        }

        // The Files tab's own picker: back to the first one.
        bringToFront(tabs->filesTab());
        auto *picker = monitor->findChild<QComboBox *>(u"monitorFilesAllocationPicker"_s);
        const int firstRow = picker->currentIndex() == 0 ? 1 : 0;
        picker->setCurrentIndex(firstRow);
        Q_EMIT picker->activated(firstRow);
        QCOMPARE(chooser->currentId(), first);
        QCOMPARE(tabs->files()->allocationId(), first);
        QVERIFY(monitor->findChild<QComboBox *>(u"monitorUsageAllocationPicker"_s)
                    ->currentText()
                    .startsWith(first.left(8)));
        QTRY_VERIFY_WITH_TIMEOUT(fileRow(tabs->files(), u"/alloc/logs/talk.stdout.0"_s).isValid(),
                                 kTimeout);
    }

    void childDetailShowsThePayloadFile()
    {
        QVERIFY(f->start());
        QVERIFY(f->openJob(u"video-encode"_s));
        f->prompter().nextFile = GuiFixture::recordedFile(u"in.json"_s);
        QTest::mouseClick(f->find<QToolButton>(u"loadPayloadButton"_s), Qt::LeftButton);
        f->typeMeta(u"input-codec"_s, u"mp4"_s);
        gui::MonitorPanel *monitor = f->clickDispatch(kTimeout);
        QVERIFY(monitor);
        const QString child = monitor->tracker()->context().response.dispatchedJobId;
        Q_EMIT monitor->showChildRequested(u"default"_s, u"video-encode"_s, child);
        gui::ChildDetailPanel *detail = f->window().childrenPanel()->detail();
        QTRY_COMPARE_WITH_TIMEOUT(detail->childId(), child, kTimeout);
        gui::AllocationTabs *tabs = detail->allocationTabs();
        QVERIFY(tabs->filesTab() == detail->findChild<QWidget *>(u"childFilesTab"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!detail->allocationChooser()->currentId().isEmpty(), kTimeout);
        bringToFront(tabs->filesTab());
        gui::AllocFilesPanel *files = tabs->files();
        QTRY_VERIFY_WITH_TIMEOUT(fileRow(files, u"/encode/local/input.json"_s).isValid(), kTimeout);
        QSignalSpy shown(files, &gui::AllocFilesPanel::fileShown);
        files->openFile(u"/encode/local/input.json"_s);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, kTimeout);
        QFile in(GuiFixture::recordedFile(u"in.json"_s));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(files->findChild<QPlainTextEdit *>(u"allocFilesViewer"_s)->toPlainText(),
                 QString::fromUtf8(in.readAll()).trimmed());
        f->window().resize(1280, 860);
        f->screenshot(u"child-files"_s);

        // Another child: the tabs start again with its allocation.
        detail->clear();
        QVERIFY(detail->allocationChooser()->currentId().isEmpty());
        QCOMPARE(tabs->files()->allocationId(), QString());
        auto *stack = tabs->filesTab()->findChild<QStackedWidget *>();
        QCOMPARE(stack->currentIndex(), 0); // "No allocation yet"
    }

private:
    bool registerChatty(int count)
    {
        auto job = chattyParameterizedJob(u"chatty"_s, count);
        return job && f->registerJob(*job);
    }

    gui::MonitorPanel *dispatchChatty(const QString &lines)
    {
        return f->dispatchFromForm(u"chatty"_s, {{u"lines"_s, lines}, {u"exit"_s, u"0"_s}},
                                   kTimeout);
    }

    std::unique_ptr<GuiFixture> f;
};

DD_TEST_MAIN(TestAllocationTabs)
#include "tst_allocationtabs.moc"
