// AllocFileDownload against the simulator: a file saved in readat chunks
// (what reached the server, the progress), a read cut mid-file (an error, and
// nothing left at the destination, not even a temporary file), a cut that a
// retry mends, a cancel, and files that cannot be saved.
#include "api/allocfiledownload.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/faultinjector.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;

namespace {
const QString kStdout = u"/alloc/logs/talk.stdout.0"_s;
} // namespace

class TestAllocFileDownload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_cluster.stop(); }

    void savesInChunks();
    void cutMidFileLeavesNothing();
    void retryMendsOneCut();
    void cancelLeavesNothing();
    void refusals_data();
    void refusals();

private:
    AllocFileDownload::Options options(const QString &path = kStdout) const
    {
        AllocFileDownload::Options o;
        o.allocId = m_alloc;
        o.path = path;
        o.destination = m_dest;
        o.chunkBytes = 100;
        o.retryDelay = std::chrono::milliseconds(20);
        return o;
    }
    std::optional<ApiError> run(AllocFileDownload &download)
    {
        QSignalSpy finished(&download, &AllocFileDownload::finished);
        download.start();
        [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000); }();
        if (finished.isEmpty())
            return ApiError::config(u"never finished"_s);
        return finished.first().first().value<std::optional<ApiError>>();
    }
    QList<sim::RecordedRequest> readats() const
    {
        return m_cluster.sim()->requests().matching(u"GET"_s, u"^/v1/client/fs/readat/"_s);
    }
    // Nothing but what the test put there: no partial file, no QSaveFile temporary.
    QStringList leftovers() const
    {
        return QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    }

    dd::test::ApiCluster m_cluster;
    QTemporaryDir m_dir;
    QString m_dest;
    QString m_alloc;
};

void TestAllocFileDownload::init()
{
    sim::SimulatorOptions o = dd::test::ApiCluster::defaultOptions();
    o.startPaused = true;
    DD_VERIFY_OK(m_cluster.start(o));
    const auto chatty =
        dd::test::readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
    DD_VERIFY_OK(chatty);
    QVERIFY(m_cluster.sim()->registerJob(*chatty));
    sim::DispatchRequest r;
    r.jobId = u"chatty"_s;
    r.meta = {{u"lines"_s, u"40"_s}};
    const auto child = m_cluster.sim()->dispatch(r);
    QVERIFY(child);
    m_cluster.sim()->clock().advance(20'000); // all 40 lines written: 471 bytes
    m_alloc = m_cluster.sim()->allocsOfJob(child->dispatchedJobId).first()->id;
    QVERIFY(m_dir.isValid());
    for (const QString &f : leftovers())
        QFile::remove(m_dir.filePath(f));
    m_dest = m_dir.filePath(u"talk.stdout"_s);
}

void TestAllocFileDownload::savesInChunks()
{
    AllocFileDownload download(m_cluster.client(), options());
    QSignalSpy progress(&download, &AllocFileDownload::progress);
    const auto error = run(download);
    QVERIFY2(!error, qPrintable(error ? error->message() : QString()));
    QFile saved(m_dest);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), dd::test::chattyLines("out", 1, 40));
    QCOMPARE(download.totalBytes(), 471);
    // Five chunks of at most 100 bytes, in order, each asking for what is left.
    const auto sent = readats();
    QCOMPARE(sent.size(), 5);
    for (int i = 0; i < sent.size(); ++i) {
        QCOMPARE(sent.at(i).queryValue(u"path"), kStdout);
        QCOMPARE(sent.at(i).queryValue(u"offset"), QString::number(i * 100));
        QCOMPARE(sent.at(i).queryValue(u"limit"), QString::number(i < 4 ? 100 : 71));
    }
    QCOMPARE(progress.size(), 6); // 0, then after each chunk
    QCOMPARE(progress.last().at(0).toLongLong(), 471);
    QCOMPARE(progress.last().at(1).toLongLong(), 471);
    QCOMPARE(leftovers(), QStringList{u"talk.stdout"_s});
}

void TestAllocFileDownload::cutMidFileLeavesNothing()
{
    // The third chunk's answer breaks off half way, every time it is asked for.
    m_cluster.sim()->faults().closeMidResponse(u"fs/readat/.*offset=200&"_s);
    AllocFileDownload download(m_cluster.client(), options());
    const auto error = run(download);
    QVERIFY(error);
    QCOMPARE(error->kind, ApiError::Kind::Transport);
    QCOMPARE(download.retries(), 2);
    QCOMPARE(readats().size(), 5); // 0, 100, then 200 three times
    QVERIFY(!QFile::exists(m_dest));
    QCOMPARE(leftovers(), QStringList{});
}

void TestAllocFileDownload::retryMendsOneCut()
{
    // A file already there stays untouched until the new one is complete.
    {
        QFile old(m_dest);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    m_cluster.sim()->faults().closeMidResponse(u"fs/readat/.*offset=300&"_s, 1);
    AllocFileDownload download(m_cluster.client(), options());
    const auto error = run(download);
    QVERIFY2(!error, qPrintable(error ? error->message() : QString()));
    QCOMPARE(download.retries(), 1);
    QFile saved(m_dest);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), dd::test::chattyLines("out", 1, 40));
    QCOMPARE(leftovers(), QStringList{u"talk.stdout"_s});
}

void TestAllocFileDownload::cancelLeavesNothing()
{
    {
        QFile old(m_dest);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    AllocFileDownload download(m_cluster.client(), options());
    // Cancelled once the second chunk is written.
    connect(&download, &AllocFileDownload::progress, &download, [&download](qint64 written) {
        if (written >= 200)
            download.cancel();
    });
    const auto error = run(download);
    QVERIFY(error);
    QCOMPARE(error->kind, ApiError::Kind::Cancelled);
    QVERIFY(!download.isRunning());
    QTest::qWait(100);
    QCOMPARE(readats().size(), 2); // nothing asked for after the cancel
    QFile kept(m_dest);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("old"));
    QCOMPARE(leftovers(), QStringList{u"talk.stdout"_s});
}

void TestAllocFileDownload::refusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("destination"); // empty: the usual one
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("missing file") << u"/alloc/logs/nope"_s << QString() << int(ApiError::Kind::Http)
                                  << u"no such file or directory"_s;
    QTest::newRow("a folder") << u"/alloc/logs"_s << QString() << int(ApiError::Kind::Config)
                              << u"it is a folder, not a file"_s;
    QTest::newRow("the task's pipe")
        << u"/alloc/logs/.talk.stdout.fifo"_s << QString() << int(ApiError::Kind::Config)
        << u"not a regular file (prw-------)"_s;
    QTest::newRow("unwritable destination")
        << kStdout << u"/nonexistent-dir/x"_s << int(ApiError::Kind::Config)
        << u"“/nonexistent-dir/x” cannot be written"_s;
}

void TestAllocFileDownload::refusals()
{
    QFETCH(QString, path);
    QFETCH(QString, destination);
    QFETCH(int, kind);
    QFETCH(QString, words);
    AllocFileDownload::Options o = options(path);
    if (!destination.isEmpty())
        o.destination = destination;
    AllocFileDownload download(m_cluster.client(), o);
    const auto error = run(download);
    QVERIFY(error);
    QCOMPARE(int(error->kind), kind);
    QVERIFY2(error->message().contains(words), qPrintable(error->message()));
    QCOMPARE(readats().size(), 0); // refused before any byte was read
    QCOMPARE(leftovers(), QStringList{});
}

DD_TEST_GUILESS_MAIN(TestAllocFileDownload)
#include "tst_allocfiledownload.moc"
