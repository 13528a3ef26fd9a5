// Over 400 lines: one command's steps in order (arguments, preset, job lookup, server
// features, dispatch, following), each the continuation of the one before; why a
// dispatch failed is DispatchFailureReport's.

#include "cli/dispatchcommand.h"

#include "api/dispatchrecord.h"
#include "cli/dispatchfailurereport.h"
#include "cli/joblisting.h"
#include "cli/logprinter.h"
#include "core/dispatchvalidation.h"
#include "core/ids.h"
#include "core/presetstore.h"
#include "core/serverversion.h"

#include <QCoreApplication>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

DispatchCommand::DispatchCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

DispatchCommand::~DispatchCommand() = default;

void DispatchCommand::done(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    QMetaObject::invokeMethod(
        this, [this, exitCode]() { Q_EMIT finished(exitCode); }, Qt::QueuedConnection);
}

void DispatchCommand::run(const QStringList &args)
{
    auto parsed = parseDispatchArgs(args);
    // Colour is decided before anything is printed.
    const DispatchOptions &o = parsed ? *parsed : DispatchOptions{};
    const bool color =
        colorWanted(o.general, o.colorFlagsGiven, m_context.env, m_context.stdoutIsTerminal);
    m_terminal = std::make_unique<Terminal>(m_context.out, m_context.err, color);
    if (!parsed) {
        for (const QString &line : parsed.error().errors)
            m_terminal->error(line);
        if (parsed.error().printHelp)
            m_terminal->output(dispatchHelpText());
        done(parsed.error().exitCode);
        return;
    }
    m_options = *parsed;
    m_options.wait = m_options.wait || m_options.logs; // the logs end when the job does
    m_printer = std::make_unique<MonitorPrinter>(*m_terminal, m_options.verbose);

    if (m_options.inputSource) {
        auto payload = readInput(*m_options.inputSource, m_context.in);
        if (!payload) {
            m_terminal->error(u"Error reading input data: " + payload.error());
            done(1);
            return;
        }
        m_request.payload = *payload;
        m_request.hasPayload = true;
        if (payload->isEmpty() && *m_options.inputSource == u"-")
            m_terminal->hint(u"Note: standard input was empty, so no payload is sent."_s);
    }
    auto meta = parseMeta(m_options.meta);
    if (!meta) {
        m_terminal->error(meta.error());
        m_terminal->hint(
            u"Each -meta takes a key and a value joined by \"=\", for example -meta input-codec=mp4."_s);
        done(1);
        return;
    }
    if (meta->contains(QString())) {
        m_terminal->error(u"Error parsing meta value: =" + meta->value(QString()));
        m_terminal->hint(u"The key before \"=\" is empty; nothing was dispatched."_s);
        done(1);
        return;
    }
    m_request.meta = *meta;
    m_request.idempotencyToken = m_options.idempotencyToken;
    m_request.idPrefixTemplate = m_options.idPrefixTemplate;
    m_request.priority = m_options.priority;

    QStringList connectionWarnings;
    auto config = clientConfigFor(m_options.flagLayer, m_context.env, m_context.profileLayer,
                                  &connectionWarnings);
    for (const QString &warning : std::as_const(connectionWarnings))
        m_terminal->warn(u"Warning: " + warning);
    if (!config) {
        m_terminal->error(u"Error initializing client: " + config.error().message());
        done(1);
        return;
    }
    m_config = *config;
    m_client = new NomadClient(m_context.network, m_config, this);
    if (const auto error = m_client->configError()) {
        m_terminal->error(u"Error initializing client: " + error->message());
        done(1);
        return;
    }
    if (const auto warning = skipVerifyWarning(m_config))
        m_terminal->warn(*warning);

    // Nomad refuses payloads over its limit; checking here sends nothing at all.
    if (m_request.payload.size() > kMaxPayloadBytes) {
        m_terminal->error(u"Failed to dispatch job: Unexpected response code: 500 (Payload exceeds "
                          u"maximum size; " +
                          QString::number(m_request.payload.size()) + u" > " +
                          QString::number(kMaxPayloadBytes) + u')');
        m_terminal->hint(
            u"The payload is " + QString::number(m_request.payload.size()) + u" bytes, " +
            QString::number(m_request.payload.size() - kMaxPayloadBytes) +
            u" over Nomad's limit of " + QString::number(kMaxPayloadBytes) +
            u" bytes. It was checked before sending: nothing was dispatched. "
            u"Store large inputs elsewhere and pass their location in the payload or meta.");
        done(1);
        return;
    }
    // A preset belongs to the job's real ID, and "*" needs the job's namespace:
    // look the job up first. Otherwise dispatch the ID as given, and look it up
    // as a prefix only if Nomad does not know it: one request in the common case.
    if (!m_options.preset.isEmpty() || m_config.nameSpace == u"*") {
        resolveJob();
    } else {
        m_jobId = m_options.jobArg;
        m_lookupPending = true;
        checkServerFeatures();
    }
}

void DispatchCommand::resolveJob()
{
    const QString prefix = m_options.jobArg;
    m_client->jobs(prefix, kParentFilter, {}, this,
                   [this, prefix](Result<Reply<QList<JobStub>>> reply) {
                       if (!reply && reply.error().kind == ApiError::Kind::Http &&
                           reply.error().httpStatus == 400) {
                           // A server that cannot read the filter: ask again without it.
                           m_client->jobs(prefix, {}, {}, this,
                                          [this, prefix](Result<Reply<QList<JobStub>>> retry) {
                                              useJobList(prefix, retry);
                                          });
                           return;
                       }
                       useJobList(prefix, reply);
                   });
}

void DispatchCommand::useJobList(const QString &prefix, const Result<Reply<QList<JobStub>>> &list)
{
    // The lookup is best effort: on any failure (no list-jobs capability, no
    // connection) dispatch the ID as given, so the error the user sees is the
    // dispatch's own, worded as the reference words it.
    m_jobId = prefix;
    m_serverReached = m_serverReached || list || list.error().kind == ApiError::Kind::Http;
    if (list) {
        auto match = matchJobPrefix(prefix, list->value, m_config.nameSpace == u"*");
        if (!match) {
            m_terminal->error(match.error());
            done(1);
            return;
        }
        m_jobId = match->id;
        m_jobNamespace = match->nameSpace;
    }
    if (m_notFound && m_jobId == prefix) {
        // No parameterized job has this prefix either: Nomad's own answer stands.
        m_terminal->error(u"Failed to dispatch job: " + m_notFound->referenceText());
        failureReport()->explain(*m_notFound);
        return;
    }
    if (applyPreset())
        checkServerFeatures();
}

bool DispatchCommand::applyPreset()
{
    if (m_options.preset.isEmpty())
        return true;
    if (!m_context.settings) {
        m_terminal->error(u"Error loading preset \""_s + m_options.preset +
                          u"\": no settings are available"_s);
        done(1);
        return false;
    }
    PresetStore store(m_context.settings);
    const auto preset = store.preset(m_jobId, m_options.preset);
    if (!preset) {
        QStringList names;
        for (const DispatchPreset &p : store.presets(m_jobId))
            names.append(p.name);
        m_terminal->error(u"Error loading preset \""_s + m_options.preset + u"\": job \""_s +
                          m_jobId + u"\" has no preset by that name"_s);
        m_terminal->hint(
            names.isEmpty()
                ? u"No presets are saved for this job; save one in the Dispatch Desk app."_s
                : u"Presets saved for this job: "_s + names.join(u", ") + u'.');
        done(1);
        return false;
    }
    // The preset is the base; what was given on the command line wins.
    MetaMap meta = preset->meta;
    for (auto it = m_request.meta.begin(); it != m_request.meta.end(); ++it)
        meta.insert(it.key(), it.value());
    m_request.meta = meta;
    if (!m_request.hasPayload && preset->hasPayload) {
        m_request.payload = preset->payload;
        m_request.hasPayload = true;
    }
    if (m_request.idPrefixTemplate.isEmpty())
        m_request.idPrefixTemplate = preset->idPrefixTemplate;
    if (m_request.priority == 0)
        m_request.priority = preset->priority;
    return true;
}

void DispatchCommand::checkServerFeatures()
{
    QList<ServerFeature> wanted;
    if (!m_options.idempotencyToken.isEmpty())
        wanted.append(ServerFeature::IdempotencyToken);
    if (!m_request.idPrefixTemplate.isEmpty())
        wanted.append(ServerFeature::IdPrefixTemplate);
    if (m_request.priority != 0)
        wanted.append(ServerFeature::Priority);
    if (wanted.isEmpty()) {
        dispatch();
        return;
    }
    // Older servers ignore what they do not know: say so rather than pretend.
    m_client->agentSelf(this, [this, wanted](Result<AgentSelf> agent) {
        m_serverReached = m_serverReached || agent || agent.error().kind == ApiError::Kind::Http;
        if (agent) {
            m_serverVersion = ServerVersion::parse(agent->version);
            m_versionKnown = true;
        }
        for (ServerFeature feature : wanted) {
            if (m_serverVersion && !supports(m_serverVersion, feature)) {
                m_terminal->warn(u"Warning: Nomad " + m_serverVersion->toString() + u" ignores " +
                                 featureName(feature) + u" (supported from " +
                                 minimumVersion(feature).toString() + u").");
            }
        }
        dispatch();
    });
}

void DispatchCommand::dispatch()
{
    m_request.jobId = m_jobId;
    QueryOptions options;
    if (!m_jobNamespace.isEmpty())
        options.nameSpace = m_jobNamespace;

    if (!m_context.journalPath.isEmpty()) {
        m_journal.emplace(m_context.journalPath);
        DispatchRecordContext record;
        record.source = u"cli"_s;
        record.profile = m_context.profileName;
        record.address = m_config.address.toString();
        record.nameSpace = m_jobNamespace.isEmpty() ? m_config.nameSpace : m_jobNamespace;
        auto begun = m_journal->begin(beginDispatchEntry(m_request, record));
        if (begun) {
            m_entry = *begun;
            m_journaled = true;
        } else {
            m_terminal->warn(u"Warning: " + begun.error() +
                             u"; this dispatch is not recorded in the history.");
        }
    }

    SafeDispatcher::Options dispatchOptions;
    dispatchOptions.serverWasReachable = m_serverReached;
    auto *sender = new SafeDispatcher(m_client, dispatchOptions, this);
    if (m_versionKnown)
        sender->setServerVersion(m_serverVersion);
    connect(sender, &SafeDispatcher::retrying, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                m_terminal->hint(u"Dispatch attempt " + QString::number(attempt) + u" failed (" +
                                 error.message() + u"); retrying in " +
                                 QString::number(delay.count()) +
                                 u" ms. The retry cannot create a second job.");
            });
    connect(sender, &SafeDispatcher::finished, this, &DispatchCommand::onDispatchFinished);
    sender->dispatch(m_request, options);
}

void DispatchCommand::journalVerdict(std::optional<JournalVerdict> verdict)
{
    if (m_journaled && verdict)
        m_journal->note(m_entry.id, *verdict, m_entry.attempts);
}

void DispatchCommand::onDispatchFinished(const DispatchOutcome &outcome)
{
    if (m_journaled) {
        completeDispatchEntry(m_entry, outcome);
        m_journal->complete(m_entry);
    }
    switch (outcome.kind) {
    case DispatchOutcome::Kind::Dispatched:
        if (outcome.sent > 1)
            m_terminal->hint(u"Dispatch request: " + deliveryText(outcome) +
                             u"; Nomad answered with one job.");
        if (outcome.deduplicated && outcome.attempts > 1) {
            // Our own retry found the child the lost answer had created: follow its evaluation.
            QueryOptions options;
            if (!m_jobNamespace.isEmpty())
                options.nameSpace = m_jobNamespace;
            const DispatchResponse response = outcome.response;
            m_client->jobEvaluations(response.dispatchedJobId, options, this,
                                     [this, response](Result<Reply<QList<Evaluation>>> evals) {
                                         DispatchResponse r = response;
                                         if (evals && !evals->value.isEmpty())
                                             r.evalId = evals->value.constFirst().id;
                                         onDispatched(r);
                                     });
            return;
        }
        onDispatched(outcome.response);
        return;
    case DispatchOutcome::Kind::Failed:
        if (m_lookupPending && outcome.error && outcome.error->kind == ApiError::Kind::Http &&
            outcome.error->nomadText == u"parameterized job not found") {
            // Not a job ID Nomad knows: perhaps a unique prefix of one (Nomad 1.5+).
            m_lookupPending = false;
            m_journaled = false;
            m_notFound = *outcome.error;
            resolveJob();
            return;
        }
        m_terminal->error(u"Failed to dispatch job: " + outcome.error->referenceText());
        failureReport()->explain(*outcome.error);
        return;
    case DispatchOutcome::Kind::Unknown:
        failureReport()->reportUnknown(outcome);
        return;
    }
}

DispatchFailureReport *DispatchCommand::failureReport()
{
    auto *report = new DispatchFailureReport(
        *m_terminal, m_client,
        {m_jobId, m_jobNamespace, m_jobNamespace.isEmpty() ? m_config.nameSpace : m_jobNamespace,
         m_request},
        this);
    connect(report, &DispatchFailureReport::finished, this, [this]() { done(1); });
    return report;
}

void DispatchCommand::onDispatched(const DispatchResponse &response)
{
    m_response = response;
    const bool evalCreated = !response.evalId.isEmpty();
    m_terminal->output(u"Dispatched Job ID = " + response.dispatchedJobId);
    if (evalCreated)
        m_terminal->output(u"Evaluation ID     = " + shortId(response.evalId, m_options.verbose));
    if (m_options.openUi) {
        const QString ns =
            m_jobNamespace.isEmpty()
                ? (m_config.nameSpace.isEmpty() || m_config.nameSpace == u"*" ? u"default"_s
                                                                              : m_config.nameSpace)
                : m_jobNamespace;
        QUrl url = m_config.address;
        url.setPath(u"/ui/jobs/" + escapePathSegment(response.dispatchedJobId) + u'@' + ns,
                    QUrl::StrictMode);
        url.setQuery(QString());
        const bool opened = m_context.openUrl && m_context.openUrl(url);
        m_terminal->hint((opened ? u"Opened "_s : u"Could not open a browser; the job is at "_s) +
                         url.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded));
    }
    if (m_options.detach || !evalCreated) {
        done(0);
        return;
    }
    m_terminal->output(QString());
    monitor(response.evalId);
}

void DispatchCommand::monitor(const QString &evalId)
{
    EvaluationMonitor::Options options;
    options.nameSpace = m_jobNamespace.isEmpty() ? m_config.nameSpace : m_jobNamespace;
    if (options.nameSpace == u"*")
        options.nameSpace.clear();
    m_monitor = new EvaluationMonitor(m_client, evalId, options, this);
    connect(m_monitor, &EvaluationMonitor::monitorEvent, this, [this](const MonitorEvent &e) {
        m_allocationsCreated += e.kind == MonitorEvent::Kind::AllocationCreated ? 1 : 0;
        m_printer->print(e);
    });
    connect(m_monitor, &EvaluationMonitor::finished, this, &DispatchCommand::onMonitorFinished);
    m_monitor->start();
}

void DispatchCommand::onMonitorFinished(const MonitorResult &result)
{
    switch (result.outcome) {
    case MonitorResult::Outcome::Error: {
        m_terminal->error(u"==> No evaluation with id " + q(result.errorEvalId) + u" found");
        const ApiError &e = *result.error;
        const QString ns = m_jobNamespace.isEmpty()
                               ? (m_config.nameSpace.isEmpty() ? u"default"_s : m_config.nameSpace)
                               : m_jobNamespace;
        if (e.isPermissionDenied()) {
            m_terminal->hint(u"The evaluation exists, but the token cannot read it: it lacks the "
                             u"read-job capability in namespace " +
                             q(ns) + u". The job was dispatched as " +
                             q(m_response.dispatchedJobId) +
                             u"; follow it with a token that has read-job, or use -detach.");
        } else {
            m_terminal->hint(u"Could not follow the evaluation: " + e.message() +
                             u". The job was dispatched as " + q(m_response.dispatchedJobId) +
                             u'.');
        }
        done(1);
        return;
    }
    case MonitorResult::Outcome::Cancelled:
        done(1);
        return;
    case MonitorResult::Outcome::PlacementFailed:
        journalVerdict(verdictAfterEvaluation(result, m_options.wait));
        done(2);
        return;
    case MonitorResult::Outcome::Complete:
    case MonitorResult::Outcome::EvaluationFailed:
        break;
    }
    if (!m_options.wait) {
        journalVerdict(verdictAfterEvaluation(result, m_options.wait));
        done(0);
        return;
    }
    waitForJob();
}

void DispatchCommand::waitForJob()
{
    const QString ns = m_jobNamespace.isEmpty() ? m_config.nameSpace : m_jobNamespace;
    m_terminal->output(u"==> Waiting for job " + q(m_response.dispatchedJobId) + u" to finish");
    m_waiter =
        new JobWaiter(m_client, m_response.dispatchedJobId, ns == u"*" ? QString() : ns, this);
    connect(m_waiter, &JobWaiter::allocationStatusChanged, this,
            [this](const Allocation &a, const QString &from) {
                MonitorEvent e{MonitorEvent::Kind::AllocationStatusChanged};
                e.allocation = a;
                e.from = from;
                e.to = a.clientStatus;
                m_printer->print(e);
            });
    connect(m_waiter, &JobWaiter::reconnecting, this,
            [this](const ApiError &error, int attempt, std::chrono::milliseconds delay) {
                MonitorEvent e{MonitorEvent::Kind::Reconnecting};
                e.error = error;
                e.attempt = attempt;
                e.delay = delay;
                m_printer->print(e);
            });
    if (m_options.logs) {
        // -logs: the tasks' output as they run; the verdict once all of it is printed.
        m_logs = new LogPrinter(m_client, ns == u"*" ? QString() : ns, m_context.out, m_context.err,
                                *m_terminal, this);
        m_logs->setPrefixed(m_allocationsCreated > 1);
        QString idleWarning;
        m_logs->setIdleTimeout(logIdleTimeout(m_context.env, &idleWarning));
        if (!idleWarning.isEmpty())
            m_terminal->warn(idleWarning);
        connect(m_waiter, &JobWaiter::allocationsUpdated, m_logs, &LogPrinter::update);
    }
    connect(m_waiter, &JobWaiter::finished, this, [this](const JobOutcome &outcome) {
        if (!m_logs || outcome.error) {
            finishWaiting(outcome);
            return;
        }
        connect(m_logs, &LogPrinter::drained, this, [this, outcome]() { finishWaiting(outcome); });
        m_logs->finishAll(outcome.allocations);
    });
    m_waiter->start();
}

void DispatchCommand::finishWaiting(const JobOutcome &outcome)
{
    if (outcome.error) {
        m_terminal->error(u"==> Could not follow job " + q(m_response.dispatchedJobId) + u": " +
                          outcome.error->message());
        done(1);
        return;
    }
    QString line = u"==> Job " + q(m_response.dispatchedJobId) + u" finished: " +
                   QString::number(outcome.complete) + u" complete, " +
                   QString::number(outcome.failed) + u" failed";
    if (outcome.lost > 0)
        line += u", " + QString::number(outcome.lost) + u" lost";
    m_terminal->output(line);
    journalVerdict(verdictAfterJob(outcome));
    done(outcome.succeeded() ? 0 : 2);
}

} // namespace dd::cli
