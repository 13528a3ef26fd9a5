#include "api/changefeed.h"

#include "api/eventstream.h"
#include "api/nomadclient.h"

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace changes {
ChangeInterest ofJob(const QString &jobId)
{
    return [jobId](const ChangeEvent &e) { return e.unknown || e.jobId == jobId; };
}

ChangeInterest ofJobAndChildren(const QString &parentId)
{
    return [parentId](const ChangeEvent &e) {
        return e.unknown || e.jobId == parentId || dispatchParentOf(e.jobId) == parentId;
    };
}

ChangeInterest ofAnyJob()
{
    return [](const ChangeEvent &e) { return e.unknown || !e.jobId.isEmpty(); };
}
} // namespace changes

ChangeSubscription::~ChangeSubscription()
{
    if (m_feed)
        m_feed->forget(this);
}

ChangeFeed::ChangeFeed(NomadClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, &ChangeFeed::closeUnused);
}

ChangeFeed::~ChangeFeed()
{
    for (ChangeSubscription *s : std::as_const(m_subscriptions))
        s->m_feed = nullptr;
}

std::unique_ptr<ChangeSubscription> ChangeFeed::subscribe(const QString &nameSpace,
                                                          ChangeInterest interest)
{
    std::unique_ptr<ChangeSubscription> s(new ChangeSubscription(nameSpace, std::move(interest)));
    s->m_feed = this;
    m_subscriptions.append(s.get());
    streamFor(nameSpace);
    return s;
}

EventStream *ChangeFeed::streamFor(const QString &nameSpace)
{
    // Nomad 1.0 streams one namespace at a time: "*" is followed by blocking queries.
    if (nameSpace == u"*")
        return nullptr;
    EventStream *&stream = m_streams[nameSpace];
    if (!stream) {
        stream = new EventStream(m_client, nameSpace, this);
        stream->setIdleTimeout(m_idleTimeout);
        connect(
            stream, &EventStream::changed, this,
            [this, nameSpace](const QList<ChangeEvent> &events) { deliver(nameSpace, events); });
        connect(stream, &EventStream::stateChanged, this, [this, nameSpace]() {
            Q_EMIT modeChanged(nameSpace);
            Q_EMIT statusChanged();
        });
    }
    if (stream->state() == EventStream::State::Idle)
        stream->start();
    return stream;
}

ChangeFeed::Mode ChangeFeed::mode(const QString &nameSpace) const
{
    const EventStream *stream = m_streams.value(nameSpace);
    if (!stream)
        return nameSpace == u"*" ? Mode::Fallback : Mode::Connecting;
    switch (stream->state()) {
    case EventStream::State::Live:
        return Mode::Stream;
    case EventStream::State::Idle:
    case EventStream::State::Connecting:
        return Mode::Connecting;
    case EventStream::State::Reconnecting:
    case EventStream::State::Unavailable:
        return Mode::Fallback;
    }
    return Mode::Fallback;
}

int ChangeFeed::openStreams() const
{
    int n = 0;
    for (const EventStream *s : m_streams) {
        if (s->state() == EventStream::State::Live || s->state() == EventStream::State::Connecting)
            ++n;
    }
    return n;
}

QString ChangeFeed::describe() const
{
    QStringList lines;
    QStringList names = m_streams.keys();
    names.sort();
    for (const QString &ns : std::as_const(names)) {
        const EventStream *s = m_streams.value(ns);
        const QString why = s->lastError() ? s->lastError()->message() : QString();
        switch (s->state()) {
        case EventStream::State::Idle:
            break;
        case EventStream::State::Connecting:
            lines << tr("Namespace “%1”: opening Nomad's event stream…").arg(ns);
            break;
        case EventStream::State::Live:
            lines << tr("Namespace “%1”: Nomad's event stream (one connection for everything "
                        "followed)")
                         .arg(ns);
            break;
        case EventStream::State::Reconnecting:
            lines << tr("Namespace “%1”: blocking queries while the event stream reconnects (%2)")
                         .arg(ns, why);
            break;
        case EventStream::State::Unavailable:
            lines << tr("Namespace “%1”: blocking queries; the event stream is not available: %2")
                         .arg(ns, why);
            break;
        }
    }
    if (lines.isEmpty())
        return tr("Live updates: nothing followed yet");
    return tr("Live updates:") + u'\n' + lines.join(u'\n');
}

void ChangeFeed::restart()
{
    for (EventStream *s : std::as_const(m_streams)) {
        const bool wanted = s->state() != EventStream::State::Idle;
        s->stop();
        if (wanted)
            s->start();
    }
}

void ChangeFeed::deliver(const QString &nameSpace, const QList<ChangeEvent> &events)
{
    // A copy: a receiver may unsubscribe (or subscribe) while being told.
    const QList<QPointer<ChangeSubscription>> receivers = [&] {
        QList<QPointer<ChangeSubscription>> list;
        for (ChangeSubscription *s : std::as_const(m_subscriptions)) {
            if (s->m_nameSpace == nameSpace)
                list.append(s);
        }
        return list;
    }();
    for (const QPointer<ChangeSubscription> &s : receivers) {
        quint64 newest = 0;
        bool any = false;
        for (const ChangeEvent &e : events) {
            if (!s)
                break;
            if (s->m_interest(e)) {
                any = true;
                newest = std::max(newest, e.index);
            }
        }
        if (s && any)
            Q_EMIT s->changed(newest);
    }
}

void ChangeFeed::forget(ChangeSubscription *subscription)
{
    m_subscriptions.removeOne(subscription);
    if (!m_closeTimer.isActive())
        m_closeTimer.start(m_closeAfterIdle);
}

void ChangeFeed::closeUnused()
{
    for (auto it = m_streams.begin(); it != m_streams.end();) {
        const QString ns = it.key();
        const bool used =
            std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(),
                        [&ns](const ChangeSubscription *s) { return s->m_nameSpace == ns; });
        if (!used && it.value()->state() != EventStream::State::Unavailable) {
            delete it.value();
            it = m_streams.erase(it);
            Q_EMIT statusChanged();
        } else {
            ++it;
        }
    }
}

} // namespace dd
