#pragma once
// Follows a dispatched child job until it is dead, with blocking queries on
// its allocations, and reports each allocation's status change and the end.

#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace dd {

struct JobOutcome
{
    QString status; // the job's final status, normally "dead"
    int complete = 0;
    int failed = 0;
    int lost = 0;
    QList<Allocation> allocations;
    std::optional<ApiError> error;
    bool succeeded() const { return !error && failed == 0 && lost == 0; }
};

class JobWaiter : public QObject
{
    Q_OBJECT
public:
    JobWaiter(NomadClient *client, QString jobId, QString nameSpace, QObject *parent = nullptr);

    void setRetryPolicy(RetryPolicy policy) { m_retry = policy; }
    void setBlockingWait(std::chrono::milliseconds wait) { m_wait = wait; }
    void start();
    void cancel();

Q_SIGNALS:
    void allocationsUpdated(const QList<dd::Allocation> &allocations);
    void allocationStatusChanged(const dd::Allocation &allocation, const QString &from);
    void reconnecting(const dd::ApiError &error, int attempt, std::chrono::milliseconds delay);
    void finished(const dd::JobOutcome &outcome);

private:
    void poll(quint64 waitIndex);
    void checkJob(const QList<Allocation> &allocations);
    void onError(const ApiError &error, quint64 index);
    void finish(JobOutcome outcome);
    QueryOptions options(quint64 waitIndex) const;

    NomadClient *m_client;
    QString m_jobId;
    QString m_nameSpace;
    RetryPolicy m_retry;
    // Short waits bound how long a restarted server (whose index went back) can
    // hold a query that still carries the old index: Qt re-sends it silently
    // when the connection drops, and Nomad holds it until the wait runs out.
    std::chrono::milliseconds m_wait{10000};
    QHash<QString, QString> m_statuses;
    quint64 m_index = 0;
    int m_attempt = 0;
    QDateTime m_troubleSince;
    bool m_running = false;
    CallHandle m_call;
    QTimer m_retryTimer;
};

} // namespace dd

Q_DECLARE_METATYPE(dd::JobOutcome)
