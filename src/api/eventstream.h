#pragma once
// One subscription to Nomad's event stream (/v1/event/stream, 1.0+) for one
// namespace: the Job, Evaluation and Allocation topics, every key. It holds a
// single connection on the client's follow lane, decodes each line on a worker
// thread (core/eventdecode), and after a drop resumes from the index after the
// last event it saw. A refusal (403 without read-job, 404 from a server before
// 1.0, 400) makes it Unavailable: the followers then use blocking queries.

#include "api/nomadclient.h"
#include "api/retrypolicy.h"
#include "core/eventdecode.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace dd {

class EventStream : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Live, Reconnecting, Unavailable };

    EventStream(NomadClient *client, QString nameSpace, QObject *parent = nullptr);
    ~EventStream() override;

    void start();
    void stop();
    State state() const { return m_state; }
    QString nameSpace() const { return m_nameSpace; }
    // Why the stream is Reconnecting or Unavailable.
    std::optional<ApiError> lastError() const { return m_error; }
    quint64 lastIndex() const { return m_lastIndex; }

    // Nomad sends {} every 30 s: a stream silent for longer than this is dead.
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

Q_SIGNALS:
    void stateChanged();
    void changed(const QList<dd::ChangeEvent> &events);

private:
    void open();
    void onData(const QByteArray &bytes);
    void onEnd(const Result<QueryMeta> &end);
    void decodeNext();
    void setState(State state);

    NomadClient *m_client;
    QString m_nameSpace;
    State m_state = State::Idle;
    std::optional<ApiError> m_error;
    quint64 m_lastIndex = 0;
    std::unique_ptr<QObject> m_context; // owns the call in flight and its decodes
    QByteArray m_partial;               // the start of a line not yet ended
    bool m_skippingLine = false;        // inside a line too long to keep
    QByteArray m_lines;                 // complete lines waiting for the worker
    bool m_decoding = false;
    int m_attempt = 0;
    QTimer m_retryTimer;
    RetryPolicy m_retry{std::chrono::milliseconds(1000), std::chrono::milliseconds(30000),
                        std::chrono::milliseconds(0)};
    std::chrono::milliseconds m_idleTimeout{75000};
};

} // namespace dd
