#pragma once
// `dispatch-desk-cli job dispatch`: the reference's behaviour and output,
// with help lines after its errors and blocking queries instead of polling.

#include "api/evaluationmonitor.h"
#include "api/jobwaiter.h"
#include "api/nomadclient.h"
#include "api/safedispatcher.h"
#include "cli/clicontext.h"
#include "cli/dispatchoptions.h"
#include "cli/monitorprinter.h"
#include "core/dispatchjournal.h"

#include <QObject>

#include <memory>

namespace dd::cli {

class DispatchFailureReport;
class LogPrinter;

class DispatchCommand : public QObject
{
    Q_OBJECT
public:
    explicit DispatchCommand(CliContext &context, QObject *parent = nullptr);
    ~DispatchCommand() override;

    // Asynchronous: emits finished() with the exit code.
    void run(const QStringList &args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void resolveJob();
    void useJobList(const QString &prefix, const Result<Reply<QList<JobStub>>> &list);
    bool applyPreset();
    void checkServerFeatures();
    void dispatch();
    void onDispatchFinished(const DispatchOutcome &outcome);
    void onDispatched(const DispatchResponse &response);
    // Says why a dispatch failed (or may not have happened), then the command ends.
    DispatchFailureReport *failureReport();
    void journalVerdict(std::optional<JournalVerdict> verdict);
    void monitor(const QString &evalId);
    void onMonitorFinished(const MonitorResult &result);
    void waitForJob();
    void finishWaiting(const JobOutcome &outcome);
    void done(int exitCode);

    CliContext &m_context;
    std::unique_ptr<Terminal> m_terminal;
    std::unique_ptr<MonitorPrinter> m_printer;
    DispatchOptions m_options;
    DispatchRequest m_request;
    ClientConfig m_config;
    NomadClient *m_client = nullptr;
    QString m_jobId;
    QString m_jobNamespace;
    QStringList m_parameterizedIds; // seen while resolving the prefix, for hints
    DispatchResponse m_response;
    EvaluationMonitor *m_monitor = nullptr;
    JobWaiter *m_waiter = nullptr;
    LogPrinter *m_logs = nullptr; // -logs
    int m_allocationsCreated = 0;
    std::optional<ServerVersion> m_serverVersion;
    std::optional<DispatchJournal> m_journal;
    JournalEntry m_entry;
    bool m_journaled = false;
    bool m_serverReached = false; // any call answered: a later refusal is a blip
    bool m_versionKnown = false;
    bool m_lookupPending = false; // the ID was sent as given; look it up if Nomad does not know it
    std::optional<ApiError> m_notFound;
    bool m_done = false;
};

} // namespace dd::cli
