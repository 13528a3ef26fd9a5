#pragma once
// A loopback HTTP/1.1 server for tests that must see what really reaches the
// wire: it records every request it reads completely (method, target,
// headers, body) and then does what the test's handler says, including the
// transport faults seen in the wild: close before any answer byte, reset
// (RST), close in the middle of the headers, or accept and never answer.
// Unlike the simulator it has no Nomad logic, so a test controls every byte.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace dd::test {

struct RawRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int connection = 0; // which accepted connection carried it (1-based)

    QByteArray header(QByteArrayView name) const;
};

struct RawAction
{
    enum class Kind { Answer, CloseBeforeAnswer, Reset, CloseMidHeaders, Stall };
    Kind kind = Kind::Answer;
    QByteArray bytes; // Answer: the whole answer, head and body

    static RawAction answer(int status, const QByteArray &body,
                            const QByteArray &contentType = "application/json",
                            const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    static RawAction closeBeforeAnswer() { return {Kind::CloseBeforeAnswer, {}}; }
    static RawAction reset() { return {Kind::Reset, {}}; }
    static RawAction closeMidHeaders() { return {Kind::CloseMidHeaders, {}}; }
    static RawAction stall() { return {Kind::Stall, {}}; }
};

class RawHttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<RawAction(const RawRequest &request, int index)>;

    explicit RawHttpServer(QObject *parent = nullptr);
    ~RawHttpServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost);
    QUrl url() const;
    quint16 port() const { return m_server.serverPort(); }

    // index counts the requests received so far, from 0.
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    const QList<RawRequest> &received() const { return m_received; }
    // Requests whose method matches (empty: any) and whose target contains needle.
    int count(const QByteArray &method, const QByteArray &needle = {}) const;
    int connectionsAccepted() const { return m_connections; }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void act(QTcpSocket *socket, const RawAction &action);

    QTcpServer m_server;
    Handler m_handler;
    QList<RawRequest> m_received;
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_connections = 0;
};

} // namespace dd::test
