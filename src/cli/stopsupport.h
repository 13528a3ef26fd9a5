#pragma once
// What `job stop` and `job purge-children` share: the client for the general
// options, the [y/N] confirmation as `nomad job stop` asks it, and the journal.

#include "api/jobstopper.h"
#include "cli/clicontext.h"
#include "cli/goflags.h"

#include <QString>

#include <optional>

namespace dd::cli {

// `text` and a newline.
void printLine(QIODevice *device, const QString &text);

// The client configuration from flags, environment and profile; prints the
// error (and warnings) and returns nothing when there is no usable one.
std::optional<ClientConfig> stopClientConfig(CliContext &context, const GeneralOptions &general,
                                             const FlagSet &flags);

struct Confirmation
{
    bool confirmed = false;
    int exitCode = 0; // when not confirmed
};

// Asks `question` ("... [y/N]") on the terminal unless `yes`. Without a
// terminal on stdin and without -yes, prints `refusal` and exits 1. The
// answers are read as the reference reads them: only an exact "y" confirms;
// "" or "n..." cancel (`cancelText`, exit 0); "yes" asks for the exact "y"
// (exit 0); anything else is no confirmation (exit 1).
Confirmation confirm(CliContext &context, bool yes, const QString &question, const QString &refusal,
                     const QString &cancelText);

// Records stops in the journal; warns once when it cannot.
class StopJournal
{
public:
    StopJournal(CliContext &context, const ClientConfig &config);
    void begin(QList<JournalEntry> &entries);
    void complete(const QList<JournalEntry> &entries);

private:
    CliContext &m_context;
    std::optional<DispatchJournal> m_journal;
};

DispatchRecordContext stopRecordContext(const CliContext &context, const ClientConfig &config);

} // namespace dd::cli
