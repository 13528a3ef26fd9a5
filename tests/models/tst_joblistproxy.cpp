// JobListProxy (typed sort and filter, large lists on a worker) and the cost
// of KeyedTableModel's changes: a merge touches only the rows it names.

#include "core/decode.h"
#include "models/joblistmodel.h"
#include "models/joblistproxy.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

#include <algorithm>
#include <set>

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {
JobStub job(const QString &id, int running = 0, int dead = 0, const QString &ns = u"default"_s)
{
    JobStub s;
    s.id = id;
    s.name = id;
    s.nameSpace = ns;
    s.type = u"batch"_s;
    s.parameterized = true;
    s.children.running = running;
    s.children.dead = dead;
    return s;
}

QList<JobStub> randomJobs(int count, quint32 seed)
{
    static const QStringList words{u"video"_s, u"ETL"_s,  u"report"_s, u"Encode"_s,
                                   u"sync"_s,  u"mail"_s, u"train"_s,  u"digest"_s};
    QRandomGenerator rng(seed);
    QList<JobStub> jobs;
    for (int i = 0; i < count; ++i) {
        const QString id = words.at(int(rng.bounded(8))) + u'-' + words.at(int(rng.bounded(8))) +
                           u'-' + QString::number(i);
        jobs.append(job(id, int(rng.bounded(5)), int(rng.bounded(50)),
                        rng.bounded(3) == 0 ? u"prod"_s : u"default"_s));
    }
    return jobs;
}

// The order the proxy must show: a stable sort of the filtered source rows.
QStringList expectedIds(const JobListModel &model, int column, Qt::SortOrder order,
                        const QString &filter)
{
    QList<int> rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (filter.isEmpty() || model.at(row).id.contains(filter, Qt::CaseInsensitive))
            rows.append(row);
    }
    auto key = [&](int row) -> QVariant {
        const JobStub &j = model.at(row);
        switch (column) {
        case JobListModel::NameColumn:
            return j.id;
        case JobListModel::NamespaceColumn:
            return j.nameSpace;
        default:
            return JobListModel::countIn(j, column);
        }
    };
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const QPartialOrdering c = QVariant::compare(key(a), key(b));
        return order == Qt::AscendingOrder ? c == QPartialOrdering::Less
                                           : c == QPartialOrdering::Greater;
    });
    QStringList ids;
    for (int row : rows)
        ids.append(model.at(row).id);
    return ids;
}

QStringList shownIds(const QAbstractItemModel &proxy)
{
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(JobListModel::IdRole).toString());
    return ids;
}

// Counts the keys it computes: a merge of k rows must compute k.
class CountingJobModel : public JobListModel
{
public:
    mutable int keys = 0;

protected:
    QString keyOf(const JobStub &j) const override
    {
        ++keys;
        return JobListModel::keyOf(j);
    }
};

std::set<int> rowsIn(const QSignalSpy &dataChanged)
{
    std::set<int> rows;
    for (const QList<QVariant> &args : dataChanged) {
        const auto tl = args.at(0).value<QModelIndex>();
        const auto br = args.at(1).value<QModelIndex>();
        for (int row = tl.row(); row <= br.row(); ++row)
            rows.insert(row);
    }
    return rows;
}
} // namespace

class TestJobListProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sortsAndFilters_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("worker");
        for (bool worker : {false, true}) {
            const char *where = worker ? "worker" : "here";
            for (int column = 0; column < JobListModel::ColumnCount; ++column) {
                for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                    QTest::addRow("%s column %d %s", where, column,
                                  order == Qt::AscendingOrder ? "up" : "down")
                        << column << order << QString() << worker;
                }
            }
            QTest::addRow("%s filter ignores case", where)
                << int(JobListModel::NameColumn) << Qt::AscendingOrder << u"encode"_s << worker;
            QTest::addRow("%s filter by count", where)
                << int(JobListModel::RunningColumn) << Qt::DescendingOrder << u"-E"_s << worker;
            QTest::addRow("%s nothing matches", where)
                << int(JobListModel::NameColumn) << Qt::AscendingOrder << u"zzz"_s << worker;
        }
    }

    void sortsAndFilters()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QString, filter);
        QFETCH(bool, worker);
        JobListModel model;
        model.setJobs(randomJobs(400, 7));
        JobListProxy proxy;
        proxy.setAsyncThreshold(worker ? 1 : 1000000);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(column, order);
        proxy.setFilterText(filter);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownIds(proxy), expectedIds(model, column, order, filter));
        // Every proxy row maps to its source row and back.
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const QModelIndex source = proxy.mapToSource(proxy.index(row, column));
            QCOMPARE(proxy.mapFromSource(source), proxy.index(row, column));
            QCOMPARE(proxy.index(row, column).data(), source.data());
        }
        // Clearing the filter brings every row back, in order.
        proxy.setFilterText({});
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownIds(proxy), expectedIds(model, column, order, {}));
    }

    void refreshesPlaceRowsAndKeepSelection_data()
    {
        QTest::addColumn<bool>("worker");
        QTest::newRow("here") << false;
        QTest::newRow("worker") << true;
    }

    void refreshesPlaceRowsAndKeepSelection()
    {
        QFETCH(bool, worker);
        JobListModel model;
        JobListProxy proxy;
        proxy.setAsyncThreshold(worker ? 1 : 1000000);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(JobListModel::RunningColumn, Qt::DescendingOrder);
        proxy.setFilterText(u"job"_s);
        QList<JobStub> jobs{job(u"job-a"_s, 1), job(u"job-b"_s, 5), job(u"job-c"_s, 3),
                            job(u"other"_s, 9), job(u"job-d"_s, 0)};
        model.setJobs(jobs);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownIds(proxy), (QStringList{u"job-b"_s, u"job-c"_s, u"job-a"_s, u"job-d"_s}));

        QItemSelectionModel selection(&proxy);
        const QModelIndex a = proxy.index(2, 0);
        QCOMPARE(a.data(JobListModel::IdRole).toString(), u"job-a"_s);
        selection.setCurrentIndex(a,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        // job-a climbs to the top, "other" now matches nothing still, job-d
        // goes, job-e arrives in the middle.
        QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
        jobs[0].children.running = 10;
        jobs.removeAt(4);
        jobs.append(job(u"JOB-e"_s, 4));
        model.setJobs(jobs);
        QTRY_VERIFY(!proxy.isBusy());
        QCOMPARE(shownIds(proxy), (QStringList{u"job-a"_s, u"job-b"_s, u"JOB-e"_s, u"job-c"_s}));
        QCOMPARE(selection.currentIndex().data(JobListModel::IdRole).toString(), u"job-a"_s);
        QCOMPARE(selection.currentIndex().row(), 0);
        QVERIFY(selection.isRowSelected(0));
        QCOMPARE(removed.count(), 1); // job-d, the only row that left

        // A count that changes without moving a row only repaints it.
        QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        jobs[2].children.dead = 99; // job-c, sorted by Running: stays put
        model.setJobs(jobs);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 3);
    }

    void largeListOnWorkerMatchesReference()
    {
        JobListModel model;
        JobListProxy proxy;
        proxy.setAsyncThreshold(1000);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(JobListModel::FinishedColumn, Qt::AscendingOrder);
        QList<JobStub> jobs = randomJobs(20000, 11);
        model.setJobs(jobs);
        QVERIFY(proxy.isBusy()); // 20,000 rows are sorted off the GUI thread
        // A change while the worker runs makes its result stale: it starts over.
        for (int i = 0; i < jobs.size(); i += 97)
            jobs[i].children.dead += 1000;
        model.setJobs(jobs);
        proxy.setFilterText(u"video"_s);
        QSignalSpy installed(&proxy, &JobListProxy::orderInstalled);
        QTRY_VERIFY_WITH_TIMEOUT(!proxy.isBusy(), 20000);
        QVERIFY(installed.count() >= 1);
        QCOMPARE(shownIds(proxy),
                 expectedIds(model, JobListModel::FinishedColumn, Qt::AscendingOrder, u"video"_s));
    }

    void mergeTouchesOnlyTheRowsItNames()
    {
        CountingJobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<JobStub> base = randomJobs(10000, 3);
        model.setJobs(base);
        QList<JobStub> part;
        std::set<int> expected;
        for (int i = 5; i < base.size(); i += 100) {
            part.append(base.at(i));
            part.last().children.running += 7;
            expected.insert(i);
        }
        part.append(base.at(1)); // unchanged: named, not announced
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.keys = 0;
        const ApplyStats stats = model.merge(part);
        QCOMPARE(model.keys, int(part.size())); // one key per named row, none per model row
        QCOMPARE(stats.changed, int(expected.size()));
        QCOMPARE(rowsIn(changed), expected);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(reset.count(), 0);
        for (int row : expected)
            QCOMPARE(model.at(row).children.running, base.at(row).children.running + 7);

        // A whole list computes one key per fresh row: the rows' own keys are kept.
        QList<JobStub> whole = base;
        whole[42].children.dead += 1;
        changed.clear();
        model.keys = 0;
        QCOMPARE(model.setJobs(whole).changed, int(expected.size()) + 1);
        QCOMPARE(model.keys, int(whole.size()));
        expected.insert(42);
        QCOMPARE(rowsIn(changed), expected);
    }

    void decoderKeepsOnlyParameterizedParents()
    {
        const QByteArray json = R"([
            {"ID":"video","Name":"video","Namespace":"default","ParameterizedJob":true,"ParentID":"",
             "JobSummary":{"Children":{"Pending":1,"Running":2,"Dead":3}}},
            {"ID":"video/dispatch-1","Namespace":"default","ParameterizedJob":true,"ParentID":"video"},
            {"ID":"plain","Namespace":"default","ParameterizedJob":false,"ParentID":""},
            {"ID":"old","ParameterizedJob":true,"JobSummary":{"Namespace":"prod"}}
        ])";
        const auto all = decodeJobStubs(json);
        const auto parents = decodeParameterizedParents(json);
        QVERIFY(all && parents);
        QCOMPARE(*parents, JobListModel::parameterizedParents(*all));
        QCOMPARE(parents->size(), 2);
        QCOMPARE(parents->at(0).children.running, 2);
        QCOMPARE(parents->at(1).nameSpace, u"prod"_s); // Nomad 1.0: from the summary
        QVERIFY(!decodeParameterizedParents(R"([{"ID":1}])"));
    }

    void planMadeOffThreadAppliesLikeSetJobs()
    {
        JobListModel direct;
        JobListModel planned;
        QAbstractItemModelTester tester(&planned,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<JobStub> jobs = randomJobs(2000, 5);
        direct.setJobs(jobs);
        QVERIFY(planned.applyPlan(JobListModel::planJobs(planned.snapshot(), jobs)));
        // Some removed, some changed, a duplicate key (the last wins), many added.
        jobs.remove(10, 30);
        jobs[0].children.running = 77;
        jobs.append(jobs.at(5));
        jobs.last().children.dead = 1234;
        for (const JobStub &j : randomJobs(600, 9))
            jobs.append(job(u"new-"_s + j.id, 1));
        const ApplyStats expected = direct.setJobs(jobs);
        const auto plan = JobListModel::planJobs(planned.snapshot(), jobs);
        const auto stats = planned.applyPlan(plan);
        QVERIFY(stats);
        QCOMPARE(stats->inserted, expected.inserted);
        QCOMPARE(stats->removed, expected.removed);
        QCOMPARE(stats->changed, expected.changed);
        QCOMPARE(planned.rows(), direct.rows());
        for (int row = 0; row < planned.rowCount(); ++row)
            QCOMPARE(planned.rowOf(planned.keyAt(row)), row);
        // A plan from before a change is refused, and changes nothing.
        const auto stale = JobListModel::planJobs(planned.snapshot(), randomJobs(10, 1));
        planned.clear();
        QVERIFY(!planned.applyPlan(stale));
        QCOMPARE(planned.rowCount(), 0);
    }
};

DD_TEST_GUILESS_MAIN(TestJobListProxy)
#include "tst_joblistproxy.moc"
