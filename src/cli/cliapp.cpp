#include "cli/cliapp.h"

#include "cli/alloclogscommand.h"
#include "cli/batchcommand.h"
#include "cli/dispatchcommand.h"
#include "cli/historycommand.h"
#include "cli/joblistcommand.h"
#include "cli/jobstopcommand.h"
#include "cli/profilecommand.h"
#include "cli/purgechildrencommand.h"

#include <QTextStream>

#include "ddversion.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

CliApp::CliApp(CliContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void CliApp::finish(int code)
{
    QMetaObject::invokeMethod(
        this, [this, code]() { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

bool CliApp::loadProfile()
{
    // -profile NAME, or else the profile chosen with `profile use`, if any.
    if (!m_context.profiles)
        return true;
    QTextStream out(m_context.out);
    QTextStream err(m_context.err);
    ProfileCommandContext pc{&out, &err, m_context.profiles, m_context.secrets, m_context.env};
    QStringList warnings;
    auto layer = profileConnectionLayer(m_context.profileName, pc, &warnings);
    for (const QString &warning : std::as_const(warnings))
        m_context.err->write(QString(u"Warning: " + warning + u'\n').toUtf8());
    if (!layer) {
        m_context.err->write(QString(u"Error loading profile \"" + m_context.profileName + u"\": " +
                                     layer.error() + u'\n')
                                 .toUtf8());
        return false;
    }
    m_context.profileLayer = *layer;
    return true;
}

void CliApp::printUsage(QIODevice *device)
{
    device->write(R"(Usage: dispatch-desk-cli [-profile NAME] <command> [args]

Dispatch Nomad parameterized jobs. Behaves like `nomad job dispatch`, and can
use the connection profiles saved by the Dispatch Desk app.

Commands:
    job dispatch         Dispatch an instance of a parameterized job
    job dispatch-batch   Dispatch one instance per row of a CSV or JSON Lines file
    job list             List the parameterized jobs
    alloc logs           Print or follow the logs of an allocation's task
    job stop             Stop (and with -purge, purge) a dispatched job
    job purge-children   Purge the finished (dead) children of a job
    profile              List, show, save, select and delete connection profiles
    history              List the dispatches recorded in the local journal
    version              Print the version

Global options:
  -profile=<name>
    Use a saved connection profile. Flags and NOMAD_* environment variables
    still override its fields.

Run 'dispatch-desk-cli job dispatch -help' for the dispatch options, and
'dispatch-desk-cli alloc logs -help' for the log options.
)");
}

void CliApp::run(QStringList args)
{
    // Global options come before the command.
    while (!args.isEmpty() && args.first().startsWith(u'-')) {
        const QString arg = args.takeFirst();
        if (arg == u"-version" || arg == u"--version" || arg == u"-v") {
            m_context.out->write("dispatch-desk-cli " DD_VERSION_STRING "\n");
            finish(0);
            return;
        }
        if (arg == u"-help" || arg == u"--help" || arg == u"-h") {
            printUsage(m_context.out);
            finish(0);
            return;
        }
        if (arg == u"-profile" || arg == u"--profile" || arg.startsWith(u"-profile=") ||
            arg.startsWith(u"--profile=")) {
            QString name;
            if (arg.contains(u'=')) {
                name = arg.section(u'=', 1);
            } else if (!args.isEmpty()) {
                name = args.takeFirst();
            } else {
                m_context.err->write("flag needs an argument: -profile\n");
                finish(1);
                return;
            }
            m_context.profileName = name;
            continue;
        }
        m_context.err->write(QString(u"flag provided but not defined: " + arg + u'\n').toUtf8());
        printUsage(m_context.err);
        finish(1);
        return;
    }
    if (args.isEmpty()) {
        printUsage(m_context.err);
        finish(1);
        return;
    }
    const QString command = args.takeFirst();
    if (command == u"version") {
        m_context.out->write("dispatch-desk-cli " DD_VERSION_STRING "\n");
        finish(0);
        return;
    }
    if (command == u"profile") {
        QTextStream out(m_context.out);
        QTextStream err(m_context.err);
        ProfileCommandContext pc{&out, &err, m_context.profiles, m_context.secrets, m_context.env};
        finish(m_context.profiles ? runProfileCommand(args, pc) : 1);
        return;
    }
    if (command == u"history") {
        finish(runHistoryCommand(args, m_context));
        return;
    }
    if ((command == u"job" || command == u"alloc") && !loadProfile()) {
        finish(1);
        return;
    }
    if (command == u"job" && !args.isEmpty() && args.first() == u"list") {
        args.removeFirst();
        auto *list = new JobListCommand(m_context, this);
        connect(list, &JobListCommand::finished, this, &CliApp::finish);
        list->run(args);
        return;
    }
    if (command == u"job" && !args.isEmpty() && args.first() == u"stop") {
        args.removeFirst();
        auto *stop = new JobStopCommand(m_context, this);
        connect(stop, &JobStopCommand::finished, this, &CliApp::finish);
        stop->run(args);
        return;
    }
    if (command == u"job" && !args.isEmpty() && args.first() == u"purge-children") {
        args.removeFirst();
        auto *purge = new PurgeChildrenCommand(m_context, this);
        connect(purge, &PurgeChildrenCommand::finished, this, &CliApp::finish);
        purge->run(args);
        return;
    }
    if (command == u"job" && !args.isEmpty() && args.first() == u"dispatch-batch") {
        args.removeFirst();
        auto *batch = new BatchCommand(m_context, this);
        connect(batch, &BatchCommand::finished, this, &CliApp::finish);
        batch->run(args);
        return;
    }
    if (command == u"job" && !args.isEmpty() && args.first() == u"dispatch") {
        args.removeFirst();
        auto *command = new DispatchCommand(m_context, this);
        connect(command, &DispatchCommand::finished, this, &CliApp::finish);
        command->run(args);
        return;
    }
    if (command == u"alloc" && !args.isEmpty() && args.first() == u"logs") {
        args.removeFirst();
        auto *logs = new AllocLogsCommand(m_context, this);
        connect(logs, &AllocLogsCommand::finished, this, &CliApp::finish);
        logs->run(args);
        return;
    }
    m_context.err->write(QString(u"Unknown command: " + command + u"\n\n").toUtf8());
    printUsage(m_context.err);
    finish(1);
}

} // namespace dd::cli
