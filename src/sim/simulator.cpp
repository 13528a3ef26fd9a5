#include "sim/simulator.h"

#include "sim/agentendpoints.h"
#include "sim/apirouter.h"
#include "sim/blockingqueries.h"
#include "sim/clientfiles.h"
#include "sim/clientsimulator.h"
#include "sim/demodata.h"
#include "sim/eventbroker.h"
#include "sim/httpserver.h"
#include "sim/idgenerator.h"
#include "sim/scheduler.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace dd::sim {

Simulator::Simulator(const SimulatorOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_clock = std::make_unique<SimClock>();
    m_clock->setTimeScale(options.timeScale);
    if (options.startPaused)
        m_clock->pause();
    m_ids = std::make_unique<IdGenerator>(options.seed);
    m_state = std::make_unique<ClusterState>();
    m_state->setRegion(options.region);
    m_scheduler = std::make_unique<Scheduler>(*m_state, *m_clock, *m_ids);
    m_client = std::make_unique<ClientSimulator>(*m_state, *m_clock, *m_scheduler);
    m_scheduler->setClient(m_client.get());
    m_jobs = std::make_unique<JobService>(*m_state, *m_clock, *m_ids, *m_scheduler, *m_client);
    m_acl = std::make_unique<AclStore>(*m_state, *m_clock, *m_ids);
    m_events = std::make_unique<EventBroker>(*m_state, *m_clock);
    m_events->setHeartbeatMs(options.heartbeatMs);
    m_events->setBufferSize(options.eventBufferSize);
    m_faults = std::make_unique<FaultInjector>();
    m_files = std::make_unique<ClientFiles>(*m_state, *m_clock);
    m_files->setRotateBytes(options.logRotateBytes);
    m_requests = std::make_unique<RequestLog>();
    m_blocking = std::make_unique<BlockingQueries>(*m_state, *m_clock, *m_ids);
    m_agent = std::make_unique<AgentFacts>();
    m_agent->options = &m_options;
    m_agent->state = m_state.get();
    m_agent->serverId = m_ids->uuid();
    m_router = std::make_unique<ApiRouter>(SimServices{*m_state, *m_clock, *m_ids, *m_jobs, *m_acl,
                                                       *m_events, *m_faults, *m_requests,
                                                       *m_blocking, m_options, *m_agent, *m_files});
    m_server = std::make_unique<HttpServer>();
    m_server->setLimits(options.limits);
    connect(m_server.get(), &HttpServer::exchangeReady, m_router.get(), &ApiRouter::handle);

    addNamespace(u"default"_s, u"Default shared namespace"_s);
    for (int i = 0; i < std::max(0, options.nodes); ++i) {
        NodeSpec node;
        node.name = i == 0 ? options.nodeName : u"%1-%2"_s.arg(options.nodeName).arg(i + 1);
        node.datacenter = options.datacenter;
        addNode(node);
    }
    if (options.acl)
        enableAcl();
    if (!options.jobsDirectory.isEmpty()) {
        if (auto loaded = loadJobs(options.jobsDirectory); !loaded)
            m_loadError = loaded.error();
    } else if (options.loadDemoData) {
        loadDemoJobs();
    }
}

Simulator::~Simulator()
{
    // The server and its connections go first: nothing may reach the
    // cluster while it is being torn down.
    m_server.reset();
    m_router.reset();
}

std::expected<void, QString> Simulator::start()
{
    if (!m_loadError.isEmpty())
        return std::unexpected(m_loadError);
    if (m_options.tls.enabled()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        const auto certs = QSslCertificate::fromPath(m_options.tls.certFile, QSsl::Pem);
        if (certs.isEmpty())
            return std::unexpected(
                u"cannot read the TLS certificate %1"_s.arg(m_options.tls.certFile));
        QFile keyFile(m_options.tls.keyFile);
        if (!keyFile.open(QIODevice::ReadOnly))
            return std::unexpected(u"cannot read the TLS key %1"_s.arg(m_options.tls.keyFile));
        const QByteArray keyPem = keyFile.readAll();
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            return std::unexpected(
                u"cannot use the TLS key %1 (RSA or EC PEM expected)"_s.arg(m_options.tls.keyFile));
        tls.setLocalCertificate(certs.first());
        if (certs.size() > 1)
            tls.setLocalCertificateChain(certs);
        tls.setPrivateKey(key);
        if (!m_options.tls.caFile.isEmpty()) {
            const auto ca = QSslCertificate::fromPath(m_options.tls.caFile, QSsl::Pem);
            if (ca.isEmpty())
                return std::unexpected(
                    u"cannot read the CA certificate %1"_s.arg(m_options.tls.caFile));
            tls.setCaCertificates(ca);
        }
        tls.setPeerVerifyMode(m_options.tls.verifyClient ? QSslSocket::VerifyPeer
                                                         : QSslSocket::VerifyNone);
        m_server->setTls(tls);
    }
    if (!m_server->listen(m_options.address, m_options.port))
        return std::unexpected(u"cannot listen on %1:%2: %3"_s.arg(m_options.address.toString())
                                   .arg(m_options.port)
                                   .arg(m_server->errorString()));
    m_agent->port = m_server->serverPort();
    return {};
}

void Simulator::stop()
{
    m_server->closeAllConnections();
    m_server->close();
}

bool Simulator::isListening() const
{
    return m_server->isListening();
}

quint16 Simulator::port() const
{
    return m_server->serverPort();
}

QUrl Simulator::baseUrl() const
{
    QUrl url;
    url.setScheme(m_options.tls.enabled() ? u"https"_s : u"http"_s);
    url.setHost(m_options.address.isLoopback() || m_options.address == QHostAddress::Any
                    ? u"127.0.0.1"_s
                    : m_options.address.toString());
    url.setPort(port());
    return url;
}

QString Simulator::managementToken() const
{
    const AclToken *t = m_acl->managementToken();
    return m_acl->isEnabled() && t ? t->secretId : QString();
}

void Simulator::setServerVersion(const QString &version)
{
    m_options.serverVersion = version;
    for (auto &[id, node] : m_state->nodes())
        node.version = version;
}

void Simulator::addNamespace(const QString &name, const QString &description)
{
    m_state->apply([&](ApplyContext &ctx) {
        SimNamespace ns;
        if (const auto it = m_state->namespaces().find(name); it != m_state->namespaces().end())
            ns = it->second;
        else
            ns.createIndex = ctx.index();
        ns.name = name;
        ns.description = description;
        ns.modifyIndex = ctx.index();
        ns.hash =
            QString::fromLatin1(QCryptographicHash::hash((name + u'\n' + description).toUtf8(),
                                                         QCryptographicHash::Sha256)
                                    .toBase64());
        m_state->namespaces().insert_or_assign(name, ns);
        ctx.touch(Table::Namespaces);
    });
}

std::expected<WriteResult, ApiError> Simulator::registerJob(const QJsonObject &job,
                                                            const QString &ns)
{
    const QJsonObject inner = job.contains("Job"_L1) && job.value("Job"_L1).isObject()
                                  ? job.value("Job"_L1).toObject()
                                  : job;
    return m_jobs->registerJob(inner, ns);
}

std::expected<void, QString> Simulator::loadJobs(const QString &directory)
{
    auto set = loadJobDirectory(directory);
    if (!set)
        return std::unexpected(set.error());
    for (const NamespaceSpec &n : set->namespaces)
        addNamespace(n.name, n.description);
    for (const QJsonObject &job : set->jobs) {
        if (auto r = m_jobs->registerJob(job, QString()); !r)
            return std::unexpected(
                u"job \"%1\": %2"_s.arg(job.value("ID"_L1).toString(), r.error().message));
    }
    return {};
}

void Simulator::loadDemoJobs()
{
    const JobSet set = demoJobSet();
    for (const NamespaceSpec &n : set.namespaces)
        addNamespace(n.name, n.description);
    for (const QJsonObject &job : set.jobs)
        m_jobs->registerJob(job, QString());
}

QString Simulator::addNode(const NodeSpec &spec)
{
    SimNode node;
    node.id = m_ids->uuid();
    node.name = spec.name.isEmpty() ? u"node-%1"_s.arg(m_state->nodes().size() + 1) : spec.name;
    node.datacenter = spec.datacenter;
    node.nodeClass = spec.nodeClass;
    node.cpuMhz = spec.cpuMhz;
    node.memoryMb = spec.memoryMb;
    node.diskMb = spec.diskMb;
    node.drivers = spec.drivers;
    node.meta = spec.meta;
    node.version = m_options.serverVersion;
    node.registeredAt = m_clock->nowNs();
    node.attributes = {
        {u"kernel.name"_s, u"linux"_s},
        {u"kernel.version"_s, u"6.1.0-18-amd64"_s},
        {u"os.name"_s, u"debian"_s},
        {u"os.version"_s, u"12"_s},
        {u"cpu.arch"_s, u"amd64"_s},
        {u"cpu.numcores"_s, u"2"_s},
        {u"cpu.totalcompute"_s, QString::number(spec.cpuMhz)},
        {u"memory.totalbytes"_s, QString::number(qint64(spec.memoryMb) * 1024 * 1024)},
        {u"unique.hostname"_s, node.name},
        {u"unique.network.ip-address"_s, u"127.0.0.1"_s},
        {u"nomad.version"_s, m_options.serverVersion}};
    for (const QString &d : spec.drivers)
        node.attributes.insert(u"driver."_s + d, u"1"_s);
    for (auto it = spec.attributes.begin(); it != spec.attributes.end(); ++it)
        node.attributes.insert(it.key(), it.value());
    m_state->apply([&](ApplyContext &ctx) {
        node.createIndex = node.modifyIndex = ctx.index();
        m_state->nodes().emplace(node.id, node);
        ctx.touch(Table::Nodes);
        ctx.nodeEvent(m_state->nodes().at(node.id), u"NodeRegistration"_s);
    });
    m_scheduler->capacityChanged();
    return node.id;
}

std::expected<DispatchResult, ApiError> Simulator::dispatch(const DispatchRequest &request)
{
    return m_jobs->dispatch(request);
}

std::expected<WriteResult, ApiError> Simulator::stopJob(const QString &ns, const QString &id,
                                                        bool purge)
{
    return m_jobs->deregister(ns, id, purge);
}

const AclToken &Simulator::enableAcl()
{
    m_options.acl = true;
    return m_acl->enable(m_options.managementToken.isEmpty()
                             ? std::nullopt
                             : std::optional<QString>(m_options.managementToken));
}

void Simulator::addPolicy(const AclPolicy &policy)
{
    m_acl->upsertPolicy(policy);
}

const AclToken &Simulator::createTokenWithPolicies(const QString &name, const QStringList &policies)
{
    return m_acl->createToken(name, policies);
}

const AclToken &Simulator::createToken(const QString &name,
                                       const QMap<QString, QStringList> &capabilities,
                                       const std::optional<QString> &secretId)
{
    AclPolicy policy;
    policy.name = name;
    policy.namespaces = capabilities;
    m_acl->upsertPolicy(policy);
    return m_acl->createToken(name, {name}, u"client"_s, secretId);
}

int Simulator::childCount(const QString &parentId, const QString &ns) const
{
    return int(m_state->childrenOf(ns, parentId).size());
}

QStringList Simulator::childIds(const QString &parentId, const QString &ns) const
{
    QStringList out;
    for (const SimJob *j : m_state->childrenOf(ns, parentId))
        out << j->id;
    return out;
}

const SimJob *Simulator::job(const QString &id, const QString &ns) const
{
    return m_state->job(ns, id);
}

const SimEval *Simulator::eval(const QString &id) const
{
    const auto it = m_state->evals().find(id);
    return it == m_state->evals().end() ? nullptr : &it->second;
}

const SimAlloc *Simulator::alloc(const QString &id) const
{
    const auto it = m_state->allocs().find(id);
    return it == m_state->allocs().end() ? nullptr : &it->second;
}

QList<const SimAlloc *> Simulator::allocsOfJob(const QString &id, const QString &ns) const
{
    return m_state->allocsForJob(ns, id);
}

int Simulator::pendingBlockingQueries() const
{
    return m_blocking->pendingCount();
}

int Simulator::openEventStreams() const
{
    return m_events->sessionCount();
}

int Simulator::openConnections() const
{
    return m_server->connectionCount();
}

int Simulator::peakConnections() const
{
    return m_server->peakConnectionCount();
}

int Simulator::acceptedConnections() const
{
    return m_server->acceptedConnectionCount();
}

void Simulator::resetConnectionCounts()
{
    m_server->resetConnectionCounts();
}

void Simulator::dropConnections()
{
    m_server->closeAllConnections();
}

int Simulator::openLogStreams() const
{
    return m_files->openLogStreams();
}

std::expected<QString, ApiError> Simulator::stopAllocation(const QString &allocId)
{
    const auto r = m_jobs->stopAllocation(allocId);
    if (!r)
        return std::unexpected(r.error());
    return r->evalId;
}

void Simulator::collectGarbage()
{
    m_jobs->collectGarbage();
}

void Simulator::restart(quint64 newIndex, bool dropConnections)
{
    if (dropConnections)
        m_server->closeAllConnections();
    m_events->clearHistory();
    m_state->resetIndexes(newIndex);
}

} // namespace dd::sim
