#pragma once
// The simulated Nomad scheduler: processes evaluations into plans (new
// allocations, or failure metrics and a blocked evaluation), unblocks blocked
// evaluations when capacity frees, reschedules failed allocations per the
// group's reschedule policy, and stops allocations of stopped jobs. Each step is
// one Raft apply, in the order a Nomad server writes them.

#include "sim/clusterstate.h"

#include <QObject>

namespace dd::sim {

class ClientSimulator;
class IdGenerator;
class SimClock;

class Scheduler : public QObject
{
    Q_OBJECT
public:
    Scheduler(ClusterState &state, SimClock &clock, IdGenerator &ids, QObject *parent = nullptr);
    void setClient(ClientSimulator *client) { m_client = client; }

    // A new evaluation in its pending state, ready to be inserted by the caller's apply.
    SimEval newEval(const SimJob &job, const QString &triggeredBy, quint64 index, qint64 now);

    // Processes the evaluation after delayMs of simulated time.
    void enqueue(const QString &evalId, qint64 delayMs = 0);
    // Allocations ended or nodes appeared: blocked evaluations may now fit.
    void capacityChanged();
    // Called inside the apply that marks an allocation failed: creates the
    // follow-up evaluation when the reschedule policy allows another attempt.
    void allocationFailed(ApplyContext &ctx, SimAlloc &alloc);

private:
    // Returns how many allocations the plan placed.
    int process(const QString &evalId);
    void retryBlocked();
    int stopPurged(const QString &evalId);
    struct Plan;
    Plan computePlan(const SimEval &eval, const SimJob &job);

    ClusterState &m_state;
    SimClock &m_clock;
    IdGenerator &m_ids;
    ClientSimulator *m_client = nullptr;
    bool m_retryQueued = false;
};

} // namespace dd::sim
