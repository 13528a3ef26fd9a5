#pragma once
// Follows one evaluation to its end, and the next one it chains to, with
// blocking queries instead of the reference CLI's one-second polling. It
// survives dropped connections, server restarts and leader changes by
// retrying with backoff, and gives up only after a bounded, visible time.

#include "api/monitorevent.h"
#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QObject>
#include <QTimer>

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

    void fetchEvaluation(quint64 waitIndex);
    void onEvaluation(const Evaluation &evaluation, const QueryMeta &meta);
    void onAllocations(const Evaluation &evaluation, const QList<Allocation> &allocations);
    void update(const Evaluation &evaluation, const QList<Allocation> &allocations);
    void finishEvaluation(const Evaluation &evaluation);
    void retryLater(const ApiError &error, std::function<void()> again);
    void fail(const ApiError &error);
    void end(MonitorResult result);
    void emitEvent(MonitorEvent e);
    QueryOptions options(quint64 waitIndex = 0) const;

    NomadClient *m_client;
    QString m_evalId;
    Options m_options;
    State m_state;
    quint64 m_lastIndex = 0;
    bool m_headingShown = false;
    bool m_running = false;
    bool m_placementFailed = false;
    bool m_followingBlocked = false;
    int m_attempt = 0;
    QDateTime m_troubleSince;
    CallHandle m_call;
    QTimer m_retryTimer;
};

} // namespace dd
