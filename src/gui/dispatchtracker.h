#pragma once
// Follows one dispatch from its evaluation to its end: the evaluation (and
// the blocked or next ones it leads to) with EvaluationMonitor, then the
// child's allocations with JobWaiter, so "completed" and "failed" are real.
// It turns what it sees into a timeline and a verdict; widgets only draw them.

#include "api/monitorevent.h"
#include "api/nomadclient.h"
#include "api/retrypolicy.h"

#include <QHash>
#include <QObject>

namespace dd {
class EvaluationMonitor;
class JobWaiter;
struct JobOutcome;
} // namespace dd

namespace dd::models {
class AllocationModel;
class EvaluationModel;
class TimelineModel;
struct TimelineEntry;
} // namespace dd::models

namespace dd::gui {

enum class Verdict {
    Evaluating,
    WaitingForCapacity, // not placed yet, queued until capacity frees up
    Placed,
    Running,
    Completed,
    Failed,
    NotPlaced, // gave up waiting for capacity
    Unknown,   // dispatched, but could not be followed
    Stopped,   // the user stopped following
};

struct VerdictInfo
{
    Verdict verdict = Verdict::Evaluating;
    QString title;
    QString detail;
    bool final = false;
};

struct DispatchContext
{
    QString profileName;
    QString parentId;
    QString nameSpace;
    DispatchResponse response;
    bool deduplicated = false;
    bool waitUntilFinished = true;
};

class DispatchTracker : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        std::chrono::milliseconds blockingWait{60000};
        RetryPolicy retry;
    };

    DispatchTracker(NomadClient *client, DispatchContext context, Settings settings,
                    QObject *parent = nullptr);
    ~DispatchTracker() override;

    void start();
    // Stops watching; the job carries on in Nomad.
    void stop();
    bool isFollowing() const { return m_following; }

    const DispatchContext &context() const { return m_context; }
    NomadClient *client() const { return m_client; }
    VerdictInfo verdict() const { return m_verdict; }
    models::TimelineModel *timeline() const { return m_timeline; }
    models::EvaluationModel *evaluations() const { return m_evaluations; }
    models::AllocationModel *allocations() const { return m_allocations; }

Q_SIGNALS:
    void verdictChanged(const dd::gui::VerdictInfo &verdict);
    void followingChanged(bool following);

private:
    void onMonitorEvent(const MonitorEvent &event);
    void onMonitorFinished(const MonitorResult &result);
    void onAllocations(const QList<Allocation> &allocations);
    void onJobFinished(const JobOutcome &outcome);
    void followChild();
    void setVerdict(Verdict verdict, const QString &title, const QString &detail,
                    bool final = false);
    void add(int severity, const QString &text, const QString &detail = {});
    void cannotFollow(const ApiError &error, const QString &what);
    void updateRunningVerdict();
    void setFollowing(bool following);

    NomadClient *m_client;
    DispatchContext m_context;
    Settings m_settings;
    EvaluationMonitor *m_monitor = nullptr;
    JobWaiter *m_waiter = nullptr;
    models::TimelineModel *m_timeline;
    models::EvaluationModel *m_evaluations;
    models::AllocationModel *m_allocations;
    VerdictInfo m_verdict;
    QHash<QString, QString> m_allocStatus;
    QString m_placementText;
    bool m_needsMatchingNode = false; // only constraints rule the nodes out
    int m_evaluationsSeen = 0;
    bool m_following = false;
    bool m_waitingForCapacity = false;
};

} // namespace dd::gui

Q_DECLARE_METATYPE(dd::gui::VerdictInfo)
