#pragma once
// Dispatches one parameterized job once per row of a CSV or JSON Lines file:
// the file is planned first (planBatch in core: every row checked against the
// job's schema, nothing sent before Start), invalid rows are skipped with
// their reason, and the valid ones go out with bounded concurrency through
// BatchDispatcher, each with the plan's idempotency token, so "Retry failed
// rows" never dispatches a row twice on servers that honour tokens.
//
// The class is written in three files: bulkdispatchdialog.cpp (the window,
// its buttons and closing), bulkdispatchpreview.cpp (the file, the preview
// table and its summary) and bulkdispatchrun.cpp (the run: progress, results,
// cancel and retry).

#include "api/batchdispatcher.h"
#include "core/batchplan.h"
#include "core/serverversion.h"
#include "core/types.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>

#include <functional>
#include <memory>

class QMimeData;

namespace Ui {
class BulkDispatchDialog;
}

namespace dd {
class DispatchJournal;
class NomadClient;
} // namespace dd

namespace dd::models {
class BatchRowModel;
}

namespace dd::gui {

class FileDialogs;
class Prompter;

class BulkDispatchDialog : public QDialog
{
    Q_OBJECT
public:
    // What the dialog works with; the pointers are owned elsewhere.
    struct Context
    {
        NomadClient *client = nullptr;
        QString profileName;
        std::optional<ServerVersion> serverVersion;
        // false: the version is read when Start is pressed (unknown: no tokens).
        bool versionKnown = false;
        DispatchJournal *journal = nullptr; // may be null
        FileDialogs *files = nullptr;
        Prompter *prompter = nullptr;
    };

    // An empty `nameSpace` is the job's.
    BulkDispatchDialog(const Job &job, const QString &nameSpace, const Context &context,
                       QWidget *parent = nullptr);
    ~BulkDispatchDialog() override;

    // Reads and checks a rows file; shows what is wrong with it, sends nothing.
    bool loadFile(const QString &path);
    void chooseFile();
    // Asks for the folder payload_file rows may read from (by default the rows
    // file's folder) and checks the file again with it.
    void choosePayloadRoot();
    void setPayloadRoot(const QString &folder);
    // The folder payload files are read from; empty: the rows file's folder.
    QString payloadRoot() const { return m_payloadRoot; }
    void start();
    // Stops starting rows; the ones in flight finish.
    void cancel();
    // Sends the failed, cancelled (and, when tokens protect them, unknown) rows
    // again, with the tokens they had.
    void retryFailed();

    bool isRunning() const;
    bool hasStarted() const { return m_dispatcher != nullptr; }
    models::BatchRowModel *model() const { return m_model; }
    int validRowCount() const { return int(m_dispatchRows.size()); }
    const BatchPlan &plan() const { return m_plan; }
    QString batchId() const { return m_plan.batchId; }

Q_SIGNALS:
    // A run (the first or a retry) ended; the children exist on the server.
    void runFinished(const dd::BatchSummary &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // bulkdispatchpreview.cpp
    void setUpTable();
    QString schemaText() const;
    void showFileError(const QString &text);
    void updatePayloadRootLabel();
    void showPlan(const BatchPlan &plan);
    void updateSummary();
    void updateButtons();
    void updateProgress();
    void updateTokenNote();
    void beginRun();
    void onRowUpdated(const BatchRowResult &result);
    void onRunFinished(const BatchSummary &summary);
    void startRun(const std::function<void()> &run);
    bool requestClose();
    QList<int> retryableRows() const;
    bool tokensHonoured() const;
    QString jobName() const;
    // Trimmed, with a full stop: texts from Nomad and the plan joined into sentences.
    static QString sentence(QString text);
    // The one local file a drag carries, or empty.
    static QString localFileFrom(const QMimeData *mime);

    std::unique_ptr<Ui::BulkDispatchDialog> m_ui;
    NomadClient *m_client;
    Job m_job;
    QString m_nameSpace;
    QString m_profileName;
    std::optional<ServerVersion> m_version;
    bool m_versionKnown;
    DispatchJournal *m_journal;
    FileDialogs *m_files;
    Prompter *m_prompter;
    models::BatchRowModel *m_model;
    QString m_path;
    QString m_payloadRoot;     // chosen by the user for m_path; empty: the rows file's folder
    BatchPlan m_plan;          // the model's rows, one per planned row, in the same order
    QList<int> m_dispatchRows; // dispatcher index (the plan's valid rows) -> model row
    QPointer<BatchDispatcher> m_dispatcher;
    QPointer<QObject> m_versionCall;
    QElapsedTimer m_runClock;
    int m_runStartDone = 0;
    bool m_readingVersion = false;
    bool m_runActive = false;
    bool m_closeWhenDone = false;
};

} // namespace dd::gui
