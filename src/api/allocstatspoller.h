#pragma once
// Reads an allocation's resource usage (/v1/client/allocation/<id>/stats)
// every `interval` while it runs: one request at a time, the next one an
// interval after the last answer, on the client's follow lane so a user's
// click never waits behind it. A refusal that will not change (no read-job,
// the allocation gone from its client) stops it; a transient failure is
// reported and the next reading tried at the usual time. Told that the
// allocation is terminal, it stops at once: a finished allocation has no
// usage to read.

#include "api/nomadclient.h"

#include <QObject>

#include <chrono>
#include <memory>

class QTimer;

namespace dd {

class AllocStatsPoller : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultInterval{2000};

    explicit AllocStatsPoller(NomadClient *client, QObject *parent = nullptr);
    ~AllocStatsPoller() override;

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }

    // Starts reading this allocation (the full ID) now, and again every interval.
    void start(const QString &allocId, const QString &nameSpace = {});
    // Stops without a signal; a reading under way is dropped.
    void stop();
    // The allocation ended: nothing more is read (stopped() follows).
    void setAllocationTerminal();

    bool isPolling() const { return m_polling; }
    const QString &allocId() const { return m_allocId; }
    int readings() const { return m_readings; }

Q_SIGNALS:
    void sampled(const dd::AllocResourceUsage &usage);
    // willRetry: the next reading is tried at the usual time.
    void failed(const dd::ApiError &error, bool willRetry);
    // No more readings: told the allocation ended, or a refusal that will not change.
    void stopped();

private:
    void poll();
    void onAnswer(Result<Reply<AllocResourceUsage>> answer);
    void halt();

    NomadClient *m_client;
    std::chrono::milliseconds m_interval = kDefaultInterval;
    QString m_allocId;
    QString m_nameSpace;
    std::unique_ptr<QObject> m_context; // owns the reading under way
    QTimer *m_timer;
    bool m_polling = false;
    int m_readings = 0;
};

} // namespace dd
