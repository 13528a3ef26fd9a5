// NomadClient's calls into an allocation's directory against the simulator:
// what reached the server, the answers decoded, the errors a client sends in
// a 200 in place of a file, a file too large to view, and the capability a
// refused token lacks.
#include "api/allocfserrors.h"
#include "api/nomadclient.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/clientfiles.h"

#include <QLocale>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;

class TestAllocFsClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup() { m_cluster.stop(); }

    void listsTheDirectory();
    void statCatAndReadAt();
    void missingPaths();
    void tooLargeToView();
    void capabilities_data();
    void capabilities();
    void goneAllocation();

private:
    template<typename T> Result<T> wait(const std::function<void(Callback<T>)> &call)
    {
        std::optional<Result<T>> answer;
        call([&answer](Result<T> r) { answer = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000); }();
        if (!answer)
            return std::unexpected(ApiError::cancelled());
        return std::move(*answer);
    }
    Result<QList<AllocFileInfo>> ls(const QString &path)
    {
        return wait<QList<AllocFileInfo>>([&](Callback<QList<AllocFileInfo>> cb) {
            m_cluster.client()->allocDirectory(m_alloc, path, {}, this, std::move(cb));
        });
    }
    Result<QByteArray> cat(const QString &path, qint64 maxBytes = QueryOptions{}.maxAnswerBytes)
    {
        QueryOptions o;
        o.maxAnswerBytes = maxBytes;
        return wait<QByteArray>([&](Callback<QByteArray> cb) {
            m_cluster.client()->allocFileCat(m_alloc, path, o, this, std::move(cb));
        });
    }
    static QStringList names(const QList<AllocFileInfo> &entries)
    {
        QStringList out;
        for (const AllocFileInfo &e : entries)
            out << e.name;
        return out;
    }
    sim::RecordedRequest lastTo(const QString &kind) const
    {
        const auto all = m_cluster.sim()->requests().matching(u"GET"_s, u"^/v1/client/"_s + kind);
        return all.isEmpty() ? sim::RecordedRequest{} : all.last();
    }

    dd::test::ApiCluster m_cluster;
    QString m_alloc;
};

void TestAllocFsClient::init()
{
    sim::SimulatorOptions options = dd::test::ApiCluster::defaultOptions();
    options.startPaused = true;
    options.acl = QByteArray(QTest::currentTestFunction()) == "capabilities";
    DD_VERIFY_OK(m_cluster.start(options));
    const auto chatty =
        dd::test::readJsonFixture(dd::test::fixturePath(u"lifecycle/chatty.register.json"_s));
    DD_VERIFY_OK(chatty);
    QVERIFY(m_cluster.sim()->registerJob(*chatty));
    sim::DispatchRequest r;
    r.jobId = u"chatty"_s;
    r.meta = {{u"lines"_s, u"8"_s}};
    const auto child = m_cluster.sim()->dispatch(r);
    QVERIFY(child);
    m_cluster.sim()->clock().advance(1100); // placed, started, five lines written
    const auto allocs = m_cluster.sim()->allocsOfJob(child->dispatchedJobId);
    QCOMPARE(allocs.size(), 1);
    m_alloc = allocs.first()->id;
    if (options.acl) {
        ClientConfig config = m_cluster.client()->config();
        config.token = m_cluster.sim()->managementToken();
        m_cluster.client()->setConfig(config);
    }
}

void TestAllocFsClient::listsTheDirectory()
{
    const auto root = ls(u"/"_s);
    QVERIFY2(root, qPrintable(root ? QString() : root.error().message()));
    QCOMPARE(names(*root), (QStringList{u"alloc"_s, u"talk"_s}));
    QVERIFY(root->first().isDir);
    // The allocation's full ID as one path segment, the folder in ?path=.
    const sim::RecordedRequest sent = lastTo(u"fs/ls/"_s);
    QCOMPARE(sent.path, u"/v1/client/fs/ls/"_s + m_alloc);
    QCOMPARE(sent.queryValue(u"path"), u"/"_s);

    const auto logs = ls(u"/alloc/logs"_s);
    QVERIFY(logs);
    QCOMPARE(names(*logs), (QStringList{u".talk.stderr.fifo"_s, u".talk.stdout.fifo"_s,
                                        u"talk.stderr.0"_s, u"talk.stdout.0"_s}));
    QVERIFY(logs->first().isFifo());
    QCOMPARE(logs->last().size, 55); // "out line 1\n" .. "out line 5\n"
    QCOMPARE(lastTo(u"fs/ls/"_s).queryValue(u"path"), u"/alloc/logs"_s);
    QCOMPARE(names(*ls(u"/talk"_s)), (QStringList{u"local"_s, u"secrets"_s, u"tmp"_s}));
}

void TestAllocFsClient::statCatAndReadAt()
{
    const QString path = u"/alloc/logs/talk.stdout.0"_s;
    const auto info = wait<AllocFileInfo>([&](Callback<AllocFileInfo> cb) {
        m_cluster.client()->allocFileStat(m_alloc, path, {}, this, std::move(cb));
    });
    QVERIFY(info);
    QCOMPARE(info->size, 55);
    QCOMPARE(info->contentType, u"text/plain; charset=utf-8"_s);
    QCOMPARE(lastTo(u"fs/stat/"_s).queryValue(u"path"), path);

    const auto whole = cat(path);
    QVERIFY(whole);
    QCOMPARE(*whole, QByteArray("out line 1\nout line 2\nout line 3\nout line 4\nout line 5\n"));

    const auto part = wait<QByteArray>([&](Callback<QByteArray> cb) {
        m_cluster.client()->allocFileReadAt(m_alloc, path, 11, 10, {}, this, std::move(cb));
    });
    QVERIFY(part);
    QCOMPARE(*part, QByteArray("out line 2"));
    const sim::RecordedRequest sent = lastTo(u"fs/readat/"_s);
    QCOMPARE(sent.queryValue(u"offset"), u"11"_s);
    QCOMPARE(sent.queryValue(u"limit"), u"10"_s);
    QCOMPARE(sent.queryValue(u"path"), path);
}

void TestAllocFsClient::missingPaths()
{
    const QString hostPath = m_cluster.sim()->files().allocDir() + u'/' + m_alloc;
    // fs/cat answers 200 with Go's error as the body (as recorded): an error, not the file.
    const auto missing = cat(u"/nope"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ApiError::Kind::Http);
    QCOMPARE(missing.error().httpStatus, 200);
    QCOMPARE(missing.error().nomadText,
             u"stat "_s + hostPath + u"/nope: no such file or directory"_s);
    QCOMPARE(missing.error().message(),
             u"Nomad answered stat "_s + hostPath + u"/nope: no such file or directory"_s);
    QVERIFY(!missing.error().isTransient());
    QCOMPARE(allocFsFailureText(missing.error(), AllocFsAction::Open, u"/nope"_s, m_alloc, {}),
             u"Could not open “/nope” of allocation "_s + m_alloc.left(8) +
                 u": Nomad answered stat "_s + hostPath +
                 u"/nope: no such file or directory. It may have been removed or rotated away "
                 u"since the folder was listed; refresh the folder."_s);
    // The same at an offset.
    const auto at = wait<QByteArray>([&](Callback<QByteArray> cb) {
        m_cluster.client()->allocFileReadAt(m_alloc, u"/nope"_s, 0, 4096, {}, this, std::move(cb));
    });
    QVERIFY(!at);
    QCOMPARE(at.error().httpStatus, 200);
    // A missing folder is a 500 from ls.
    const auto folder = ls(u"/alloc/nope"_s);
    QVERIFY(!folder);
    QCOMPARE(folder.error().httpStatus, 500);
    QVERIFY(allocFsFailureText(folder.error(), AllocFsAction::List, u"/alloc/nope"_s, m_alloc, {})
                .endsWith(u"no such file or directory. The folder is gone; refresh its parent."_s));
}

void TestAllocFsClient::tooLargeToView()
{
    const auto big = cat(u"/alloc/logs/talk.stdout.0"_s, 20);
    QVERIFY(!big);
    QCOMPARE(big.error().transport, ApiError::Transport::AnswerTooLarge);
    QVERIFY(allocFsFailureText(big.error(), AllocFsAction::Open, u"/alloc/logs/talk.stdout.0"_s,
                               m_alloc, {})
                .endsWith(u": it is larger than the "_s +
                          QLocale().formattedDataSize(20, 1, QLocale::DataSizeTraditionalFormat) +
                          u" shown here. Save it to read it whole."_s));
}

void TestAllocFsClient::capabilities_data()
{
    QTest::addColumn<QString>("capability");
    QTest::addColumn<bool>("files");
    QTest::addColumn<bool>("stats");
    QTest::newRow("read-fs") << u"read-fs"_s << true << false;
    QTest::newRow("read-job") << u"read-job"_s << false << true;
    QTest::newRow("read-logs") << u"read-logs"_s << false << false;
}

void TestAllocFsClient::capabilities()
{
    QFETCH(QString, capability);
    QFETCH(bool, files);
    QFETCH(bool, stats);
    ClientConfig config = m_cluster.client()->config();
    config.token = m_cluster.sim()->createToken(u"t"_s, {{u"default"_s, {capability}}}).secretId;
    m_cluster.client()->setConfig(config);

    const auto listing = ls(u"/"_s);
    QCOMPARE(bool(listing), files);
    QCOMPARE(lastTo(u"fs/ls/"_s).token(), config.token);
    if (!files) {
        QVERIFY(listing.error().isPermissionDenied());
        QCOMPARE(allocFsFailureText(listing.error(), AllocFsAction::List, u"/"_s, m_alloc, {}),
                 u"Could not list “/” of allocation "_s + m_alloc.left(8) +
                     u": Nomad answered 403 Permission denied. The token needs the read-fs "
                     u"capability in namespace “default”."_s);
    }
    const auto usage = wait<Reply<AllocResourceUsage>>([&](Callback<Reply<AllocResourceUsage>> cb) {
        m_cluster.client()->allocationStats(m_alloc, {}, this, std::move(cb));
    });
    QCOMPARE(bool(usage), stats);
    QCOMPARE(lastTo(u"allocation/"_s).path, u"/v1/client/allocation/"_s + m_alloc + u"/stats"_s);
    if (!stats)
        QCOMPARE(allocFsFailureText(usage.error(), AllocFsAction::Stats, {}, m_alloc, {}),
                 u"Could not read the resource usage of allocation "_s + m_alloc.left(8) +
                     u": Nomad answered 403 Permission denied. The token needs the read-job "
                     u"capability in namespace “default”."_s);
    else
        QCOMPARE(usage->value.tasks.keys(), QStringList{u"talk"_s});
}

void TestAllocFsClient::goneAllocation()
{
    const QString gone = QString(36, u'0');
    const auto listing = wait<QList<AllocFileInfo>>([&](Callback<QList<AllocFileInfo>> cb) {
        m_cluster.client()->allocDirectory(gone, u"/"_s, {}, this, std::move(cb));
    });
    QVERIFY(!listing);
    QVERIFY(isAllocationGone(listing.error()));
    QVERIFY(allocFsFailureText(listing.error(), AllocFsAction::List, u"/"_s, gone, {})
                .endsWith(u"The allocation is gone from its client (garbage-collected); its "
                          u"files and resource usage can no longer be read."_s));
}

DD_TEST_GUILESS_MAIN(TestAllocFsClient)
#include "tst_allocfsclient.moc"
