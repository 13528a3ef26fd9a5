#include "sim/commandline.h"

#include "sim/nomadformat.h"

#include <QCommandLineParser>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

std::expected<SimulatorCommandLine, QString> parseSimulatorArguments(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Simulates a Nomad agent's HTTP API (jobs, dispatch, evaluations, allocations, ACLs, "
        "blocking queries, the event stream) for trying Dispatch Desk without a cluster."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    const QCommandLineOption listen(
        u"listen"_s, u"Address and port to listen on (default 127.0.0.1:4646; port 0 picks one)."_s,
        u"addr:port"_s, u"127.0.0.1:4646"_s);
    const QCommandLineOption jobs(
        u"jobs"_s,
        u"Load *.register.json (and namespaces.json) from this directory instead of the demo jobs."_s,
        u"dir"_s);
    const QCommandLineOption noDemo(u"no-demo"_s, u"Start with no jobs."_s);
    const QCommandLineOption acl(u"acl"_s,
                                 u"Enable ACLs; the management token is printed on start."_s);
    const QCommandLineOption token(u"management-token"_s,
                                   u"Use this secret for the management token."_s, u"uuid"_s);
    const QCommandLineOption cert(u"tls-cert"_s, u"Serve HTTPS with this PEM certificate."_s,
                                  u"file"_s);
    const QCommandLineOption key(u"tls-key"_s, u"The certificate's PEM private key."_s, u"file"_s);
    const QCommandLineOption ca(u"tls-ca"_s, u"CA certificate(s) that sign client certificates."_s,
                                u"file"_s);
    const QCommandLineOption verify(
        u"verify-client"_s, u"Require a client certificate signed by --tls-ca (mutual TLS)."_s);
    const QCommandLineOption nodes(u"nodes"_s, u"Number of client nodes (default 1)."_s, u"n"_s,
                                   u"1"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed for IDs, so runs are repeatable."_s, u"n"_s);
    const QCommandLineOption serverVersion(
        u"server-version"_s, u"Nomad version to emulate (default 1.10.5)."_s, u"x.y.z"_s);
    const QCommandLineOption timeScale(u"time-scale"_s,
                                       u"Run simulated time this many times faster (e.g. 10)."_s,
                                       u"factor"_s, u"1"_s);
    const QCommandLineOption heartbeat(
        u"heartbeat"_s, u"Event stream heartbeat interval (default 30s)."_s, u"duration"_s);
    const QCommandLineOption fault(
        u"fault"_s,
        u"Inject a fault; repeatable. KIND[,key=value...]: latency,ms=N | status,code=N,body=TEXT | close | malformed-json | stall | slow-loris,bytes=N,interval=MS | close-before-answer | reset | close-mid-headers | never-answer (these four carry the request out and lose its answer; add unprocessed to drop it unprocessed) | log-cut | log-stall | log-reset (task log streams: after frames=N frames, cut the next mid-frame, stop sending, or reset); any of them with path=REGEX, method=M, count=N."_s,
        u"spec"_s);
    const QCommandLineOption noLeader(u"no-leader"_s,
                                      u"Answer reads with X-Nomad-KnownLeader: false."_s);
    const QCommandLineOption restartAfter(
        u"restart-after"_s,
        u"Simulate a server restart that resets the Raft index after this long."_s, u"duration"_s);
    const QCommandLineOption logRotate(
        u"log-rotate"_s,
        u"Rotate task log files at this size (e.g. 64k, 1M) instead of the job's LogConfig."_s,
        u"size"_s);
    p.addOptions({help,      version,   listen, jobs,     noDemo,       acl,      token,
                  cert,      key,       ca,     verify,   nodes,        seed,     serverVersion,
                  timeScale, heartbeat, fault,  noLeader, restartAfter, logRotate});
    if (!p.parse(arguments))
        return std::unexpected(p.errorText());
    SimulatorCommandLine out;
    out.helpText = p.helpText();
    out.showHelp = p.isSet(help);
    out.showVersion = p.isSet(version);
    if (!p.positionalArguments().isEmpty())
        return std::unexpected(
            u"unexpected argument \"%1\""_s.arg(p.positionalArguments().first()));

    SimulatorOptions &o = out.options;
    const QString address = p.value(listen);
    const qsizetype colon = address.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon < 0 ? 0 : address.mid(colon + 1).toUInt(&ok);
    QString host = colon < 0 ? QString() : address.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (colon < 0 || !ok || port > 65535 ||
        !o.address.setAddress(host.isEmpty() ? u"0.0.0.0"_s : host))
        return std::unexpected(
            u"--listen wants addr:port, e.g. 127.0.0.1:4646, not \"%1\""_s.arg(address));
    o.port = quint16(port);
    if (!o.address.isLoopback())
        out.warnings << u"listening on %1, which other machines can reach: anyone who can "
                        u"connect may use the simulated cluster (and, without --acl, needs no "
                        u"token). Use --listen 127.0.0.1:%2 to keep it on this machine."_s
                            .arg(host.isEmpty() ? u"every interface"_s : host)
                            .arg(port);
    o.jobsDirectory = p.value(jobs);
    o.loadDemoData = !p.isSet(noDemo);
    o.acl = p.isSet(acl);
    o.managementToken = p.value(token);
    o.tls.certFile = p.value(cert);
    o.tls.keyFile = p.value(key);
    o.tls.caFile = p.value(ca);
    o.tls.verifyClient = p.isSet(verify);
    if (o.tls.certFile.isEmpty() != o.tls.keyFile.isEmpty())
        return std::unexpected(u"--tls-cert and --tls-key go together"_s);
    if (o.tls.verifyClient && (o.tls.caFile.isEmpty() || o.tls.certFile.isEmpty()))
        return std::unexpected(u"--verify-client needs --tls-cert, --tls-key and --tls-ca"_s);
    o.nodes = p.value(nodes).toInt(&ok);
    if (!ok || o.nodes < 0 || o.nodes > 1000)
        return std::unexpected(u"--nodes wants a number from 0 to 1000"_s);
    if (p.isSet(seed)) {
        o.seed = p.value(seed).toULongLong(&ok);
        if (!ok)
            return std::unexpected(u"--seed wants a number"_s);
    }
    if (p.isSet(serverVersion)) {
        const QString v = p.value(serverVersion).startsWith(u'v') ? p.value(serverVersion).mid(1)
                                                                  : p.value(serverVersion);
        if (QVersionNumber::fromString(v).segmentCount() < 2)
            return std::unexpected(u"--server-version wants X.Y.Z, e.g. 1.0.18"_s);
        o.serverVersion = v;
    }
    o.timeScale = p.value(timeScale).toDouble(&ok);
    if (!ok || !(o.timeScale > 0))
        return std::unexpected(u"--time-scale wants a positive number"_s);
    if (p.isSet(heartbeat)) {
        const auto ns = parseGoDuration(p.value(heartbeat));
        if (!ns || *ns <= 0)
            return std::unexpected(u"--heartbeat wants a duration such as 30s"_s);
        o.heartbeatMs = *ns / kNsPerMs;
    }
    for (const QString &spec : p.values(fault)) {
        QString error;
        const auto rule = FaultInjector::parseSpec(spec, &error);
        if (!rule)
            return std::unexpected(u"--fault %1: %2"_s.arg(spec, error));
        out.faults << *rule;
    }
    if (p.isSet(logRotate)) {
        static const QRegularExpression size(u"^(\\d+)([kKmM]?)$"_s);
        const auto m = size.match(p.value(logRotate));
        const int shift = m.captured(2).toLower() == "k"_L1   ? 10
                          : m.captured(2).toLower() == "m"_L1 ? 20
                                                              : 0;
        o.logRotateBytes = m.hasMatch() ? m.captured(1).toLongLong() << shift : 0;
        if (o.logRotateBytes <= 0)
            return std::unexpected(u"--log-rotate wants a size such as 64k or 1M"_s);
    }
    out.knownLeader = !p.isSet(noLeader);
    if (p.isSet(restartAfter)) {
        const auto ns = parseGoDuration(p.value(restartAfter));
        if (!ns || *ns <= 0)
            return std::unexpected(u"--restart-after wants a duration such as 2m"_s);
        out.restartAfterMs = *ns / kNsPerMs;
    }
    return out;
}

} // namespace dd::sim
