#include "apicluster.h"

#include "api/nomadclient.h"
#include "fixtures.h"

#include <QNetworkAccessManager>

namespace dd::test {

RetryPolicy fastRetry()
{
    RetryPolicy p;
    p.initial = std::chrono::milliseconds(40);
    p.maximum = std::chrono::milliseconds(400);
    p.giveUpAfter = std::chrono::milliseconds(20000);
    return p;
}

ApiCluster::ApiCluster() = default;

ApiCluster::~ApiCluster()
{
    stop();
}

sim::SimulatorOptions ApiCluster::defaultOptions()
{
    sim::SimulatorOptions options;
    options.loadDemoData = false;
    options.jobsDirectory = fixtureJobsDir();
    return options;
}

std::expected<void, QString> ApiCluster::start(sim::SimulatorOptions options)
{
    stop();
    m_sim = std::make_unique<sim::Simulator>(options);
    if (!m_sim->start())
        return std::unexpected(QStringLiteral("the simulator did not start"));
    m_network = std::make_unique<QNetworkAccessManager>();
    ClientConfig config;
    config.address = m_sim->baseUrl();
    m_client = std::make_unique<NomadClient>(m_network.get(), config);
    return {};
}

void ApiCluster::stop()
{
    m_client.reset();
    m_network.reset();
    m_sim.reset();
}

} // namespace dd::test
