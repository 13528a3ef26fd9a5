// The meta table of the dispatch form: required rows stay, defaults show,
// refused keys are known.

#include "core/dispatchvalidation.h"
#include "models/metaeditmodel.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

class TestMetaEditModel : public QObject
{
    Q_OBJECT
private:
    static ParameterizedConfig videoEncode()
    {
        ParameterizedConfig c;
        c.payload = PayloadRule::Required;
        c.metaRequired = {u"input-codec"_s};
        c.metaOptional = {u"quality"_s, u"output-codec"_s};
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void schemaRows()
    {
        MetaEditModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchema(videoEncode(), {{u"quality"_s, u"720p"_s}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, MetaEditModel::KeyColumn).data().toString(), u"input-codec *"_s);
        QCOMPARE(model.index(1, MetaEditModel::ValueColumn).data().toString(), u"720p"_s);
        QVERIFY(model.index(1, 0).data(MetaEditModel::IsDefaultRole).toBool());
        QCOMPARE(model.addableKeys(), QStringList{u"output-codec"_s});
        QVERIFY(!model.canRemove(0));
        QVERIFY(!model.removeRows(0, 1));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.requestMeta().isEmpty());
        QVERIFY(!(model.flags(model.index(0, MetaEditModel::KeyColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, MetaEditModel::ValueColumn)) & Qt::ItemIsEditable);
    }

    void requestAndValidation()
    {
        MetaEditModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchema(videoEncode(), {{u"quality"_s, u"720p"_s}});
        Job job;
        job.id = u"video-encode"_s;
        job.parameterized = videoEncode();
        job.meta = {{u"quality"_s, u"720p"_s}};
        DispatchRequest r;
        r.payload = "{}";
        r.meta = model.requestMeta();
        auto problems = validateDispatch(job, r);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().message,
                 u"Dispatch did not provide required meta keys: [input-codec]"_s);

        QVERIFY(model.setData(model.index(0, MetaEditModel::ValueColumn), u"mp4"_s));
        QVERIFY(model.setData(model.index(1, MetaEditModel::ValueColumn), u"1080p"_s));
        QCOMPARE(model.requestMeta(),
                 (MetaMap{{u"input-codec"_s, u"mp4"_s}, {u"quality"_s, u"1080p"_s}}));
        // Clearing an override goes back to the default, which is not sent.
        QVERIFY(model.setData(model.index(1, MetaEditModel::ValueColumn), QString()));
        QCOMPARE(model.index(1, MetaEditModel::ValueColumn).data().toString(), u"720p"_s);
        QCOMPARE(model.requestMeta(), (MetaMap{{u"input-codec"_s, u"mp4"_s}}));

        const int bogus = model.addKey(QString());
        QVERIFY(model.setData(model.index(bogus, MetaEditModel::KeyColumn), u"bogus"_s));
        QCOMPARE(model.refusedKeys(), QStringList{u"bogus"_s});
        r.meta = model.requestMeta();
        problems = validateDispatch(job, r);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().message,
                 u"Dispatch request included unpermitted metadata keys: [bogus]"_s);
        // A typed key that the schema knows becomes an optional row.
        QVERIFY(model.setData(model.index(bogus, MetaEditModel::KeyColumn), u"output-codec"_s));
        QVERIFY(model.refusedKeys().isEmpty());
        QVERIFY(model.index(bogus, 0).data(MetaEditModel::AllowedRole).toBool());
        // One row per key.
        QVERIFY(!model.setData(model.index(bogus, MetaEditModel::KeyColumn), u"quality"_s));
        QVERIFY(model.removeRows(bogus, 1));
        QCOMPARE(model.rowCount(), 2);
    }

    void setValuesAddsRows()
    {
        MetaEditModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSchema(videoEncode(), {});
        model.setValues({{u"input-codec"_s, u"vp9"_s}, {u"output-codec"_s, u"av1"_s}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.requestMeta(),
                 (MetaMap{{u"input-codec"_s, u"vp9"_s}, {u"output-codec"_s, u"av1"_s}}));
        model.clearValues();
        QVERIFY(model.requestMeta().isEmpty());
    }
};

DD_TEST_GUILESS_MAIN(TestMetaEditModel)
#include "tst_metaeditmodel.moc"
