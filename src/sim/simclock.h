#pragma once
// Simulated time. Everything the simulator schedules (scheduler passes, task run
// times, blocking-query timeouts, event-stream heartbeats) runs on this clock, so a
// test can pause it and step it instead of waiting real seconds, and a demo can
// speed it up.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <map>
#include <unordered_map>

namespace dd::sim {

class SimClock : public QObject
{
    Q_OBJECT
public:
    using TimerId = quint64;

    explicit SimClock(QObject *parent = nullptr);

    // Nanoseconds since the Unix epoch, as the simulated cluster sees it.
    qint64 nowNs() const;
    qint64 nowMs() const { return nowNs() / 1'000'000; }

    double timeScale() const { return m_scale; }
    void setTimeScale(double scale);
    bool isPaused() const { return m_paused; }
    void pause();
    void resume();
    // Moves simulated time forward, running whatever falls due in order, each at
    // its own due time (so timestamps written by callbacks are exact).
    void advance(qint64 ms);

    // Runs fn after `ms` of simulated time, unless context is destroyed first.
    // A zero delay still runs asynchronously, even while paused.
    TimerId callAfter(qint64 ms, QObject *context, std::function<void()> fn);
    void cancel(TimerId id);
    int pendingTimers() const { return int(m_queue.size()); }

private:
    struct Entry
    {
        TimerId id;
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    // Due time, then ID: timers due at the same time run in the order they were set.
    using Key = std::pair<qint64, TimerId>;
    void setNow(qint64 ns);
    void rearm();
    void fireDue();

    qint64 m_anchorNs = 0; // simulated time when m_sinceAnchor was started
    QElapsedTimer m_sinceAnchor;
    double m_scale = 1.0;
    bool m_paused = false;
    bool m_firing = false;
    std::map<Key, Entry> m_queue;
    std::unordered_map<TimerId, qint64> m_due; // so cancel() needs no scan
    QTimer m_timer;
    TimerId m_nextId = 1;
};

} // namespace dd::sim
