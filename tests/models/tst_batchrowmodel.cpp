// The rows of a bulk dispatch: loaded once from the parsed file, then each
// row's state changes in place, announced with dataChanged and never a reset.

#include "core/batchrows.h"
#include "models/batchrowmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {

QList<BatchRow> parsedRows()
{
    const QByteArray csv = "input-codec,quality,payload\n"
                           "mp4,720p,{\"n\":1}\n"
                           "mkv,,{\"n\":2}\n"
                           "avi,1080p,\n";
    const BatchParse parsed = parseBatchRows(csv, BatchFormat::Csv);
    Q_ASSERT(parsed.errors.isEmpty());
    return parsed.rows;
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role).toString();
}

} // namespace

class TestBatchRowModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsRowsWithInitialStates()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<BatchRowState> states(3);
        states[2].status = BatchRowStatus::Invalid;
        states[2].error = u"Payload is not provided but required by parameterized job"_s;
        model.setRows(parsedRows(), states);

        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(BatchRowModel::ColumnCount));
        QCOMPARE(cell(model, 0, BatchRowModel::LineColumn), u"2"_s);
        QCOMPARE(cell(model, 0, BatchRowModel::MetaColumn), u"input-codec=mp4, quality=720p"_s);
        QCOMPARE(cell(model, 1, BatchRowModel::MetaColumn), u"input-codec=mkv"_s);
        QCOMPARE(cell(model, 0, BatchRowModel::PayloadColumn), u"7 bytes: {\"n\":1}"_s);
        QCOMPARE(cell(model, 2, BatchRowModel::PayloadColumn), u"none"_s);
        QCOMPARE(cell(model, 0, BatchRowModel::StatusColumn), u"Ready"_s);
        QCOMPARE(cell(model, 2, BatchRowModel::StatusColumn), u"Invalid: skipped"_s);
        QCOMPARE(cell(model, 2, BatchRowModel::ErrorColumn),
                 u"Payload is not provided but required by parameterized job"_s);
        QCOMPARE(cell(model, 2, 0, BatchRowModel::StatusNameRole), u"invalid"_s);
        QVERIFY(model.index(2, 0).data(BatchRowModel::SkippedRole).toBool());
        QVERIFY(!model.index(0, 0).data(BatchRowModel::SkippedRole).toBool());
        QCOMPARE(model.index(1, 0).data(BatchRowModel::LineRole).toInt(), 3);
        QCOMPARE(model.index(0, 0).data(BatchRowModel::PayloadSizeRole).toLongLong(), 7);
        QCOMPARE(model.index(2, 0).data(BatchRowModel::PayloadSizeRole).toLongLong(), -1);
        QVERIFY(cell(model, 2, 0, BatchRowModel::StatusColorRole).startsWith(u'#'));
        QVERIFY(cell(model, 0, 0, BatchRowModel::StatusColorRole).isEmpty());
        QCOMPARE(model.count(BatchRowStatus::Ready), 2);
        QCOMPARE(model.count(BatchRowStatus::Invalid), 1);
        QCOMPARE(model.rowsWith({BatchRowStatus::Ready}), (QList<int>{0, 1}));
        QCOMPARE(model.headerData(BatchRowModel::ChildColumn, Qt::Horizontal).toString(),
                 u"Child job"_s);
    }

    void updatesAreDataChangedNeverResets()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(parsedRows());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        BatchRowState sending;
        sending.status = BatchRowStatus::Sending;
        QVERIFY(model.updateRow(1, sending));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(1, 0));
        QCOMPARE(changed.at(0).at(1).toModelIndex(),
                 model.index(1, BatchRowModel::ColumnCount - 1));
        QCOMPARE(cell(model, 1, BatchRowModel::StatusColumn), u"Sending…"_s);

        BatchRowState done;
        done.status = BatchRowStatus::Dispatched;
        done.childJobId = u"video-encode/dispatch-1700000000-abcd1234"_s;
        done.evalId = u"eval-1"_s;
        done.attempts = 2;
        QVERIFY(model.updateRow(1, done));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(cell(model, 1, BatchRowModel::ChildColumn), done.childJobId);
        QCOMPARE(cell(model, 1, 0, BatchRowModel::ChildIdRole), done.childJobId);
        QCOMPARE(cell(model, 1, BatchRowModel::AttemptsColumn), u"2"_s);
        QCOMPARE(cell(model, 1, BatchRowModel::ChildColumn, Qt::ToolTipRole),
                 u"Evaluation eval-1"_s);

        // The same state again changes nothing and says nothing.
        QVERIFY(!model.updateRow(1, done));
        QCOMPARE(changed.size(), 2);
        // Out of range is ignored.
        QVERIFY(!model.updateRow(3, done));
        QVERIFY(!model.updateRow(-1, done));

        BatchRowState failed;
        failed.status = BatchRowStatus::Failed;
        failed.error = u"Nomad answered 500 rpc error"_s;
        failed.errorDetail = u"Unexpected response code: 500 (rpc error)"_s;
        failed.attempts = 1;
        QVERIFY(model.updateRow(0, failed));
        QCOMPARE(cell(model, 0, BatchRowModel::ErrorColumn), failed.error);
        QCOMPARE(cell(model, 0, BatchRowModel::ErrorColumn, Qt::ToolTipRole),
                 failed.error + u'\n' + failed.errorDetail);

        QCOMPARE(reset.size(), 0);
        QCOMPARE(aboutToReset.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);

        // The counts follow the updates.
        QCOMPARE(model.count(BatchRowStatus::Ready), 1);
        QCOMPARE(model.count(BatchRowStatus::Dispatched), 1);
        QCOMPARE(model.count(BatchRowStatus::Failed), 1);
        QCOMPARE(model.count({BatchRowStatus::Failed, BatchRowStatus::Dispatched}), 2);
        QCOMPARE(model.rowsWith({BatchRowStatus::Failed, BatchRowStatus::Ready}),
                 (QList<int>{0, 2}));
    }

    void aNewFileIsOneReset()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(parsedRows());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRows(parsedRows().mid(0, 1));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.count(BatchRowStatus::Ready), 1);
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.count(BatchRowStatus::Ready), 0);
    }

    void unreadableRowsShowNoMeta()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        BatchRow row;
        row.line = 9;
        BatchRowState state;
        state.status = BatchRowStatus::Unreadable;
        state.error = u"has 2 cells but the header names 3 columns"_s;
        model.setRows({row}, {state});
        QCOMPARE(cell(model, 0, BatchRowModel::MetaColumn), u"—"_s);
        QCOMPARE(cell(model, 0, BatchRowModel::PayloadColumn), u"—"_s);
        QCOMPARE(cell(model, 0, BatchRowModel::StatusColumn), u"Unreadable: skipped"_s);
        QVERIFY(model.index(0, 0).data(BatchRowModel::SkippedRole).toBool());
    }

    void payloadSummary_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<bool>("hasPayload");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << QByteArray() << false << QString() << u"none"_s;
        QTest::newRow("empty") << QByteArray() << true << QString() << u"0 bytes"_s;
        QTest::newRow("one byte") << QByteArray("x") << true << QString() << u"1 byte: x"_s;
        QTest::newRow("text") << QByteArray("{\"a\": 1}") << true << QString()
                              << u"8 bytes: {\"a\": 1}"_s;
        QTest::newRow("lines simplified")
            << QByteArray("a\n  b") << true << QString() << u"5 bytes: a b"_s;
        QTest::newRow("long") << QByteArray(100, 'y') << true << QString()
                              << u"100 bytes: "_s + QString(40, u'y') + u'…';
        QTest::newRow("binary") << QByteArray("\x01\x02\x03", 3) << true << QString()
                                << u"3 bytes, binary"_s;
        QTest::newRow("file") << QByteArray("abc") << true << u"/data/in/clip-1.json"_s
                              << u"clip-1.json (3 bytes)"_s;
    }

    void payloadSummary()
    {
        QFETCH(QByteArray, payload);
        QFETCH(bool, hasPayload);
        QFETCH(QString, file);
        QFETCH(QString, expected);
        BatchRow row;
        row.payload = payload;
        row.hasPayload = hasPayload;
        row.payloadFile = file;
        QCOMPARE(BatchRowModel::payloadSummary(row), expected);
    }

    // Where each row's payload comes from (issue 16): the file relative to the
    // payload folder, as the preview shows it, or how the row gave it.
    void payloadSource()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        BatchParse parsed = parseBatchRows("n,payload,payload_base64,payload_file\n"
                                           "1,x,,\n2,,AP8=,\n3,,,in/clip.json\n4,,,\n"
                                           "5,,,../out.json\n",
                                           BatchFormat::Csv);
        QCOMPARE(parsed.rows.size(), 5);
        parsed.rows[2].payloadPath = u"/data/rows/in/clip.json"_s;
        parsed.rows[2].payloadPathInRoot = u"in/clip.json"_s;
        model.setRows(parsed.rows);
        const int column = BatchRowModel::PayloadSourceColumn;
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), u"Payload from"_s);
        QCOMPARE(cell(model, 0, column), u"inline"_s);
        QCOMPARE(cell(model, 1, column), u"base64"_s);
        QCOMPARE(cell(model, 2, column), u"in/clip.json"_s);
        QCOMPARE(cell(model, 2, column, Qt::ToolTipRole), u"/data/rows/in/clip.json"_s);
        QCOMPARE(cell(model, 3, column), u"—"_s);
        // Refused before it was read: the path as the row wrote it.
        QCOMPARE(cell(model, 4, column), u"../out.json"_s);
        QCOMPARE(cell(model, 4, BatchRowModel::PayloadColumn), u"out.json (not read)"_s);
    }

    void everyStatusHasWordsAndAName()
    {
        for (int i = 0; i < kBatchRowStatusCount; ++i) {
            const auto s = BatchRowStatus(i);
            QVERIFY(!BatchRowModel::statusText(s).isEmpty());
            QVERIFY(!BatchRowModel::statusName(s).isEmpty());
        }
        QVERIFY(BatchRowModel::isFinal(BatchRowStatus::Cancelled));
        QVERIFY(!BatchRowModel::isFinal(BatchRowStatus::Sending));
        QVERIFY(BatchRowModel::isSkipped(BatchRowStatus::Unreadable));
    }
};

DD_TEST_GUILESS_MAIN(TestBatchRowModel)
#include "tst_batchrowmodel.moc"
