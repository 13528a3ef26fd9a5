// Saving an allocation's file in chunks (allocfiledownload.h).
#include "api/allocfiledownload.h"

#include "api/logging.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTimer>

namespace dd {

namespace {
QString downloadTr(const char *text)
{
    return QCoreApplication::translate("dd::AllocFileDownload", text);
}
} // namespace

AllocFileDownload::AllocFileDownload(NomadClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
    , m_retryTimer(new QTimer(this))
{
    m_options.chunkBytes = std::max<qint64>(1, m_options.chunkBytes);
    m_options.attempts = std::max(1, m_options.attempts);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &AllocFileDownload::readNext);
}

AllocFileDownload::~AllocFileDownload()
{
    // Not committed: QSaveFile removes its temporary file, the destination stays as it was.
    if (m_file)
        m_file->cancelWriting();
}

void AllocFileDownload::start()
{
    if (m_running)
        return;
    m_running = true;
    m_written = 0;
    m_total = -1;
    m_attempt = 0;
    m_context = std::make_unique<QObject>();
    QueryOptions o;
    o.nameSpace = m_options.nameSpace;
    m_client->allocFileStat(m_options.allocId, m_options.path, o, m_context.get(),
                            [this](Result<AllocFileInfo> info) { onStat(std::move(info)); });
}

void AllocFileDownload::cancel()
{
    if (m_running)
        finish(ApiError::cancelled());
}

void AllocFileDownload::onStat(Result<AllocFileInfo> info)
{
    if (!info) {
        finish(info.error());
        return;
    }
    if (info->isDir) {
        finish(ApiError::config(downloadTr("it is a folder, not a file")));
        return;
    }
    if (!info->isRegularFile()) {
        finish(ApiError::config(
            downloadTr("it is not a regular file (%1): a task's pipe has no end to read to")
                .arg(info->fileMode)));
        return;
    }
    m_total = info->size;
    m_file = std::make_unique<QSaveFile>(m_options.destination);
    // Some folders (a mounted share) refuse the rename: writing in place would
    // leave half a file on a failure, so that is not done either.
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString why = m_file->errorString();
        m_file.reset();
        finish(ApiError::config(
            downloadTr("“%1” cannot be written: %2").arg(m_options.destination, why)));
        return;
    }
    Q_EMIT progress(0, m_total);
    readNext();
}

void AllocFileDownload::readNext()
{
    if (!m_running)
        return;
    if (m_written >= m_total) {
        if (!m_file->commit()) {
            const QString why = m_file->errorString();
            m_file.reset();
            finish(ApiError::config(
                downloadTr("“%1” could not be written: %2").arg(m_options.destination, why)));
            return;
        }
        m_file.reset();
        finish(std::nullopt);
        return;
    }
    const qint64 asked = std::min(m_options.chunkBytes, m_total - m_written);
    QueryOptions o;
    o.nameSpace = m_options.nameSpace;
    m_context = std::make_unique<QObject>();
    m_client->allocFileReadAt(
        m_options.allocId, m_options.path, m_written, asked, o, m_context.get(),
        [this, asked](Result<QByteArray> chunk) { onChunk(std::move(chunk), asked); });
}

void AllocFileDownload::onChunk(Result<QByteArray> chunk, qint64 asked)
{
    if (!chunk) {
        const ApiError &e = chunk.error();
        if (e.isTransient() && ++m_attempt < m_options.attempts) {
            ++m_retries;
            qCInfo(lcApi) << "reading" << m_options.path << "at" << m_written
                          << "failed:" << e.message() << "; again";
            m_retryTimer->start(m_options.retryDelay);
            return;
        }
        finish(e);
        return;
    }
    if (chunk->size() < asked) {
        finish(ApiError::config(
            downloadTr("the file got shorter while it was being read (%1 of %2 bytes): the "
                       "task truncated it, or it was rotated away. Try again.")
                .arg(m_written + chunk->size())
                .arg(m_total)));
        return;
    }
    const QByteArray bytes = chunk->size() > asked ? chunk->left(asked) : *chunk;
    if (m_file->write(bytes) != bytes.size()) {
        finish(ApiError::config(downloadTr("“%1” could not be written: %2")
                                    .arg(m_options.destination, m_file->errorString())));
        return;
    }
    m_attempt = 0;
    m_written += bytes.size();
    Q_EMIT progress(m_written, m_total);
    readNext();
}

void AllocFileDownload::finish(std::optional<ApiError> error)
{
    if (!m_running)
        return;
    m_running = false;
    m_retryTimer->stop();
    m_context.reset();
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    Q_EMIT finished(error);
}

} // namespace dd
