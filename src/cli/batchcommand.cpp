#include "cli/batchcommand.h"

#include "cli/dispatchoptions.h"
#include "cli/goflags.h"
#include "cli/joblisting.h"
#include "core/dispatchvalidation.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

QString batchHelpText()
{
    return uR"(Usage: dispatch-desk-cli job dispatch-batch [options] <parameterized job> <rows file>

  Dispatches one instance of a parameterized job per row of a CSV or JSON
  Lines file ("-" reads standard input). CSV: a header names the columns;
  "payload", "payload_file" and "payload_base64" columns give the payload,
  every other column is a meta key (an empty cell leaves it out). JSON Lines:
  one object per line, {"meta": {...}, "payload_file": "..."} or flat.

  A payload_file is read only from inside the rows file's folder (from the
  current folder when the rows come from standard input): no absolute paths
  or "../" outside it, no symbolic links leading out, regular files of at most
  16384 bytes only. -payload-root widens that folder, for rows files you trust.

  Every row is checked against the job's schema before anything is sent. On
  Nomad 1.2 and later each row carries an idempotency token derived from the
  batch ID and the row's position, so running the same file again only
  dispatches the rows that did not land (failed rows are retried, the others
  answer "already dispatched"). Each dispatch is recorded in the journal.

Batch Options:

  -concurrency=<n>        Dispatches in flight at once (default 8).
  -format=<csv|jsonl>     The rows' format (default: from the file name).
  -batch-id=<id>          Names this batch; default: derived from the job and
                          the rows, so the same file is the same batch.
  -results=<file>         Writes per-row results (line, status, child, eval, error) as CSV.
  -id-prefix-template=<t> Prefix template for the children's IDs.
  -priority=<1-100>       Priority for every child.
  -payload-root=<dir>     Payload files may come from anywhere inside <dir>
                          (default: the rows file's folder). Relative paths
                          still start at the rows file's folder.
  -dry-run                Check the rows and print what would be dispatched.

General options as for "job dispatch" (-address, -token, -namespace, TLS...).)"_s;
}

BatchCommand::BatchCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

BatchCommand::~BatchCommand() = default;

void BatchCommand::done(int code)
{
    if (m_done)
        return;
    m_done = true;
    QMetaObject::invokeMethod(
        this, [this, code]() { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

void BatchCommand::run(const QStringList &args)
{
    FlagSet flags;
    m_general.addTo(flags);
    flags.addInt(u"concurrency"_s, &m_concurrency);
    flags.addString(u"format"_s, &m_format);
    flags.addString(u"batch-id"_s, &m_batchId);
    flags.addString(u"results"_s, &m_resultsPath);
    flags.addString(u"id-prefix-template"_s, &m_idPrefixTemplate);
    flags.addInt(u"priority"_s, &m_priority);
    flags.addBool(u"dry-run"_s, &m_dryRun);
    flags.addString(u"payload-root"_s, &m_payloadRoot);
    auto positional = flags.parse(args);
    m_terminal = std::make_unique<Terminal>(m_context.out, m_context.err,
                                            colorWanted(m_general, flags.wasSet(u"force-color"_s),
                                                        m_context.env, m_context.stdoutIsTerminal));
    if (!positional) {
        if (!flags.helpRequested())
            m_terminal->error(positional.error());
        m_terminal->output(batchHelpText());
        done(flags.helpRequested() ? 0 : 1);
        return;
    }
    if (positional->size() != 2) {
        m_terminal->error(u"This command takes two arguments: <parameterized job> <rows file>"_s);
        m_terminal->error(
            u"For additional help try 'dispatch-desk-cli job dispatch-batch -help'"_s);
        done(1);
        return;
    }
    if (m_concurrency < 1 || m_concurrency > 64) {
        m_terminal->error(u"Invalid -concurrency "_s + QString::number(m_concurrency) +
                          u": use 1 to 64."_s);
        done(1);
        return;
    }
    if (flags.wasSet(u"payload-root"_s) && !QFileInfo(m_payloadRoot).isDir()) {
        m_terminal->error(
            u"Invalid -payload-root \""_s + m_payloadRoot + u"\": "_s +
            (QFileInfo::exists(m_payloadRoot) ? u"it is not a folder"_s : u"no such folder"_s) +
            u". Name the folder payload_file rows may read from."_s);
        done(1);
        return;
    }
    m_jobArg = positional->at(0).trimmed();
    m_rowsSource = positional->at(1);
    auto content = readInput(m_rowsSource, m_context.in);
    if (!content) {
        m_terminal->error(u"Error reading rows: "_s + content.error());
        done(1);
        return;
    }
    m_rowsContent = *content;
    m_rowsFormat = guessBatchFormat(m_rowsSource, m_rowsContent);
    if (m_format == u"csv")
        m_rowsFormat = BatchFormat::Csv;
    else if (m_format == u"jsonl" || m_format == u"json")
        m_rowsFormat = BatchFormat::JsonLines;
    else if (!m_format.isEmpty()) {
        m_terminal->error(u"Invalid -format \""_s + m_format + u"\": use csv or jsonl."_s);
        done(1);
        return;
    }
    QStringList connectionWarnings;
    auto config = clientConfigFor(flagLayer(m_general, flags), m_context.env,
                                  m_context.profileLayer, &connectionWarnings);
    for (const QString &warning : std::as_const(connectionWarnings))
        m_terminal->warn(u"Warning: "_s + warning);
    if (!config) {
        m_terminal->error(u"Error initializing client: "_s + config.error().message());
        done(1);
        return;
    }
    m_config = *config;
    m_client = new NomadClient(m_context.network, m_config, this);
    if (const auto error = m_client->configError()) {
        m_terminal->error(u"Error initializing client: "_s + error->message());
        done(1);
        return;
    }
    if (const auto warning = skipVerifyWarning(m_config))
        m_terminal->warn(*warning);
    resolveAndValidate();
}

void BatchCommand::resolveAndValidate()
{
    m_client->jobs(m_jobArg, {}, {}, this, [this](Result<Reply<QList<JobStub>>> list) {
        m_jobId = m_jobArg;
        if (list) {
            auto match = matchJobPrefix(m_jobArg, list->value, m_config.nameSpace == u"*");
            if (!match) {
                m_terminal->error(match.error());
                done(1);
                return;
            }
            m_jobId = match->id;
            m_jobNamespace = match->nameSpace;
        }
        QueryOptions options;
        if (!m_jobNamespace.isEmpty())
            options.nameSpace = m_jobNamespace;
        m_client->job(m_jobId, options, this, [this](Result<Reply<Job>> job) {
            if (job) {
                if (!job->value.isParameterizedParent()) {
                    m_terminal->error(u"Job \""_s + m_jobId +
                                      u"\" is not a parameterized job; nothing was dispatched."_s);
                    done(1);
                    return;
                }
            } else if (job.error().isNotFound()) {
                m_terminal->error(u"Job \""_s + m_jobId +
                                  u"\" was not found; nothing was dispatched."_s);
                done(1);
                return;
            } else if (!job.error().isPermissionDenied()) {
                m_terminal->error(u"Could not read job \""_s + m_jobId + u"\": "_s +
                                  job.error().message());
                done(1);
                return;
            }
            // Without read-job the rows go unchecked; the server still refuses bad ones.
            if (!planRows(job ? &job->value : nullptr))
                return;
            m_client->agentSelf(this, [this](Result<AgentSelf> agent) {
                if (agent)
                    m_version = ServerVersion::parse(agent->version);
                startBatch();
            });
        });
    });
}

// Plans against the resolved ID, so a prefix and the full ID make the same
// batch, with the tokens the app would give the same file.
bool BatchCommand::planRows(const Job *schema)
{
    const QString baseDir =
        m_rowsSource == u"-" ? QString() : QFileInfo(m_rowsSource).absolutePath();
    m_plan = planBatch({m_rowsContent, m_rowsFormat, baseDir, m_payloadRoot}, m_jobId, schema,
                       m_batchId);
    const qsizetype problems = m_plan.problemCount();
    if (problems > 0) {
        for (const QString &problem : std::as_const(m_plan.fileProblems))
            m_terminal->error(u"Error reading rows: "_s + problem);
        for (const PlannedRow &row : std::as_const(m_plan.rows)) {
            for (const BatchRowProblem &p : row.problems)
                m_terminal->error(u"Row at line "_s + QString::number(row.row.line) + u": "_s +
                                  p.message);
        }
        if (schema && m_plan.hasSchemaProblems()) {
            for (const QString &line : describeSchema(*schema))
                m_terminal->hint(line);
        }
        m_terminal->hint(QString::number(problems) +
                         u" problem(s) found before sending; nothing was dispatched. Fix the "
                         u"rows and run again."_s);
        done(1);
        return false;
    }
    if (m_plan.rows.isEmpty()) {
        m_terminal->error(u"No rows to dispatch in "_s + m_rowsSource + u'.');
        done(1);
        return false;
    }
    return true;
}

QString BatchCommand::payloadRootText() const
{
    const QString why = !m_payloadRoot.isEmpty() ? u"given with -payload-root"_s
                        : m_rowsSource == u"-"
                            ? u"the current folder, as the rows come from standard input"_s
                            : u"the rows file's folder"_s;
    return u"Payload files: from "_s + m_plan.payloadRoot + u" ("_s + why + u')';
}

void BatchCommand::startBatch()
{
    if (m_dryRun) {
        m_terminal->output(u"Would dispatch "_s + QString::number(m_plan.rows.size()) +
                           u" instance(s) of \""_s + m_jobId + u"\":"_s);
        m_terminal->output(payloadRootText());
        for (const PlannedRow &planned : std::as_const(m_plan.rows)) {
            const BatchRow &row = planned.row;
            QStringList meta;
            for (auto it = row.meta.begin(); it != row.meta.end(); ++it)
                meta.append(it.key() + u'=' + it.value());
            m_terminal->output(
                u"  line "_s + QString::number(row.line) + u": "_s +
                (meta.isEmpty() ? u"(no meta)"_s : meta.join(u' ')) +
                (row.hasPayload
                     ? u", payload "_s + QString::number(row.payload.size()) + u" bytes"_s
                     : QString()) +
                (row.payloadSource == PayloadSource::File ? u" from "_s + row.payloadPathInRoot
                                                          : QString()));
        }
        done(0);
        return;
    }
    if (!supports(m_version, ServerFeature::IdempotencyToken)) {
        m_terminal->warn(
            u"Warning: "_s +
            (m_version ? u"Nomad "_s + m_version->toString() : u"this server (version unknown)"_s) +
            u" does not honour idempotency tokens: running this batch again would dispatch every row again."_s);
    }
    BatchDispatcher::Options options;
    options.jobId = m_jobId;
    options.nameSpace = m_jobNamespace.isEmpty() ? m_config.nameSpace : m_jobNamespace;
    options.concurrency = m_concurrency;
    options.common.idPrefixTemplate = m_idPrefixTemplate;
    options.common.priority = m_priority;
    options.profile = m_context.profileName;
    if (!m_context.journalPath.isEmpty()) {
        m_journal.emplace(m_context.journalPath);
        options.journal = &*m_journal;
    }
    m_dispatcher = new BatchDispatcher(m_client, options, this);
    m_dispatcher->setServerVersion(m_version);
    connect(m_dispatcher, &BatchDispatcher::rowUpdated, this, [this](const BatchRowResult &r) {
        if (r.status == BatchRowResult::Status::Waiting ||
            r.status == BatchRowResult::Status::Sending)
            return;
        QString line = u"line "_s + QString::number(r.line) + u": "_s + batchStatusName(r.status);
        if (!r.response.dispatchedJobId.isEmpty())
            line += u' ' + r.response.dispatchedJobId;
        if (r.error && !r.succeeded())
            line += u" ("_s + r.error->referenceText() + u')';
        m_terminal->output(line);
    });
    connect(m_dispatcher, &BatchDispatcher::finished, this, &BatchCommand::onFinished);
    m_dispatcher->start(m_plan);
}

void BatchCommand::onFinished(const BatchSummary &s)
{
    if (!m_resultsPath.isEmpty()) {
        QFile f(m_resultsPath + u".tmp"_s);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            f.write("line,status,child,eval,error\n");
            auto csv = [](QString v) {
                if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n'))
                    v = u'"' + v.replace(u'"', u"\"\""_s) + u'"';
                return v;
            };
            for (const BatchRowResult &r : m_dispatcher->results()) {
                f.write(QStringList{
                            QString::number(r.line), batchStatusName(r.status),
                            csv(r.response.dispatchedJobId), csv(r.response.evalId),
                            csv(r.error && !r.succeeded() ? r.error->referenceText() : QString())}
                            .join(u',')
                            .toUtf8() +
                        '\n');
            }
            f.close();
            QFile::remove(m_resultsPath);
            f.rename(m_resultsPath);
        } else {
            m_terminal->warn(u"Warning: could not write results to "_s + m_resultsPath + u": "_s +
                             f.errorString());
        }
    }
    const double seconds = s.elapsedMs / 1000.0;
    QString summary =
        u"==> Dispatched "_s + QString::number(s.dispatched) + u" of "_s + QString::number(s.total);
    if (s.alreadyDispatched)
        summary += u", "_s + QString::number(s.alreadyDispatched) + u" already dispatched"_s;
    if (s.failed)
        summary += u", "_s + QString::number(s.failed) + u" failed"_s;
    if (s.unknown)
        summary += u", "_s + QString::number(s.unknown) + u" unknown"_s;
    summary += u" in "_s + QString::number(seconds, 'f', 2) + u" s ("_s +
               QString::number(seconds > 0 ? s.total / seconds : 0.0, 'f', 0) + u" per second)"_s;
    m_terminal->output(summary);
    if (s.failed || s.unknown) {
        m_terminal->hint(
            s.tokensHonoured
                ? u"Run the same command again to retry the rows that did not land; the others will not be dispatched twice."_s
                : u"Check the failed rows before running again: this server would dispatch every row again."_s);
    }
    done(s.failed || s.unknown ? 1 : 0);
}

} // namespace dd::cli
