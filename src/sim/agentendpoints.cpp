#include "sim/agentendpoints.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

// The recorded agent's answer is the template: every field a client might
// read keeps Nomad's name and type; what the simulator knows is patched in.
QJsonObject agentTemplate()
{
    static const QJsonObject cached = [] {
        QFile f(u":/dd/sim/data/agent-self.json"_s);
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return cached;
}

QJsonObject member(const AgentFacts &facts)
{
    const SimulatorOptions &o = *facts.options;
    return QJsonObject{
        {"Addr"_L1, u"127.0.0.1"_s},
        {"DelegateCur"_L1, 4},
        {"DelegateMax"_L1, 5},
        {"DelegateMin"_L1, 2},
        {"Name"_L1, QString(o.nodeName + u'.' + o.region)},
        {"Port"_L1, 4648},
        {"ProtocolCur"_L1, 2},
        {"ProtocolMax"_L1, 5},
        {"ProtocolMin"_L1, 1},
        {"Status"_L1, u"alive"_s},
        {"Tags"_L1, QJsonObject{{"rpc_addr"_L1, u"127.0.0.1"_s},
                                {"expect"_L1, u"1"_s},
                                {"vsn"_L1, u"1"_s},
                                {"mvn"_L1, u"1"_s},
                                {"dc"_L1, o.datacenter},
                                {"build"_L1, o.serverVersion},
                                {"id"_L1, facts.serverId},
                                {"region"_L1, o.region},
                                {"raft_vsn"_L1, u"2"_s},
                                {"role"_L1, u"nomad"_s},
                                {"port"_L1, u"4647"_s},
                                {"bootstrap"_L1, u"1"_s}}},
    };
}

QJsonObject patched(QJsonObject o, const QString &key, const QJsonValue &value)
{
    o.insert(key, value);
    return o;
}

} // namespace

QJsonObject agentSelf(const AgentFacts &facts)
{
    const SimulatorOptions &o = *facts.options;
    QJsonObject self = agentTemplate();
    QJsonObject config = self.value("config"_L1).toObject();
    config.insert("Region"_L1, o.region);
    config.insert("Datacenter"_L1, o.datacenter);
    config.insert("NodeName"_L1, o.nodeName);
    config.insert("ACL"_L1, patched(config.value("ACL"_L1).toObject(), u"Enabled"_s, o.acl));
    config.insert("Version"_L1,
                  patched(config.value("Version"_L1).toObject(), u"Version"_s, o.serverVersion));
    QJsonObject ports = config.value("Ports"_L1).toObject();
    ports.insert("HTTP"_L1, int(facts.port));
    config.insert("Ports"_L1, ports);
    QJsonObject advertise = config.value("AdvertiseAddrs"_L1).toObject();
    advertise.insert("HTTP"_L1, u"127.0.0.1:%1"_s.arg(facts.port));
    config.insert("AdvertiseAddrs"_L1, advertise);
    QJsonObject tls = config.value("TLSConfig"_L1).toObject();
    tls.insert("EnableHTTP"_L1, o.tls.enabled());
    tls.insert("VerifyHTTPSClient"_L1, o.tls.verifyClient);
    tls.insert("CAFile"_L1, o.tls.caFile);
    tls.insert("CertFile"_L1, o.tls.certFile);
    tls.insert("KeyFile"_L1, o.tls.keyFile);
    config.insert("TLSConfig"_L1, tls);
    self.insert("config"_L1, config);
    self.insert("member"_L1, member(facts));

    QJsonObject stats = self.value("stats"_L1).toObject();
    QJsonObject client = stats.value("client"_L1).toObject();
    const auto &nodes = facts.state->nodes();
    if (!nodes.empty())
        client.insert("node_id"_L1, nodes.begin()->second.id);
    int live = 0;
    for (const auto &[id, a] : facts.state->allocs())
        live += a.isTerminal() ? 0 : 1;
    client.insert("num_allocations"_L1, QString::number(live));
    stats.insert("client"_L1, client);
    QJsonObject raft = stats.value("raft"_L1).toObject();
    const QString index = QString::number(facts.state->index());
    for (const char *key : {"commit_index", "applied_index", "last_log_index"})
        raft.insert(QLatin1StringView(key), index);
    stats.insert("raft"_L1, raft);
    self.insert("stats"_L1, stats);
    return self;
}

QJsonObject agentMembers(const AgentFacts &facts)
{
    return QJsonObject{{"Members"_L1, QJsonArray{member(facts)}},
                       {"ServerDC"_L1, facts.options->datacenter},
                       {"ServerName"_L1, facts.options->nodeName},
                       {"ServerRegion"_L1, facts.options->region}};
}

QString leaderAddress(const AgentFacts &)
{
    return u"127.0.0.1:4647"_s;
}

} // namespace dd::sim
