// ResourceUsageChart against the simulator: readings of a running chatty
// allocation drawn over time (the simulated clock moves two seconds a
// reading), the value under the mouse, a bounded history, no readings while
// hidden or once the allocation is terminal (the last one stays), and the
// words when there is nothing to read. Screenshots: usage-chart-*.png.
#include "api/nomadclient.h"
#include "fixtures.h"
#include "gui/resourceusagechart.h"
#include "guitestsupport.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>

#include "testmain.h"

using namespace dd;
using namespace dd::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestUsageChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup();

    void drawsARunningAllocation();
    void boundedHistoryAndHidden();
    void nothingToRead();
    void clientArrivesLater();

private:
    void startCluster(bool acl = false);
    QString dispatchChatty(const QString &lines);
    void makeChart(const QString &alloc);
    int statsRequests() const
    {
        return int(m_host->requests()->matching(u"GET"_s, u"/stats$"_s).size());
    }

    std::unique_ptr<sim::SimulatorHost> m_host;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<NomadClient> m_client;
    std::unique_ptr<gui::ResourceUsageChart> m_chart;
};

void TestUsageChart::cleanup()
{
    m_chart.reset();
    m_client.reset();
    m_network.reset();
    m_host.reset();
}

void TestUsageChart::startCluster(bool acl)
{
    auto cluster = startChattyCluster(17, acl);
    DD_VERIFY_OK(cluster);
    m_host = std::move(cluster->host);
    m_network = std::move(cluster->network);
    m_client = std::move(cluster->client);
}

QString TestUsageChart::dispatchChatty(const QString &lines)
{
    QString alloc;
    m_host->invoke([&](sim::Simulator &s) {
        sim::DispatchRequest r;
        r.jobId = u"chatty"_s;
        r.meta = {{u"lines"_s, lines}};
        const auto child = s.dispatch(r);
        s.clock().advance(1000);
        if (child)
            alloc = s.allocsOfJob(child->dispatchedJobId).first()->id;
    });
    return alloc;
}

void TestUsageChart::makeChart(const QString &alloc)
{
    m_chart = std::make_unique<gui::ResourceUsageChart>(m_client.get());
    m_chart->setPollInterval(30ms);
    m_chart->resize(760, 360);
    m_chart->setAllocation(alloc, u"default"_s);
}

void TestUsageChart::drawsARunningAllocation()
{
    startCluster();
    const QString alloc = dispatchChatty(u"400"_s); // runs for 100 simulated seconds
    makeChart(alloc);
    QVERIFY(!m_chart->isPolling()); // not shown yet
    QCOMPARE(m_chart->statusText(),
             u"Reading the resource usage of allocation "_s + alloc.left(8) + u"…"_s);
    saveScreenshot(m_chart.get(), u"usage-chart-waiting"_s);
    // Two simulated seconds between readings, as at the default interval.
    connect(m_chart.get(), &gui::ResourceUsageChart::updated, this,
            [this]() { m_host->invoke([](sim::Simulator &s) { s.clock().advance(2000); }); });
    m_chart->show();
    QVERIFY(m_chart->isPolling());
    QTRY_VERIFY_WITH_TIMEOUT(m_chart->history().samples().size() >= 45, 20000);
    disconnect(m_chart.get(), &gui::ResourceUsageChart::updated, this, nullptr);
    const auto &samples = m_chart->history().samples();
    QSet<double> cpu;
    for (const auto &s : samples) {
        QVERIFY(s.memoryBytes > 0);
        cpu.insert(s.cpuPercent);
    }
    QVERIFY(cpu.size() > 10); // the usage moves while the task runs
    QVERIFY(m_chart->statusText().isEmpty());
    QVERIFY(m_chart->currentText().startsWith(u"CPU "_s));
    QCOMPARE(m_host->requests()->matching(u"GET"_s, u"/stats$"_s).first().path,
             u"/v1/client/allocation/"_s + alloc + u"/stats"_s);

    // The reading under the mouse.
    const QPoint middle(m_chart->width() / 2, m_chart->height() / 3);
    const QString tip = m_chart->tooltipAt(middle);
    QVERIFY2(tip.contains(u"CPU "_s) && tip.contains(u" of one core ("_s) &&
                 tip.contains(u" MHz)\nMemory "_s) && tip.endsWith(u" MB"_s),
             qPrintable(tip));
    QVERIFY(m_chart->tooltipAt(QPoint(2, 2)).isEmpty()); // over the header, nothing
    QTest::mouseMove(m_chart.get(), middle);
    saveScreenshot(m_chart.get(), u"usage-chart-running"_s);
    m_chart->setPalette(darkTestPalette());
    saveScreenshot(m_chart.get(), u"usage-chart-dark"_s);
    m_chart->setPalette(QPalette());
    // As small as it lets itself be, in a crowded tab.
    const QSize normal = m_chart->size();
    m_chart->resize(m_chart->minimumSizeHint());
    saveScreenshot(m_chart.get(), u"usage-chart-small"_s);
    // Short and wide (a monitor under the form): memory beside CPU, and
    // hovering either pane reads a moment.
    m_chart->resize(700, m_chart->minimumSizeHint().height());
    const int y = m_chart->height() / 2;
    const QString left = m_chart->tooltipAt(QPoint(m_chart->width() / 4, y));
    const QString right = m_chart->tooltipAt(QPoint(m_chart->width() * 3 / 4 + 20, y));
    QVERIFY2(left.contains(u"CPU "_s), qPrintable(left));
    QVERIFY2(right.contains(u"CPU "_s), qPrintable(right));
    saveScreenshot(m_chart.get(), u"usage-chart-side-by-side"_s);
    m_chart->resize(normal);

    // Terminal: no more readings, the last one kept.
    const qsizetype kept = samples.size();
    m_chart->setAllocationTerminal();
    QVERIFY(!m_chart->isPolling());
    const int sent = statsRequests();
    QTest::qWait(150); // five intervals
    // A reading already on the wire when it stopped may still land; none after it.
    QVERIFY(statsRequests() <= sent + 1);
    QCOMPARE(m_chart->history().samples().size(), kept);
    QCOMPARE(m_chart->statusText(),
             u"Allocation "_s + alloc.left(8) + u" has finished; its last reading is shown."_s);
    QTest::mouseMove(m_chart.get(), QPoint(1, 1));
    saveScreenshot(m_chart.get(), u"usage-chart-finished"_s);
}

void TestUsageChart::boundedHistoryAndHidden()
{
    startCluster();
    const QString alloc = dispatchChatty(u"400"_s);
    makeChart(alloc);
    m_chart->setHistoryWindow(20s);
    connect(m_chart.get(), &gui::ResourceUsageChart::updated, this,
            [this]() { m_host->invoke([](sim::Simulator &s) { s.clock().advance(2000); }); });
    m_chart->show();
    QTRY_VERIFY_WITH_TIMEOUT(statsRequests() >= 20, 20000);
    const auto &samples = m_chart->history().samples();
    QVERIFY(samples.size() <= 11);
    QVERIFY(samples.last().timestampNs - samples.first().timestampNs <= 20'000'000'000);
    // Hidden (another tab in front): no readings; shown again: they go on.
    m_chart->hide();
    QVERIFY(!m_chart->isPolling());
    const int sent = statsRequests();
    QTest::qWait(150);
    QVERIFY(statsRequests() <= sent + 1);
    m_chart->show();
    QTRY_VERIFY(statsRequests() > sent + 1);
}

void TestUsageChart::nothingToRead()
{
    startCluster(true);
    const QString done = dispatchChatty(u"4"_s);
    m_host->invoke([](sim::Simulator &s) { s.clock().advance(10'000); }); // finished
    makeChart(done);
    m_chart->show();
    QTRY_COMPARE(m_chart->statusText(), u"No task of allocation "_s + done.left(8) +
                                            u" is running now; its usage shows while one runs."_s);
    QVERIFY(m_chart->history().isEmpty());
    saveScreenshot(m_chart.get(), u"usage-chart-idle"_s);
    m_chart->setAllocationTerminal();
    QCOMPARE(m_chart->statusText(), u"Allocation "_s + done.left(8) +
                                        u" has finished: there is no resource usage to show."_s);

    // A token that may read files but not the job: said, and no more readings.
    const QString running = dispatchChatty(u"400"_s);
    const QString token = createToken(*m_host, u"files"_s,
                                      QMap<QString, QStringList>{{u"default"_s, {u"read-fs"_s}}});
    ClientConfig config = m_client->config();
    config.token = token;
    m_client->setConfig(config);
    m_chart->setAllocation(running, u"default"_s);
    QTRY_VERIFY(!m_chart->isPolling());
    QCOMPARE(m_chart->statusText(),
             u"Could not read the resource usage of allocation "_s + running.left(8) +
                 u": Nomad answered 403 Permission denied. The token needs the read-job "
                 u"capability in namespace “default”."_s);
    const int sent = statsRequests();
    QTest::qWait(150);
    QCOMPARE(statsRequests(), sent);
    saveScreenshot(m_chart.get(), u"usage-chart-forbidden"_s);
}

void TestUsageChart::clientArrivesLater()
{
    startCluster();
    const QString alloc = dispatchChatty(u"400"_s);
    m_chart = std::make_unique<gui::ResourceUsageChart>(nullptr);
    m_chart->setPollInterval(30ms);
    m_chart->setAllocation(alloc, u"default"_s);
    m_chart->show();
    QVERIFY(!m_chart->isPolling());
    QCOMPARE(m_chart->statusText(), u"Not connected to a Nomad cluster."_s);
    m_chart->setClient(m_client.get());
    QVERIFY(m_chart->isPolling());
    QTRY_VERIFY(!m_chart->history().isEmpty());
}

DD_TEST_MAIN(TestUsageChart)
#include "tst_usagechart.moc"
