#pragma once
// Everything a Simulator can be started with; nomad-api-sim's flags map onto it.

#include "sim/httpconnection.h"

#include <QHostAddress>
#include <QString>
#include <QVersionNumber>

namespace dd::sim {

struct TlsOptions
{
    QString certFile; // PEM; TLS is on when set
    QString keyFile;
    QString caFile;            // CA that signs client certificates
    bool verifyClient = false; // mutual TLS: require a client certificate signed by caFile
    bool enabled() const { return !certFile.isEmpty(); }
};

struct SimulatorOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: an ephemeral port
    // The Nomad version to emulate. Features newer than it are ignored the way
    // an old server ignores them: idempotency_token (1.2), list filters and
    // pagination (1.3), IdPrefixTemplate and Bearer tokens (1.4), Priority (1.10).
    QString serverVersion = QStringLiteral("1.10.5");
    QString region = QStringLiteral("global");
    QString datacenter = QStringLiteral("dc1");
    QString nodeName = QStringLiteral("vm");
    bool acl = false;
    QString managementToken; // the bootstrap token's secret; random when empty
    TlsOptions tls;
    int nodes = 1;
    quint64 seed = 0; // 0: random IDs; otherwise the same IDs on every run
    double timeScale = 1.0;
    bool startPaused = false;
    bool loadDemoData = true;
    QString jobsDirectory; // load *.register.json from here instead of the demo jobs
    qint64 heartbeatMs = 30'000;
    int eventBufferSize = 1000;
    // Rotate task log files at this many bytes instead of the job's LogConfig.MaxFileSizeMB.
    qint64 logRotateBytes = 0;
    HttpLimits limits;
};

// "1.10.5" -> comparable; unparsable text counts as the newest.
inline bool versionAtLeast(const QString &version, int major, int minor)
{
    const QVersionNumber v = QVersionNumber::fromString(version);
    if (v.isNull())
        return true;
    return QVersionNumber::compare(v, QVersionNumber(major, minor)) >= 0;
}

} // namespace dd::sim
