// The client, the confirmation and the journal for the stop commands.
#include "cli/stopsupport.h"

#include "cli/generaloptions.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

void printLine(QIODevice *device, const QString &text)
{
    device->write(text.toUtf8() + '\n');
}

std::optional<ClientConfig> stopClientConfig(CliContext &context, const GeneralOptions &general,
                                             const FlagSet &flags)
{
    QStringList warnings;
    auto config =
        clientConfigFor(flagLayer(general, flags), context.env, context.profileLayer, &warnings);
    for (const QString &warning : std::as_const(warnings))
        printLine(context.err, u"Warning: "_s + warning);
    if (!config) {
        printLine(context.err, u"Error initializing client: "_s + config.error().message());
        return std::nullopt;
    }
    if (const auto warning = skipVerifyWarning(*config))
        printLine(context.err, *warning);
    return *config;
}

Confirmation confirm(CliContext &context, bool yes, const QString &question, const QString &refusal,
                     const QString &cancelText)
{
    if (yes)
        return {true, 0};
    if (!context.stdinIsTerminal || !context.in) {
        printLine(context.err, refusal);
        return {false, 1};
    }
    context.out->write(question.toUtf8() + ' ');
    const QString answer = QString::fromUtf8(context.in->readLine()).trimmed();
    if (answer.isEmpty() || answer.at(0).toLower() == u'n') {
        printLine(context.out, cancelText);
        return {false, 0};
    }
    if (answer.at(0).toLower() == u'y' && answer.size() > 1) {
        printLine(context.out, u"For confirmation, an exact ‘y’ is required."_s);
        return {false, 0};
    }
    if (answer != u"y") {
        printLine(context.out,
                  u"No confirmation detected. For confirmation, an exact 'y' is required."_s);
        return {false, 1};
    }
    return {true, 0};
}

DispatchRecordContext stopRecordContext(const CliContext &context, const ClientConfig &config)
{
    DispatchRecordContext record;
    record.source = u"cli"_s;
    record.profile = context.profileName;
    record.address = config.address.toString();
    record.nameSpace = config.nameSpace;
    return record;
}

StopJournal::StopJournal(CliContext &context, const ClientConfig &)
    : m_context(context)
{
    if (!context.journalPath.isEmpty())
        m_journal.emplace(context.journalPath);
}

void StopJournal::begin(QList<JournalEntry> &entries)
{
    if (!m_journal)
        return;
    auto begun = m_journal->beginMany(entries);
    if (!begun) {
        printLine(m_context.err,
                  u"Warning: "_s + begun.error() + u"; this is not recorded in the history."_s);
        m_journal.reset();
        return;
    }
    entries = *begun;
}

void StopJournal::complete(const QList<JournalEntry> &entries)
{
    if (m_journal)
        m_journal->completeMany(entries);
}

} // namespace dd::cli
