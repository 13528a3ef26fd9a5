#pragma once
// Pure functions from Nomad's JSON answers to typed values. Nothing here
// throws or asserts on hostile input: a wrong shape is a DecodeError.

#include "core/types.h"

#include <QByteArray>
#include <QJsonObject>

#include <expected>

namespace dd {

struct DecodeError
{
    QString message;
};

template<typename T> using Decoded = std::expected<T, DecodeError>;

Decoded<Job> decodeJob(const QByteArray &json);
// The job list can reach 100 MB on a busy cluster: this one is decoded with
// simdjson (fastdecode.cpp); the QJsonDocument version is the reference the
// tests hold it to.
Decoded<QList<JobStub>> decodeJobStubs(const QByteArray &json);
Decoded<QList<JobStub>> decodeJobStubsWithQJson(const QByteArray &json);
// Only the parameterized parents (what a dispatcher lists), dropped while
// decoding so the children of a large cluster never reach the caller.
Decoded<QList<JobStub>> decodeParameterizedParents(const QByteArray &json);
Decoded<JobSummary> decodeJobSummary(const QByteArray &json);
Decoded<Evaluation> decodeEvaluation(const QByteArray &json);
Decoded<QList<Evaluation>> decodeEvaluations(const QByteArray &json);
Decoded<Allocation> decodeAllocation(const QByteArray &json);
Decoded<QList<Allocation>> decodeAllocations(const QByteArray &json);
Decoded<DispatchResponse> decodeDispatchResponse(const QByteArray &json);
Decoded<AgentSelf> decodeAgentSelf(const QByteArray &json);
Decoded<AclTokenInfo> decodeAclToken(const QByteArray &json);
Decoded<QList<NamespaceInfo>> decodeNamespaces(const QByteArray &json);
Decoded<QList<NodeStub>> decodeNodes(const QByteArray &json);
Decoded<QStringList> decodeStringList(const QByteArray &json); // /v1/regions
Decoded<QString> decodeJsonString(const QByteArray &json);     // /v1/status/leader

// Object-level decoders, shared with the event stream whose payloads embed them.
Decoded<Job> jobFromJson(const QJsonObject &object);
Decoded<JobStub> jobStubFromJson(const QJsonObject &object);
Decoded<Evaluation> evaluationFromJson(const QJsonObject &object);
Decoded<Allocation> allocationFromJson(const QJsonObject &object);

QByteArray encodeDispatchRequest(const DispatchRequest &request);

} // namespace dd
