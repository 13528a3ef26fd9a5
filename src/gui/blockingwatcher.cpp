#include "gui/blockingwatcher.h"

namespace dd::gui {

namespace {
// An index of 0 would make the next call return at once: poll gently instead.
constexpr std::chrono::milliseconds kNoIndexPoll{2000};
} // namespace

BlockingWatcher::BlockingWatcher(Fetch fetch, QueryOptions base, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_base(std::move(base))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &BlockingWatcher::call);
}

BlockingWatcher::~BlockingWatcher()
{
    // NomadClient aborts the call when its context (this) is destroyed.
    m_running = false;
}

void BlockingWatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    m_index = 0;
    m_attempt = 0;
    call();
}

void BlockingWatcher::stop()
{
    m_running = false;
    ++m_generation;
    m_timer.stop();
    m_call.cancel();
}

void BlockingWatcher::refresh()
{
    stop();
    start();
}

void BlockingWatcher::call()
{
    if (!m_running)
        return;
    QueryOptions o = m_base;
    if (m_index > 0) {
        o.waitIndex = m_index;
        o.waitTime = m_wait;
    }
    const int generation = ++m_generation;
    m_call = m_fetch(o, this, [this, generation](Result<quint64> result) {
        if (generation != m_generation || !m_running)
            return;
        onDone(std::move(result));
    });
}

void BlockingWatcher::onDone(Result<quint64> result)
{
    if (!result) {
        if (result.error().kind == ApiError::Kind::Cancelled)
            return;
        m_healthy = false;
        const bool retry = result.error().isTransient();
        Q_EMIT failed(result.error(), retry);
        if (!retry) {
            m_running = false;
            return;
        }
        m_timer.start(m_retry.delayFor(m_attempt++));
        return;
    }
    m_attempt = 0;
    if (!m_healthy) {
        m_healthy = true;
        Q_EMIT ready();
    }
    // A restarted server counts its indexes from the start again: follow it down.
    m_index = *result;
    if (m_index == 0)
        m_timer.start(kNoIndexPoll);
    else
        call();
}

} // namespace dd::gui
