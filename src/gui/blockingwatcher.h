#pragma once
// Keeps one Nomad read current with blocking queries: each answer's index is
// the next call's wait index, so updates arrive as soon as they happen with
// no polling. Transient failures retry with backoff; a refusal (403, 404)
// stops until refresh(), since repeating it cannot help.

#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QObject>
#include <QTimer>

namespace dd::gui {

class BlockingWatcher : public QObject
{
    Q_OBJECT
public:
    // Reports the index of the answer, or why there was none.
    using Done = std::function<void(Result<quint64>)>;
    // Makes the call with the given options; the watcher owns the timing.
    using Fetch =
        std::function<CallHandle(const QueryOptions &options, QObject *context, Done done)>;

    BlockingWatcher(Fetch fetch, QueryOptions base, QObject *parent = nullptr);
    ~BlockingWatcher() override;

    void setBlockingWait(std::chrono::milliseconds wait) { m_wait = wait; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

    void start();
    void stop();
    // Reads again now, without waiting on the index (F5).
    void refresh();
    bool isRunning() const { return m_running; }
    quint64 index() const { return m_index; }

Q_SIGNALS:
    // The first answer, and every answer after a failure.
    void ready();
    void failed(const dd::ApiError &error, bool willRetry);

private:
    void call();
    void onDone(Result<quint64> result);

    Fetch m_fetch;
    QueryOptions m_base;
    std::chrono::milliseconds m_wait{300000};
    RetryPolicy m_retry;
    quint64 m_index = 0;
    int m_attempt = 0;
    int m_generation = 0; // answers from a cancelled call are ignored
    bool m_running = false;
    bool m_healthy = false;
    CallHandle m_call;
    QTimer m_timer;
};

} // namespace dd::gui
