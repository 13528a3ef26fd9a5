#pragma once
// Follows a dispatched child job until it is dead, with blocking queries on
// its allocations, and reports each allocation's status change and the end.

#include "api/blockingfollower.h"
#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QObject>

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

    void setRetryPolicy(RetryPolicy policy) { m_follower->setRetryPolicy(policy); }
    void setBlockingWait(std::chrono::milliseconds wait) { m_follower->setBlockingWait(wait); }
    void start();
    void cancel();

Q_SIGNALS:
    void allocationsUpdated(const QList<dd::Allocation> &allocations);
    void allocationStatusChanged(const dd::Allocation &allocation, const QString &from);
    void reconnecting(const dd::ApiError &error, int attempt, std::chrono::milliseconds delay);
    void finished(const dd::JobOutcome &outcome);

private:
    void poll(const BlockingFollower::Round &round);
    void onAllocations(const QList<Allocation> &allocations);
    void checkJob(const BlockingFollower::Round &round, const QList<Allocation> &allocations);
    void finish(JobOutcome outcome);

    NomadClient *m_client;
    QString m_jobId;
    QString m_nameSpace;
    QHash<QString, QString> m_statuses;
    bool m_running = false;
    BlockingFollower *m_follower;
};

} // namespace dd

Q_DECLARE_METATYPE(dd::JobOutcome)
