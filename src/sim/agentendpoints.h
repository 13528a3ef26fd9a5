#pragma once
// The agent's own reads: /v1/agent/self (the version lives here, in
// config.Version.Version and the member's "build" tag), /v1/agent/members,
// /v1/status/leader, /v1/regions. Not blocking queries: no index headers.

#include "sim/clusterstate.h"
#include "sim/simulatoroptions.h"

#include <QJsonObject>

namespace dd::sim {

struct AgentFacts
{
    const SimulatorOptions *options = nullptr;
    const ClusterState *state = nullptr;
    quint16 port = 0;
    QString serverId; // the agent's own member ID
};

QJsonObject agentSelf(const AgentFacts &facts);
QJsonObject agentMembers(const AgentFacts &facts);
QString leaderAddress(const AgentFacts &facts);

} // namespace dd::sim
