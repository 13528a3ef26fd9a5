// The bulk-dispatch plan both front ends build: every row with its problems,
// the batch ID from the resolved job ID and the file, and each row's token.
#include "core/batchplan.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

namespace {

static Job videoEncodeSchema()
{
    Job job;
    job.id = u"video-encode"_s;
    job.nameSpace = u"default"_s;
    ParameterizedConfig config;
    config.payload = PayloadRule::Required;
    config.metaRequired = {u"input-codec"_s};
    config.metaOptional = {u"quality"_s};
    job.parameterized = config;
    return job;
}

QStringList messagesOf(const PlannedRow &row)
{
    QStringList messages;
    for (const BatchRowProblem &p : row.problems)
        messages.append(p.message);
    return messages;
}

} // namespace

class TestBatchPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void problems()
    {
        QTemporaryDir dir;
        QFile clip(dir.filePath(u"clip.json"_s));
        QVERIFY(clip.open(QIODevice::WriteOnly));
        clip.write("{\"frames\": 1}");
        clip.close();
        const QByteArray csv = "input-codec,quality,bogus,payload,payload_file\n"
                               "mp4,720p,,x,\n"       // 2: valid
                               ",720p,,x,\n"          // 3: required meta missing
                               "mp4,,yes,x,\n"        // 4: unpermitted key
                               "mp4,1080p\n"          // 5: unreadable
                               "mp4,,,,gone.json\n"   // 6: payload file missing
                               "webm,,,,clip.json\n"; // 7: valid, payload from the file
        const Job job = videoEncodeSchema();
        const BatchPlan plan = planBatch({csv, BatchFormat::Csv, dir.path()}, job.id, &job);
        QVERIFY(plan.fileProblems.isEmpty());
        QCOMPARE(plan.jobId, u"video-encode"_s);
        QCOMPARE(plan.rows.size(), 6);
        QList<int> lines;
        for (const PlannedRow &r : plan.rows)
            lines.append(r.row.line);
        QCOMPARE(lines, (QList<int>{2, 3, 4, 5, 6, 7}));

        QVERIFY(plan.rows[0].isValid());
        QCOMPARE(messagesOf(plan.rows[1]),
                 QStringList{u"Dispatch did not provide required meta keys: [input-codec]"_s});
        QCOMPARE(plan.rows[1].problems.first().kind, BatchProblemKind::Schema);
        QVERIFY(!plan.rows[1].isUnreadable());
        QCOMPARE(messagesOf(plan.rows[2]),
                 QStringList{u"Dispatch request included unpermitted metadata keys: [bogus]"_s});
        QVERIFY(plan.rows[3].isUnreadable());
        QCOMPARE(messagesOf(plan.rows[3]),
                 QStringList{u"has 2 cells but the header names 5 columns"_s});
        QCOMPARE(plan.rows[4].problems.first().kind, BatchProblemKind::Payload);
        QVERIFY(plan.rows[4].problems.first().message.contains(u"does not exist"_s));
        QVERIFY(plan.rows[5].isValid());
        QCOMPARE(plan.rows[5].row.payload, QByteArray("{\"frames\": 1}"));

        QCOMPARE(plan.validCount(), 2);
        QCOMPARE(plan.validRows().size(), 2);
        QCOMPARE(plan.validRows().at(1).line, 7);
        QVERIFY(plan.hasSchemaProblems());
        // Line 6 misses its payload file, and so the payload the job requires: two problems.
        QCOMPARE(plan.rows[4].problems.size(), 2);
        QCOMPARE(plan.problemCount(), 5);

        // Without the job's schema only what the file itself says is checked.
        const BatchPlan unchecked = planBatch({csv, BatchFormat::Csv, dir.path()}, job.id, nullptr);
        QVERIFY(!unchecked.hasSchemaProblems());
        QCOMPARE(unchecked.validCount(), 4);
    }

    void fileProblems()
    {
        const Job job = videoEncodeSchema();
        const BatchPlan plan =
            planBatch({"input-codec,payload\nmp4,\"open\n", BatchFormat::Csv, {}}, job.id, &job);
        QCOMPARE(plan.fileProblems, QStringList{u"line 2: a quoted field is never closed"_s});
        QVERIFY(plan.rows.isEmpty());
        QVERIFY(plan.validRows().isEmpty());
    }

    void batchIdAndTokens()
    {
        const Job job = videoEncodeSchema();
        const QByteArray jsonl = "{\"input-codec\": \"a\", \"payload\": \"1\"}\n"
                                 "# a comment\n"
                                 "{\"quality\": \"x\", \"payload\": \"2\"}\n"
                                 "{\"input-codec\": \"c\", \"payload\": \"3\"}\n";
        const BatchFile file{jsonl, BatchFormat::JsonLines, {}};
        const BatchPlan plan = planBatch(file, job.id, &job);
        QCOMPARE(plan.batchId.size(), 16);
        QCOMPARE(plan.batchId, batchIdFor(u"video-encode"_s, jsonl));
        // Stable: planning the same file for the same job again gives the same batch.
        const BatchPlan again = planBatch(file, job.id, &job);
        QCOMPARE(again.batchId, plan.batchId);
        QCOMPARE(again.validTokens(), plan.validTokens());

        // Every row has a token by its position in the file; the invalid row keeps its place.
        QCOMPARE(plan.rows.size(), 3);
        QCOMPARE(plan.rows[0].token, u"dd-batch-"_s + plan.batchId + u"-0"_s);
        QCOMPARE(plan.rows[1].token, u"dd-batch-"_s + plan.batchId + u"-1"_s);
        QCOMPARE(plan.rows[2].token, u"dd-batch-"_s + plan.batchId + u"-2"_s);
        QVERIFY(!plan.rows[1].isValid());
        QCOMPARE(plan.validTokens(), (QStringList{plan.rows[0].token, plan.rows[2].token}));
        // Whether the schema allows a row moves no other row's token.
        const BatchPlan unchecked = planBatch(file, job.id, nullptr);
        QCOMPARE(unchecked.rows[2].token, plan.rows[2].token);

        // The batch is the resolved job's: the ID as typed (a prefix) is another batch,
        // which is why both front ends resolve the job before planning.
        QVERIFY(planBatch(file, u"video"_s, &job).batchId != plan.batchId);
        QVERIFY(planBatch(file, u"video-encode-hd"_s, &job).batchId != plan.batchId);
        // Another file is another batch.
        QVERIFY(planBatch({jsonl + "\n{\"input-codec\": \"d\", \"payload\": \"4\"}\n",
                           BatchFormat::JsonLines,
                           {}},
                          job.id, &job)
                    .batchId != plan.batchId);
        // A batch ID given by the user (-batch-id) names the batch.
        const BatchPlan named = planBatch(file, job.id, &job, u"nightly-7"_s);
        QCOMPARE(named.batchId, u"nightly-7"_s);
        QCOMPARE(named.rows[2].token, u"dd-batch-nightly-7-2"_s);
    }

    void sameTokensAsBeforeThePlan()
    {
        // Batches dispatched from the app by earlier versions keep their tokens: the
        // first 16 hex digits of SHA-256(job ID, NUL, file), rows numbered from 0.
        const QByteArray csv = "input-codec,payload\nmp4,x\nwebm,y\n";
        const Job job = videoEncodeSchema();
        const BatchPlan plan = planBatch({csv, BatchFormat::Csv, {}}, job.id, &job);
        QCOMPARE(plan.batchId, u"f9136070f483e6ab"_s);
        QCOMPARE(plan.validTokens(),
                 (QStringList{u"dd-batch-f9136070f483e6ab-0"_s, u"dd-batch-f9136070f483e6ab-1"_s}));
    }
};

DD_TEST_MAIN(TestBatchPlan)
#include "tst_batchplan.moc"
