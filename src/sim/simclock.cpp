#include "sim/simclock.h"

#include <QDateTime>

#include <cmath>

namespace dd::sim {

SimClock::SimClock(QObject *parent)
    : QObject(parent)
{
    m_anchorNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    m_sinceAnchor.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SimClock::fireDue);
}

qint64 SimClock::nowNs() const
{
    if (m_paused)
        return m_anchorNs;
    return m_anchorNs + qint64(std::llround(double(m_sinceAnchor.nsecsElapsed()) * m_scale));
}

void SimClock::setNow(qint64 ns)
{
    m_anchorNs = ns;
    m_sinceAnchor.restart();
}

void SimClock::setTimeScale(double scale)
{
    if (!(scale > 0))
        return;
    setNow(nowNs());
    m_scale = scale;
    rearm();
}

void SimClock::pause()
{
    if (m_paused)
        return;
    setNow(nowNs());
    m_paused = true;
    rearm();
}

void SimClock::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    setNow(m_anchorNs);
    rearm();
}

void SimClock::advance(qint64 ms)
{
    if (ms < 0)
        return;
    const qint64 target = nowNs() + ms * 1'000'000;
    m_firing = true;
    while (!m_queue.empty() && m_queue.begin()->first.first <= target) {
        auto it = m_queue.begin();
        const qint64 due = it->first.first;
        Entry entry = std::move(it->second);
        m_due.erase(entry.id);
        m_queue.erase(it);
        if (due > nowNs())
            setNow(due);
        if (entry.context)
            entry.fn();
    }
    m_firing = false;
    if (target > nowNs())
        setNow(target);
    rearm();
}

SimClock::TimerId SimClock::callAfter(qint64 ms, QObject *context, std::function<void()> fn)
{
    const TimerId id = m_nextId++;
    const qint64 due = nowNs() + std::max<qint64>(0, ms) * 1'000'000;
    m_queue.emplace(Key(due, id), Entry{id, context, std::move(fn)});
    m_due.emplace(id, due);
    if (!m_firing)
        rearm();
    return id;
}

void SimClock::cancel(TimerId id)
{
    if (const auto due = m_due.find(id); due != m_due.end()) {
        m_queue.erase(Key(due->second, id));
        m_due.erase(due);
    }
    if (!m_firing)
        rearm();
}

void SimClock::rearm()
{
    if (m_queue.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 now = nowNs();
    const qint64 due = m_queue.begin()->first.first;
    if (due <= now) {
        m_timer.start(0);
    } else if (m_paused) {
        m_timer.stop(); // only advance() moves a paused clock
    } else {
        const double realMs = double(due - now) / 1e6 / m_scale;
        m_timer.start(int(std::min(std::ceil(realMs), 86'400'000.0)));
    }
}

void SimClock::fireDue()
{
    m_firing = true;
    // Bounded so a callback that keeps scheduling zero-delay work cannot starve
    // the event loop (sockets must still be served).
    for (int n = 0; n < 1000 && !m_queue.empty(); ++n) {
        auto it = m_queue.begin();
        if (it->first.first > nowNs())
            break;
        Entry entry = std::move(it->second);
        m_due.erase(entry.id);
        m_queue.erase(it);
        if (entry.context)
            entry.fn();
    }
    m_firing = false;
    rearm();
}

} // namespace dd::sim
