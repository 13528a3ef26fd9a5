// AllocLogsCommand (see alloclogscommand.h).
#include "cli/alloclogscommand.h"

#include "cli/joblisting.h"
#include "cli/logprinter.h"
#include "cli/safetextdevice.h"
#include "core/ids.h"

#include <QDateTime>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {
constexpr int kDefaultTailLines = 10;
constexpr qint64 kBytesPerLine = 120; // Nomad's guess for -n
const QString kLogsHelpLine = u"For additional help try 'nomad alloc logs -help'"_s;

QString nanosText(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1000000, QTimeZone::utc()).toString(Qt::ISODate);
}

// The last `count` lines of text (a final line without a newline counts).
QByteArray lastLines(const QByteArray &text, int count)
{
    qsizetype pos = text.size();
    if (text.endsWith('\n'))
        --pos;
    for (int n = 0; n < count && pos > 0; ++n) {
        pos = text.lastIndexOf('\n', pos - 1);
        if (pos < 0)
            return text;
    }
    return count <= 0 ? QByteArray() : text.mid(pos + 1);
}
} // namespace

AllocLogsCommand::AllocLogsCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_tailTimer.setSingleShot(true);
    connect(&m_tailTimer, &QTimer::timeout, this, &AllocLogsCommand::releaseTail);
}

AllocLogsCommand::~AllocLogsCommand() = default;

void AllocLogsCommand::done(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    QMetaObject::invokeMethod(
        this, [this, exitCode]() { Q_EMIT finished(exitCode); }, Qt::QueuedConnection);
}

void AllocLogsCommand::run(const QStringList &args)
{
    FlagSet flags;
    AllocLogsOptions &o = m_options;
    o.general.addTo(flags);
    flags.addBool(u"stderr"_s, &o.stderrStream);
    flags.addBool(u"f"_s, &o.follow);
    flags.addBool(u"tail"_s, &o.tail);
    flags.addBool(u"verbose"_s, &o.verbose);
    flags.addInt(u"n"_s, &o.lines);
    flags.addInt(u"c"_s, &o.bytes);
    const auto positional = flags.parse(args);
    const bool color = colorWanted(o.general, flags.wasSet(u"force-color"_s), m_context.env,
                                   m_context.stdoutIsTerminal);
    m_terminal = std::make_unique<Terminal>(m_context.out, m_context.err, color);
    QString idleWarning;
    m_idleTimeout = logIdleTimeout(m_context.env, &idleWarning);
    if (!idleWarning.isEmpty())
        m_terminal->warn(idleWarning);
    if (!positional) {
        if (flags.helpRequested()) {
            m_terminal->output(helpText());
            done(0);
            return;
        }
        m_terminal->error(positional.error());
        m_terminal->output(helpText());
        done(1);
        return;
    }
    if (positional->isEmpty() || positional->size() > 2) {
        m_terminal->error(positional->isEmpty()
                              ? u"Allocation ID is required"_s
                              : u"This command takes one or two arguments: <alloc-id> <task>"_s);
        m_terminal->error(kLogsHelpLine);
        done(1);
        return;
    }
    if (o.lines != -1 && o.bytes != -1) {
        m_terminal->error(u"Both -n and -c are set; use one of them."_s);
        done(1);
        return;
    }
    if ((flags.wasSet(u"n"_s) && o.lines < 0) || (flags.wasSet(u"c"_s) && o.bytes < 0)) {
        m_terminal->error(u"-n and -c take a number of lines or bytes, 0 or more."_s);
        done(1);
        return;
    }
    o.allocArg = positional->at(0);
    if (positional->size() == 2)
        o.task = positional->at(1);
    o.flagLayer = flagLayer(o.general, flags);

    QStringList warnings;
    auto config = clientConfigFor(o.flagLayer, m_context.env, m_context.profileLayer, &warnings);
    for (const QString &warning : std::as_const(warnings))
        m_terminal->warn(u"Warning: " + warning);
    if (!config) {
        m_terminal->error(u"Error initializing client: " + config.error().message());
        done(1);
        return;
    }
    m_client = new NomadClient(m_context.network, *config, this);
    if (const auto error = m_client->configError()) {
        m_terminal->error(u"Error initializing client: " + error->message());
        done(1);
        return;
    }
    if (const auto warning = skipVerifyWarning(*config))
        m_terminal->warn(*warning);
    m_nameSpace = config->nameSpace == u"*" ? QString() : config->nameSpace;

    resolveAllocationPrefix(
        m_client, o.allocArg, m_nameSpace, this, [this](AllocationLookup found) {
            if (found) {
                onAllocation(*found);
                return;
            }
            const AllocationLookupError &e = found.error();
            if (e.kind == AllocationLookupError::Kind::Ambiguous) {
                QList<QStringList> rows{{u"ID"_s, u"Node ID"_s, u"Task Group"_s, u"Desired"_s,
                                         u"Status"_s, u"Created"_s, u"Modified"_s}};
                for (const Allocation &a : e.matches)
                    rows.append({shortId(a.id, m_options.verbose),
                                 shortId(a.nodeId, m_options.verbose), a.taskGroup, a.desiredStatus,
                                 a.clientStatus, nanosText(a.createTime), nanosText(a.modifyTime)});
                m_terminal->error(e.message + u"\n\n" + columnize(rows));
            } else {
                m_terminal->error(e.message);
                if (e.error) {
                    const QString hint =
                        e.error->hintFor(Capability::ReadJob, m_nameSpace, HintQuotes::Plain);
                    if (!hint.isEmpty())
                        m_terminal->hint(hint);
                }
            }
            done(1);
        });
}

void AllocLogsCommand::onAllocation(const Allocation &stub)
{
    // The full allocation: its tasks and whether it is still running.
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    m_client->allocation(stub.id, o, this, [this, o](Result<Reply<Allocation>> alloc) {
        if (!alloc) {
            m_terminal->error(u"Error querying allocation: " + alloc.error().referenceText());
            done(1);
            return;
        }
        if (!m_options.task.isEmpty() || !alloc->value.taskStates.isEmpty()) {
            chooseTask(alloc->value, alloc->value.taskStates.keys());
            return;
        }
        // No task has started yet: the group's tasks say which there are.
        const Allocation allocation = alloc->value;
        m_client->job(allocation.jobId, o, this, [this, allocation](Result<Reply<Job>> job) {
            QStringList tasks;
            if (job) {
                for (const TaskGroupInfo &tg : std::as_const(job->value.taskGroups)) {
                    if (tg.name == allocation.taskGroup)
                        tasks = tg.tasks;
                }
            }
            chooseTask(allocation, tasks);
        });
    });
}

void AllocLogsCommand::chooseTask(const Allocation &allocation, const QStringList &tasks)
{
    if (m_options.task.isEmpty()) {
        if (tasks.size() != 1) {
            QString text = u"Allocation " + q(shortId(allocation.id, m_options.verbose)) +
                           u" is running the following tasks:";
            for (const QString &t : tasks)
                text += u"\n  * " + t;
            text += u"\n\nPlease specify the task.";
            m_terminal->error(text);
            done(1);
            return;
        }
        m_options.task = tasks.first();
    }
    startStream(allocation);
}

void AllocLogsCommand::startStream(const Allocation &allocation)
{
    TaskLogStream::Options so;
    so.allocId = allocation.id;
    so.task = m_options.task;
    so.stderrStream = m_options.stderrStream;
    so.follow = m_options.follow && !allocation.isTerminal();
    so.nameSpace = m_nameSpace;
    so.idleTimeout = m_idleTimeout;
    if (m_options.tail) {
        int lines = m_options.lines;
        if (lines == -1 && m_options.bytes == -1)
            lines = kDefaultTailLines;
        so.fromEnd = true;
        so.offset = lines != -1 ? qint64(lines) * kBytesPerLine : qint64(m_options.bytes);
        if (lines != -1) {
            m_options.lines = lines;
            m_holdingTail = true;
        }
    }
    m_stream = new TaskLogStream(m_client, so, this);
    connect(m_stream, &TaskLogStream::data, this, &AllocLogsCommand::onData);
    connect(m_stream, &TaskLogStream::reconnecting, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                m_terminal->hint(u"The log stream dropped (" + error.message() + u"); attempt " +
                                 QString::number(attempt) + u" in " +
                                 QString::number(delay.count()) + u" ms.");
            });
    connect(m_stream, &TaskLogStream::finished, this, [this](const std::optional<ApiError> &error) {
        releaseTail();
        if (error) {
            m_terminal->error(u"Error reading file: " + error->referenceText());
            const QString hint =
                error->hintFor(Capability::ReadLogs, m_nameSpace, HintQuotes::Plain);
            if (!hint.isEmpty())
                m_terminal->hint(hint);
            done(1);
            return;
        }
        done(0);
    });
    m_stream->start();
    if (so.follow)
        watchAllocation(0);
}

void AllocLogsCommand::watchAllocation(quint64 index)
{
    // A blocking query on the allocation: once terminal, the stream reads the rest and ends.
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    o.waitIndex = index;
    o.waitTime = std::chrono::minutes(5);
    o.followLane = true;
    m_client->allocation(
        m_stream->options().allocId, o, this, [this, index](Result<Reply<Allocation>> alloc) {
            if (m_stream->isFinished())
                return;
            if (alloc && alloc->value.isTerminal()) {
                m_stream->setAllocationTerminal();
                return;
            }
            if (!alloc || alloc->meta.index <= index) {
                // Keep following the log; look again in a while.
                QTimer::singleShot(1000, this, [this, index]() { watchAllocation(index); });
                return;
            }
            watchAllocation(std::max(index, alloc->meta.index));
        });
}

void AllocLogsCommand::onData(const QByteArray &bytes)
{
    if (!m_holdingTail) {
        writeRaw(m_context.out, bytes);
        return;
    }
    m_tailBuffer += bytes;
    // Keep only what the last lines can need.
    if (m_tailBuffer.size() > 4 * kBytesPerLine * m_options.lines + (1 << 20))
        m_tailBuffer = lastLines(m_tailBuffer, m_options.lines);
    if (!m_tailTimer.isActive())
        m_tailTimer.start(1000);
}

void AllocLogsCommand::releaseTail()
{
    if (!m_holdingTail)
        return;
    m_holdingTail = false;
    m_tailTimer.stop();
    writeRaw(m_context.out, lastLines(std::exchange(m_tailBuffer, {}), m_options.lines));
}

QString AllocLogsCommand::helpText()
{
    return QStringLiteral(R"(Usage: nomad alloc logs [options] <allocation> <task>

  Streams the stdout/stderr of the given allocation and task.

  When ACLs are enabled, this command requires a token with the 'read-logs',
  'read-job', and 'list-jobs' capabilities for the allocation's namespace.

General Options:

  -address=<addr>, -region=<region>, -namespace=<namespace>, -token, -no-color,
  -force-color, -ca-cert=<path>, -ca-path=<path>, -client-cert=<path>,
  -client-key=<path>, -tls-server-name=<value>, -tls-skip-verify
    As for 'job dispatch' (see 'dispatch-desk-cli job dispatch -help'), with
    the same NOMAD_* environment variables and saved profiles (-profile).

Logs Specific Options:

  -stderr
    Display stderr logs.

  -verbose
    Show full information.

  -f
    Causes the output to not stop when the end of the logs are reached, but
    rather to wait for additional output. Ends when the allocation is
    complete, failed or lost, once its logs are printed.

  -tail
    Show the logs contents with offsets relative to the end of the logs. If no
    offset is given, -n is defaulted to 10.

  -n
    Sets the tail location in best-efforted number of lines relative to the
    end of the logs.

  -c
    Sets the tail location in number of bytes relative to the end of the logs.)");
}

} // namespace dd::cli
