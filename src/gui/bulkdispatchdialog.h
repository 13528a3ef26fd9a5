#pragma once
// Dispatches one parameterized job once per row of a CSV or JSON Lines file:
// the file is read and every row checked against the job's schema first
// (nothing is sent before Start), invalid rows are skipped with their reason,
// and the valid ones go out with bounded concurrency through BatchDispatcher,
// each with an idempotency token derived from the batch, so "Retry failed
// rows" never dispatches a row twice on servers that honour tokens.

#include "api/batchdispatcher.h"
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
    // `versionKnown` false: the server's version is read when Start is pressed
    // (an unknown version gets no idempotency tokens). `journal` may be null.
    BulkDispatchDialog(NomadClient *client, const Job &job, const QString &nameSpace,
                       const QString &profileName, std::optional<ServerVersion> serverVersion,
                       bool versionKnown, DispatchJournal *journal, FileDialogs *files,
                       Prompter *prompter, QWidget *parent = nullptr);
    ~BulkDispatchDialog() override;

    // Reads and checks a rows file; shows what is wrong with it, sends nothing.
    bool loadFile(const QString &path);
    void chooseFile();
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
    QString batchId() const { return m_batchId; }

Q_SIGNALS:
    // A run (the first or a retry) ended; the children exist on the server.
    void runFinished(const dd::BatchSummary &summary);

protected:
    void closeEvent(QCloseEvent *event) override;
    void reject() override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void showFileError(const QString &text);
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
    QString m_batchId;
    QList<BatchRow> m_validRows; // what the dispatcher is given, in file order
    QList<int> m_dispatchRows;   // dispatcher index -> model row
    QPointer<BatchDispatcher> m_dispatcher;
    QPointer<QObject> m_versionCall;
    QElapsedTimer m_runClock;
    int m_runStartDone = 0;
    bool m_readingVersion = false;
    bool m_runActive = false;
    bool m_closeWhenDone = false;
};

} // namespace dd::gui
