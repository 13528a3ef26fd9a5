#pragma once
// Job writes as a Nomad server performs them: register, dispatch (with
// Nomad's exact validation errors), deregister, stopping an allocation and
// the garbage collector. Each answers what the
// HTTP API returns, or an ApiError with Nomad's status and text.

#include "sim/clusterstate.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>

#include <expected>

namespace dd::sim {

class IdGenerator;
class Scheduler;
class ClientSimulator;
class SimClock;

struct ApiError
{
    int status = 500;
    QString message;
};

// Nomad caps a dispatch payload at 16 KiB of raw bytes (before base64).
constexpr qsizetype kDispatchPayloadLimit = 16 * 1024;

struct DispatchRequest
{
    QString ns = QStringLiteral("default");
    QString jobId;
    QByteArray payload;
    QMap<QString, QString> meta;
    QString idPrefixTemplate; // honoured from Nomad 1.4
    int priority = 0;         // 0 inherits; honoured from 1.10
    QString idempotencyToken; // honoured from 1.2
};

struct DispatchResult
{
    QString dispatchedJobId;
    QString evalId; // empty when an idempotency token matched an existing child
    quint64 evalCreateIndex = 0;
    quint64 jobCreateIndex = 0;
    quint64 index = 0;
    QJsonObject toJson() const;
};

struct WriteResult
{
    QString evalId;
    quint64 evalCreateIndex = 0;
    quint64 jobModifyIndex = 0;
    quint64 index = 0;
    QJsonObject toJson() const;
};

struct AllocStopResult
{
    QString evalId;
    quint64 index = 0;
    QJsonObject toJson() const;
};

class JobService
{
public:
    JobService(ClusterState &state, SimClock &clock, IdGenerator &ids, Scheduler &scheduler,
               ClientSimulator &client);

    std::expected<DispatchResult, ApiError> dispatch(const DispatchRequest &request);
    // job: the "Job" object of a PUT /v1/jobs body.
    std::expected<WriteResult, ApiError> registerJob(const QJsonObject &job,
                                                     const QString &fallbackNamespace);
    // DELETE /v1/job/<id>: as recorded, an unknown job answers 200 with an evaluation too.
    std::expected<WriteResult, ApiError> deregister(const QString &ns, const QString &id,
                                                    bool purge);
    // POST /v1/allocation/<id>/stop: marks it for migration; the scheduler stops and replaces it.
    std::expected<AllocStopResult, ApiError> stopAllocation(const QString &allocId);
    // PUT /v1/system/gc: removes what Nomad's forced garbage collection removes (see
    // joblifecycle.cpp).
    void collectGarbage();

private:
    ClusterState &m_state;
    SimClock &m_clock;
    IdGenerator &m_ids;
    Scheduler &m_scheduler;
    ClientSimulator &m_client;
};

} // namespace dd::sim
