#include "sim/httpserver.h"

#include <QSslSocket>

namespace dd::sim {

HttpServer::HttpServer(QObject *parent)
    : QTcpServer(parent)
{}

void HttpServer::incomingConnection(qintptr handle)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket;
        if (!ssl->setSocketDescriptor(handle)) {
            delete ssl;
            return;
        }
        ssl->setSslConfiguration(*m_tls);
        connect(ssl, &QSslSocket::sslErrors, ssl, [this, ssl](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &e : errors)
                texts << e.errorString();
            Q_EMIT handshakeFailed(texts.join(QStringLiteral("; ")));
            ssl->abort();
        });
        connect(ssl, &QSslSocket::errorOccurred, ssl,
                [this, ssl](QAbstractSocket::SocketError error) {
                    if (error == QAbstractSocket::SslHandshakeFailedError ||
                        error == QAbstractSocket::SslInvalidUserDataError) {
                        Q_EMIT handshakeFailed(ssl->errorString());
                    }
                });
        ssl->startServerEncryption();
        socket = ssl;
    } else {
        socket = new QTcpSocket;
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
    }
    auto *connection = new HttpConnection(socket, m_limits, this);
    connect(connection, &HttpConnection::exchangeReady, this, &HttpServer::exchangeReady);
    m_connections.removeAll(nullptr);
    m_connections.append(connection);
    ++m_accepted;
    m_peak = std::max(m_peak, connectionCount());
}

void HttpServer::resetConnectionCounts()
{
    m_accepted = 0;
    m_peak = connectionCount();
}

void HttpServer::closeAllConnections()
{
    const auto connections = m_connections;
    m_connections.clear();
    for (const QPointer<HttpConnection> &c : connections) {
        if (c)
            c->abort();
    }
}

int HttpServer::connectionCount() const
{
    int n = 0;
    for (const QPointer<HttpConnection> &c : m_connections)
        n += c ? 1 : 0;
    return n;
}

} // namespace dd::sim
