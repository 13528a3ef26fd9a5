// Over 400 lines: one HTTP/1.1 connection's parser and writer, with the damaged answers
// fault injection asks for; they share the connection's buffers and state.

#include "sim/httpconnection.h"

#include "sim/nomadformat.h"

#include <QDateTime>
#include <QTcpSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace dd::sim {

HttpExchange::HttpExchange(HttpConnection *connection, HttpRequest request)
    : QObject(connection)
    , m_connection(connection)
    , m_request(std::move(request))
{}

void HttpExchange::respond(HttpResponse response)
{
    if (m_answered || !m_connection)
        return;
    m_answered = true;
    m_connection->send(this, std::move(response));
}

void HttpExchange::beginStream(HttpResponse head)
{
    if (m_answered || !m_connection)
        return;
    m_answered = true;
    m_streaming = true;
    m_connection->sendStreamHead(this, std::move(head));
}

void HttpExchange::writeChunk(const QByteArray &data)
{
    if (m_streaming && m_connection && !data.isEmpty())
        m_connection->sendChunk(this, data);
}

void HttpExchange::endStream()
{
    if (!m_streaming || !m_connection)
        return;
    m_streaming = false;
    m_connection->write("0\r\n\r\n");
    m_connection->finish(this);
}

qint64 HttpExchange::pendingBytes() const
{
    return m_connection ? m_connection->m_socket->bytesToWrite() : 0;
}

void HttpExchange::cutStream(const QByteArray &data, qsizetype keep)
{
    m_streaming = false;
    if (!m_connection)
        return;
    m_connection->write(QByteArray::number(data.size(), 16) + "\r\n" + data.left(keep));
    m_connection->m_socket->flush();
    m_connection->closeGracefully();
}

void HttpExchange::abortConnection()
{
    m_answered = true;
    if (m_connection)
        m_connection->abort();
}

void HttpExchange::closeWithoutAnswer()
{
    m_answered = true;
    if (m_connection)
        m_connection->closeGracefully();
}

void HttpExchange::resetConnection()
{
    m_answered = true;
    if (m_connection)
        m_connection->reset();
}

void HttpExchange::closeMidHeaders()
{
    m_answered = true;
    if (!m_connection)
        return;
    m_connection->write("HTTP/1.1 200 OK\r\nContent-Type: applica");
    m_connection->closeGracefully();
}

void HttpExchange::neverAnswer()
{
    // The exchange stays current, so nothing behind it on this connection is
    // read or answered either; the client's own timeout has to fire.
    m_answered = true;
}

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(&m_trickleTimer, &QTimer::timeout, this, &HttpConnection::trickle);
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_current)
            Q_EMIT m_current->written();
    });
    // Qt stops reading from the kernel once this much waits unread, so a client
    // that pipelines behind a blocking query meets TCP back-pressure.
    socket->setReadBufferSize(64 * 1024);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_current)
            closeGracefully();
    });
    restartIdleTimer();
}

void HttpConnection::restartIdleTimer()
{
    if (m_limits.idleTimeoutMs > 0)
        m_idleTimer.start(m_limits.idleTimeoutMs);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::abort()
{
    if (m_closing)
        return;
    m_closing = true;
    m_trickleTimer.stop();
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::closeGracefully()
{
    if (m_closing)
        return;
    m_closing = true;
    m_trickleTimer.stop();
    m_socket->flush();
    m_socket->disconnectFromHost(); // disconnected() follows once the bytes are out
}

void HttpConnection::reset()
{
    if (m_closing)
        return;
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0) {
        struct linger l = {1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    abort();
}

void HttpConnection::onDisconnected()
{
    if (m_disconnected)
        return;
    m_disconnected = true;
    m_closing = true;
    m_trickleTimer.stop();
    if (m_current) {
        HttpExchange *e = m_current;
        m_current = nullptr;
        Q_EMIT e->aborted();
        e->deleteLater();
    }
    Q_EMIT closed();
    deleteLater();
}

void HttpConnection::onReadyRead()
{
    readSocket();
    processBuffer();
}

void HttpConnection::readSocket()
{
    // At most one request's worth waits here; the rest stays in the socket.
    const qsizetype room = m_limits.maxHeaderBytes + m_limits.maxBodyBytes + 64 - m_buffer.size();
    if (room > 0)
        m_buffer += m_socket->read(room);
}

void HttpConnection::processBuffer()
{
    // One exchange at a time: pipelined requests wait in the buffer.
    while (!m_current && !m_closing && !m_buffer.isEmpty()) {
        HttpRequest request;
        qsizetype consumed = 0;
        const Parse result = parseRequest(request, consumed);
        if (result != Parse::Done)
            return;
        m_buffer.remove(0, consumed);
        readSocket(); // what waited in the socket while the buffer was full
        m_sentContinue = false;
        m_idleTimer.stop();
        request.peer = m_socket->peerAddress();
        request.secure = m_socket->inherits("QSslSocket");
        const QByteArray connection = request.header("Connection").toLower();
        if (request.version == "HTTP/1.0")
            m_keepAlive = connection.contains("keep-alive");
        else
            m_keepAlive = !connection.contains("close");
        auto *exchange = new HttpExchange(this, std::move(request));
        m_current = exchange;
        Q_EMIT exchangeReady(exchange);
    }
}

HttpConnection::Parse HttpConnection::parseRequest(HttpRequest &request, qsizetype &consumed)
{
    // Leading blank lines before a request are ignored (RFC 7230 3.5).
    while (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n'))
        m_buffer.remove(0, m_buffer.startsWith('\n') ? 1 : 2);
    if (m_buffer.isEmpty())
        return Parse::NeedMore;
    // Go tolerates bare "\n" line ends, so do we.
    qsizetype headEnd = -1;
    qsizetype bodyStart = -1;
    for (qsizetype i = 0; i < m_buffer.size(); ++i) {
        if (m_buffer[i] != '\n')
            continue;
        if (i + 1 < m_buffer.size() && m_buffer[i + 1] == '\n') {
            headEnd = i;
            bodyStart = i + 2;
            break;
        }
        if (i + 2 < m_buffer.size() && m_buffer[i + 1] == '\r' && m_buffer[i + 2] == '\n') {
            headEnd = i;
            bodyStart = i + 3;
            break;
        }
    }
    if (headEnd < 0) {
        if (m_buffer.size() > m_limits.maxHeaderBytes)
            fail(431);
        return Parse::NeedMore;
    }
    if (headEnd > m_limits.maxHeaderBytes) {
        fail(431);
        return Parse::Failed;
    }
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty() ||
        !requestLine[2].startsWith("HTTP/")) {
        fail(400, "400 Bad Request: malformed HTTP request");
        return Parse::Failed;
    }
    if (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0") {
        fail(505, "505 HTTP Version Not Supported: unsupported protocol version");
        return Parse::Failed;
    }
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.version = requestLine[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).contains(' ')) {
            fail(400, "400 Bad Request: malformed MIME header line");
            return Parse::Failed;
        }
        request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qsizetype q = request.target.indexOf('?');
    request.rawPath = q < 0 ? request.target : request.target.left(q);
    request.rawQuery = q < 0 ? QByteArray() : request.target.mid(q + 1);
    request.query = parseQuery(request.rawQuery);

    const bool chunked = request.header("Transfer-Encoding").toLower().contains("chunked");
    const QByteArray lengthText = request.header("Content-Length");
    qsizetype length = 0;
    if (!chunked && !lengthText.isEmpty()) {
        bool ok = false;
        length = lengthText.toLongLong(&ok);
        if (!ok || length < 0) {
            fail(400, "400 Bad Request: bad Content-Length");
            return Parse::Failed;
        }
        if (length > m_limits.maxBodyBytes) {
            fail(413, "413 Request Entity Too Large: http: request body too large");
            return Parse::Failed;
        }
    }
    const bool wantsContinue = request.header("Expect").toLower() == "100-continue";
    auto askForBody = [&] {
        if (wantsContinue && !m_sentContinue) {
            m_sentContinue = true;
            write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return Parse::NeedMore;
    };
    if (!chunked) {
        if (m_buffer.size() - bodyStart < length)
            return askForBody();
        request.body = m_buffer.mid(bodyStart, length);
        consumed = bodyStart + length;
        return Parse::Done;
    }
    qsizetype pos = bodyStart;
    QByteArray body;
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf('\n', pos);
        if (lineEnd < 0)
            return askForBody();
        const QByteArray sizeLine = m_buffer.mid(pos, lineEnd - pos).trimmed().split(';').first();
        bool ok = false;
        const qsizetype size = sizeLine.toLongLong(&ok, 16);
        if (!ok || size < 0) {
            fail(400, "400 Bad Request: malformed chunked encoding");
            return Parse::Failed;
        }
        // Compared without adding: a size near 2^63 must not overflow the check.
        if (size > m_limits.maxBodyBytes - body.size()) {
            fail(413, "413 Request Entity Too Large: http: request body too large");
            return Parse::Failed;
        }
        pos = lineEnd + 1;
        if (size == 0) {
            // Trailers end with an empty line.
            for (;;) {
                const qsizetype end = m_buffer.indexOf('\n', pos);
                if (end < 0)
                    return askForBody();
                const bool empty = m_buffer.mid(pos, end - pos).trimmed().isEmpty();
                pos = end + 1;
                if (empty)
                    break;
            }
            request.body = body;
            consumed = pos;
            return Parse::Done;
        }
        if (m_buffer.size() < pos + size + 1)
            return askForBody();
        body += m_buffer.mid(pos, size);
        pos += size;
        if (m_buffer.mid(pos, 2) == "\r\n")
            pos += 2;
        else if (m_buffer.mid(pos, 1) == "\n")
            pos += 1;
        else if (m_buffer.size() - pos < 2)
            return askForBody();
        else {
            fail(400, "400 Bad Request: malformed chunked encoding");
            return Parse::Failed;
        }
    }
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    // As Go's server answers requests it cannot parse, then hangs up.
    const QByteArray body =
        message.isEmpty() ? QByteArray::number(status) + ' ' + reasonPhrase(status) : message;
    write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
          "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n" + body);
    m_closing = true;
    m_socket->disconnectFromHost();
}

QByteArray HttpConnection::headBytes(const HttpResponse &response, bool chunked) const
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                      reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Date: " + httpDate(QDateTime::currentMSecsSinceEpoch()) + "\r\n";
    if (chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (!m_keepAlive)
        head += "Connection: close\r\n";
    return head + "\r\n";
}

void HttpConnection::write(const QByteArray &bytes)
{
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

void HttpConnection::send(HttpExchange *exchange, HttpResponse response)
{
    if (exchange != m_current || m_closing)
        return;
    const Delivery d = exchange->m_delivery;
    QByteArray body = exchange->m_request.method == "HEAD" ? QByteArray() : response.body;
    const QByteArray head = headBytes(response, false);
    if (d.cutAfterBodyBytes >= 0) {
        // The head promises the full length; the connection dies part-way.
        write(head + body.left(d.cutAfterBodyBytes));
        m_socket->flush();
        m_current = nullptr;
        exchange->deleteLater();
        abort();
        return;
    }
    if (d.trickleBytes > 0) {
        m_trickleQueue = head + body;
        m_trickleDelivery = d;
        m_finishAfterTrickle = true;
        trickle();
        m_trickleTimer.start(std::max(1, d.trickleIntervalMs));
        return;
    }
    write(head + body);
    finish(exchange);
}

void HttpConnection::trickle()
{
    if (m_closing)
        return;
    write(m_trickleQueue.left(m_trickleDelivery.trickleBytes));
    m_trickleQueue.remove(0, m_trickleDelivery.trickleBytes);
    if (m_trickleQueue.isEmpty()) {
        m_trickleTimer.stop();
        if (m_finishAfterTrickle && m_current) {
            m_finishAfterTrickle = false;
            finish(m_current);
        }
    }
}

void HttpConnection::sendStreamHead(HttpExchange *exchange, HttpResponse head)
{
    if (exchange != m_current || m_closing)
        return;
    write(headBytes(head, true));
}

void HttpConnection::sendChunk(HttpExchange *exchange, const QByteArray &data)
{
    if (exchange != m_current || m_closing)
        return;
    write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpConnection::finish(HttpExchange *exchange)
{
    if (exchange != m_current)
        return;
    m_current = nullptr;
    exchange->deleteLater();
    restartIdleTimer();
    if (!m_keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    // Continue with pipelined requests once this event loop pass is done.
    QMetaObject::invokeMethod(this, &HttpConnection::processBuffer, Qt::QueuedConnection);
}

} // namespace dd::sim
