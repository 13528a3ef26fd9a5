// The words for a failed look into an allocation (allocfserrors.h).
#include "api/allocfserrors.h"

#include <QCoreApplication>
#include <QLocale>

namespace dd {

namespace {

QString allocFsTr(const char *text)
{
    return QCoreApplication::translate("dd::AllocFs", text);
}

QString allocFsSentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

Capability capabilityFor(AllocFsAction action)
{
    return action == AllocFsAction::Stats ? Capability::ReadJob : Capability::ReadFs;
}

bool isAllocationGone(const ApiError &error)
{
    return error.kind == ApiError::Kind::Http &&
           (error.nomadText.startsWith(u"Unknown allocation") ||
            error.nomadText.contains(u"No path to node") ||
            error.nomadText.startsWith(u"Unknown node"));
}

QString allocFsFailureText(const ApiError &error, AllocFsAction action, const QString &path,
                           const QString &allocId, const QString &nameSpace, HintQuotes quotes)
{
    auto quoted = [quotes](const QString &s) -> QString {
        return quotes == HintQuotes::Plain ? u'"' + s + u'"' : u'“' + s + u'”';
    };
    const QString alloc = allocId.left(8);
    QString lead;
    switch (action) {
    case AllocFsAction::List:
        lead = allocFsTr("Could not list %1 of allocation %2").arg(quoted(path), alloc);
        break;
    case AllocFsAction::Open:
        lead = allocFsTr("Could not open %1 of allocation %2").arg(quoted(path), alloc);
        break;
    case AllocFsAction::Save:
        lead = allocFsTr("Could not save %1 of allocation %2").arg(quoted(path), alloc);
        break;
    case AllocFsAction::Stats:
        lead = allocFsTr("Could not read the resource usage of allocation %1").arg(alloc);
        break;
    }
    if (error.kind == ApiError::Kind::Cancelled)
        return lead + u": " + allocFsSentence(error.message());
    if (error.kind == ApiError::Kind::Transport &&
        error.transport == ApiError::Transport::AnswerTooLarge && action == AllocFsAction::Open)
        return lead + u": " +
               allocFsTr("it is larger than the %1 shown here. Save it to read it whole.")
                   .arg(dataSize(error.sizeLimit));

    QString text = lead + u": " + allocFsSentence(error.message());
    QString hint;
    const QString &nomad = error.nomadText;
    if (error.kind == ApiError::Kind::Http && error.httpStatus != 403) {
        if (nomad.startsWith(u"Reading secret file prohibited") ||
            nomad.startsWith(u"Reading private file prohibited"))
            hint = allocFsTr("Nomad never lets its API read a task's secrets or private folder.");
        else if (nomad.endsWith(u"no such file or directory"))
            hint = action == AllocFsAction::List
                       ? allocFsTr("The folder is gone; refresh its parent.")
                       : allocFsTr("It may have been removed or rotated away since the folder "
                                   "was listed; refresh the folder.");
        else if (nomad.contains(u"No path to node") || nomad.startsWith(u"Unknown node"))
            hint = allocFsTr("The allocation's client is not connected to the servers; try "
                             "again once it is back.");
        else if (nomad.startsWith(u"Unknown allocation"))
            hint = allocFsTr("The allocation is gone from its client (garbage-collected); its "
                             "files and resource usage can no longer be read.");
    }
    if (hint.isEmpty())
        hint = error.hintFor(capabilityFor(action), nameSpace, quotes);
    if (!hint.isEmpty())
        text += u' ' + allocFsSentence(hint);
    return text;
}

} // namespace dd
