#pragma once
// What a simulated task writes to stdout and stderr, without storing it: the
// task's script is interpreted once (shellscript.h) into timed writes, and a
// task with meta `log_bytes` writes that many bytes of numbered lines evenly over
// its run time, generated on demand by offset (so a 100 MB log costs nothing).
// A TaskLogView is the output at one moment of simulated time, cut into
// Nomad's rotated files (<task>.stdout.0, .1, ...) of the job's
// LogConfig.MaxFileSizeMB, keeping LogConfig.MaxFiles of them.

#include "sim/model.h"
#include "sim/shellscript.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace dd::sim {

// How a task was started, and what it writes on each run.
class TaskOutput
{
public:
    // allocDir: the client's alloc directory, e.g. /var/lib/nomad/alloc.
    static std::shared_ptr<const TaskOutput> build(const SimAlloc &alloc, const QString &task,
                                                   const QString &allocDir);

    // Bytes of stream fd (1 stdout, 2 stderr) written `sinceStartNs` into one run.
    qint64 sizeAt(int fd, qint64 sinceStartNs) const;
    // When stream fd is next written after `sinceStartNs` into a run (ns since
    // its start), or -1 when it writes nothing more.
    qint64 nextWriteAfter(int fd, qint64 sinceStartNs) const;
    // Bytes [offset, offset+length) of one complete run's stream.
    QByteArray read(int fd, qint64 offset, qint64 length) const;

    qint64 maxFileBytes = 10 << 20; // LogConfig.MaxFileSizeMB
    int maxFiles = 10;              // LogConfig.MaxFiles
    QString payloadPath;            // <task>/local/<file> inside the alloc dir, if any
    QByteArray payload;

private:
    struct Stream
    {
        QList<qint64> times; // write times since start
        QList<qint64> ends;  // offset after each write
        QByteArray data;     // every write, concatenated
    };
    Stream m_streams[2];
    // Generated stdout (meta log_bytes): lines of kLineBytes over m_generateNs.
    qint64 m_generatedLines = 0;
    qint64 m_generateNs = 0;
};

class TaskLogView
{
public:
    // fileLimit > 0 overrides the job's MaxFileSizeMB (for tests).
    TaskLogView(std::shared_ptr<const TaskOutput> output, const TaskState &state, qint64 nowNs,
                qint64 fileLimit = 0);

    qint64 size(int fd) const;
    QByteArray read(int fd, qint64 offset, qint64 length) const;

    qint64 fileLimit() const { return m_limit; }
    int lastFile(int fd) const;
    int firstFile(int fd) const; // older files were removed (MaxFiles)
    qint64 fileSize(int fd, int index) const;
    qint64 modTime() const { return m_modTime; }
    // How long until the running task next writes to fd; -1 when it has
    // finished or writes nothing more. A follow stream wakes up then, so a
    // line goes out as it is written (one frame per write, as recorded).
    qint64 nsUntilNextWrite(int fd) const;
    const TaskOutput &output() const { return *m_output; }

private:
    struct Run
    {
        qint64 sinceStartNs = 0;
        qint64 size[2] = {0, 0};
    };
    std::shared_ptr<const TaskOutput> m_output;
    QList<Run> m_runs;
    qint64 m_limit = 0;
    qint64 m_modTime = 0;
    bool m_running = false;
};

QString logFileName(const QString &task, int fd, int index); // talk.stdout.0

} // namespace dd::sim
