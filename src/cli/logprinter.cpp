// LogPrinter (see logprinter.h).
#include "cli/logprinter.h"

#include "cli/safetextdevice.h"
#include "core/goduration.h"
#include "core/ids.h"

#include <QNetworkAccessManager>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

std::chrono::milliseconds logIdleTimeout(const QProcessEnvironment &env, QString *warning)
{
    constexpr std::chrono::milliseconds fallback{10000};
    const QString text = env.value(u"DISPATCH_DESK_LOG_IDLE_TIMEOUT"_s).trimmed();
    if (text.isEmpty())
        return fallback;
    const auto parsed = parseGoDuration(text);
    const auto ms = parsed ? std::chrono::duration_cast<std::chrono::milliseconds>(*parsed)
                           : std::chrono::milliseconds(-1);
    if (ms < std::chrono::seconds(1) || ms > std::chrono::hours(1)) {
        if (warning)
            *warning = u"Ignoring DISPATCH_DESK_LOG_IDLE_TIMEOUT=\""_s + text.left(40) +
                       u"\": it must be a duration from 1s to 1h (for example 30s); using 10s."_s;
        return fallback;
    }
    return ms;
}

LogPrinter::LogPrinter(NomadClient *client, QString nameSpace, QIODevice *out, QIODevice *err,
                       Terminal &terminal, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_nameSpace(std::move(nameSpace))
    , m_out(out)
    , m_err(err)
    , m_terminal(terminal)
{}

void LogPrinter::update(const QList<Allocation> &allocations)
{
    for (const Allocation &a : allocations) {
        if (!m_started.contains(a.id))
            startStreams(a);
        if (a.isTerminal() && m_started.contains(a.id) && !m_terminalAllocs.contains(a.id)) {
            m_terminalAllocs.insert(a.id);
            for (auto it = m_sinks.begin(); it != m_sinks.end(); ++it) {
                if (it.key()->options().allocId == a.id)
                    it.key()->setAllocationTerminal();
            }
        }
    }
}

void LogPrinter::startStreams(const Allocation &allocation)
{
    // The tasks are known once the client has started them; an allocation
    // that never started a task has no logs.
    if (allocation.taskStates.isEmpty())
        return;
    m_started.insert(allocation.id);
    const bool terminal = allocation.isTerminal();
    if (terminal)
        m_terminalAllocs.insert(allocation.id);
    const QStringList tasks = allocation.taskStates.keys();
    for (const QString &task : tasks) {
        for (const bool stderrStream : {false, true}) {
            TaskLogStream::Options o;
            o.allocId = allocation.id;
            o.task = task;
            o.stderrStream = stderrStream;
            o.follow = !terminal;
            o.nameSpace = m_nameSpace;
            o.idleTimeout = m_idleTimeout;
            auto *stream = new TaskLogStream(streamClient(), o, this);
            Sink sink;
            sink.stream = stream;
            sink.device = stderrStream ? m_err : m_out;
            if (m_prefixed || tasks.size() > 1) {
                QString label = shortId(allocation.id, false);
                if (tasks.size() > 1)
                    label += u'/' + task;
                sink.prefix = SafeTextDevice::escape(QString(u'[' + label + u"] ").toUtf8());
            }
            m_sinks.insert(stream, sink);
            connect(stream, &TaskLogStream::data, this,
                    [this, stream](const QByteArray &bytes) { write(m_sinks[stream], bytes); });
            connect(stream, &TaskLogStream::reconnecting, this,
                    [this, stream](const ApiError &error, int attempt,
                                   std::chrono::milliseconds delay) {
                        const TaskLogStream::Options &so = stream->options();
                        m_terminal.hint(u"Log stream of task " + q(so.task) + u" (" +
                                        (so.stderrStream ? u"stderr"_s : u"stdout"_s) +
                                        u") dropped (" + error.message() + u"); attempt " +
                                        QString::number(attempt) + u" in " +
                                        QString::number(delay.count()) + u" ms.");
                    });
            connect(stream, &TaskLogStream::finished, this,
                    [this, stream](const std::optional<ApiError> &error) {
                        flush(m_sinks[stream]);
                        if (error) {
                            const TaskLogStream::Options &so = stream->options();
                            m_terminal.warn(u"Warning: could not read the logs of task " +
                                            q(so.task) + u" in allocation " +
                                            q(shortId(so.allocId, false)) + u": " +
                                            error->message());
                            const QString hint = error->hintFor(Capability::ReadLogs, m_nameSpace,
                                                                HintQuotes::Plain);
                            if (!hint.isEmpty())
                                m_terminal.hint(hint);
                        }
                        checkDrained();
                    });
            stream->start();
        }
    }
}

NomadClient *LogPrinter::streamClient()
{
    // Qt opens six connections per host and manager; a stream reopened
    // without follow waits a moment for the one it gave up.
    constexpr int kStreamsPerManager = 6;
    if (!m_streamClient || m_streamsOnClient >= kStreamsPerManager) {
        auto *network = new QNetworkAccessManager(this);
        m_streamClient = new NomadClient(network, m_client->config(), this);
        m_streamsOnClient = 0;
    }
    ++m_streamsOnClient;
    return m_streamClient;
}

void LogPrinter::write(Sink &sink, const QByteArray &bytes)
{
    if (sink.prefix.isEmpty()) {
        writeRaw(sink.device, bytes);
        return;
    }
    sink.partial += bytes;
    const qsizetype lastNewline = sink.partial.lastIndexOf('\n');
    if (lastNewline < 0)
        return;
    QByteArray text;
    qsizetype start = 0;
    while (start <= lastNewline) {
        const qsizetype end = sink.partial.indexOf('\n', start);
        text += sink.prefix;
        text += QByteArrayView(sink.partial).sliced(start, end + 1 - start);
        start = end + 1;
    }
    sink.partial.remove(0, lastNewline + 1);
    writeRaw(sink.device, text);
}

void LogPrinter::flush(Sink &sink)
{
    if (sink.partial.isEmpty())
        return;
    writeRaw(sink.device, sink.prefix + std::exchange(sink.partial, {}) + '\n');
}

void LogPrinter::finishAll(const QList<Allocation> &allocations)
{
    m_finishing = true;
    update(allocations);
    checkDrained();
}

void LogPrinter::checkDrained()
{
    if (!m_finishing || m_drained)
        return;
    for (auto it = m_sinks.cbegin(); it != m_sinks.cend(); ++it) {
        if (!it.key()->isFinished())
            return;
    }
    m_drained = true;
    QMetaObject::invokeMethod(this, &LogPrinter::drained, Qt::QueuedConnection);
}

} // namespace dd::cli
