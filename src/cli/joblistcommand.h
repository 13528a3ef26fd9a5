#pragma once
// `dispatch-desk-cli job list`: the parameterized jobs a token can dispatch,
// one ID per line (shell completion uses it), or a table with -verbose.

#include "cli/clicontext.h"

#include <QObject>

namespace dd::cli {

class JobListCommand : public QObject
{
    Q_OBJECT
public:
    explicit JobListCommand(CliContext &context, QObject *parent = nullptr);
    void run(const QStringList &args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    CliContext &m_context;
};

} // namespace dd::cli
