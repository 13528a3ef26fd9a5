#pragma once
// `dispatch-desk-cli job purge-children [-older-than 24h] [-dry-run] [-yes]
// <parent>`: purges the dispatched children of a job that have finished (Status
// "dead"), listing them first; -dry-run lists and changes nothing.

#include "api/jobstopper.h"
#include "cli/clicontext.h"

#include <QObject>

namespace dd::cli {

class StopJournal;

class PurgeChildrenCommand : public QObject
{
    Q_OBJECT
public:
    explicit PurgeChildrenCommand(CliContext &context, QObject *parent = nullptr);
    ~PurgeChildrenCommand() override;
    void run(const QStringList &args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int code);
    void purge(const QList<JobStub> &children);

    CliContext &m_context;
    ClientConfig m_config;
    NomadClient *m_client = nullptr;
    StopJournal *m_journal = nullptr;
    QList<JournalEntry> m_entries;
};

} // namespace dd::cli
