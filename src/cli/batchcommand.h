#pragma once
// `dispatch-desk-cli job dispatch-batch`: many dispatches of one job from a
// CSV or JSON Lines file, with bounded concurrency, per-row idempotency
// tokens where the server honours them, and the journal.

#include "api/batchdispatcher.h"
#include "api/nomadclient.h"
#include "cli/clicontext.h"
#include "cli/generaloptions.h"
#include "cli/terminal.h"

#include <QObject>

#include <memory>

namespace dd::cli {

class BatchCommand : public QObject
{
    Q_OBJECT
public:
    explicit BatchCommand(CliContext &context, QObject *parent = nullptr);
    ~BatchCommand() override;
    void run(const QStringList &args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void resolveAndValidate();
    bool planRows(const Job *schema);
    // "Payload files: from /rows (the rows file's folder)", for the preview.
    QString payloadRootText() const;
    void startBatch();
    void onFinished(const BatchSummary &summary);
    void done(int code);

    CliContext &m_context;
    std::unique_ptr<Terminal> m_terminal;
    GeneralOptions m_general;
    int m_concurrency = 8;
    QString m_format;
    QString m_batchId; // -batch-id; empty: derived by the plan
    QString m_resultsPath;
    QString m_idPrefixTemplate;
    int m_priority = 0;
    bool m_dryRun = false;
    QString m_payloadRoot; // -payload-root; empty: the rows file's folder
    QString m_jobArg;
    QString m_rowsSource;
    QByteArray m_rowsContent;
    BatchFormat m_rowsFormat = BatchFormat::Csv;
    BatchPlan m_plan;
    ClientConfig m_config;
    NomadClient *m_client = nullptr;
    QString m_jobId;
    QString m_jobNamespace;
    std::optional<ServerVersion> m_version;
    std::optional<DispatchJournal> m_journal;
    BatchDispatcher *m_dispatcher = nullptr;
    bool m_done = false;
};

QString batchHelpText();

} // namespace dd::cli
