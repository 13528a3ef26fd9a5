#pragma once
// What the CLI writes after Nomad refused a dispatch, or after its answer was
// lost: the shared hint (ApiError::dispatchHint) in the CLI's words, and what
// only the CLI adds by asking Nomad again: the parameterized jobs in the
// namespace, or the job's schema as the flags that would satisfy it.

#include "api/apierror.h"
#include "api/safedispatcher.h"
#include "cli/terminal.h"
#include "core/types.h"

#include <QObject>

namespace dd {
class NomadClient;
}

namespace dd::cli {

class DispatchFailureReport : public QObject
{
    Q_OBJECT
public:
    struct Subject
    {
        QString jobId;
        QString jobNamespace; // the job's own, when it was resolved; empty: the client's
        QString nameSpace;    // where the job was looked for, for the words; empty: "default"
        DispatchRequest request;
    };

    DispatchFailureReport(Terminal &terminal, NomadClient *client, Subject subject,
                          QObject *parent = nullptr);

    // Each writes its hints and then emits finished(), at once or after asking Nomad.
    void explain(const ApiError &error);
    void reportUnknown(const DispatchOutcome &outcome);

Q_SIGNALS:
    void finished();

private:
    void printSchemaHelp();
    void finish();

    Terminal &m_terminal;
    NomadClient *m_client;
    Subject m_subject;
};

} // namespace dd::cli
