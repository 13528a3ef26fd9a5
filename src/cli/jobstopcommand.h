#pragma once
// `dispatch-desk-cli job stop [-purge] [-yes] <child>`: stops (and purges) one
// dispatched child, confirming on a terminal as `nomad job stop` does, and
// prints the evaluation ID as `nomad job stop -detach` does.

#include "api/jobstopper.h"
#include "cli/clicontext.h"

#include <QObject>

namespace dd::cli {

class JobStopCommand : public QObject
{
    Q_OBJECT
public:
    explicit JobStopCommand(CliContext &context, QObject *parent = nullptr);
    void run(const QStringList &args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int code);

    CliContext &m_context;
};

} // namespace dd::cli
