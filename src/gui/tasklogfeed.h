#pragma once
// The app's log feed: one task's stdout or stderr read from Nomad
// (api/TaskLogStream, on the client's follow lane), resumed after a dropped
// connection without losing or repeating a byte, and ended once the
// allocation is known to be finished. "Save all" reads the whole log again
// from its start, without follow, into a file written atomically.

#include "api/tasklogstream.h"
#include "gui/logpanel.h"

#include <QPointer>

class QSaveFile;

namespace dd::gui {

class TaskLogFeed : public LogFeed
{
    Q_OBJECT
public:
    struct Settings
    {
        std::chrono::milliseconds idleTimeout{10000};
    };

    TaskLogFeed(NomadClient *client, QObject *parent = nullptr);
    TaskLogFeed(NomadClient *client, Settings settings, QObject *parent = nullptr);
    ~TaskLogFeed() override;

    void start(const LogTarget &target, LogStream stream, LogOrigin origin) override;
    void stop() override;
    void saveAll(const LogTarget &target, LogStream stream, const QString &path) override;
    void setAllocationTerminal(const QString &allocationId) override;

    TaskLogStream *stream() const { return m_stream; }

    // The words for a log stream's failure ("Could not read the stderr of task
    // “encode”…: Nomad answered 403…; the token lacks read-logs…").
    static QString errorText(const LogTarget &target, LogStream stream, const ApiError &error);

private:
    void finishSave(const QString &error);

    NomadClient *m_client;
    Settings m_settings;
    QPointer<TaskLogStream> m_stream;
    QString m_allocationId;
    QPointer<TaskLogStream> m_saveStream;
    QSaveFile *m_saveFile = nullptr;
    QString m_savePath;
    qint64 m_saved = 0;
};

} // namespace dd::gui
