#include "cli/historycommand.h"

#include "cli/goflags.h"
#include "cli/joblisting.h"
#include "core/dispatchjournal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

static void writeLine(QIODevice *device, const QString &line)
{
    device->write(line.toUtf8() + '\n');
}

int runHistoryCommand(const QStringList &args, CliContext &context)
{
    FlagSet flags;
    bool json = false;
    int last = 20;
    QString job;
    flags.addBool(u"json"_s, &json);
    flags.addInt(u"n"_s, &last);
    flags.addString(u"job"_s, &job);
    auto positional = flags.parse(args);
    if (!positional || !positional->isEmpty()) {
        if (!flags.helpRequested())
            writeLine(context.err,
                      positional ? u"history takes no arguments"_s : positional.error());
        writeLine(flags.helpRequested() ? context.out : context.err,
                  u"Usage: dispatch-desk-cli history [-n=20] [-job=<id>] [-json]\n\n"
                  u"  Lists the dispatches recorded in the local journal, newest last:\n"
                  u"  when, which job, the child created, and how it ended."_s);
        return flags.helpRequested() ? 0 : 1;
    }
    if (context.journalPath.isEmpty()) {
        writeLine(context.err, u"No journal location is known (no writable data directory)."_s);
        return 1;
    }
    const JournalLoad load = DispatchJournal(context.journalPath).load();
    for (const QString &problem : load.problems)
        writeLine(context.err, u"Warning: journal " + context.journalPath + u": " + problem);
    QList<JournalEntry> entries = load.entries;
    if (!job.isEmpty())
        entries.removeIf([&](const JournalEntry &e) { return e.jobId != job; });
    if (last > 0 && entries.size() > last)
        entries = entries.mid(entries.size() - last);
    if (json) {
        QJsonArray array;
        for (const JournalEntry &e : entries) {
            QJsonObject meta;
            for (auto it = e.meta.begin(); it != e.meta.end(); ++it)
                meta.insert(it.key(), it.value());
            array.append(QJsonObject{
                {u"id"_s, e.id},
                {u"time"_s, e.time.toString(Qt::ISODateWithMs)},
                {u"source"_s, e.source},
                {u"profile"_s, e.profile},
                {u"address"_s, e.address},
                {u"job"_s, e.jobId},
                {u"namespace"_s, e.nameSpace},
                {u"meta"_s, meta},
                {u"payloadSha256"_s, e.payloadSha256},
                {u"payloadSize"_s, e.payloadSize},
                {u"child"_s, e.childJobId},
                {u"eval"_s, e.evalId},
                {u"action"_s,
                 e.action == JournalAction::Other ? e.actionWord : journalActionName(e.action)},
                {u"verdict"_s, e.isOpen() ? u"interrupted"_s : e.verdictName()},
                {u"error"_s, e.error},
                {u"attempts"_s, e.attempts},
                {u"sent"_s, e.sent},
                {u"answered"_s, e.answered}});
        }
        context.out->write(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (entries.isEmpty()) {
        writeLine(context.out, u"No dispatches recorded yet."_s);
        return 0;
    }
    QList<QStringList> rows{{u"Time"_s, u"Job"_s, u"Child"_s, u"Verdict"_s, u"Sent"_s}};
    for (const JournalEntry &e : entries) {
        const QString sent = journalDeliveryText(e);
        QString verdict = e.isOpen() ? u"interrupted (no result recorded)"_s : e.verdictName();
        // A stop or purge that did not go through says which it was: "stop refused".
        if (!e.isDispatch() && e.verdict != JournalVerdict::Stopped &&
            e.verdict != JournalVerdict::Purged)
            verdict =
                (e.action == JournalAction::Other ? e.actionWord : journalActionName(e.action)) +
                u' ' + verdict;
        rows.append({e.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), e.jobId,
                     e.childJobId.isEmpty() ? u"-"_s : e.childJobId, verdict,
                     sent.isEmpty() ? u"-"_s : sent});
    }
    writeLine(context.out, columnize(rows));
    return 0;
}

} // namespace dd::cli
