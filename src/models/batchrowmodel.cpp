#include "models/batchrowmodel.h"

#include "models/childjobmodel.h"

#include <QFileInfo>

#include <algorithm>

namespace dd::models {

namespace {
constexpr qsizetype kPayloadPreviewChars = 40;

bool looksLikeText(const QByteArray &bytes)
{
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t')
            return false;
    }
    return true;
}
} // namespace

BatchRowModel::BatchRowModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void BatchRowModel::setRows(const QList<BatchRow> &rows, const QList<BatchRowState> &states)
{
    beginResetModel();
    m_rows = rows;
    m_states = states;
    m_states.resize(m_rows.size());
    m_counts.fill(0);
    for (const BatchRowState &s : std::as_const(m_states))
        ++m_counts.at(std::size_t(s.status));
    endResetModel();
}

bool BatchRowModel::updateRow(int row, const BatchRowState &state)
{
    if (row < 0 || row >= m_states.size() || m_states.at(row) == state)
        return false;
    --m_counts.at(std::size_t(m_states.at(row).status));
    ++m_counts.at(std::size_t(state.status));
    m_states[row] = state;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

int BatchRowModel::count(std::initializer_list<BatchRowStatus> statuses) const
{
    int n = 0;
    for (BatchRowStatus s : statuses)
        n += count(s);
    return n;
}

QList<int> BatchRowModel::rowsWith(std::initializer_list<BatchRowStatus> statuses) const
{
    QList<int> result;
    for (int row = 0; row < m_states.size(); ++row) {
        if (std::find(statuses.begin(), statuses.end(), m_states.at(row).status) != statuses.end())
            result.append(row);
    }
    return result;
}

bool BatchRowModel::isFinal(BatchRowStatus status)
{
    switch (status) {
    case BatchRowStatus::Dispatched:
    case BatchRowStatus::AlreadyDispatched:
    case BatchRowStatus::Failed:
    case BatchRowStatus::Unknown:
    case BatchRowStatus::Cancelled:
        return true;
    case BatchRowStatus::Ready:
    case BatchRowStatus::Invalid:
    case BatchRowStatus::Unreadable:
    case BatchRowStatus::Waiting:
    case BatchRowStatus::Sending:
        break;
    }
    return false;
}

QString BatchRowModel::statusName(BatchRowStatus status)
{
    switch (status) {
    case BatchRowStatus::Ready:
        return QStringLiteral("ready");
    case BatchRowStatus::Invalid:
        return QStringLiteral("invalid");
    case BatchRowStatus::Unreadable:
        return QStringLiteral("unreadable");
    case BatchRowStatus::Waiting:
        return QStringLiteral("waiting");
    case BatchRowStatus::Sending:
        return QStringLiteral("sending");
    case BatchRowStatus::Dispatched:
        return QStringLiteral("dispatched");
    case BatchRowStatus::AlreadyDispatched:
        return QStringLiteral("already-dispatched");
    case BatchRowStatus::Failed:
        return QStringLiteral("failed");
    case BatchRowStatus::Unknown:
        return QStringLiteral("unknown");
    case BatchRowStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString BatchRowModel::statusText(BatchRowStatus status)
{
    switch (status) {
    case BatchRowStatus::Ready:
        return tr("Ready");
    case BatchRowStatus::Invalid:
        return tr("Invalid: skipped");
    case BatchRowStatus::Unreadable:
        return tr("Unreadable: skipped");
    case BatchRowStatus::Waiting:
        return tr("Waiting");
    case BatchRowStatus::Sending:
        return tr("Sending…");
    case BatchRowStatus::Dispatched:
        return tr("Dispatched");
    case BatchRowStatus::AlreadyDispatched:
        return tr("Already dispatched");
    case BatchRowStatus::Failed:
        return tr("Failed");
    case BatchRowStatus::Unknown:
        return tr("Unknown");
    case BatchRowStatus::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString BatchRowModel::statusColor(BatchRowStatus status)
{
    // Mid tones, so they read on light and dark palettes alike.
    switch (status) {
    case BatchRowStatus::Dispatched:
    case BatchRowStatus::AlreadyDispatched:
        return QStringLiteral("#2e8b57");
    case BatchRowStatus::Failed:
    case BatchRowStatus::Invalid:
    case BatchRowStatus::Unreadable:
        return QStringLiteral("#d32f2f");
    case BatchRowStatus::Unknown:
        return QStringLiteral("#e07b00");
    case BatchRowStatus::Sending:
        return QStringLiteral("#1e88e5");
    case BatchRowStatus::Cancelled:
        return QStringLiteral("#808080");
    case BatchRowStatus::Ready:
    case BatchRowStatus::Waiting:
        break;
    }
    return {};
}

QString BatchRowModel::payloadSummary(const BatchRow &row)
{
    if (!row.hasPayload)
        return tr("none");
    const QString size =
        row.payload.size() == 1 ? tr("1 byte") : tr("%1 bytes").arg(row.payload.size());
    // A payload file that was refused (outside the folder, a FIFO, too large) was never read.
    if (row.payloadSource == PayloadSource::File && row.payloadPath.isEmpty())
        return tr("%1 (not read)").arg(QFileInfo(row.payloadFile).fileName());
    if (!row.payloadFile.isEmpty())
        return tr("%1 (%2)").arg(QFileInfo(row.payloadFile).fileName(), size);
    if (row.payload.isEmpty())
        return size;
    if (!looksLikeText(row.payload))
        return tr("%1, binary").arg(size);
    QString text = QString::fromUtf8(row.payload.left(kPayloadPreviewChars * 4)).simplified();
    if (text.size() > kPayloadPreviewChars || row.payload.size() > kPayloadPreviewChars * 4)
        text = text.left(kPayloadPreviewChars) + u'…';
    return tr("%1: %2").arg(size, text);
}

QString BatchRowModel::payloadSourceText(const BatchRow &row)
{
    switch (row.payloadSource) {
    case PayloadSource::None:
        return QStringLiteral("—");
    case PayloadSource::Inline:
        return tr("inline");
    case PayloadSource::Base64:
        return tr("base64");
    case PayloadSource::File:
        return row.payloadPathInRoot.isEmpty() ? row.payloadFile : row.payloadPathInRoot;
    }
    return {};
}

int BatchRowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchRowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchRowModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BatchRow &row = m_rows.at(index.row());
    const BatchRowState &state = m_states.at(index.row());
    const bool unreadable = state.status == BatchRowStatus::Unreadable;
    switch (role) {
    case LineRole:
        return row.line;
    case StatusRole:
        return int(state.status);
    case StatusNameRole:
        return statusName(state.status);
    case StatusTextRole:
        return statusText(state.status);
    case StatusColorRole:
        return statusColor(state.status);
    case ChildIdRole:
        return state.childJobId;
    case PayloadSizeRole:
        return row.hasPayload ? qlonglong(row.payload.size()) : qlonglong(-1);
    case SkippedRole:
        return isSkipped(state.status);
    default:
        break;
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (Column(index.column())) {
        case LineColumn:
            return role == SortRole ? QVariant(row.line) : QVariant(QString::number(row.line));
        case MetaColumn:
            return unreadable ? QStringLiteral("—") : ChildJobModel::formatMeta(row.meta);
        case PayloadColumn:
            if (role == SortRole)
                return row.hasPayload ? qlonglong(row.payload.size()) : qlonglong(-1);
            return unreadable ? QStringLiteral("—") : payloadSummary(row);
        case PayloadSourceColumn:
            return unreadable ? QStringLiteral("—") : payloadSourceText(row);
        case StatusColumn:
            return role == SortRole ? QVariant(int(state.status))
                                    : QVariant(statusText(state.status));
        case ChildColumn:
            return state.childJobId;
        case ErrorColumn:
            return state.error;
        case AttemptsColumn:
            if (role == SortRole)
                return state.attempts;
            return state.attempts > 0 ? QString::number(state.attempts) : QString();
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(index.column())) {
        case MetaColumn: {
            QStringList lines;
            for (auto it = row.meta.begin(); it != row.meta.end(); ++it)
                lines.append(it.key() + u" = " + it.value());
            return lines.join(u'\n');
        }
        case PayloadColumn:
        case PayloadSourceColumn:
            return row.payloadPath.isEmpty() ? row.payloadFile : row.payloadPath;
        case StatusColumn:
        case ErrorColumn:
            if (state.error.isEmpty())
                return {};
            return state.errorDetail.isEmpty() ? state.error
                                               : state.error + u'\n' + state.errorDetail;
        case ChildColumn:
            return state.evalId.isEmpty() ? QString() : tr("Evaluation %1").arg(state.evalId);
        case LineColumn:
        case AttemptsColumn:
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == LineColumn || index.column() == AttemptsColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant BatchRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case LineColumn:
        return tr("Line");
    case MetaColumn:
        return tr("Meta");
    case PayloadColumn:
        return tr("Payload");
    case PayloadSourceColumn:
        return tr("Payload from");
    case StatusColumn:
        return tr("Status");
    case ChildColumn:
        return tr("Child job");
    case ErrorColumn:
        return tr("Problem");
    case AttemptsColumn:
        return tr("Attempts");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace dd::models
