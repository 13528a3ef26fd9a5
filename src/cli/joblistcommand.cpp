#include "cli/joblistcommand.h"

#include "api/nomadclient.h"
#include "cli/generaloptions.h"
#include "cli/goflags.h"
#include "cli/joblisting.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

JobListCommand::JobListCommand(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void JobListCommand::run(const QStringList &args)
{
    auto finish = [this](int code) {
        QMetaObject::invokeMethod(
            this, [this, code]() { Q_EMIT finished(code); }, Qt::QueuedConnection);
    };
    GeneralOptions general;
    FlagSet flags;
    general.addTo(flags);
    QString prefix;
    bool verbose = false;
    flags.addString(u"prefix"_s, &prefix);
    flags.addBool(u"verbose"_s, &verbose);
    auto positional = flags.parse(args);
    if (!positional || !positional->isEmpty()) {
        const bool help = flags.helpRequested();
        QIODevice *device = help ? m_context.out : m_context.err;
        if (!help)
            device->write(
                (positional ? u"job list takes no arguments"_s : positional.error()).toUtf8() +
                '\n');
        device->write(
            "Usage: dispatch-desk-cli job list [-prefix=<id prefix>] [-verbose] [general "
            "options]\n\n"
            "  Lists the parameterized jobs, one ID per line; -verbose prints a table.\n");
        finish(help ? 0 : 1);
        return;
    }
    QStringList connectionWarnings;
    auto config = clientConfigFor(flagLayer(general, flags), m_context.env, m_context.profileLayer,
                                  &connectionWarnings);
    for (const QString &warning : std::as_const(connectionWarnings))
        m_context.err->write(QString(u"Warning: "_s + warning + u'\n').toUtf8());
    if (!config) {
        m_context.err->write(u"Error initializing client: "_s.toUtf8() +
                             config.error().message().toUtf8() + '\n');
        finish(1);
        return;
    }
    if (const auto warning = skipVerifyWarning(*config))
        m_context.err->write(warning->toUtf8() + '\n');
    auto *client = new NomadClient(m_context.network, *config, this);
    client->jobs(prefix, kParentFilter, {}, this,
                 [this, finish, verbose,
                  allNs = config->nameSpace == u"*"](Result<Reply<QList<JobStub>>> list) {
                     if (!list) {
                         m_context.err->write(u"Error listing jobs: "_s.toUtf8() +
                                              list.error().message().toUtf8() + '\n');
                         finish(1);
                         return;
                     }
                     QList<JobStub> parents = list->value;
                     parents.removeIf([](const JobStub &j) { return !j.isParameterizedParent(); });
                     if (verbose) {
                         m_context.out->write(formatJobList(parents, allNs).toUtf8() + '\n');
                     } else {
                         for (const JobStub &j : std::as_const(parents))
                             m_context.out->write(j.id.toUtf8() + '\n');
                     }
                     finish(0);
                 });
}

} // namespace dd::cli
