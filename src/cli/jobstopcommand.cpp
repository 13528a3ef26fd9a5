// `job stop`: one DELETE /v1/job/<child>, confirmed, recorded in the journal.
#include "cli/jobstopcommand.h"

#include "cli/generaloptions.h"
#include "cli/goflags.h"
#include "cli/stopsupport.h"
#include "cli/terminal.h"

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {
constexpr char kStopUsage[] =
    "Usage: dispatch-desk-cli job stop [options] <dispatched job>\n\n"
    "  Stops a dispatched job: Nomad kills its running allocations. The job stays\n"
    "  readable (Stop = true) until the garbage collector or -purge removes it.\n"
    "  Prints the evaluation ID. Needs the submit-job capability.\n\n"
    "Stop Options:\n\n"
    "  -purge\n"
    "    Also remove the job from Nomad, instead of leaving it for the garbage collector.\n\n"
    "  -yes\n"
    "    Do not ask for confirmation. Without a terminal, -yes is required.\n";
} // namespace

JobStopCommand::JobStopCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void JobStopCommand::finish(int code)
{
    QMetaObject::invokeMethod(
        this, [this, code]() { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

void JobStopCommand::run(const QStringList &args)
{
    GeneralOptions general;
    FlagSet flags;
    general.addTo(flags);
    bool purge = false;
    bool yes = false;
    flags.addBool(u"purge"_s, &purge);
    flags.addBool(u"yes"_s, &yes);
    auto positional = flags.parse(args);
    if (!positional || positional->size() != 1) {
        const bool help = flags.helpRequested();
        QIODevice *device = help ? m_context.out : m_context.err;
        if (!help)
            device->write((positional ? u"This command takes one argument: <dispatched job>"_s
                                      : positional.error())
                              .toUtf8() +
                          '\n');
        device->write(kStopUsage);
        finish(help ? 0 : 1);
        return;
    }
    const QString jobId = positional->first().trimmed();
    const auto config = stopClientConfig(m_context, general, flags);
    if (!config) {
        finish(1);
        return;
    }
    const StopMode mode = purge ? StopMode::Purge : StopMode::Stop;
    const Confirmation answer =
        confirm(m_context, yes, u"Are you sure you want to stop job "_s + q(jobId) + u"? [y/N]"_s,
                u"Refusing to stop job "_s + q(jobId) +
                    u" without confirmation: standard input is not a terminal. Run it again "
                    u"with -yes to stop it."_s,
                u"Cancelling job stop"_s);
    if (!answer.confirmed) {
        finish(answer.exitCode);
        return;
    }

    auto journal = std::make_shared<StopJournal>(m_context, *config);
    QList<JournalEntry> entries{beginStopEntry(mode, jobId, stopRecordContext(m_context, *config))};
    journal->begin(entries);
    auto *client = new NomadClient(m_context.network, *config, this);
    stopJob(client, jobId, mode, {}, this,
            [this, journal, entries, jobId, mode,
             nameSpace = config->nameSpace](Result<Reply<JobStopResponse>> result) mutable {
                StopItemResult item;
                item.jobId = jobId;
                if (result) {
                    item.status = StopItemResult::Status::Done;
                    item.response = result->value;
                } else {
                    item.status = StopItemResult::Status::Failed;
                    item.error = result.error();
                }
                completeStopEntry(entries.first(), item);
                journal->complete(entries);
                if (!result) {
                    const ApiError &e = result.error();
                    m_context.err->write(QString(u"Error deregistering job with id "_s + jobId +
                                                 u" err: "_s + e.referenceText() + u'\n')
                                             .toUtf8());
                    const QString hint =
                        e.hintFor(Capability::SubmitJob, nameSpace, HintQuotes::Plain);
                    if (!hint.isEmpty())
                        m_context.err->write(hint.toUtf8() + '\n');
                    finish(1);
                    return;
                }
                // As `nomad job stop -detach`: the evaluation ID alone on stdout.
                m_context.out->write(result->value.evalId.toUtf8() + '\n');
                m_context.err->write(QString((mode == StopMode::Purge ? u"Stopped and purged job "_s
                                                                      : u"Stopped job "_s) +
                                             q(jobId) + u'\n')
                                         .toUtf8());
                finish(0);
            });
}

} // namespace dd::cli
