#pragma once
// Follows one evaluation to its end, and the next one it chains to, with
// blocking queries instead of the reference CLI's one-second polling. It
// survives dropped connections, server restarts and leader changes by
// retrying with backoff, and gives up only after a bounded, visible time.

#include "api/blockingfollower.h"
#include "api/monitorevent.h"
#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QObject>

namespace dd {

class EvaluationMonitor : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString nameSpace;          // the job's own namespace, sent on every call
        bool followBlocked = false; // keep watching the blocked eval until it places
        // Short enough that a server restart (indexes going back) is noticed soon.
        std::chrono::milliseconds blockingWait{10000};
        RetryPolicy retry;
    };

    EvaluationMonitor(NomadClient *client, QString evalId, Options options,
                      QObject *parent = nullptr);

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    QString currentEvalId() const { return m_evalId; }

Q_SIGNALS:
    void monitorEvent(const dd::MonitorEvent &event);
    void evaluationUpdated(const dd::Evaluation &evaluation);
    void allocationsUpdated(const QList<dd::Allocation> &allocations);
    void finished(const dd::MonitorResult &result);

private:
    struct AllocState
    {
        QString clientStatus;
    };
    struct State
    {
        QString status = QStringLiteral("pending");
        QString nodeId;
        QString jobId;
        quint64 createIndex = 0;
        QHash<QString, AllocState> allocs;
    };

    void fetch(const BlockingFollower::Round &round);
    void onAllocations(const BlockingFollower::Round &round, const Evaluation &evaluation,
                       const QList<Allocation> &allocations);
    void update(const Evaluation &evaluation, const QList<Allocation> &allocations);
    void finishEvaluation(const Evaluation &evaluation);
    void fail(const ApiError &error);
    void end(MonitorResult result);
    void emitEvent(MonitorEvent e);

    NomadClient *m_client;
    QString m_evalId;
    Options m_options;
    State m_state;
    bool m_running = false;
    bool m_placementFailed = false;
    bool m_followingBlocked = false;
    BlockingFollower *m_follower;
};

} // namespace dd
