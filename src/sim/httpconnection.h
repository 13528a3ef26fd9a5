#pragma once
// One client connection of the simulator's HTTP/1.1 server: parses requests
// (Content-Length and chunked bodies, Expect: 100-continue, pipelining), hands
// each to the application as an HttpExchange, and writes the answer, which may
// come later (blocking queries), stream (the event stream), or be deliberately
// damaged (fault injection: cut off, trickled).

#include "sim/httpmessage.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace dd::sim {

class HttpConnection;

struct HttpLimits
{
    qsizetype maxHeaderBytes = 1 << 20; // Go's http.DefaultMaxHeaderBytes
    qsizetype maxBodyBytes = 32 << 20;
    // A connection with no exchange under way that completes no request for
    // this long is closed (an idle keep-alive, or headers trickled forever).
    int idleTimeoutMs = 5 * 60 * 1000;
};

// How an answer travels; the fault injector sets this.
struct Delivery
{
    qsizetype cutAfterBodyBytes = -1; // close the connection after this much of the body
    int trickleBytes = 0;             // slow-loris: this many bytes per interval
    int trickleIntervalMs = 0;
};

class HttpExchange : public QObject
{
    Q_OBJECT
public:
    const HttpRequest &request() const { return m_request; }
    bool isAnswered() const { return m_answered; }

    void respond(HttpResponse response);
    // Chunked streaming: head first, then chunks, then end.
    void beginStream(HttpResponse head);
    void writeChunk(const QByteArray &data);
    void endStream();
    // Bytes written but not yet handed to the network; a big stream waits for
    // written() before writing more.
    qint64 pendingBytes() const;
    // Fault injection: announces a chunk of data's size, sends only `keep` bytes
    // of it, and closes the connection.
    void cutStream(const QByteArray &data, qsizetype keep);
    void setDelivery(const Delivery &delivery) { m_delivery = delivery; }
    // Drops the connection without an answer.
    void abortConnection();
    // Transport faults: close (FIN) or reset (RST) instead of answering, send a
    // fragment of a head and close, or hold the connection and never answer.
    void closeWithoutAnswer();
    void resetConnection();
    void closeMidHeaders();
    void neverAnswer();

Q_SIGNALS:
    // The client went away before the exchange finished.
    void aborted();
    // Some of what this exchange wrote went out to the network.
    void written();

private:
    friend class HttpConnection;
    HttpExchange(HttpConnection *connection, HttpRequest request);

    QPointer<HttpConnection> m_connection;
    HttpRequest m_request;
    Delivery m_delivery;
    bool m_answered = false;
    bool m_streaming = false;
};

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, QObject *parent = nullptr);
    ~HttpConnection() override;
    void abort();
    // Closes after what was written has gone out (FIN), answering nothing more.
    void closeGracefully();
    // Closes with RST: SO_LINGER 0, then close.
    void reset();
    QTcpSocket *socket() const { return m_socket; }

Q_SIGNALS:
    void exchangeReady(dd::sim::HttpExchange *exchange);
    void closed();

private:
    friend class HttpExchange;
    enum class Parse { NeedMore, Done, Failed };

    void onReadyRead();
    void onDisconnected();
    void processBuffer();
    Parse parseRequest(HttpRequest &request, qsizetype &consumed);
    void fail(int status, const QByteArray &message = {});
    QByteArray headBytes(const HttpResponse &response, bool chunked) const;
    void send(HttpExchange *exchange, HttpResponse response);
    void sendStreamHead(HttpExchange *exchange, HttpResponse head);
    void sendChunk(HttpExchange *exchange, const QByteArray &data);
    void finish(HttpExchange *exchange);
    void write(const QByteArray &bytes);
    void trickle();
    void readSocket();
    void restartIdleTimer();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    QByteArray m_buffer;
    QPointer<HttpExchange> m_current;
    bool m_keepAlive = true;
    bool m_sentContinue = false;
    bool m_closing = false;
    bool m_disconnected = false;
    QByteArray m_trickleQueue;
    bool m_finishAfterTrickle = false;
    Delivery m_trickleDelivery;
    QTimer m_trickleTimer;
    QTimer m_idleTimer;
};

} // namespace dd::sim
