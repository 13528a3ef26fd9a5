#pragma once
// The rows of a bulk dispatch, as read from a CSV or JSON Lines file: set
// once when the file is loaded, then each row's state is updated in place as
// its dispatch progresses (dataChanged only, never a reset: thousands of rows
// keep their selection and scroll position while results arrive).
//
// Core only: the dispatcher's results live in api/, so the caller converts
// them into BatchRowState.

#include "core/batchrows.h"

#include <QAbstractTableModel>

#include <array>
#include <initializer_list>

namespace dd::models {

enum class BatchRowStatus {
    Ready,      // valid, not sent yet
    Invalid,    // read, but the job's schema refuses it: skipped
    Unreadable, // the line itself could not be read: skipped
    Waiting,    // queued in a run
    Sending,
    Dispatched,
    AlreadyDispatched, // the server answered with the child of an earlier run (same token)
    Failed,
    Unknown, // the answer was lost: the child may or may not exist
    Cancelled,
};
inline constexpr int kBatchRowStatusCount = int(BatchRowStatus::Cancelled) + 1;

struct BatchRowState
{
    BatchRowStatus status = BatchRowStatus::Ready;
    QString childJobId;
    QString evalId;
    QString error;       // why the row is skipped, or why its dispatch failed
    QString errorDetail; // for the tooltip: Nomad's wording, what to do
    int attempts = 0;

    friend bool operator==(const BatchRowState &, const BatchRowState &) = default;
};

class BatchRowModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        LineColumn,
        MetaColumn,
        PayloadColumn,
        PayloadSourceColumn, // where the payload comes from: a file in the payload folder, inline
        StatusColumn,
        ChildColumn,
        ErrorColumn,
        AttemptsColumn,
        ColumnCount
    };
    enum Role {
        LineRole = Qt::UserRole,
        StatusRole,      // BatchRowStatus as int
        StatusNameRole,  // "ready", "invalid", "dispatched"... stable, for code and filters
        StatusTextRole,  // the status in words
        StatusColorRole, // "#rrggbb", or empty for the palette's text colour
        ChildIdRole,
        PayloadSizeRole,
        SkippedRole, // true for rows no run will send
        SortRole,
    };

    explicit BatchRowModel(QObject *parent = nullptr);

    // Loads a file's rows with their initial states (states may be empty: all
    // Ready). This is the only reset; a new file is a new set of rows.
    void setRows(const QList<BatchRow> &rows, const QList<BatchRowState> &states = {});
    // Updates one row; emits dataChanged for that row only when something changed.
    bool updateRow(int row, const BatchRowState &state);

    const BatchRow &batchRow(int row) const { return m_rows.at(row); }
    const BatchRowState &state(int row) const { return m_states.at(row); }
    int count(BatchRowStatus status) const { return m_counts.at(std::size_t(status)); }
    int count(std::initializer_list<BatchRowStatus> statuses) const;
    QList<int> rowsWith(std::initializer_list<BatchRowStatus> statuses) const;

    static bool isSkipped(BatchRowStatus status)
    {
        return status == BatchRowStatus::Invalid || status == BatchRowStatus::Unreadable;
    }
    static bool isFinal(BatchRowStatus status);
    static QString statusName(BatchRowStatus status);
    static QString statusText(BatchRowStatus status);
    static QString statusColor(BatchRowStatus status);
    static QString payloadSummary(const BatchRow &row);
    // "in/clip.json" (relative to the payload folder), "inline", "base64", or "—".
    static QString payloadSourceText(const BatchRow &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<BatchRow> m_rows;
    QList<BatchRowState> m_states;
    std::array<int, kBatchRowStatusCount> m_counts{};
};

} // namespace dd::models
