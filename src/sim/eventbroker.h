#pragma once
// Nomad's event broker: a bounded history of published events (so a
// subscriber can replay from an index) and the /v1/event/stream sessions,
// which write newline-delimited {"Index":n,"Events":[...]} frames filtered by
// topic, key and namespace, with {} heartbeats.

#include "sim/clusterstate.h"
#include "sim/httpconnection.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <list>

namespace dd::sim {

class SimClock;

struct EventFrame
{
    quint64 index = 0;
    QList<StateEvent> events;
};

struct TopicFilter
{
    QMap<QString, QStringList> topics;      // topic ("*" any) -> keys ("*" any)
    QString ns = QStringLiteral("default"); // "*" any
    bool matches(const StateEvent &event) const;
    // topic=Job:video-encode&topic=Evaluation ... ; no topic means everything.
    static TopicFilter fromQuery(const QStringList &topicParams, const QString &ns);
};

class EventBroker : public QObject
{
    Q_OBJECT
public:
    EventBroker(ClusterState &state, SimClock &clock, QObject *parent = nullptr);

    void setBufferSize(int frames) { m_bufferSize = std::max(1, frames); }
    void setHeartbeatMs(qint64 ms) { m_heartbeatMs = ms; }
    qint64 heartbeatMs() const { return m_heartbeatMs; }
    const std::deque<EventFrame> &history() const { return m_history; }
    void clearHistory() { m_history.clear(); }
    int sessionCount() const;

    // Starts streaming into exchange: replays history from fromIndex, then live frames.
    void subscribe(HttpExchange *exchange, const TopicFilter &filter, quint64 fromIndex);

    static QByteArray encodeFrame(quint64 index, const QList<StateEvent> &events);

private:
    struct Session
    {
        QPointer<HttpExchange> exchange;
        TopicFilter filter;
        quint64 fromIndex = 0; // nothing older is sent, replayed or live
        quint64 heartbeatTimer = 0;
    };
    void onCommitted(quint64 index, const QList<StateEvent> &events);
    void deliver(Session &session, const EventFrame &frame);
    void scheduleHeartbeat(Session *session);

    ClusterState &m_state;
    SimClock &m_clock;
    std::deque<EventFrame> m_history;
    std::list<Session> m_sessions;
    int m_bufferSize = 1000;
    qint64 m_heartbeatMs = 30'000;
};

} // namespace dd::sim
