#pragma once
// The simulator on an ephemeral loopback port, with the fixture jobs and no
// demo data, and a NomadClient pointed at it: how the tests in tests/api meet
// a cluster.

#include "api/retrypolicy.h"
#include "sim/simulator.h"

#include <QString>

#include <expected>
#include <memory>

class QNetworkAccessManager;

namespace dd {
class NomadClient;
}

namespace dd::test {

// Retries quick enough for a test: 40 ms doubling to 400 ms, for 20 s at most.
RetryPolicy fastRetry();

class ApiCluster
{
public:
    ApiCluster();
    ~ApiCluster();

    // Starts the simulator with `options` (the fixture jobs unless they name
    // others) and a client without a token; the error says what did not start.
    std::expected<void, QString> start(sim::SimulatorOptions options = defaultOptions());
    // The client first, then the network, then the simulator.
    void stop();

    static sim::SimulatorOptions defaultOptions();

    sim::Simulator *sim() const { return m_sim.get(); }
    QNetworkAccessManager *network() const { return m_network.get(); }
    NomadClient *client() const { return m_client.get(); }

private:
    std::unique_ptr<sim::Simulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<NomadClient> m_client;
};

} // namespace dd::test
