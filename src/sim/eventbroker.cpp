#include "sim/eventbroker.h"

#include "sim/simclock.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::sim {

bool TopicFilter::matches(const StateEvent &event) const
{
    if (ns != "*"_L1 && !event.ns.isEmpty() && event.ns != ns)
        return false;
    for (const QString &topic : {event.topic, u"*"_s}) {
        const auto it = topics.constFind(topic);
        if (it == topics.constEnd())
            continue;
        for (const QString &key : *it) {
            if (key == "*"_L1 || key == event.key || event.filterKeys.contains(key))
                return true;
        }
    }
    return false;
}

TopicFilter TopicFilter::fromQuery(const QStringList &topicParams, const QString &ns)
{
    TopicFilter f;
    f.ns = ns.isEmpty() ? u"default"_s : ns;
    for (const QString &param : topicParams) {
        const qsizetype colon = param.indexOf(u':');
        const QString topic = colon < 0 ? param : param.left(colon);
        const QString key = colon < 0 ? u"*"_s : param.mid(colon + 1);
        f.topics[topic] << (key.isEmpty() ? u"*"_s : key);
    }
    if (f.topics.isEmpty())
        f.topics.insert(u"*"_s, {u"*"_s});
    return f;
}

EventBroker::EventBroker(ClusterState &state, SimClock &clock, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_clock(clock)
{
    connect(&m_state, &ClusterState::committed, this, &EventBroker::onCommitted);
}

int EventBroker::sessionCount() const
{
    int n = 0;
    for (const Session &s : m_sessions)
        n += s.exchange ? 1 : 0;
    return n;
}

QByteArray EventBroker::encodeFrame(quint64 index, const QList<StateEvent> &events)
{
    // Written by hand for the first two levels so fields come in Go's struct
    // order ({"Index":n,"Events":[{"Topic":...}]}), as the recorded stream shows.
    auto json = [](const QJsonValue &v) {
        const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    };
    QByteArray out = "{\"Index\":" + QByteArray::number(index) + ",\"Events\":[";
    for (qsizetype i = 0; i < events.size(); ++i) {
        const StateEvent &e = events[i];
        if (i > 0)
            out += ',';
        out += "{\"Topic\":" + json(e.topic) + ",\"Type\":" + json(e.type) +
               ",\"Key\":" + json(e.key) + ",\"Namespace\":" + json(e.ns) + ",\"FilterKeys\":" +
               (e.hasFilterKeys ? json(QJsonArray::fromStringList(e.filterKeys))
                                : QByteArray("null")) +
               ",\"Index\":" + QByteArray::number(e.index) + ",\"Payload\":" + json(e.payload()) +
               '}';
    }
    return out + "]}\n";
}

void EventBroker::onCommitted(quint64 index, const QList<StateEvent> &events)
{
    if (events.isEmpty())
        return;
    m_history.push_back(EventFrame{index, events});
    while (int(m_history.size()) > m_bufferSize)
        m_history.pop_front();
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (!it->exchange) {
            m_clock.cancel(it->heartbeatTimer);
            it = m_sessions.erase(it);
            continue;
        }
        deliver(*it, m_history.back());
        ++it;
    }
}

void EventBroker::deliver(Session &session, const EventFrame &frame)
{
    if (frame.index < session.fromIndex)
        return;
    QList<StateEvent> selected;
    for (const StateEvent &e : frame.events) {
        if (session.filter.matches(e))
            selected << e;
    }
    if (!selected.isEmpty())
        session.exchange->writeChunk(encodeFrame(frame.index, selected));
}

void EventBroker::scheduleHeartbeat(Session *session)
{
    if (m_heartbeatMs <= 0)
        return;
    session->heartbeatTimer = m_clock.callAfter(m_heartbeatMs, this, [this, session] {
        for (Session &s : m_sessions) {
            if (&s != session)
                continue;
            if (!s.exchange)
                return;
            s.exchange->writeChunk("{}\n");
            scheduleHeartbeat(&s);
            return;
        }
    });
}

void EventBroker::subscribe(HttpExchange *exchange, const TopicFilter &filter, quint64 fromIndex)
{
    HttpResponse head;
    head.setHeader("Content-Type", "application/json");
    exchange->beginStream(head);
    // An empty object first: it flushes the head, as the recorded stream shows.
    exchange->writeChunk("{}\n");
    m_sessions.push_back(Session{exchange, filter, fromIndex, 0});
    Session &session = m_sessions.back();
    for (const EventFrame &frame : m_history)
        deliver(session, frame);
    scheduleHeartbeat(&session);
    connect(exchange, &HttpExchange::aborted, this, [this, exchange] {
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
            if (it->exchange == exchange || !it->exchange) {
                m_clock.cancel(it->heartbeatTimer);
                m_sessions.erase(it);
                return;
            }
        }
    });
}

} // namespace dd::sim
