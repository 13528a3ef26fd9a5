#include "models/journalmodel.h"

#include "models/childjobmodel.h"
#include "models/timeformat.h"

#include <QUrl>

namespace dd::models {

JournalModel::JournalModel(QObject *parent)
    : KeyedTableModel<JournalEntry>(parent)
{}

ApplyStats JournalModel::setEntries(const QList<JournalEntry> &entries)
{
    return apply(entries);
}

QString JournalModel::outcomeOf(const JournalEntry &e) const
{
    switch (e.verdict) {
    case JournalVerdict::None:
        if (!e.isOpen())
            return QStringLiteral("ok");
        return m_own.contains(e.id) ? QStringLiteral("open") : QStringLiteral("unknown");
    case JournalVerdict::Refused:
    case JournalVerdict::NotFound:
    case JournalVerdict::Failed:
    case JournalVerdict::PlacementFailed:
    case JournalVerdict::EvaluationFailed:
        return QStringLiteral("failed");
    case JournalVerdict::OutcomeUnknown:
    case JournalVerdict::Lost:
        return QStringLiteral("unknown");
    case JournalVerdict::Dispatched:
    case JournalVerdict::AlreadyDispatched:
    case JournalVerdict::Placed:
    case JournalVerdict::Running:
    case JournalVerdict::Complete:
    case JournalVerdict::NotFollowed:
    case JournalVerdict::Stopped:
    case JournalVerdict::Purged:
    case JournalVerdict::Other:
        break;
    }
    return QStringLiteral("ok");
}

QString JournalModel::verdictText(const JournalEntry &e) const
{
    if (!e.isDispatch())
        return actionText(e);
    QString text;
    switch (e.verdict) {
    case JournalVerdict::None:
        if (e.isOpen())
            return m_own.contains(e.id)
                       ? tr("Sending…")
                       : tr("Interrupted: it is not known whether it was dispatched");
        break;
    case JournalVerdict::Dispatched:
        text = tr("Dispatched");
        break;
    case JournalVerdict::AlreadyDispatched:
        text = tr("Already dispatched (same idempotency token)");
        break;
    case JournalVerdict::Refused:
        text = tr("Refused by Nomad");
        break;
    case JournalVerdict::NotFound:
        text = tr("Job not found");
        break;
    case JournalVerdict::OutcomeUnknown:
        text = tr("Unknown: the connection failed after sending");
        break;
    case JournalVerdict::Placed:
        text = tr("Placed");
        break;
    case JournalVerdict::Running:
        text = tr("Running");
        break;
    case JournalVerdict::Complete:
        text = tr("Completed");
        break;
    case JournalVerdict::Failed:
        text = tr("Failed");
        break;
    case JournalVerdict::PlacementFailed:
        text = tr("Could not be placed");
        break;
    case JournalVerdict::EvaluationFailed:
        text = tr("Evaluation failed");
        break;
    case JournalVerdict::Lost:
        text = tr("Lost track of it");
        break;
    case JournalVerdict::NotFollowed:
        text = tr("Dispatched; not followed to the end");
        break;
    case JournalVerdict::Stopped:
        text = tr("Stopped");
        break;
    case JournalVerdict::Purged:
        text = tr("Stopped and purged");
        break;
    case JournalVerdict::Other:
        text = e.verdictWord;
        break;
    }
    if (!e.error.isEmpty() && outcomeOf(e) != u"ok")
        text += u": " + e.error;
    return text;
}

QString JournalModel::actionText(const JournalEntry &e) const
{
    const bool purge = e.action == JournalAction::Purge;
    QString text;
    if (e.isOpen()) {
        if (!m_own.contains(e.id))
            return purge ? tr("Purge interrupted: it is not known whether it was purged")
                         : tr("Stop interrupted: it is not known whether it was stopped");
        return purge ? tr("Purging…") : tr("Stopping…");
    }
    switch (e.verdict) {
    case JournalVerdict::Stopped:
        text = tr("Stopped");
        break;
    case JournalVerdict::Purged:
        text = tr("Stopped and purged");
        break;
    case JournalVerdict::Other:
        text =
            e.action == JournalAction::Other ? e.actionWord + u' ' + e.verdictWord : e.verdictWord;
        break;
    default:
        text = purge ? tr("Purge failed") : tr("Stop failed");
        break;
    }
    if (!e.error.isEmpty() && outcomeOf(e) != u"ok")
        text += u": " + e.error;
    return text;
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const JournalEntry &e = at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case OutcomeRole:
        return outcomeOf(e);
    case SearchRole:
        return QStringList{e.profile,    e.jobId,        e.nameSpace,
                           e.childJobId, verdictText(e), ChildJobModel::formatMeta(e.meta)}
            .join(u'\n');
    case SortRole:
        if (index.column() == TimeColumn)
            return e.time;
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == VerdictColumn || index.column() == ChildColumn) {
            QString tip = verdictText(e);
            if (!e.evalId.isEmpty())
                tip += u'\n' + tr("Evaluation %1").arg(e.evalId);
            if (QString sent = journalDeliveryText(e); !sent.isEmpty()) {
                sent[0] = sent[0].toUpper();
                tip += u'\n' + sent;
            }
            if (!e.idempotencyToken.isEmpty())
                tip += u'\n' + tr("Idempotency token %1").arg(e.idempotencyToken);
            return tip;
        }
        if (index.column() == MetaColumn)
            return QString(ChildJobModel::formatMeta(e.meta) +
                           (e.payloadSize > 0 ? u'\n' + tr("Payload: %n byte(s), SHA-256 %1",
                                                           nullptr, int(e.payloadSize))
                                                            .arg(e.payloadSha256.left(16))
                                              : QString()));
        if (index.column() == ProfileColumn)
            return e.address;
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatTime(e.time.toLocalTime());
        case ProfileColumn:
            // The CLI without -profile: flags and environment, so name the address.
            return e.profile.isEmpty() ? QUrl(e.address).authority() : e.profile;
        case JobColumn:
            return e.nameSpace.isEmpty() || e.nameSpace == u"default"
                       ? e.jobId
                       : e.jobId + u" @ " + e.nameSpace;
        case ChildColumn:
            return e.childJobId;
        case VerdictColumn:
            return verdictText(e);
        case MetaColumn:
            return ChildJobModel::formatMeta(e.meta);
        }
        return {};
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("When");
    case ProfileColumn:
        return tr("Profile");
    case JobColumn:
        return tr("Job");
    case ChildColumn:
        return tr("Dispatched job");
    case VerdictColumn:
        return tr("Outcome");
    case MetaColumn:
        return tr("Meta");
    }
    return {};
}

} // namespace dd::models
