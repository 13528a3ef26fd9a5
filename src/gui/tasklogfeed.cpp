#include "gui/tasklogfeed.h"

#include "api/apierror.h"
#include "api/tasklogstream.h"
#include "gui/errortext.h"

#include <QSaveFile>

namespace dd::gui {

namespace {
TaskLogStream::Options optionsFor(const LogTarget &target, LogStream stream)
{
    TaskLogStream::Options o;
    o.allocId = target.allocationId;
    o.task = target.task;
    o.nameSpace = target.nameSpace;
    o.stderrStream = stream == LogStream::Stderr;
    return o;
}

QString streamName(LogStream stream)
{
    return stream == LogStream::Stderr ? QStringLiteral("stderr") : QStringLiteral("stdout");
}
} // namespace

TaskLogFeed::TaskLogFeed(NomadClient *client, QObject *parent)
    : TaskLogFeed(client, Settings{}, parent)
{}

TaskLogFeed::TaskLogFeed(NomadClient *client, Settings settings, QObject *parent)
    : LogFeed(parent)
    , m_client(client)
    , m_settings(settings)
{}

TaskLogFeed::~TaskLogFeed()
{
    stop();
    if (m_saveFile)
        m_saveFile->cancelWriting(); // the partial file never replaces anything
}

QString TaskLogFeed::errorText(const LogTarget &target, LogStream stream, const ApiError &error)
{
    return failureText(tr("Could not read the %1 of task “%2” (allocation %3)")
                           .arg(streamName(stream), target.task, target.allocationId.left(8)),
                       error, Capability::ReadLogs, target.nameSpace);
}

void TaskLogFeed::start(const LogTarget &target, LogStream stream, LogOrigin origin)
{
    stop();
    TaskLogStream::Options o = optionsFor(target, stream);
    o.idleTimeout = m_settings.idleTimeout;
    if (origin == LogOrigin::Tail) {
        o.fromEnd = true;
        o.offset = kLogTailBytes;
    }
    m_allocationId = target.allocationId;
    auto *s = new TaskLogStream(m_client, o, this);
    m_stream = s;
    connect(s, &TaskLogStream::data, this, [this, s](const QByteArray &bytes) {
        if (s->reconnections() > 0)
            Q_EMIT status({}); // resumed: the "reconnecting" line goes
        Q_EMIT data(bytes);
    });
    connect(s, &TaskLogStream::reconnecting, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                Q_EMIT status(tr("The log stream dropped (%1); reconnecting in %2 s (attempt %3). "
                                 "Nothing is lost: it resumes after the last line shown.")
                                  .arg(error.message())
                                  .arg(qMax<qint64>(1, (delay.count() + 999) / 1000))
                                  .arg(attempt));
            });
    connect(s, &TaskLogStream::finished, this,
            [this, s, target, stream](const std::optional<ApiError> &error) {
                if (m_stream == s)
                    m_stream = nullptr;
                s->deleteLater();
                if (error)
                    Q_EMIT this->error(errorText(target, stream, *error));
                else
                    Q_EMIT ended();
            });
    s->start();
}

void TaskLogFeed::stop()
{
    if (TaskLogStream *s = m_stream) {
        m_stream = nullptr;
        s->stop();
        s->deleteLater();
    }
    m_allocationId.clear();
}

void TaskLogFeed::setAllocationTerminal(const QString &allocationId)
{
    if (m_stream && allocationId == m_allocationId)
        m_stream->setAllocationTerminal();
}

void TaskLogFeed::saveAll(const LogTarget &target, LogStream stream, const QString &path)
{
    if (m_saveStream) {
        Q_EMIT saveAllFinished(path, tr("the whole log is already being saved to “%1”; wait "
                                        "for it to finish")
                                         .arg(m_savePath));
        return;
    }
    auto *file = new QSaveFile(path, this);
    if (!file->open(QIODevice::WriteOnly)) {
        const QString why = file->errorString();
        delete file;
        Q_EMIT saveAllFinished(path, why);
        return;
    }
    m_saveFile = file;
    m_savePath = path;
    m_saved = 0;
    TaskLogStream::Options o = optionsFor(target, stream);
    o.follow = false;
    auto *s = new TaskLogStream(m_client, o, this);
    m_saveStream = s;
    connect(s, &TaskLogStream::data, this, [this](const QByteArray &bytes) {
        if (!m_saveFile)
            return;
        if (m_saveFile->write(bytes) != bytes.size()) {
            const QString why = m_saveFile->errorString();
            m_saveStream->stop();
            finishSave(why);
            return;
        }
        m_saved += bytes.size();
        Q_EMIT saveAllProgress(m_saved);
    });
    connect(s, &TaskLogStream::finished, this,
            [this, target, stream](const std::optional<ApiError> &error) {
                finishSave(error ? errorText(target, stream, *error) : QString());
            });
    s->start();
}

void TaskLogFeed::finishSave(const QString &error)
{
    QSaveFile *file = std::exchange(m_saveFile, nullptr);
    if (TaskLogStream *s = m_saveStream) {
        m_saveStream = nullptr;
        s->deleteLater();
    }
    if (!file)
        return;
    QString why = error;
    if (why.isEmpty() && !file->commit())
        why = file->errorString();
    if (!why.isEmpty())
        file->cancelWriting();
    file->deleteLater();
    Q_EMIT saveAllFinished(m_savePath, why);
}

} // namespace dd::gui
