// A task's output (tasklogs.h): built once from the allocation's job, read by
// offset at any moment of simulated time.
#include "sim/tasklogs.h"

#include "sim/taskplan.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

constexpr qint64 kLineBytes = 64;
constexpr qint64 kForeverSpreadNs = 60 * 1'000'000'000LL;

QString metaText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : v.isDouble() ? QString::number(v.toDouble()) : QString();
}

// "104857600", "100M", "100MiB", "64k": bytes.
qint64 parseByteCount(const QString &text)
{
    static const QRegularExpression re(u"^\\s*(\\d+)\\s*([kKmMgG]?)(i?[bB])?\\s*$"_s);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return 0;
    const QString unit = m.captured(2).toLower();
    const int shift = unit == "k"_L1 ? 10 : unit == "m"_L1 ? 20 : unit == "g"_L1 ? 30 : 0;
    return std::min<qint64>(m.captured(1).toLongLong() << shift, qint64(1) << 40);
}

// Line i of a generated log: "log line 0000000001 " and letters, 64 bytes with its newline.
QByteArray generatedLine(qint64 i)
{
    QByteArray line = "log line " + QByteArray::number(i + 1).rightJustified(10, '0') + ' ';
    for (qint64 c = line.size(); c < kLineBytes - 1; ++c)
        line += char('a' + (i + c) % 26);
    return line + '\n';
}

QString quoted(const QString &word)
{
    QString w = word;
    w.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'`', u"\\`"_s);
    return u'"' + w + u'"';
}

} // namespace

QString logFileName(const QString &task, int fd, int index)
{
    return task + (fd == 2 ? u".stderr."_s : u".stdout."_s) + QString::number(index);
}

std::shared_ptr<const TaskOutput> TaskOutput::build(const SimAlloc &alloc, const QString &taskName,
                                                    const QString &allocDir)
{
    auto out = std::make_shared<TaskOutput>();
    const QJsonObject job = alloc.job;
    QJsonObject group, task;
    for (const QJsonValue &g : job.value("TaskGroups"_L1).toArray()) {
        if (g.toObject().value("Name"_L1).toString() != alloc.taskGroup)
            continue;
        group = g.toObject();
        for (const QJsonValue &t : group.value("Tasks"_L1).toArray()) {
            if (t.toObject().value("Name"_L1).toString() == taskName)
                task = t.toObject();
        }
    }
    const QJsonObject logConfig = task.value("LogConfig"_L1).toObject();
    out->maxFileBytes = qint64(std::max(1, logConfig.value("MaxFileSizeMB"_L1).toInt(10))) << 20;
    out->maxFiles = std::max(1, logConfig.value("MaxFiles"_L1).toInt(10));
    out->payload = QByteArray::fromBase64(job.value("Payload"_L1).toString().toLatin1());
    const QString payloadFile =
        task.value("DispatchPayload"_L1).toObject().value("File"_L1).toString();
    const QString dir = allocDir + u'/' + alloc.id;
    if (!payloadFile.isEmpty() && !out->payload.isEmpty())
        out->payloadPath = taskName + u"/local/"_s + payloadFile;

    const QJsonObject jobMeta = job.value("Meta"_L1).toObject();
    QMap<QString, QString> meta;
    for (const QJsonObject &level :
         {jobMeta, group.value("Meta"_L1).toObject(), task.value("Meta"_L1).toObject()}) {
        for (auto it = level.begin(); it != level.end(); ++it)
            meta.insert(it.key(), metaText(it.value()));
    }
    ShellEnvironment env;
    addMetaVariables(env.variables, meta);
    const QString allocIndex = alloc.name.section(u'[', -1).chopped(1);
    env.variables.insert(u"NOMAD_ALLOC_ID"_s, alloc.id);
    env.variables.insert(u"NOMAD_ALLOC_NAME"_s, alloc.name);
    env.variables.insert(u"NOMAD_ALLOC_INDEX"_s, allocIndex);
    env.variables.insert(u"NOMAD_ALLOC_DIR"_s, dir + u"/alloc"_s);
    env.variables.insert(u"NOMAD_TASK_DIR"_s, dir + u'/' + taskName + u"/local"_s);
    env.variables.insert(u"NOMAD_SECRETS_DIR"_s, dir + u'/' + taskName + u"/secrets"_s);
    env.variables.insert(u"NOMAD_TASK_NAME"_s, taskName);
    env.variables.insert(u"NOMAD_GROUP_NAME"_s, alloc.taskGroup);
    env.variables.insert(u"NOMAD_JOB_ID"_s, alloc.jobId);
    env.variables.insert(u"NOMAD_JOB_NAME"_s, alloc.jobId);
    env.variables.insert(u"NOMAD_JOB_PARENT_ID"_s, job.value("ParentID"_L1).toString());
    env.variables.insert(u"NOMAD_NAMESPACE"_s, alloc.ns);
    const QString payloadAbs = dir + u'/' + out->payloadPath;
    const QByteArray payload = out->payloadPath.isEmpty() ? QByteArray() : out->payload;
    env.readFile = [payloadAbs, payload](const QString &path) -> std::optional<QByteArray> {
        if (!payload.isEmpty() && QStringView(path) == payloadAbs)
            return payload;
        return std::nullopt;
    };
    env.startNs = alloc.createTime;

    const QJsonObject config = task.value("Config"_L1).toObject();
    QString script;
    if (task.value("Driver"_L1).toString() == "mock_driver"_L1) {
        // The mock driver's own options: stdout_string, repeated stdout_repeat
        // times every stdout_repeat_duration.
        const QString text = config.value("stdout_string"_L1).toString();
        const int repeat = config.value("stdout_repeat"_L1).toInt();
        const qint64 every = parseGoDuration(config.value("stdout_repeat_duration"_L1).toString())
                                 .value_or(kNsPerSecond);
        if (!text.isEmpty()) {
            script = u"printf %s "_s + quoted(text);
            for (int i = 0; i < std::min(repeat, 100'000); ++i)
                script += u"; sleep %1; printf %s "_s.arg(double(every) / 1e9) + quoted(text);
        }
    } else if (config.contains("command"_L1)) {
        const QString command = config.value("command"_L1).toString();
        QStringList args;
        for (const QJsonValue &a : config.value("args"_L1).toArray())
            args << a.toString();
        const QString base = command.section(u'/', -1);
        const bool shell = base == "sh"_L1 || base == "bash"_L1 || base == "dash"_L1;
        const qsizetype c = args.indexOf(u"-c"_s);
        if (shell && c >= 0 && c + 1 < args.size()) {
            script = args[c + 1];
        } else {
            script = quoted(command);
            for (const QString &a : args)
                script += u' ' + quoted(a);
        }
    }
    const ShellRun run = runShellScript(script, env);
    for (const ShellWrite &w : run.writes) {
        Stream &s = out->m_streams[w.fd == 2 ? 1 : 0];
        s.times << w.atNs;
        s.data += w.data;
        s.ends << s.data.size();
    }
    const qint64 logBytes = parseByteCount(meta.value(u"log_bytes"_s));
    if (logBytes > 0) {
        const TaskPlan plan = planTask(task, group, jobMeta, job.value("Type"_L1).toString());
        out->m_streams[0] = Stream{};
        out->m_generatedLines = std::max<qint64>(1, logBytes / kLineBytes);
        out->m_generateNs = plan.forever ? kForeverSpreadNs : plan.runForNs;
    }
    return out;
}

qint64 TaskOutput::sizeAt(int fd, qint64 sinceStartNs) const
{
    if (fd == 1 && m_generatedLines > 0) {
        if (sinceStartNs >= m_generateNs)
            return m_generatedLines * kLineBytes;
        const qint64 lines = qint64(__int128(m_generatedLines) * sinceStartNs / m_generateNs);
        return lines * kLineBytes;
    }
    const Stream &s = m_streams[fd == 2 ? 1 : 0];
    const auto it = std::upper_bound(s.times.begin(), s.times.end(), sinceStartNs);
    const qsizetype n = it - s.times.begin();
    return n == 0 ? 0 : s.ends[n - 1];
}

qint64 TaskOutput::nextWriteAfter(int fd, qint64 sinceStartNs) const
{
    if (fd == 1 && m_generatedLines > 0) {
        if (sinceStartNs >= m_generateNs)
            return -1;
        // Line n is complete at n * m_generateNs / m_generatedLines.
        const qint64 written = qint64(__int128(m_generatedLines) * sinceStartNs / m_generateNs);
        return qint64((__int128(written + 1) * m_generateNs + m_generatedLines - 1) /
                      m_generatedLines);
    }
    const Stream &s = m_streams[fd == 2 ? 1 : 0];
    const auto it = std::upper_bound(s.times.begin(), s.times.end(), sinceStartNs);
    return it == s.times.end() ? -1 : *it;
}

QByteArray TaskOutput::read(int fd, qint64 offset, qint64 length) const
{
    if (fd == 1 && m_generatedLines > 0) {
        const qint64 end = std::min(offset + length, m_generatedLines * kLineBytes);
        QByteArray out;
        out.reserve(qsizetype(std::max<qint64>(0, end - offset)));
        for (qint64 line = offset / kLineBytes; line * kLineBytes < end; ++line) {
            const QByteArray text = generatedLine(line);
            const qint64 from = std::max<qint64>(0, offset - line * kLineBytes);
            const qint64 to = std::min(kLineBytes, end - line * kLineBytes);
            out += text.mid(from, to - from);
        }
        return out;
    }
    return m_streams[fd == 2 ? 1 : 0].data.mid(offset, length);
}

TaskLogView::TaskLogView(std::shared_ptr<const TaskOutput> output, const TaskState &state,
                         qint64 nowNs, qint64 fileLimit)
    : m_output(std::move(output))
    , m_limit(fileLimit > 0 ? fileLimit : m_output->maxFileBytes)
{
    // Each run (a start and, after a restart, the next) appends to the same files.
    QList<qint64> starts;
    for (const TaskEvent &e : state.events) {
        if (e.type == "Started"_L1)
            starts << e.time;
    }
    if (starts.isEmpty() && state.startedAt > 0)
        starts << state.startedAt;
    const qint64 finished = state.finishedAt > 0 ? state.finishedAt : nowNs;
    m_running = state.finishedAt <= 0 && !starts.isEmpty();
    m_modTime = std::min(nowNs, finished);
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const qint64 end = std::min(i + 1 < starts.size() ? starts[i + 1] : finished, nowNs);
        Run run;
        run.sinceStartNs = std::max<qint64>(0, end - starts[i]);
        run.size[0] = m_output->sizeAt(1, run.sinceStartNs);
        run.size[1] = m_output->sizeAt(2, run.sinceStartNs);
        m_runs << run;
    }
}

qint64 TaskLogView::nsUntilNextWrite(int fd) const
{
    if (!m_running || m_runs.isEmpty())
        return -1;
    const qint64 since = m_runs.last().sinceStartNs;
    const qint64 next = m_output->nextWriteAfter(fd, since);
    return next < 0 ? -1 : next - since;
}

qint64 TaskLogView::size(int fd) const
{
    qint64 total = 0;
    for (const Run &r : m_runs)
        total += r.size[fd == 2 ? 1 : 0];
    return total;
}

QByteArray TaskLogView::read(int fd, qint64 offset, qint64 length) const
{
    QByteArray out;
    for (const Run &r : m_runs) {
        const qint64 size = r.size[fd == 2 ? 1 : 0];
        if (length <= 0)
            break;
        if (offset >= size) {
            offset -= size;
            continue;
        }
        const qint64 n = std::min(length, size - offset);
        out += m_output->read(fd, offset, n);
        length -= n;
        offset = 0;
    }
    return out;
}

int TaskLogView::lastFile(int fd) const
{
    const qint64 total = size(fd);
    return total == 0 ? 0 : int((total - 1) / m_limit);
}

int TaskLogView::firstFile(int fd) const
{
    return std::max(0, lastFile(fd) - m_output->maxFiles + 1);
}

qint64 TaskLogView::fileSize(int fd, int index) const
{
    return std::clamp<qint64>(size(fd) - qint64(index) * m_limit, 0, m_limit);
}

} // namespace dd::sim
