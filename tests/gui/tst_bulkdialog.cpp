// The bulk dispatch dialog against the simulator: a rows file is read and
// checked (nothing is sent before Start), exactly the valid rows become
// children with their meta, and cancelling, failures and "Retry failed rows"
// never dispatch a row twice.

#include "guitestsupport.h"

#include "api/connection.h"
#include "core/dispatchjournal.h"
#include "gui/bulkdispatchdialog.h"
#include "gui/filedialogs.h"
#include "models/batchrowmodel.h"
#include "sim/simulator.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QJsonObject>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>

using namespace dd;
using namespace dd::test;
using namespace dd::models;
using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kRunTimeout = 30000;
const QString kJob = u"video-encode"_s;

struct Child
{
    QString id;
    QString codec;
    QString quality;
    QByteArray payload;
};

// The rows of the file of the first test: line 1 is the header, so row i is line i + 2.
// Four rows are bad, each for another reason.
QByteArray mixedCsv(QStringList *validCodecs)
{
    QByteArray csv = "input-codec,quality,bogus,payload\n";
    for (int i = 0; i < 34; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray payload = "\"{\"\"clip\"\": " + n + "}\"";
        switch (i) {
        case 5: // line 7
            csv += ",720p,," + payload + "\n";
            break;
        case 10: // line 12
            csv += "codec-" + n + ",720p,yes," + payload + "\n";
            break;
        case 15: // line 17
            csv += "codec-" + n + ",720p,,\n";
            break;
        case 20: // line 22
            csv += "codec-" + n + ",720p\n";
            break;
        default:
            csv += "codec-" + n + ",q" + n + ",," + payload + "\n";
            validCodecs->append(u"codec-"_s + QString::number(i));
        }
    }
    return csv;
}

QByteArray validCsv(int rows, QStringList *codecs)
{
    QByteArray csv = "input-codec,payload\n";
    for (int i = 0; i < rows; ++i) {
        csv += "run-" + QByteArray::number(i) + ",x" + QByteArray::number(i) + "\n";
        codecs->append(u"run-"_s + QString::number(i));
    }
    return csv;
}

QString plain(const QLabel *label)
{
    return GuiFixture::labelText(label);
}

} // namespace

class TestBulkDialog : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<GuiFixture> f;
    std::unique_ptr<QTemporaryDir> m_dir;
    FakeFileDialogs m_files;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

    // The job as the app has it: read through the client of the main window's connection.
    std::optional<Job> readJob(const QString &id)
    {
        auto *connection = f->window().connection();
        if (!QTest::qWaitFor([&] { return connection->versionKnown(); }, 10000))
            return std::nullopt;
        std::optional<Job> job;
        bool answered = false;
        QObject context;
        connection->client()->job(id, {}, &context, [&](Result<Reply<Job>> reply) {
            answered = true;
            if (reply)
                job = reply->value;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            return std::nullopt;
        return job;
    }

    std::unique_ptr<gui::BulkDispatchDialog> openDialog(const Job &job, DispatchJournal *journal,
                                                        bool passVersion = true)
    {
        auto *connection = f->window().connection();
        gui::BulkDispatchDialog::Context context;
        context.client = connection->client();
        context.profileName = u"demo"_s;
        context.serverVersion = passVersion ? connection->serverVersion() : std::nullopt;
        context.versionKnown = passVersion && connection->versionKnown();
        context.journal = journal;
        context.files = &m_files;
        context.prompter = &f->prompter();
        auto dialog = std::make_unique<gui::BulkDispatchDialog>(job, u"default"_s, context);
        dialog->show();
        (void)QTest::qWaitForWindowExposed(dialog.get());
        return dialog;
    }

    template<typename T> static T *find(QWidget *dialog, const QString &name)
    {
        return dialog->findChild<T *>(name);
    }

    QList<Child> children()
    {
        QList<Child> result;
        f->host().invoke([&](sim::Simulator &s) {
            for (const QString &id : s.childIds(kJob)) {
                const sim::SimJob *job = s.job(id);
                if (!job)
                    continue;
                const QJsonObject meta = job->meta();
                result.append({id, meta.value(u"input-codec"_s).toString(),
                               meta.value(u"quality"_s).toString(), job->payload});
            }
        });
        return result;
    }

    QList<sim::RecordedRequest> dispatchRequests()
    {
        return f->host().requests()->matching(u"PUT"_s, u"^/v1/job/video-encode/dispatch$"_s);
    }

    static int rowOfLine(const BatchRowModel *model, int line)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->batchRow(row).line == line)
                return row;
        }
        return -1;
    }

    static void shot(QWidget *widget, const QString &name)
    {
        const QString dir = QStringLiteral(DD_BUILD_DIR) + u"/screenshots"_s;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        QVERIFY(widget->grab().save(dir + u'/' + name + u".png"_s));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        f = std::make_unique<GuiFixture>();
        m_dir = std::make_unique<QTemporaryDir>();
        m_files = {};
        QVERIFY(f->start());
    }

    void cleanup()
    {
        f.reset();
        m_dir.reset();
    }

    void previewThenDispatchExactlyTheValidRows()
    {
        const auto job = readJob(kJob);
        QVERIFY(job);
        QVERIFY(job->isParameterizedParent());
        DispatchJournal journal(m_dir->filePath(u"journal.jsonl"_s));
        auto dialog = openDialog(*job, &journal);
        auto *start = find<QPushButton>(dialog.get(), u"startButton"_s);
        QVERIFY(start);
        QVERIFY(!start->isEnabled()); // no file yet
        QCOMPARE(find<QSpinBox>(dialog.get(), u"concurrencySpin"_s)->value(), 8);

        QStringList valid;
        m_files.nextOpen = writeFile(u"encode.csv"_s, mixedCsv(&valid));
        QCOMPARE(valid.size(), 30);
        QTest::mouseClick(find<QPushButton>(dialog.get(), u"chooseFileButton"_s), Qt::LeftButton);
        QCOMPARE(m_files.opened, 1);

        // The preview: every line of the file, the bad ones with their reason.
        BatchRowModel *model = dialog->model();
        QCOMPARE(model->rowCount(), 34);
        QCOMPARE(model->count(BatchRowStatus::Ready), 30);
        QCOMPARE(model->count(BatchRowStatus::Invalid), 3);
        QCOMPARE(model->count(BatchRowStatus::Unreadable), 1);
        auto problemAt = [&](int line) {
            const int row = rowOfLine(model, line);
            return row < 0 ? u"<no row for line>"_s : model->state(row).error;
        };
        QCOMPARE(problemAt(7), u"Dispatch did not provide required meta keys: [input-codec]."_s);
        QCOMPARE(problemAt(12), u"Dispatch request included unpermitted metadata keys: [bogus]."_s);
        QCOMPARE(problemAt(17), u"Payload is not provided but required by parameterized job."_s);
        QCOMPARE(problemAt(22), u"Has 2 cells but the header names 4 columns."_s);
        QCOMPARE(model->state(rowOfLine(model, 22)).status, BatchRowStatus::Unreadable);
        const int first = rowOfLine(model, 2);
        QCOMPARE(model->index(first, BatchRowModel::MetaColumn).data().toString(),
                 u"input-codec=codec-0, quality=q0"_s);
        QCOMPARE(model->index(first, BatchRowModel::PayloadColumn).data().toString(),
                 u"11 bytes: {\"clip\": 0}"_s);

        const QString summary = plain(find<QLabel>(dialog.get(), u"summaryLabel"_s));
        QVERIFY2(summary.startsWith(
                     u"34 rows, 4 invalid: line 7: Dispatch did not provide required meta keys: "
                     "[input-codec]; line 12: Dispatch request included unpermitted metadata "
                     "keys: [bogus]; line 17: Payload is not provided but required by "
                     "parameterized job; and 1 more (see the Problem column)."_s),
                 qPrintable(summary));
        QVERIFY2(summary.contains(u"Invalid rows are skipped: Start sends the 30 valid ones."_s),
                 qPrintable(summary));
        QVERIFY(plain(find<QLabel>(dialog.get(), u"tokenNote"_s))
                    .contains(u"idempotency token derived from this file"_s));
        QVERIFY(start->isEnabled());
        QVERIFY(!find<QPushButton>(dialog.get(), u"retryButton"_s)->isEnabled());
        QVERIFY(!find<QPushButton>(dialog.get(), u"cancelButton"_s)->isEnabled());
        QVERIFY(find<QTableView>(dialog.get(), u"rowsTable"_s)
                    ->isColumnHidden(BatchRowModel::ChildColumn));
        // Nothing is sent before Start.
        QVERIFY(dispatchRequests().isEmpty());
        QVERIFY(children().isEmpty());
        shot(dialog.get(), u"bulk-preview"_s);

        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !dialog->isRunning() && model->count(BatchRowStatus::Dispatched) == 30, kRunTimeout);
        QVERIFY(!start->isEnabled());
        QCOMPARE(model->count(BatchRowStatus::Invalid), 3);

        // The simulator's side: one child per valid row, with that row's meta and payload.
        const QList<Child> made = children();
        QCOMPARE(made.size(), 30);
        QStringList codecs;
        QHash<QString, Child> byId;
        for (const Child &c : made) {
            codecs.append(c.codec);
            byId.insert(c.id, c);
        }
        codecs.sort();
        valid.sort();
        QCOMPARE(codecs, valid);
        for (int row = 0; row < model->rowCount(); ++row) {
            const BatchRow &r = model->batchRow(row);
            const BatchRowState &s = model->state(row);
            if (BatchRowModel::isSkipped(s.status)) {
                QVERIFY(s.childJobId.isEmpty());
                continue;
            }
            QVERIFY2(byId.contains(s.childJobId), qPrintable(s.childJobId));
            const Child &c = byId.value(s.childJobId);
            QCOMPARE(c.codec, r.meta.value(u"input-codec"_s));
            QCOMPARE(c.quality, r.meta.value(u"quality"_s));
            QCOMPARE(c.payload, r.payload);
            QCOMPARE(s.attempts, 1);
        }
        // Every request carried its own token, derived from the batch.
        const QList<sim::RecordedRequest> requests = dispatchRequests();
        QCOMPARE(requests.size(), 30);
        QSet<QString> tokens;
        for (const sim::RecordedRequest &r : requests) {
            const QString token = r.queryValue(u"idempotency_token");
            QVERIFY2(token.startsWith(u"dd-batch-"_s + dialog->batchId() + u'-'),
                     qPrintable(token));
            tokens.insert(token);
        }
        QCOMPARE(tokens.size(), 30);
        // They are the plan's, for the job's full ID: what the CLI derives for the same file.
        QStringList unused;
        QCOMPARE(dialog->batchId(), batchIdFor(kJob, mixedCsv(&unused)));
        const QStringList planned = dialog->plan().validTokens();
        QCOMPARE(tokens, QSet<QString>(planned.cbegin(), planned.cend()));
        // Each dispatch is in the journal, completed with its child.
        auto completed = [&journal]() {
            const QList<JournalEntry> entries = journal.load().entries;
            return std::count_if(entries.cbegin(), entries.cend(), [](const JournalEntry &e) {
                return !e.isOpen() && !e.childJobId.isEmpty();
            });
        };
        QCOMPARE(journal.load().entries.size(), 30);
        QTRY_COMPARE(completed(), 30);

        const QString result = plain(find<QLabel>(dialog.get(), u"resultLabel"_s));
        QVERIFY2(result.startsWith(u"Dispatched 30 of 30 rows of “video-encode” on “demo” in"_s),
                 qPrintable(result));
        QVERIFY2(result.contains(u"4 invalid rows were skipped."_s), qPrintable(result));
        // The preview's promise is gone once the run has started.
        QVERIFY(!plain(find<QLabel>(dialog.get(), u"summaryLabel"_s)).contains(u"Start sends"_s));
        QCOMPARE(find<QProgressBar>(dialog.get(), u"progressBar"_s)->value(), 30);
        QVERIFY(
            find<QLabel>(dialog.get(), u"progressLabel"_s)->text().startsWith(u"30 dispatched"_s));
        QVERIFY(!find<QPushButton>(dialog.get(), u"retryButton"_s)->isEnabled());
        QVERIFY(!find<QTableView>(dialog.get(), u"rowsTable"_s)
                     ->isColumnHidden(BatchRowModel::ChildColumn));
        shot(dialog.get(), u"bulk-done"_s);
    }

    void failuresAndCancelThenRetryNeverDuplicates()
    {
        const auto job = readJob(kJob);
        QVERIFY(job);
        // The version is not handed in: the dialog reads it before the first row.
        auto dialog = openDialog(*job, nullptr, false);
        QStringList codecs;
        QVERIFY(dialog->loadFile(writeFile(u"run.csv"_s, validCsv(30, &codecs))));
        BatchRowModel *model = dialog->model();
        QCOMPARE(model->count(BatchRowStatus::Ready), 30);
        find<QSpinBox>(dialog.get(), u"concurrencySpin"_s)->setValue(2);

        // The first three dispatches are refused; every dispatch takes a while.
        sim::FaultInjector *faults = f->host().faults();
        faults->failWith(500, u"rpc error: simulated outage"_s, u"/dispatch"_s, 3);
        faults->addLatency(120, u"/dispatch"_s);
        QTest::mouseClick(find<QPushButton>(dialog.get(), u"startButton"_s), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(
            model->count({BatchRowStatus::Dispatched, BatchRowStatus::Failed}) >= 8, kRunTimeout);
        auto *cancel = find<QPushButton>(dialog.get(), u"cancelButton"_s);
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        // The ones in flight finish; nothing else starts.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeout);
        QVERIFY(!f->host().requests()->matching(u"GET"_s, u"^/v1/agent/self$"_s).isEmpty());

        const int dispatched = model->count(BatchRowStatus::Dispatched);
        const int cancelled = model->count(BatchRowStatus::Cancelled);
        QCOMPARE(model->count(BatchRowStatus::Failed), 3);
        QCOMPARE(model->count(BatchRowStatus::Unknown), 0);
        QVERIFY(cancelled > 0);
        QCOMPARE(dispatched + cancelled + 3, 30);
        QCOMPARE(children().size(), dispatched);
        QCOMPARE(dispatchRequests().size(), dispatched + 3);
        const int failedRow = model->rowsWith({BatchRowStatus::Failed}).first();
        QCOMPARE(model->state(failedRow).error,
                 u"Nomad answered 500 rpc error: simulated outage."_s);
        const QString result = plain(find<QLabel>(dialog.get(), u"resultLabel"_s));
        QVERIFY2(result.contains(u"3 failed, %1 cancelled."_s.arg(cancelled)), qPrintable(result));
        QVERIFY2(result.contains(u"First failure, line "_s), qPrintable(result));
        QVERIFY2(result.contains(u"“Retry failed rows” sends them again with the same tokens"_s),
                 qPrintable(result));
        QCOMPARE(find<QProgressBar>(dialog.get(), u"progressBar"_s)->value(), 30);
        shot(dialog.get(), u"bulk-cancelled"_s);

        // Retry: only the failed and cancelled rows go out, with the tokens they had.
        QSet<QString> refusedTokens;
        for (const sim::RecordedRequest &r : dispatchRequests()) {
            if (r.status == 500)
                refusedTokens.insert(r.queryValue(u"idempotency_token"));
        }
        QCOMPARE(refusedTokens.size(), 3);
        faults->clear();
        auto *retry = find<QPushButton>(dialog.get(), u"retryButton"_s);
        QVERIFY(retry->isEnabled());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            !dialog->isRunning() && model->count(BatchRowStatus::Dispatched) == 30, kRunTimeout);
        const QList<Child> made = children();
        QCOMPARE(made.size(), 30);
        QStringList madeCodecs;
        for (const Child &c : made)
            madeCodecs.append(c.codec);
        madeCodecs.sort();
        codecs.sort();
        QCOMPARE(madeCodecs, codecs);
        const QList<sim::RecordedRequest> requests = dispatchRequests();
        QCOMPARE(requests.size(), 30 + 3);
        QSet<QString> accepted;
        for (const sim::RecordedRequest &r : requests) {
            if (r.status == 200)
                accepted.insert(r.queryValue(u"idempotency_token"));
        }
        QCOMPARE(accepted.size(), 30);
        QVERIFY(refusedTokens.subtract(accepted).isEmpty());
        QCOMPARE(model->state(failedRow).status, BatchRowStatus::Dispatched);
        QCOMPARE(model->state(failedRow).attempts, 2);
        QVERIFY(model->state(failedRow).error.isEmpty());
        QVERIFY(!retry->isEnabled());
        QVERIFY(plain(find<QLabel>(dialog.get(), u"resultLabel"_s))
                    .startsWith(u"Dispatched 30 of 30 rows"_s));
    }

    void closingWhileRunningAsksThenCancels()
    {
        const auto job = readJob(kJob);
        QVERIFY(job);
        auto dialog = openDialog(*job, nullptr);
        QStringList codecs;
        QVERIFY(dialog->loadFile(writeFile(u"close.csv"_s, validCsv(20, &codecs))));
        find<QSpinBox>(dialog.get(), u"concurrencySpin"_s)->setValue(2);
        f->host().faults()->addLatency(300, u"/dispatch"_s);
        QTest::mouseClick(find<QPushButton>(dialog.get(), u"startButton"_s), Qt::LeftButton);
        BatchRowModel *model = dialog->model();
        QTRY_VERIFY(model->count(BatchRowStatus::Sending) > 0);

        f->prompter().confirmAnswer = false;
        dialog->close();
        QCOMPARE(f->prompter().confirmations, 1);
        QVERIFY(f->prompter().lastConfirmText.contains(u"in flight"_s));
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->isRunning());

        f->prompter().confirmAnswer = true;
        QTest::keyClick(dialog.get(), Qt::Key_Escape); // Escape asks too
        QCOMPARE(f->prompter().confirmations, 2);
        QTRY_VERIFY(!dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeout);
        const int dispatched = model->count(BatchRowStatus::Dispatched);
        QVERIFY(dispatched > 0);
        QCOMPARE(model->count(BatchRowStatus::Cancelled), 20 - dispatched);
        QCOMPARE(children().size(), dispatched);
        QCOMPARE(dispatchRequests().size(), dispatched);
    }

    void badFilesSayWhatIsWrongAndSendNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << u"missing.csv"_s << QByteArray()
                                 << u"Could not read “missing.csv”: "_s;
        QTest::newRow("empty") << u"empty.csv"_s << QByteArray("\n  \n")
                               << u"“empty.csv” is empty. A CSV needs a header"_s;
        QTest::newRow("unclosed quote")
            << u"quote.csv"_s << QByteArray("input-codec,payload\nmp4,x\nmp4,\"open\n")
            << u"Could not read “quote.csv” as CSV: line 3: a quoted field is never closed. "
               "Fix the file and choose it again."_s;
        QTest::newRow("header only") << u"header.csv"_s << QByteArray("input-codec,payload\n")
                                     << u"“header.csv” has a header but no rows."_s;
        QTest::newRow("not json lines")
            << u"rows.jsonl"_s << QByteArray("input-codec=mp4\n{\"meta\": [1]}\n")
            << u"None of the 2 rows of “rows.jsonl” can be dispatched (read as JSON Lines)"_s;
    }

    void badFilesSayWhatIsWrongAndSendNothing()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const auto job = readJob(kJob);
        QVERIFY(job);
        auto dialog = openDialog(*job, nullptr);
        const QString path = content.isNull() ? m_dir->filePath(name) : writeFile(name, content);
        QVERIFY(!dialog->loadFile(path));
        const QString shown = plain(find<QLabel>(dialog.get(), u"fileMessage"_s));
        QVERIFY2(shown.startsWith(message), qPrintable(shown));
        QVERIFY(!find<QPushButton>(dialog.get(), u"startButton"_s)->isEnabled());
        QCOMPARE(find<QLineEdit>(dialog.get(), u"fileEdit"_s)->text(),
                 QDir::toNativeSeparators(path));
        QTest::mouseClick(find<QPushButton>(dialog.get(), u"startButton"_s), Qt::LeftButton);
        dialog->start();
        QVERIFY(!dialog->isRunning());
        QVERIFY(dispatchRequests().isEmpty());

        // A good file afterwards clears the message.
        QStringList codecs;
        QVERIFY(dialog->loadFile(writeFile(u"good.csv"_s, validCsv(2, &codecs))));
        QVERIFY(find<QLabel>(dialog.get(), u"fileMessage"_s)->isHidden());
        QVERIFY(find<QPushButton>(dialog.get(), u"startButton"_s)->isEnabled());
    }

    void droppedJsonLinesFileIsPreviewed()
    {
        const auto job = readJob(kJob);
        QVERIFY(job);
        auto dialog = openDialog(*job, nullptr);
        QVERIFY(!writeFile(u"clip-1.json"_s, "{\"frames\": 240}").isEmpty());
        const QString path =
            writeFile(u"rows.jsonl"_s,
                      "# one object per line\n"
                      "{\"meta\": {\"input-codec\": \"h264\"}, \"payload_file\": \"clip-1.json\"}\n"
                      "{\"input-codec\": \"vp9\", \"quality\": 1080, \"payload\": \"{}\"}\n"
                      "{\"meta\": {\"input-codec\": \"av1\"}, \"payload_file\": \"gone.json\"}\n"
                      "input-codec=mp4\n");
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        const QPoint centre = dialog->rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(dialog.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(dialog.get(), &drop);

        BatchRowModel *model = dialog->model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(dialog->validRowCount(), 2);
        QCOMPARE(model->index(rowOfLine(model, 2), BatchRowModel::PayloadColumn).data().toString(),
                 u"clip-1.json (15 bytes)"_s);
        QCOMPARE(model->index(rowOfLine(model, 3), BatchRowModel::MetaColumn).data().toString(),
                 u"input-codec=vp9, quality=1080"_s);
        QVERIFY(model->state(rowOfLine(model, 4)).error.contains(u"gone.json\" does not exist"_s));
        QCOMPARE(model->state(rowOfLine(model, 5)).status, BatchRowStatus::Unreadable);
        QVERIFY(plain(find<QLabel>(dialog.get(), u"summaryLabel"_s))
                    .startsWith(u"4 rows, 2 invalid: line 4: "_s));

        // Two files at once are not a rows file.
        QMimeData two;
        two.setUrls({QUrl::fromLocalFile(path), QUrl::fromLocalFile(path)});
        QDragEnterEvent refused(centre, Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(dialog.get(), &refused);
        QVERIFY(!refused.isAccepted());
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestBulkDialog)
#include "tst_bulkdialog.moc"
