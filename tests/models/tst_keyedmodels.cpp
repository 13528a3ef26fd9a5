// JobListModel and ChildJobModel: incremental updates by ID, never a reset.

#include "models/childjobmodel.h"
#include "models/joblistmodel.h"
#include "models/statusfilterproxy.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {
JobStub parentJob(const QString &id, const QString &ns = u"default"_s, int running = 0,
                  int dead = 0)
{
    JobStub s;
    s.id = id;
    s.name = id;
    s.nameSpace = ns;
    s.type = u"batch"_s;
    s.status = u"running"_s;
    s.parameterized = true;
    s.children.running = running;
    s.children.dead = dead;
    return s;
}

JobStub child(const QString &parentId, int n, const QString &status, qint64 submit)
{
    JobStub s;
    s.id = parentId + u"/dispatch-" + QString::number(1700000000 + n) + u"-0000abcd";
    s.parentId = parentId;
    s.nameSpace = u"default"_s;
    s.status = status;
    s.submitTime = submit;
    return s;
}

// Counts every structural signal a model can send.
struct SignalCounter
{
    explicit SignalCounter(QAbstractItemModel *m)
        : reset(m, &QAbstractItemModel::modelReset)
        , layout(m, &QAbstractItemModel::layoutChanged)
        , inserted(m, &QAbstractItemModel::rowsInserted)
        , removed(m, &QAbstractItemModel::rowsRemoved)
        , moved(m, &QAbstractItemModel::rowsMoved)
        , changed(m, &QAbstractItemModel::dataChanged)
    {}
    QSignalSpy reset, layout, inserted, removed, moved, changed;
};
} // namespace

class TestKeyedModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parentsOnly()
    {
        QList<JobStub> all{parentJob(u"a"_s), parentJob(u"b"_s)};
        JobStub plain = parentJob(u"plain"_s);
        plain.parameterized = false;
        all.append(plain);
        all.append(child(u"a"_s, 1, u"dead"_s, 1));
        all.last().parameterized = true;
        const auto parents = JobListModel::parameterizedParents(all);
        QCOMPARE(parents.size(), 2);
    }

    void insertChangeRemove()
    {
        JobListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto s1 = model.setJobs({parentJob(u"a"_s), parentJob(u"b"_s), parentJob(u"c"_s)});
        QCOMPARE(s1.inserted, 3);
        QCOMPARE(model.rowCount(), 3);

        SignalCounter count(&model);
        auto s2 = model.setJobs(
            {parentJob(u"a"_s), parentJob(u"c"_s, u"default"_s, 2, 1), parentJob(u"d"_s)});
        QCOMPARE(s2.removed, 1);
        QCOMPARE(s2.changed, 1);
        QCOMPARE(s2.inserted, 1);
        QCOMPARE(count.reset.size(), 0);
        QCOMPARE(count.layout.size(), 0);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex c = model.indexOf(u"default"_s, u"c"_s);
        QVERIFY(c.isValid());
        QCOMPARE(c.siblingAtColumn(JobListModel::RunningColumn).data().toInt(), 2);
        QCOMPARE(c.siblingAtColumn(JobListModel::FinishedColumn).data().toInt(), 1);
        // Nomad's Pending children are queued, not running (issue 15).
        JobStub blocked = parentJob(u"e"_s);
        blocked.children.pending = 5;
        model.setJobs({parentJob(u"a"_s), parentJob(u"c"_s, u"default"_s, 2, 1), blocked});
        const QModelIndex e = model.indexOf(u"default"_s, u"e"_s);
        QCOMPARE(e.siblingAtColumn(JobListModel::QueuedColumn).data().toInt(), 5);
        QCOMPARE(e.siblingAtColumn(JobListModel::RunningColumn).data().toInt(), 0);
        QCOMPARE(model.indexOf(u"default"_s, u"c"_s)
                     .siblingAtColumn(JobListModel::QueuedColumn)
                     .data()
                     .toInt(),
                 0);
        QVERIFY(!model.indexOf(u"default"_s, u"b"_s).isValid());

        // Same ID in two namespaces: two rows.
        model.setJobs({parentJob(u"a"_s), parentJob(u"a"_s, u"batch"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.indexOf(u"batch"_s, u"a"_s)
                     .siblingAtColumn(JobListModel::NamespaceColumn)
                     .data()
                     .toString(),
                 u"batch"_s);

        // An identical list sends nothing.
        SignalCounter none(&model);
        model.setJobs({parentJob(u"a"_s), parentJob(u"a"_s, u"batch"_s)});
        QCOMPARE(none.changed.size() + none.inserted.size() + none.removed.size(), 0);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void hundredRowChangeOnLargeModel()
    {
        constexpr int kRows = 20000;
        QList<JobStub> jobs;
        jobs.reserve(kRows);
        for (int i = 0; i < kRows; ++i)
            jobs.append(parentJob(u"job-%1"_s.arg(i, 5, 10, QChar(u'0'))));
        JobListModel model;
        model.setJobs(jobs);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // 100 rows scattered through the list, some adjacent.
        QSet<int> touched;
        for (int i = 0; i < 100; ++i) {
            const int row = (i * 197 + (i % 3)) % kRows;
            touched.insert(row);
        }
        while (touched.size() < 100)
            touched.insert(kRows - 1 - int(touched.size()));
        for (int row : touched)
            jobs[row].children.running += 1;

        SignalCounter count(&model);
        const ApplyStats stats = model.setJobs(jobs);
        QCOMPARE(stats.changed, 100);
        QCOMPARE(stats.inserted, 0);
        QCOMPARE(stats.removed, 0);
        QCOMPARE(count.reset.size(), 0);
        QCOMPARE(count.layout.size(), 0);
        QCOMPARE(count.inserted.size(), 0);
        QCOMPARE(count.removed.size(), 0);
        QCOMPARE(count.moved.size(), 0);
        QSet<int> announced;
        for (const auto &args : count.changed) {
            const auto tl = args.at(0).value<QModelIndex>();
            const auto br = args.at(1).value<QModelIndex>();
            for (int r = tl.row(); r <= br.row(); ++r)
                announced.insert(r);
        }
        QCOMPARE(announced, touched);
    }

    void selectionSurvivesUpdates()
    {
        JobListModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(JobListModel::SortRole);
        proxy.sort(JobListModel::NameColumn);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(&proxy);

        model.setJobs({parentJob(u"m"_s), parentJob(u"x"_s), parentJob(u"c"_s)});
        const QModelIndex m = proxy.mapFromSource(model.indexOf(u"default"_s, u"m"_s));
        selection.setCurrentIndex(m,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(m.row(), 1);

        // Others come and go, "m" itself changes: still the selected one.
        model.setJobs({parentJob(u"a"_s), parentJob(u"b"_s), parentJob(u"m"_s, u"default"_s, 3),
                       parentJob(u"z"_s)});
        QVERIFY(selection.currentIndex().isValid());
        QCOMPARE(selection.currentIndex().data(JobListModel::IdRole).toString(), u"m"_s);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(selection.selectedRows().first().data(JobListModel::IdRole).toString(), u"m"_s);
        QCOMPARE(
            selection.currentIndex().siblingAtColumn(JobListModel::RunningColumn).data().toInt(),
            3);
    }

    void childrenKeepMeta()
    {
        ChildJobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        JobStub c1 = child(u"p"_s, 1, u"running"_s, 100);
        JobStub c2 = child(u"p"_s, 2, u"pending"_s, 200);
        model.setChildren({c1, c2});
        QCOMPARE(model.idsWithoutMeta(), QStringList({c2.id, c1.id}));
        model.setMeta(c1.id, {{u"input-codec"_s, u"mp4"_s}});
        QCOMPARE(model.index(model.rowOf(c1.id), ChildJobModel::MetaColumn).data().toString(),
                 u"input-codec=mp4"_s);
        QCOMPARE(model.index(model.rowOf(c1.id), ChildJobModel::IdColumn).data().toString(),
                 u"dispatch-1700000001-0000abcd"_s);

        c1.status = u"dead"_s;
        c1.allocations.complete = 1;
        c2.status = u"dead"_s;
        c2.allocations.failed = 1;
        SignalCounter count(&model);
        model.setChildren({c1, c2});
        QCOMPARE(count.reset.size(), 0);
        QCOMPARE(model.index(model.rowOf(c1.id), ChildJobModel::MetaColumn).data().toString(),
                 u"input-codec=mp4"_s);
        QCOMPARE(model.index(model.rowOf(c1.id), 0).data(ChildJobModel::StatusRole).toString(),
                 u"complete"_s);
        QCOMPARE(model.index(model.rowOf(c2.id), 0).data(ChildJobModel::StatusRole).toString(),
                 u"failed"_s);
        QCOMPARE(model.index(model.rowOf(c2.id), ChildJobModel::StatusColumn).data().toString(),
                 u"Failed"_s);
        QCOMPARE(
            model.index(model.rowOf(c2.id), ChildJobModel::AllocationsColumn).data().toString(),
            u"1 failed"_s);

        StatusFilterProxy proxy(ChildJobModel::StatusRole);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setStatuses({u"failed"_s});
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(ChildJobModel::IdRole).toString(), c2.id);
        proxy.setStatuses({});
        proxy.setFilterFixedString(u"1700000001"_s);
        QCOMPARE(proxy.rowCount(), 1);
    }
};

DD_TEST_GUILESS_MAIN(TestKeyedModels)
#include "tst_keyedmodels.moc"
