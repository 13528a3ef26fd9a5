#pragma once
// The simulator's HTTP/1.1 server on QTcpServer, with optional TLS and mutual
// TLS. Written by hand rather than on Qt HTTP Server 6.4 because the simulator
// needs the raw path (%2F inside child job IDs) and full control of the
// connection to inject faults (cut-off answers, trickled bodies, stalls).

#include "sim/httpconnection.h"

#include <QList>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace dd::sim {

class HttpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);

    void setTls(const std::optional<QSslConfiguration> &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }
    void setLimits(const HttpLimits &limits) { m_limits = limits; }
    // Drops every open connection (a simulated restart).
    void closeAllConnections();
    int connectionCount() const;
    // The most connections open at once since the last reset, and how many were accepted.
    int peakConnectionCount() const { return m_peak; }
    int acceptedConnectionCount() const { return m_accepted; }
    void resetConnectionCounts();

Q_SIGNALS:
    void exchangeReady(dd::sim::HttpExchange *exchange);
    // A TLS handshake failed (e.g. a client without the required certificate).
    void handshakeFailed(const QString &reason);

protected:
    void incomingConnection(qintptr handle) override;

private:
    std::optional<QSslConfiguration> m_tls;
    HttpLimits m_limits;
    QList<QPointer<HttpConnection>> m_connections;
    int m_peak = 0;
    int m_accepted = 0;
};

} // namespace dd::sim
