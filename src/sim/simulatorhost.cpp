#include "sim/simulatorhost.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

SimulatorHost::SimulatorHost(const SimulatorOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_thread.setObjectName(u"nomad-api-sim"_s);
}

SimulatorHost::~SimulatorHost()
{
    stop();
}

std::expected<void, QString> SimulatorHost::start()
{
    if (m_simulator)
        return {};
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    std::expected<void, QString> result;
    QMetaObject::invokeMethod(
        m_context,
        [this, &result] {
            m_simulator = new Simulator(m_options);
            result = m_simulator->start();
            if (!result) {
                delete m_simulator;
                m_simulator = nullptr;
                return;
            }
            m_port = m_simulator->port();
            m_baseUrl = m_simulator->baseUrl();
            m_managementToken = m_simulator->managementToken();
            m_requests = &m_simulator->requests();
            m_faults = &m_simulator->faults();
        },
        Qt::BlockingQueuedConnection);
    if (!result)
        stop();
    return result;
}

void SimulatorHost::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_simulator;
            m_simulator = nullptr;
            delete m_context;
            m_context = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_requests = nullptr;
    m_faults = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void SimulatorHost::invoke(const std::function<void(Simulator &)> &fn)
{
    if (!m_simulator || !m_context)
        return;
    QMetaObject::invokeMethod(
        m_context, [this, &fn] { fn(*m_simulator); }, Qt::BlockingQueuedConnection);
}

} // namespace dd::sim
