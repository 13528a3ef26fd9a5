// `job purge-children`: the dead children of a job, listed, confirmed and purged.
#include "cli/purgechildrencommand.h"

#include "cli/generaloptions.h"
#include "cli/goflags.h"
#include "cli/stopsupport.h"
#include "cli/terminal.h"
#include "core/goduration.h"

#include <QDateTime>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {
constexpr char kPurgeUsage[] =
    "Usage: dispatch-desk-cli job purge-children [options] <parameterized job>\n\n"
    "  Purges the dispatched children of a job that have finished (status dead),\n"
    "  after listing them. Running and pending children are never touched.\n"
    "  Needs the submit-job capability.\n\n"
    "Purge Options:\n\n"
    "  -older-than=<duration>\n"
    "    Only children submitted longer ago than this, e.g. 24h or 30m.\n\n"
    "  -dry-run\n"
    "    List the children that would be purged, and change nothing.\n\n"
    "  -yes\n"
    "    Do not ask for confirmation. Without a terminal, -yes is required.\n";
} // namespace

PurgeChildrenCommand::PurgeChildrenCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

PurgeChildrenCommand::~PurgeChildrenCommand()
{
    delete m_journal;
}

void PurgeChildrenCommand::finish(int code)
{
    QMetaObject::invokeMethod(
        this, [this, code]() { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

void PurgeChildrenCommand::run(const QStringList &args)
{
    GeneralOptions general;
    FlagSet flags;
    general.addTo(flags);
    QString olderThanText;
    bool dryRun = false;
    bool yes = false;
    flags.addString(u"older-than"_s, &olderThanText);
    flags.addBool(u"dry-run"_s, &dryRun);
    flags.addBool(u"yes"_s, &yes);
    auto positional = flags.parse(args);
    if (!positional || positional->size() != 1) {
        const bool help = flags.helpRequested();
        QIODevice *device = help ? m_context.out : m_context.err;
        if (!help)
            printLine(device, positional ? u"This command takes one argument: <parameterized job>"_s
                                         : positional.error());
        device->write(kPurgeUsage);
        finish(help ? 0 : 1);
        return;
    }
    std::optional<std::chrono::nanoseconds> olderThan;
    if (!olderThanText.isEmpty()) {
        olderThan = parseGoDuration(olderThanText);
        if (!olderThan || olderThan->count() < 0) {
            printLine(m_context.err, u"Error parsing -older-than: "_s + q(olderThanText) +
                                         u" is not a duration such as 24h, 90m or 1h30m"_s);
            finish(1);
            return;
        }
    }
    const QString parent = positional->first().trimmed();
    const auto config = stopClientConfig(m_context, general, flags);
    if (!config) {
        finish(1);
        return;
    }
    m_config = *config;
    m_client = new NomadClient(m_context.network, m_config, this);
    m_client->jobs(
        parent + u'/', {}, {}, this,
        [this, parent, olderThan, olderThanText, dryRun, yes](Result<Reply<QList<JobStub>>> list) {
            if (!list) {
                printLine(
                    m_context.err,
                    u"Error listing jobs: "_s + list.error().message() +
                        (list.error().isPermissionDenied()
                             ? u". "_s + list.error().hintFor(Capability::ListJobs,
                                                              m_config.nameSpace, HintQuotes::Plain)
                             : QString()));
                finish(1);
                return;
            }
            const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
            const QList<JobStub> children =
                selectFinishedChildren(list->value, parent, olderThan, nowNs);
            const QString age =
                olderThan ? u" submitted more than "_s + olderThanText + u" ago"_s : QString();
            if (children.isEmpty()) {
                printLine(m_context.out,
                          u"No dead children of "_s + q(parent) + age + u" to purge."_s);
                finish(0);
                return;
            }
            printLine(m_context.out,
                      QString::number(children.size()) +
                          (children.size() == 1 ? u" dead child of "_s : u" dead children of "_s) +
                          q(parent) + age + u" to purge:"_s);
            for (const JobStub &child : children)
                printLine(m_context.out, u"  "_s + child.id);
            if (dryRun) {
                printLine(m_context.out, u"Dry run: nothing was purged."_s);
                finish(0);
                return;
            }
            const QString what =
                QString::number(children.size()) +
                (children.size() == 1 ? u" dead child of "_s : u" dead children of "_s) + q(parent);
            const Confirmation answer =
                confirm(m_context, yes, u"Purge "_s + what + u"? [y/N]"_s,
                        u"Refusing to purge "_s + what +
                            u" without confirmation: standard input is not a terminal. Run it "
                            u"again with -yes to purge them, or with -dry-run to list them only."_s,
                        u"Cancelling purge"_s);
            if (!answer.confirmed) {
                finish(answer.exitCode);
                return;
            }
            purge(children);
        });
}

void PurgeChildrenCommand::purge(const QList<JobStub> &children)
{
    QStringList ids;
    const DispatchRecordContext record = stopRecordContext(m_context, m_config);
    for (const JobStub &child : children) {
        ids.append(child.id);
        m_entries.append(beginStopEntry(StopMode::Purge, child.id, record));
    }
    m_journal = new StopJournal(m_context, m_config);
    m_journal->begin(m_entries);

    auto *stopper = new JobStopper(m_client, this);
    stopper->setMode(StopMode::Purge);
    stopper->setConcurrency(4);
    auto hinted = std::make_shared<bool>(false);
    connect(stopper, &JobStopper::itemChanged, this, [this, hinted](const StopItemResult &r) {
        if (!r.isFinal())
            return;
        completeStopEntry(m_entries[r.index], r);
        if (r.status == StopItemResult::Status::Done) {
            printLine(m_context.out,
                      u"Purged "_s + q(r.jobId) + u", evaluation "_s + q(r.response.evalId));
            return;
        }
        const ApiError e = r.error.value_or(ApiError::cancelled());
        printLine(m_context.err, u"Error purging job "_s + q(r.jobId) + u": "_s + e.message());
        const QString hint =
            e.hintFor(Capability::SubmitJob, m_config.nameSpace, HintQuotes::Plain);
        if (!*hinted && !hint.isEmpty()) {
            *hinted = true;
            printLine(m_context.err, hint);
        }
    });
    connect(stopper, &JobStopper::finished, this, [this](const StopSummary &summary) {
        m_journal->complete(m_entries);
        printLine(summary.failed > 0 ? m_context.err : m_context.out,
                  u"Purged "_s + QString::number(summary.done) + u" of "_s +
                      QString::number(summary.total) + u" children"_s +
                      (summary.failed > 0 ? u"; "_s + QString::number(summary.failed) + u" failed"_s
                                          : QString()) +
                      u'.');
        finish(summary.failed > 0 || summary.cancelled > 0 ? 1 : 0);
    });
    stopper->start(ids);
}

} // namespace dd::cli
