#pragma once
// Follows one allocation task's stdout or stderr through
// /v1/client/fs/logs/<alloc> (framed), on the client's follow lane. Frames are
// decoded off the GUI thread when a chunk is big (core/logframes) and their
// data is emitted in order with its file and offset. A dropped connection (cut
// mid-frame, reset, or silent past the idle timeout) is reopened after the
// last complete frame, so no byte is lost or repeated, rotation included.
// Nomad keeps a finished task's follow open forever: once told the allocation
// is terminal, the stream reads what is left without follow and finishes.
//
// resolveAllocationPrefix() turns a short allocation ID into the full one the
// client endpoints need, as `nomad alloc logs` does.

#include "api/nomadclient.h"
#include "api/retrypolicy.h"
#include "core/logframes.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace dd {

class TaskLogStream : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString allocId; // the full 36-character ID (resolveAllocationPrefix)
        QString task;
        bool stderrStream = false;
        bool follow = true;
        // Where to begin: `offset` bytes from the start, or (fromEnd) the last
        // `offset` bytes (origin=end).
        bool fromEnd = false;
        qint64 offset = 0;
        QString nameSpace; // for messages and the 403 hint
        // Nomad sends {} every second on an idle stream: silence this long is a dead one.
        std::chrono::milliseconds idleTimeout{10000};
        RetryPolicy retry{std::chrono::milliseconds(250), std::chrono::milliseconds(4000),
                          std::chrono::milliseconds(60000)};
        // Reconnections in a row without a frame before the stream gives up.
        int maxAttempts = 8;
    };

    TaskLogStream(NomadClient *client, Options options, QObject *parent = nullptr);
    ~TaskLogStream() override;

    void start();
    // Stops without emitting finished().
    void stop();
    // The allocation will write no more: read the rest without follow, then finish.
    void setAllocationTerminal();

    const Options &options() const { return m_options; }
    bool isFinished() const { return m_finished; }
    qint64 bytesDelivered() const { return m_delivered; }
    // How often the stream had to be reopened.
    int reconnections() const { return m_reconnections; }

Q_SIGNALS:
    void data(const QByteArray &bytes, const QString &file, qint64 offset);
    void reconnecting(const dd::ApiError &error, int attempt, std::chrono::milliseconds delay);
    // Once: without an error when everything was delivered.
    void finished(const std::optional<dd::ApiError> &error);

private:
    void open();
    void openAt(bool fromEnd, qint64 offset);
    void onData(const QByteArray &bytes);
    void decodeNext();
    bool deliver(const QList<LogFrame> &frames, const QString &decodeError);
    void onEnd(const Result<QueryMeta> &end);
    void handleEnd();
    void retry(const ApiError &error);
    void finish(std::optional<ApiError> error);

    NomadClient *m_client;
    Options m_options;
    std::unique_ptr<QObject> m_context; // owns the call in flight and its decodes
    std::shared_ptr<LogFrameDecoder> m_decoder;
    QByteArray m_pending; // arrived, not yet decoded
    bool m_decoding = false;
    bool m_following = false; // the open connection has follow=true
    std::optional<Result<QueryMeta>> m_end;
    // After the last complete frame: its file's rotation index and the offset in it.
    bool m_haveFrame = false;
    int m_fileIndex = 0;
    qint64 m_fileOffset = 0;
    qint64 m_delivered = 0;
    bool m_terminal = false;
    bool m_finished = false;
    int m_attempt = 0;
    int m_reconnections = 0;
    QTimer m_retryTimer;
};

// What `nomad alloc logs <prefix>` does first: GET /v1/allocations?prefix=.
struct AllocationLookupError
{
    enum class Kind { Api, TooShort, NotFound, Ambiguous };
    Kind kind = Kind::Api;
    QString message; // Nomad's CLI wording
    std::optional<ApiError> error;
    QList<Allocation> matches; // Ambiguous
};
using AllocationLookup = std::expected<Allocation, AllocationLookupError>;

// Nomad's sanitizeUUIDPrefix: an odd number of hex digits loses the last one.
QString sanitizeUuidPrefix(const QString &prefix);

CallHandle resolveAllocationPrefix(NomadClient *client, const QString &prefix,
                                   const QString &nameSpace, QObject *context,
                                   std::function<void(AllocationLookup)> callback);

} // namespace dd
