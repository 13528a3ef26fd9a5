// The allocation directory's tree: listed lazily as folders expand, fed the
// recorded listings, refreshed in place (never a reset: persistent indexes
// survive), errors shown on the folder that could not be listed. Every step
// runs under QAbstractItemModelTester.
#include "core/allocfiles.h"
#include "models/allocfilemodel.h"
#include "models/timeformat.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {

AllocFileInfo fileModelEntry(const QString &name, bool dir, qint64 size = 0,
                             const QString &mode = {})
{
    AllocFileInfo f;
    f.name = name;
    f.isDir = dir;
    f.size = size;
    f.fileMode = mode.isEmpty() ? (dir ? u"drwxrwxrwx"_s : u"-rw-r--r--"_s) : mode;
    f.modTime = QDateTime::fromString(u"2026-12-02T03:56:29.602Z"_s, Qt::ISODateWithMs);
    return f;
}

QStringList fileModelNames(const AllocFileModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r)
        out << model.index(r, 0, parent).data().toString();
    return out;
}

QStringList fileModelWanted(const QSignalSpy &spy)
{
    QStringList out;
    for (const auto &args : spy)
        out << args.first().toString();
    return out;
}

} // namespace

class TestAllocFileModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void listsLazily();
    void refreshIsIncremental();
    void errorsStandOnTheirFolder();
    void columnsAndRoles();
    void clearAndStrayAnswers();

private:
    std::unique_ptr<AllocFileModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_wanted;
    std::unique_ptr<QSignalSpy> m_resets;
};

void TestAllocFileModel::init()
{
    m_model = std::make_unique<AllocFileModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_wanted = std::make_unique<QSignalSpy>(m_model.get(), &AllocFileModel::listingWanted);
    m_resets = std::make_unique<QSignalSpy>(m_model.get(), &QAbstractItemModel::modelReset);
}

void TestAllocFileModel::cleanup()
{
    QCOMPARE(m_resets->size(), 0); // never, whatever the test did
    m_tester.reset();
    m_wanted.reset();
    m_resets.reset();
    m_model.reset();
}

void TestAllocFileModel::listsLazily()
{
    AllocFileModel &model = *m_model;
    // Attaching views lists nothing; the owner asks for the top.
    QVERIFY(!model.canFetchMore({}));
    model.requestListing(u"/"_s);
    QCOMPARE(m_wanted->size(), 1);
    QCOMPARE(m_wanted->last().first().toString(), u"/"_s);
    QCOMPARE(fileModelNames(model), QStringList{u"Loading…"_s});
    QVERIFY(model.isLoading(u"/"_s));
    model.requestListing(u"/"_s); // under way: not asked twice
    QCOMPARE(m_wanted->size(), 1);

    // The recorded top of an allocation directory (lifecycle.exchanges.jsonl).
    const auto top = decodeAllocFileList(
        "[{\"FileMode\":\"drwxrwxrwx\",\"IsDir\":true,\"ModTime\":\"2026-12-02T03:56:25."
        "683109078Z\","
        "\"Name\":\"alloc\",\"Size\":4096},{\"FileMode\":\"drwxrwxrwx\",\"IsDir\":true,"
        "\"ModTime\":\"2026-12-02T03:56:25.722364002Z\",\"Name\":\"talk\",\"Size\":4096}]");
    QVERIFY(top);
    model.applyListing(u"/"_s, *top);
    QCOMPARE(fileModelNames(model), (QStringList{u"alloc"_s, u"talk"_s}));
    const QModelIndex alloc = model.indexOf(u"/alloc"_s);
    QVERIFY(alloc.isValid());
    QCOMPARE(model.pathOf(alloc), u"/alloc"_s);
    QVERIFY(model.hasChildren(alloc));
    // Expanding a folder asks for it, once, when control is back in the event
    // loop. The model tester walks into every folder, as a view expanding all would.
    QVERIFY(!model.canFetchMore(alloc));
    QCOMPARE(model.rowCount(alloc), 0);
    QTRY_COMPARE(fileModelWanted(*m_wanted), (QStringList{u"/"_s, u"/alloc"_s, u"/talk"_s}));
    model.fetchMore(alloc);
    QCoreApplication::processEvents();
    QCOMPARE(m_wanted->size(), 3);
    QCOMPARE(fileModelNames(model, alloc), QStringList{u"Loading…"_s});
    QCOMPARE(model.kindOf(model.index(0, 0, alloc)), AllocFileModel::Kind::Loading);
    model.applyListing(u"/alloc"_s,
                       {fileModelEntry(u"tmp"_s, true), fileModelEntry(u"logs"_s, true),
                        fileModelEntry(u"data"_s, true)});
    QCOMPARE(fileModelNames(model, alloc), (QStringList{u"data"_s, u"logs"_s, u"tmp"_s}));
    model.fetchMore(model.indexOf(u"/alloc/logs"_s));
    model.applyListing(u"/alloc/logs"_s,
                       {fileModelEntry(u".talk.stderr.fifo"_s, false, 0, u"prw-------"_s),
                        fileModelEntry(u"talk.stdout.0"_s, false, 183),
                        fileModelEntry(u"talk.stderr.0"_s, false, 183),
                        fileModelEntry(u"Talk.stdout.1"_s, false, 12)});
    // Folders first, then names as people sort them; case breaks ties.
    QCOMPARE(fileModelNames(model, model.indexOf(u"/alloc/logs"_s)),
             (QStringList{u".talk.stderr.fifo"_s, u"talk.stderr.0"_s, u"talk.stdout.0"_s,
                          u"Talk.stdout.1"_s}));
    QCOMPARE(model.kindOf(model.indexOf(u"/alloc/logs/.talk.stderr.fifo"_s)),
             AllocFileModel::Kind::Special);
    QCOMPARE(model.listedFolders(), (QStringList{u"/"_s, u"/alloc"_s, u"/alloc/logs"_s}));
    // An empty folder listed has no expander.
    model.fetchMore(model.indexOf(u"/alloc/tmp"_s));
    model.applyListing(u"/alloc/tmp"_s, {});
    QVERIFY(!model.hasChildren(model.indexOf(u"/alloc/tmp"_s)));
    // Files never have children and are never asked for.
    QVERIFY(!model.hasChildren(model.indexOf(u"/alloc/logs/talk.stdout.0"_s)));
    QVERIFY(!model.canFetchMore(model.indexOf(u"/alloc/logs/talk.stdout.0"_s)));
}

void TestAllocFileModel::refreshIsIncremental()
{
    AllocFileModel &model = *m_model;
    model.requestListing(u"/"_s);
    model.applyListing(u"/"_s, {fileModelEntry(u"alloc"_s, true), fileModelEntry(u"talk"_s, true)});
    model.fetchMore(model.indexOf(u"/alloc"_s));
    model.applyListing(u"/alloc"_s, {fileModelEntry(u"logs"_s, true)});
    model.fetchMore(model.indexOf(u"/alloc/logs"_s));
    const QList<AllocFileInfo> before = {
        fileModelEntry(u"a.log"_s, false, 10), fileModelEntry(u"b.log"_s, false, 20),
        fileModelEntry(u"c.log"_s, false, 30), fileModelEntry(u"d.log"_s, false, 40)};
    model.applyListing(u"/alloc/logs"_s, before);
    const QPersistentModelIndex logs = model.indexOf(u"/alloc/logs"_s);
    const QPersistentModelIndex c = model.indexOf(u"/alloc/logs/c.log"_s);
    const QPersistentModelIndex d = model.indexOf(u"/alloc/logs/d.log"_s);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // b gone, c grown, two new ones around d, a unchanged.
    model.applyListing(u"/alloc/logs"_s,
                       {fileModelEntry(u"e.log"_s, false, 1), fileModelEntry(u"d.log"_s, false, 40),
                        fileModelEntry(u"c.log"_s, false, 35),
                        fileModelEntry(u"a.log"_s, false, 10),
                        fileModelEntry(u"c2.log"_s, false, 2)});
    QCOMPARE(fileModelNames(model, logs),
             (QStringList{u"a.log"_s, u"c.log"_s, u"c2.log"_s, u"d.log"_s, u"e.log"_s}));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 2);
    // c changed (and the folder itself, for its expander); nothing else.
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.first().first().toModelIndex(), QModelIndex(c));
    QVERIFY(c.isValid());
    QCOMPARE(c.row(), 1);
    QCOMPARE(c.data(AllocFileModel::SizeRole).toLongLong(), 35);
    QCOMPARE(d.row(), 3);
    // The same listing again changes nothing (the folder aside).
    inserted.clear();
    removed.clear();
    changed.clear();
    model.applyListing(u"/alloc/logs"_s, {fileModelEntry(u"a.log"_s, false, 10),
                                          fileModelEntry(u"c.log"_s, false, 35),
                                          fileModelEntry(u"c2.log"_s, false, 2),
                                          fileModelEntry(u"d.log"_s, false, 40),
                                          fileModelEntry(u"e.log"_s, false, 1)});
    QCOMPARE(inserted.size() + removed.size(), 0);
    QCOMPARE(changed.size(), 1);
    // A folder that is gone from its parent goes with everything under it;
    // its own late answer is ignored.
    model.applyListing(u"/alloc"_s, {});
    QVERIFY(!logs.isValid());
    model.applyListing(u"/alloc/logs"_s, before);
    QCOMPARE(model.rowCount(model.indexOf(u"/alloc"_s)), 0);
    QCOMPARE(model.listedFolders(), (QStringList{u"/"_s, u"/alloc"_s}));
}

void TestAllocFileModel::errorsStandOnTheirFolder()
{
    AllocFileModel &model = *m_model;
    model.requestListing(u"/"_s);
    model.applyListing(u"/"_s, {fileModelEntry(u"talk"_s, true)});
    model.fetchMore(model.indexOf(u"/talk"_s));
    model.applyListing(u"/talk"_s,
                       {fileModelEntry(u"local"_s, true), fileModelEntry(u"secrets"_s, true)});
    const QModelIndex secrets = model.indexOf(u"/talk/secrets"_s);
    model.fetchMore(secrets);
    const QString why = u"Could not list “/talk/secrets”: Nomad answered 403 Permission denied."_s;
    model.setListingFailed(u"/talk/secrets"_s, why);
    QCOMPARE(model.rowCount(secrets), 1);
    const QModelIndex error = model.index(0, 0, secrets);
    QCOMPARE(model.kindOf(error), AllocFileModel::Kind::Error);
    QCOMPARE(error.data().toString(), why);
    QCOMPARE(error.data(Qt::ToolTipRole).toString(), why);
    QVERIFY(!(model.flags(error) & Qt::ItemIsSelectable));
    QVERIFY(!model.infoOf(error));
    QCOMPARE(secrets.data(AllocFileModel::ErrorRole).toString(), why);
    QVERIFY(secrets.data(Qt::ToolTipRole).toString().endsWith(why));
    // Not asked again by expanding; a refresh lists it again.
    QVERIFY(!model.canFetchMore(secrets));
    QVERIFY(model.listedFolders().contains(u"/talk/secrets"_s));
    model.applyListing(u"/talk/secrets"_s, {fileModelEntry(u"token"_s, false, 36)});
    QCOMPARE(fileModelNames(model, secrets), QStringList{u"token"_s});
    QVERIFY(secrets.data(AllocFileModel::ErrorRole).toString().isEmpty());
    // A refresh that fails keeps what was listed, the error first.
    model.setListingFailed(u"/talk/secrets"_s, u"gone"_s);
    QCOMPARE(fileModelNames(model, secrets), (QStringList{u"gone"_s, u"token"_s}));
    // requestListing asks again for a refused folder.
    model.requestListing(u"/talk/secrets"_s);
    QCOMPARE(m_wanted->last().first().toString(), u"/talk/secrets"_s);
    QCOMPARE(fileModelNames(model, secrets), (QStringList{u"Loading…"_s, u"token"_s}));
}

void TestAllocFileModel::columnsAndRoles()
{
    AllocFileModel &model = *m_model;
    model.requestListing(u"/"_s);
    model.applyListing(u"/"_s, {fileModelEntry(u"input.json"_s, false, 34, u"-rwxr-xr-x"_s),
                                fileModelEntry(u".talk.stdout.fifo"_s, false, 0, u"prw-------"_s),
                                fileModelEntry(u"local"_s, true, 4096)});
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Name"_s);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"Size"_s);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"Modified"_s);
    const QModelIndex file = model.indexOf(u"/input.json"_s, AllocFileModel::SizeColumn);
    QCOMPARE(file.data().toString(),
             QLocale().formattedDataSize(34, 1, QLocale::DataSizeTraditionalFormat));
    QCOMPARE(file.data(AllocFileModel::SizeRole).toLongLong(), 34);
    QCOMPARE(file.data(AllocFileModel::FileModeRole).toString(), u"-rwxr-xr-x"_s);
    QVERIFY(file.data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
    QCOMPARE(model.indexOf(u"/local"_s, AllocFileModel::SizeColumn).data().toString(), QString());
    QCOMPARE(model.indexOf(u"/.talk.stdout.fifo"_s, AllocFileModel::SizeColumn).data().toString(),
             u"pipe"_s);
    QVERIFY(model.indexOf(u"/.talk.stdout.fifo"_s)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"cannot be opened"_s));
    const QModelIndex modified = model.indexOf(u"/input.json"_s, AllocFileModel::ModifiedColumn);
    // The time alone today, the minute before that; the whole time in the tooltip.
    const QDateTime when = fileModelEntry({}, false).modTime.toLocalTime();
    QCOMPARE(
        modified.data().toString(),
        when.toString(when.date() == QDate::currentDate() ? u"HH:mm:ss"_s : u"yyyy-MM-dd HH:mm"_s));
    QVERIFY(model.indexOf(u"/input.json"_s)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(formatTime(when)));
    QCOMPARE(model.infoOf(model.indexOf(u"/input.json"_s))->size, 34);
    QCOMPARE(model.pathOf(model.indexOf(u"/input.json"_s)), u"/input.json"_s);
}

void TestAllocFileModel::clearAndStrayAnswers()
{
    AllocFileModel &model = *m_model;
    model.requestListing(u"/"_s);
    model.applyListing(u"/"_s, {fileModelEntry(u"alloc"_s, true)});
    model.fetchMore(model.indexOf(u"/alloc"_s));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.listedFolders().isEmpty());
    // Answers for the allocation shown before land nowhere.
    model.applyListing(u"/alloc"_s, {fileModelEntry(u"logs"_s, true)});
    model.setListingFailed(u"/alloc"_s, u"late"_s);
    QCOMPARE(model.rowCount(), 0);
    model.requestListing(u"/"_s);
    QCOMPARE(fileModelNames(model), QStringList{u"Loading…"_s});
}

DD_TEST_GUILESS_MAIN(TestAllocFileModel)
#include "tst_allocfilemodel.moc"
