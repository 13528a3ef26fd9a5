// AllocFilesPanel against the simulator, driven by objectName: the tree
// opens alloc/logs and the task's local/ (the dispatched payload) by itself,
// Open shows text made safe and binary as hex, a folder that cannot be listed
// shows why on its node, Refresh changes rows in place, Save… streams to the
// path the dialog gave (a cut read leaves nothing, Cancel too), and a token
// without read-fs is told so. Screenshots: allocfiles-*.png.
#include "api/nomadclient.h"
#include "fixtures.h"
#include "gui/allocfilespanel.h"
#include "gui/allocfileviewer.h"
#include "gui/filedialogs.h"
#include "guitestsupport.h"
#include "models/allocfilemodel.h"
#include "sim/clientfiles.h"

#include <QAbstractProxyModel>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kFilesTimeout = 10000;

class AllocFilesDialogs : public gui::FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &) override { return answer; }
    QString directory(QWidget *, const QString &) override { return {}; }
    QString saveFileNameSuggesting(QWidget *, const QString &caption, const QString &,
                                   const QString &suggested) override
    {
        lastCaption = caption;
        lastSuggested = suggested;
        return answer;
    }
    QString answer;
    QString lastCaption;
    QString lastSuggested;
};
} // namespace

class TestAllocFilesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup();

    void opensLogsAndPayload();
    void showsWhyAFolderCannotBeListed();
    void refreshChangesRowsInPlace();
    void savesAndLeavesNothingOnFailure();
    void binaryTooLargeAndUnsafeText();
    void tokenWithoutReadFs();
    void clientArrivesLater();

private:
    void startCluster(bool acl = false);
    QString dispatch(const QString &job, const QMap<QString, QString> &meta,
                     const QByteArray &payload = {});
    void advance(qint64 ms)
    {
        m_host->invoke([ms](sim::Simulator &s) { s.clock().advance(ms); });
    }
    void showPanel(const QString &alloc, const QStringList &tasks);
    template<typename T> T *find(const QString &name) const
    {
        return m_panel->findChild<T *>(name);
    }
    QModelIndex row(const QString &path) const
    {
        auto *proxy =
            qobject_cast<QAbstractProxyModel *>(find<QTreeView>(u"allocFilesTree"_s)->model());
        return proxy->mapFromSource(m_panel->model()->indexOf(path));
    }
    void click(const QString &path, bool twice = false)
    {
        auto *tree = find<QTreeView>(u"allocFilesTree"_s);
        tree->scrollTo(row(path));
        const QPoint at = tree->visualRect(row(path)).center();
        // A view takes a double-click only on the row the first click pressed.
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        if (twice)
            QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    }
    int requests(const QString &kind) const
    {
        return int(m_host->requests()->matching(u"GET"_s, u"^/v1/client/fs/"_s + kind).size());
    }

    std::unique_ptr<sim::SimulatorHost> m_host;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<NomadClient> m_client;
    AllocFilesDialogs m_dialogs;
    std::unique_ptr<gui::AllocFilesPanel> m_panel;
    QTemporaryDir m_dir;
};

void TestAllocFilesPanel::cleanup()
{
    m_panel.reset();
    m_client.reset();
    m_network.reset();
    m_host.reset();
}

void TestAllocFilesPanel::startCluster(bool acl)
{
    auto cluster = startChattyCluster(13, acl);
    DD_VERIFY_OK(cluster);
    m_host = std::move(cluster->host);
    m_network = std::move(cluster->network);
    m_client = std::move(cluster->client);
}

QString TestAllocFilesPanel::dispatch(const QString &job, const QMap<QString, QString> &meta,
                                      const QByteArray &payload)
{
    QString alloc;
    m_host->invoke([&](sim::Simulator &s) {
        sim::DispatchRequest r;
        r.jobId = job;
        r.meta = meta;
        r.payload = payload;
        const auto child = s.dispatch(r);
        s.clock().advance(100);
        if (child && !s.allocsOfJob(child->dispatchedJobId).isEmpty())
            alloc = s.allocsOfJob(child->dispatchedJobId).first()->id;
    });
    return alloc;
}

void TestAllocFilesPanel::showPanel(const QString &alloc, const QStringList &tasks)
{
    m_panel = std::make_unique<gui::AllocFilesPanel>(m_client.get(), m_dialogs);
    m_panel->resize(1100, 560);
    m_panel->show();
    m_panel->setAllocation(alloc, u"default"_s, tasks);
}

void TestAllocFilesPanel::opensLogsAndPayload()
{
    startCluster();
    const QByteArray payload = "{\"s3-input\": \"s3://media/in/clip-0042.mov\"}\n";
    const QString alloc = dispatch(u"video-encode"_s, {{u"input-codec"_s, u"mp4"_s}}, payload);
    advance(3000);
    showPanel(alloc, {u"encode"_s});
    QCOMPARE(find<QLabel>(u"allocFilesTitleLabel"_s)->text(),
             u"Files of allocation "_s + alloc.left(8) + u"  ·  task encode"_s);
    // alloc/logs and the task's local/ open by themselves.
    QTRY_VERIFY_WITH_TIMEOUT(row(u"/encode/local/input.json"_s).isValid(), kFilesTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(row(u"/alloc/logs/encode.stdout.0"_s).isValid(), kFilesTimeout);
    auto *tree = find<QTreeView>(u"allocFilesTree"_s);
    QVERIFY(tree->isExpanded(row(u"/alloc/logs"_s)));
    QVERIFY(tree->isExpanded(row(u"/encode/local"_s)));
    QVERIFY(!tree->isExpanded(row(u"/encode/secrets"_s))); // not listed until opened
    QStringList listed;
    for (const auto &r : m_host->requests()->matching(u"GET"_s, u"^/v1/client/fs/ls/"_s))
        listed << r.queryValue(u"path");
    listed.sort();
    QCOMPARE(listed, (QStringList{u"/"_s, u"/alloc"_s, u"/alloc/logs"_s, u"/encode"_s,
                                  u"/encode/local"_s}));

    auto *open = find<QPushButton>(u"allocFilesOpenButton"_s);
    QVERIFY(!open->isEnabled());
    click(u"/encode/local/input.json"_s);
    QVERIFY(open->isEnabled());
    QVERIFY(find<QPushButton>(u"allocFilesSaveButton"_s)->isEnabled());
    QSignalSpy shown(m_panel.get(), &gui::AllocFilesPanel::fileShown);
    QTest::mouseClick(open, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, kFilesTimeout);
    auto *viewer = find<QPlainTextEdit>(u"allocFilesViewer"_s);
    QCOMPARE(viewer->toPlainText(), QString::fromUtf8(payload).trimmed());
    QVERIFY(viewer->isReadOnly());
    QVERIFY(
        find<QLabel>(u"allocFilesViewerTitle"_s)->text().startsWith(u"/encode/local/input.json"_s));
    QCOMPARE(
        m_host->requests()->matching(u"GET"_s, u"^/v1/client/fs/cat/"_s).last().queryValue(u"path"),
        u"/encode/local/input.json"_s);
    saveScreenshot(m_panel.get(), u"allocfiles-payload"_s);

    // A double-click opens a log; the task's pipes cannot be opened or saved.
    click(u"/alloc/logs/encode.stdout.0"_s, true);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, kFilesTimeout);
    QVERIFY(viewer->toPlainText().endsWith(u"quality=720p codec=mp4"_s));
    click(u"/alloc/logs/.encode.stdout.fifo"_s);
    QVERIFY(!open->isEnabled());
    QVERIFY(!find<QPushButton>(u"allocFilesSaveButton"_s)->isEnabled());
    QCOMPARE(row(u"/alloc/logs/.encode.stdout.fifo"_s).siblingAtColumn(1).data().toString(),
             u"pipe"_s);
    saveScreenshot(m_panel.get(), u"allocfiles-log"_s);
    // In a dark palette, as some desktops have it.
    click(u"/alloc/logs/encode.stdout.0"_s);
    m_panel->setPalette(darkTestPalette());
    saveScreenshot(m_panel.get(), u"allocfiles-dark"_s);
    m_panel->setPalette(QPalette());
    // In a tab of a 1280×800 window.
    m_panel->resize(760, 380);
    saveScreenshot(m_panel.get(), u"allocfiles-small"_s);
}

void TestAllocFilesPanel::showsWhyAFolderCannotBeListed()
{
    startCluster();
    const QString alloc = dispatch(u"chatty"_s, {{u"lines"_s, u"8"_s}});
    advance(3000);
    // An agent that cannot read a task's folder answers like this (the
    // simulator lists secrets/ as Nomad 1.0 does; the refusal is injected).
    QString dir;
    m_host->invoke([&](sim::Simulator &s) { dir = s.files().allocDir(); });
    const QString nomadText =
        u"open "_s + dir + u'/' + alloc + u"/talk/secrets: permission denied"_s;
    m_host->faults()->failWith(500, nomadText, u"fs/ls/.*path=%2Ftalk%2Fsecrets"_s);
    showPanel(alloc, {u"talk"_s});
    QTRY_VERIFY_WITH_TIMEOUT(row(u"/talk/secrets"_s).isValid(), kFilesTimeout);
    auto *tree = find<QTreeView>(u"allocFilesTree"_s);
    tree->expand(row(u"/talk/secrets"_s));
    const QModelIndex secrets = row(u"/talk/secrets"_s);
    QTRY_VERIFY_WITH_TIMEOUT(tree->model()->rowCount(secrets) == 1 &&
                                 m_panel->model()->kindOf(m_panel->model()->index(
                                     0, 0, m_panel->model()->indexOf(u"/talk/secrets"_s))) ==
                                     models::AllocFileModel::Kind::Error,
                             kFilesTimeout);
    const QString expected = u"Could not list “/talk/secrets” of allocation "_s + alloc.left(8) +
                             u": Nomad answered 500 "_s + nomadText + u'.';
    const QModelIndex error = tree->model()->index(0, 0, secrets);
    QCOMPARE(error.data().toString(), expected);
    QVERIFY(tree->isFirstColumnSpanned(0, secrets));
    QCOMPARE(GuiFixture::labelText(find<QLabel>(u"allocFilesMessageLabel"_s)), expected);
    // The other folders are unaffected.
    QVERIFY(row(u"/alloc/logs/talk.stdout.0"_s).isValid());
    tree->scrollTo(error);
    saveScreenshot(m_panel.get(), u"allocfiles-error-node"_s);
}

void TestAllocFilesPanel::refreshChangesRowsInPlace()
{
    startCluster();
    const QString alloc = dispatch(u"chatty"_s, {{u"lines"_s, u"400"_s}});
    advance(1000);
    showPanel(alloc, {u"talk"_s});
    const QString out = u"/alloc/logs/talk.stdout.0"_s;
    QTRY_VERIFY_WITH_TIMEOUT(row(out).isValid(), kFilesTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->pendingListings(), 0, kFilesTimeout);
    click(out);
    const qint64 before =
        m_panel->model()->indexOf(out).data(models::AllocFileModel::SizeRole).toLongLong();
    QSignalSpy resets(m_panel->model(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_panel->model(), &QAbstractItemModel::rowsRemoved);
    const int listings = requests(u"ls/"_s);
    advance(5000); // twenty more lines
    QTest::mouseClick(find<QPushButton>(u"allocFilesRefreshButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_panel->model()->indexOf(out).data(models::AllocFileModel::SizeRole).toLongLong() > before,
        kFilesTimeout);
    QTRY_COMPARE(m_panel->pendingListings(), 0);
    // One listing per folder open, nothing reset or removed, the selection kept.
    QCOMPARE(requests(u"ls/"_s) - listings, m_panel->model()->listedFolders().size());
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 0);
    auto *tree = find<QTreeView>(u"allocFilesTree"_s);
    QCOMPARE(tree->currentIndex(), row(out));
    QVERIFY(tree->isExpanded(row(u"/alloc/logs"_s)));
}

void TestAllocFilesPanel::savesAndLeavesNothingOnFailure()
{
    startCluster();
    const QString alloc = dispatch(u"chatty"_s, {{u"lines"_s, u"40"_s}});
    advance(20'000);
    showPanel(alloc, {u"talk"_s});
    const QString out = u"/alloc/logs/talk.stdout.0"_s;
    QTRY_VERIFY_WITH_TIMEOUT(row(out).isValid(), kFilesTimeout);
    m_panel->setSaveChunkBytes(64);
    click(out);
    QSignalSpy finished(m_panel.get(), &gui::AllocFilesPanel::saveFinished);
    m_dialogs.answer = m_dir.filePath(u"talk.stdout"_s);
    QTest::mouseClick(find<QPushButton>(u"allocFilesSaveButton"_s), Qt::LeftButton);
    QCOMPARE(m_dialogs.lastSuggested, u"talk.stdout.0"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kFilesTimeout);
    QCOMPARE(finished.last().at(2).toBool(), true);
    QFile saved(m_dialogs.answer);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.size(), 471);
    QVERIFY(saved.readAll().startsWith("out line 1\nout line 2\n"));
    QCOMPARE(requests(u"readat/"_s), 8); // 471 bytes in chunks of 64
    QCOMPARE(GuiFixture::labelText(find<QLabel>(u"allocFilesStatusLabel"_s)),
             u"Saved “"_s + out + u"” (471 bytes) to “"_s + m_dialogs.answer + u"”."_s);
    QVERIFY(!find<QWidget>(u"allocFilesSaveProgress"_s)->isVisible());
    saveScreenshot(m_panel.get(), u"allocfiles-saved"_s);

    // The fourth chunk's answer breaks off, however often it is asked for.
    m_host->faults()->closeMidResponse(u"fs/readat/.*offset=192&"_s);
    m_dialogs.answer = m_dir.filePath(u"cut.stdout"_s);
    QTest::mouseClick(find<QPushButton>(u"allocFilesSaveButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kFilesTimeout);
    QCOMPARE(finished.last().at(2).toBool(), false);
    const QString status = GuiFixture::labelText(find<QLabel>(u"allocFilesStatusLabel"_s));
    QVERIFY2(status.startsWith(u"Could not save “"_s + out + u"” of allocation "_s),
             qPrintable(status));
    QVERIFY2(status.endsWith(u"“"_s + m_dialogs.answer + u"” was left as it was."_s),
             qPrintable(status));
    QVERIFY(!QFile::exists(m_dialogs.answer));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"talk.stdout"_s});
    saveScreenshot(m_panel.get(), u"allocfiles-save-failed"_s);

    // Cancel, while the answers are slow.
    m_host->faults()->clear();
    m_host->faults()->addLatency(300, u"fs/readat/"_s);
    m_dialogs.answer = m_dir.filePath(u"cancelled.stdout"_s);
    QTest::mouseClick(find<QPushButton>(u"allocFilesSaveButton"_s), Qt::LeftButton);
    QVERIFY(m_panel->isSaving());
    QVERIFY(!find<QPushButton>(u"allocFilesSaveButton"_s)->isEnabled());
    auto *cancel = find<QPushButton>(u"allocFilesCancelSaveButton"_s);
    QTRY_VERIFY(cancel->isVisible());
    QVERIFY(find<QLabel>(u"allocFilesStatusLabel"_s)->isVisible());
    saveScreenshot(m_panel.get(), u"allocfiles-saving"_s);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kFilesTimeout);
    QVERIFY(GuiFixture::labelText(find<QLabel>(u"allocFilesStatusLabel"_s))
                .contains(u"was cancelled"_s));
    QVERIFY(!QFile::exists(m_dialogs.answer));
}

void TestAllocFilesPanel::binaryTooLargeAndUnsafeText()
{
    startCluster();
    QByteArray binary;
    for (int i = 0; i < 2048; ++i)
        binary += char(i % 256);
    const QString binaryAlloc = dispatch(u"video-encode"_s, {{u"input-codec"_s, u"raw"_s}}, binary);
    advance(3000);
    showPanel(binaryAlloc, {u"encode"_s});
    const QString input = u"/encode/local/input.json"_s;
    QTRY_VERIFY_WITH_TIMEOUT(row(input).isValid(), kFilesTimeout);
    QSignalSpy shown(m_panel.get(), &gui::AllocFilesPanel::fileShown);
    click(input, true);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, kFilesTimeout);
    QVERIFY(m_panel->viewer()->isBinary());
    auto *viewer = find<QPlainTextEdit>(u"allocFilesViewer"_s);
    QVERIFY(viewer->toPlainText().startsWith(
        u"00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|"_s));
    QVERIFY2(m_panel->viewer()->noteText().startsWith(u"A binary file of "_s),
             qPrintable(m_panel->viewer()->noteText()));
    saveScreenshot(m_panel.get(), u"allocfiles-binary"_s);

    // Larger than the viewer shows: said, and not read.
    m_panel->setViewLimit(1000);
    const int cats = requests(u"cat/"_s);
    click(input, true);
    QTRY_COMPARE(shown.size(), 2);
    QVERIFY2(m_panel->viewer()->noteText().endsWith(u"shown here. Save it to read it whole."_s),
             qPrintable(m_panel->viewer()->noteText()));
    QCOMPARE(requests(u"cat/"_s), cats);

    // Escape sequences and control bytes a task printed never reach the view.
    const QString textAlloc =
        dispatch(u"video-encode"_s, {{u"input-codec"_s, u"mp4"_s}},
                 "\x1b[1;32mready\x1b[0m \x1b]0;owned\x07 bell\x07 cr\r\nok\n");
    advance(3000);
    m_panel->setViewLimit(gui::AllocFilesPanel::kDefaultViewLimit);
    m_panel->setAllocation(textAlloc, u"default"_s, {u"encode"_s});
    QTRY_VERIFY_WITH_TIMEOUT(row(u"/alloc/logs/encode.stdout.0"_s).isValid(), kFilesTimeout);
    click(u"/alloc/logs/encode.stdout.0"_s, true);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 3, kFilesTimeout);
    const QString text = viewer->toPlainText();
    QVERIFY2(text.startsWith(u"ready  bell\\x07 cr\nok\nquality="_s), qPrintable(text));
    for (const QChar c : text)
        QVERIFY(c == u'\n' || c.unicode() >= 0x20);
    saveScreenshot(m_panel.get(), u"allocfiles-unsafe-text"_s);
}

void TestAllocFilesPanel::tokenWithoutReadFs()
{
    startCluster(true);
    const QString alloc = dispatch(u"chatty"_s, {{u"lines"_s, u"8"_s}});
    const QString token = createToken(*m_host, u"reader"_s,
                                      QMap<QString, QStringList>{{u"default"_s, {u"read-job"_s}}});
    ClientConfig config = m_client->config();
    config.token = token;
    m_client->setConfig(config);
    showPanel(alloc, {u"talk"_s});
    const QString expected = u"Could not list “/” of allocation "_s + alloc.left(8) +
                             u": Nomad answered 403 Permission denied. The token needs the read-fs "
                             u"capability in namespace “default”."_s;
    QTRY_COMPARE_WITH_TIMEOUT(GuiFixture::labelText(find<QLabel>(u"allocFilesMessageLabel"_s)),
                              expected, kFilesTimeout);
    auto *tree = find<QTreeView>(u"allocFilesTree"_s);
    QCOMPARE(tree->model()->rowCount(), 1);
    QCOMPARE(tree->model()->index(0, 0).data().toString(), expected);
    QCOMPARE(m_host->requests()->matching(u"GET"_s, u"^/v1/client/fs/ls/"_s).last().token(), token);
    saveScreenshot(m_panel.get(), u"allocfiles-forbidden"_s);
}

void TestAllocFilesPanel::clientArrivesLater()
{
    startCluster();
    const QString alloc = dispatch(u"chatty"_s, {{u"lines"_s, u"8"_s}});
    m_panel = std::make_unique<gui::AllocFilesPanel>(nullptr, m_dialogs);
    m_panel->show();
    m_panel->setAllocation(alloc, u"default"_s, {u"talk"_s});
    auto *tree = find<QTreeView>(u"allocFilesTree"_s);
    QCOMPARE(tree->model()->index(0, 0).data().toString(), u"Not connected to a Nomad cluster."_s);
    m_panel->setClient(m_client.get());
    QTRY_VERIFY_WITH_TIMEOUT(row(u"/alloc/logs/talk.stdout.0"_s).isValid(), kFilesTimeout);
}

DD_TEST_MAIN(TestAllocFilesPanel)
#include "tst_allocfilespanel.moc"
