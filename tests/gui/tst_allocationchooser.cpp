// Which allocation the Files and Usage tabs show (AllocationChooser and
// AllocationTabs without a cluster): the newest running one until the user
// picks one, the pick kept as allocations come and go, and "no allocation
// yet" in words while there is none.
#include "gui/allocationchooser.h"
#include "gui/allocationtabs.h"
#include "gui/allocfilespanel.h"
#include "gui/filedialogs.h"
#include "gui/resourceusagechart.h"
#include "models/allocationmodel.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {
Allocation alloc(const QString &id, quint64 createIndex, const QString &status,
                 const QStringList &tasks = {u"work"_s})
{
    Allocation a;
    a.id = id;
    a.taskGroup = u"group"_s;
    a.clientStatus = status;
    a.createIndex = createIndex;
    for (const QString &t : tasks)
        a.taskStates[t].state = status == u"pending" ? u"pending"_s : u"running"_s;
    return a;
}

const QString kOld = u"11111111-0000-0000-0000-000000000000"_s;
const QString kNew = u"22222222-0000-0000-0000-000000000000"_s;
const QString kNewer = u"33333333-0000-0000-0000-000000000000"_s;

class NoDialogs : public gui::FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString directory(QWidget *, const QString &) override { return {}; }
};
} // namespace

class TestAllocationChooser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newestRunningUntilTheUserPicks()
    {
        models::AllocationModel model;
        gui::AllocationChooser chooser(&model, u"default"_s);
        QSignalSpy changed(&chooser, &gui::AllocationChooser::currentChanged);
        QVERIFY(chooser.currentId().isEmpty());

        model.setAllocations({alloc(kOld, 10, u"failed"_s)});
        QCOMPARE(chooser.currentId(), kOld); // the only one, even finished
        QCOMPARE(changed.size(), 1);
        // A running one beats a newer finished one.
        model.setAllocations({alloc(kOld, 10, u"running"_s), alloc(kNew, 20, u"complete"_s)});
        QCOMPARE(chooser.currentId(), kOld);
        model.setAllocations({alloc(kOld, 10, u"complete"_s), alloc(kNew, 20, u"running"_s)});
        QCOMPARE(chooser.currentId(), kNew);

        // The user's pick stays when a newer allocation starts...
        chooser.choose(kOld);
        QVERIFY(chooser.isUserChoice());
        QCOMPARE(chooser.currentId(), kOld);
        model.setAllocations({alloc(kOld, 10, u"complete"_s), alloc(kNew, 20, u"running"_s),
                              alloc(kNewer, 30, u"running"_s)});
        QCOMPARE(chooser.currentId(), kOld);
        // ...and a change to the picked allocation is told.
        changed.clear();
        Allocation lost = alloc(kOld, 10, u"lost"_s);
        model.setAllocations(
            {lost, alloc(kNew, 20, u"running"_s), alloc(kNewer, 30, u"running"_s)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(chooser.current()->clientStatus, u"lost"_s);
        // A change to another one is not.
        model.setAllocations(
            {lost, alloc(kNew, 20, u"complete"_s), alloc(kNewer, 30, u"running"_s)});
        QCOMPARE(changed.size(), 1);

        // Another child: the pick is forgotten.
        chooser.reset();
        QCOMPARE(chooser.currentId(), kNewer);
        model.clear();
        QVERIFY(chooser.currentId().isEmpty());
        QVERIFY(!chooser.current());
    }

    void pickersListNewestFirstAndStayInStep()
    {
        models::AllocationModel model;
        gui::AllocationChooser chooser(&model, u"default"_s);
        QComboBox a;
        QComboBox b;
        chooser.bindPicker(&a);
        chooser.bindPicker(&b);
        model.setAllocations({alloc(kOld, 10, u"complete"_s), alloc(kNew, 20, u"running"_s)});
        QCOMPARE(a.count(), 2);
        QCOMPARE(a.itemText(0), u"22222222 · group · Running"_s);
        QCOMPARE(a.itemText(1), u"11111111 · group · Complete"_s);
        QCOMPARE(a.currentIndex(), 0);
        QCOMPARE(b.currentIndex(), 0);
        // Picking in one picker moves the other.
        a.setCurrentIndex(1);
        Q_EMIT a.activated(1);
        QCOMPARE(chooser.currentId(), kOld);
        QCOMPARE(b.currentText(), u"11111111 · group · Complete"_s);
        // A newer allocation on top keeps the pick shown.
        model.setAllocations({alloc(kOld, 10, u"complete"_s), alloc(kNew, 20, u"running"_s),
                              alloc(kNewer, 30, u"running"_s)});
        QCOMPARE(a.itemText(0), u"33333333 · group · Running"_s);
        QCOMPARE(a.currentText(), u"11111111 · group · Complete"_s);
        QCOMPARE(b.currentText(), u"11111111 · group · Complete"_s);
    }

    void tabsSayWhenThereIsNoAllocation()
    {
        models::AllocationModel model;
        gui::AllocationChooser chooser(&model, u"team-a"_s);
        NoDialogs dialogs;
        QTabWidget tabs;
        tabs.addTab(new QWidget, u"Allocations"_s);
        auto *allocTabs = new gui::AllocationTabs(&chooser, nullptr, dialogs, &tabs, 1, u"t"_s);
        QCOMPARE(tabs.count(), 3);
        QCOMPARE(tabs.tabText(1), u"Files"_s);
        QCOMPARE(tabs.tabText(2), u"Usage"_s);
        for (QWidget *tab : {allocTabs->filesTab(), allocTabs->usageTab()}) {
            auto *stack = tab->findChild<QStackedWidget *>();
            QCOMPARE(stack->currentIndex(), 0);
            QVERIFY(qobject_cast<QLabel *>(stack->currentWidget())
                        ->text()
                        .startsWith(u"No allocation yet"_s));
            QVERIFY(!tab->findChild<QComboBox *>()->isEnabled());
        }

        // The pickers' text does not widen the monitor (the layout of a short
        // screen depended on whether an allocation had arrived yet).
        const QSize filesMinimum = allocTabs->filesTab()->minimumSizeHint();
        const QSize usageMinimum = allocTabs->usageTab()->minimumSizeHint();
        QVERIFY2(usageMinimum.width() < 200, qPrintable(QString::number(usageMinimum.width())));
        Allocation a = alloc(kNew, 20, u"running"_s, {u"fetch"_s, u"a-task-with-a-long-name"_s});
        a.taskGroup = u"a-task-group-with-a-long-name"_s;
        model.setAllocations({a});
        QCOMPARE(allocTabs->filesTab()->minimumSizeHint(), filesMinimum);
        QCOMPARE(allocTabs->usageTab()->minimumSizeHint(), usageMinimum);
        QCOMPARE(allocTabs->files()->allocationId(), kNew);
        QCOMPARE(allocTabs->usage()->allocationId(), kNew);
        QCOMPARE(allocTabs->filesTab()->findChild<QStackedWidget *>()->currentIndex(), 1);
        QComboBox *task = allocTabs->usageTaskPicker();
        QCOMPARE(task->count(), 3);
        QCOMPARE(task->itemText(1), u"a-task-with-a-long-name"_s);
        QCOMPARE(task->itemText(2), u"fetch"_s);
        QVERIFY(task->isEnabled());
        // Without a client the chart says so rather than reading.
        QCOMPARE(allocTabs->usage()->statusText(), u"Not connected to a Nomad cluster."_s);

        // The allocation ends: the chart is told, and stays on it.
        a.clientStatus = u"complete"_s;
        model.setAllocations({a});
        QVERIFY(!allocTabs->usage()->isPolling());
        QCOMPARE(allocTabs->usage()->allocationId(), kNew);
        model.clear();
        QCOMPARE(allocTabs->files()->allocationId(), QString());
        QCOMPARE(allocTabs->filesTab()->findChild<QStackedWidget *>()->currentIndex(), 0);
    }
};

DD_TEST_MAIN(TestAllocationChooser)
#include "tst_allocationchooser.moc"
