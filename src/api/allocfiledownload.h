#pragma once
// Saves one file of an allocation to a local path: fs/stat for its size,
// then fs/readat in chunks (offset/limit) into a QSaveFile, so the
// destination is either the whole file or untouched: a failed, cut or
// cancelled download leaves no partial file behind. A chunk that fails for a
// transient reason (a dropped connection, a timeout, a busy server) is asked
// for again a few times before the download gives up.
//
// The file is saved as it was when it was stat-ed: a log that grows
// meanwhile is saved up to that size. One that shrinks (truncated, rotated
// away) fails the download.

#include "api/nomadclient.h"

#include <QObject>

#include <chrono>
#include <memory>
#include <optional>

class QSaveFile;
class QTimer;

namespace dd {

class AllocFileDownload : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString allocId; // the full 36-character ID
        QString path;    // in the allocation directory: "/alloc/logs/talk.stdout.0"
        QString destination;
        QString nameSpace;
        qint64 chunkBytes = 1 << 20;
        int attempts = 3; // per chunk
        std::chrono::milliseconds retryDelay{500};
    };

    AllocFileDownload(NomadClient *client, Options options, QObject *parent = nullptr);
    // An unfinished download is abandoned: nothing is left at the destination.
    ~AllocFileDownload() override;

    void start();
    // Stops at once: finished() with Kind::Cancelled; the destination is untouched.
    void cancel();

    const Options &options() const { return m_options; }
    bool isRunning() const { return m_running; }
    qint64 bytesWritten() const { return m_written; }
    qint64 totalBytes() const { return m_total; } // -1 until the stat answered
    int retries() const { return m_retries; }

Q_SIGNALS:
    void progress(qint64 written, qint64 total);
    // Once. The file is at the destination only without an error. A local
    // failure (the destination cannot be written) and a file that changed
    // under the download come as Kind::Config with the words in `detail`.
    void finished(const std::optional<dd::ApiError> &error);

private:
    void onStat(Result<AllocFileInfo> info);
    void readNext();
    void onChunk(Result<QByteArray> chunk, qint64 asked);
    void finish(std::optional<ApiError> error);

    NomadClient *m_client;
    Options m_options;
    std::unique_ptr<QObject> m_context; // owns the request in flight
    std::unique_ptr<QSaveFile> m_file;
    QTimer *m_retryTimer;
    qint64 m_total = -1;
    qint64 m_written = 0;
    int m_attempt = 0;
    int m_retries = 0;
    bool m_running = false;
};

} // namespace dd
