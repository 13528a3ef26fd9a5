#pragma once
// Runs a Simulator on its own thread, for the desktop app's demo mode: the GUI
// thread never waits on the simulated cluster. start() blocks until the
// server listens, so port, base URL and management token are known at once.

#include "sim/simulator.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace dd::sim {

class SimulatorHost : public QObject
{
    Q_OBJECT
public:
    explicit SimulatorHost(const SimulatorOptions &options = {}, QObject *parent = nullptr);
    ~SimulatorHost() override;

    std::expected<void, QString> start();
    void stop();
    bool isRunning() const { return m_simulator != nullptr; }

    quint16 port() const { return m_port; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString managementToken() const { return m_managementToken; }

    // Runs fn on the simulator's thread and waits for it to return.
    void invoke(const std::function<void(Simulator &)> &fn);
    // Both are safe to use from any thread.
    RequestLog *requests() const { return m_requests; }
    FaultInjector *faults() const { return m_faults; }

private:
    SimulatorOptions m_options;
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread: the target of invocations
    Simulator *m_simulator = nullptr;
    RequestLog *m_requests = nullptr;
    FaultInjector *m_faults = nullptr;
    quint16 m_port = 0;
    QUrl m_baseUrl;
    QString m_managementToken;
};

} // namespace dd::sim
