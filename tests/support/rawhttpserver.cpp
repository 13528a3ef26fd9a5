#include "rawhttpserver.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace dd::test {

namespace {
const char kBufferProperty[] = "dd_raw_buffer";
const char kConnectionProperty[] = "dd_raw_connection";
const char kStalledProperty[] = "dd_raw_stalled";

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}
} // namespace

QByteArray RawRequest::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

RawAction RawAction::answer(int status, const QByteArray &body, const QByteArray &contentType,
                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return {Kind::Answer, head + body};
}

RawHttpServer::RawHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &RawHttpServer::onNewConnection);
    m_handler = [](const RawRequest &, int) { return RawAction::answer(200, "{}"); };
}

RawHttpServer::~RawHttpServer()
{
    for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
        if (s)
            s->abort();
    }
}

bool RawHttpServer::listen(const QHostAddress &address)
{
    return m_server.listen(address, 0);
}

QUrl RawHttpServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

int RawHttpServer::count(const QByteArray &method, const QByteArray &needle) const
{
    int n = 0;
    for (const RawRequest &r : m_received) {
        if ((method.isEmpty() || r.method == method) && r.target.contains(needle))
            ++n;
    }
    return n;
}

void RawHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        socket->setProperty(kConnectionProperty, ++m_connections);
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void RawHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property(kBufferProperty).toByteArray() + socket->readAll();
    // One request at a time; a stalled connection reads on but never answers.
    while (!socket->property(kStalledProperty).toBool()) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        RawRequest request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            break; // the body is still arriving
        request.body = buffer.mid(headEnd + 4, length);
        request.connection = socket->property(kConnectionProperty).toInt();
        buffer.remove(0, headEnd + 4 + length);
        const int index = int(m_received.size());
        m_received.append(request);
        const RawAction action = m_handler(request, index);
        act(socket, action);
        if (action.kind != RawAction::Kind::Answer)
            break;
    }
    socket->setProperty(kBufferProperty, buffer);
}

void RawHttpServer::act(QTcpSocket *socket, const RawAction &action)
{
    switch (action.kind) {
    case RawAction::Kind::Answer:
        socket->write(action.bytes);
        return;
    case RawAction::Kind::CloseBeforeAnswer:
        socket->disconnectFromHost();
        return;
    case RawAction::Kind::Reset: {
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        struct linger l = {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof l);
        socket->abort();
        return;
    }
    case RawAction::Kind::CloseMidHeaders:
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: applic");
        socket->flush();
        socket->disconnectFromHost();
        return;
    case RawAction::Kind::Stall:
        socket->setProperty(kStalledProperty, true);
        return;
    }
}

} // namespace dd::test
