#include "app/simulatordemocluster.h"

#include "sim/simulatorhost.h"

#include <QCoreApplication>

namespace dd::app {

namespace {
class SimulatorDemoCluster : public gui::DemoCluster
{
public:
    SimulatorDemoCluster()
    {
        sim::SimulatorOptions options;
        options.loadDemoData = true;
        options.nodeName = QStringLiteral("demo-node");
        m_host = std::make_unique<sim::SimulatorHost>(options);
    }

    std::expected<Profile, QString> start() override
    {
        if (!m_host->isRunning()) {
            if (auto started = m_host->start(); !started)
                return std::unexpected(started.error());
        }
        Profile p;
        p.name = QCoreApplication::translate("DemoCluster", "Demo cluster");
        p.config.address = m_host->baseUrl();
        p.config.token = m_host->managementToken();
        p.isDemo = true;
        return p;
    }

private:
    std::unique_ptr<sim::SimulatorHost> m_host;
};
} // namespace

gui::DemoClusterFactory simulatorDemoFactory()
{
    return []() -> std::unique_ptr<gui::DemoCluster> {
        return std::make_unique<SimulatorDemoCluster>();
    };
}

} // namespace dd::app
