#pragma once
// Routes `dispatch-desk-cli [-profile NAME] <command> ...` to a command.

#include "cli/clicontext.h"

#include <QObject>

namespace dd::cli {

class CliApp : public QObject
{
    Q_OBJECT
public:
    explicit CliApp(CliContext &context, QObject *parent = nullptr);

    // Asynchronous: emits finished() with the process's exit code.
    void run(QStringList args);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int code);
    void printUsage(QIODevice *device);
    bool loadProfile();

    CliContext &m_context;
};

} // namespace dd::cli
