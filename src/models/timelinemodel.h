#pragma once
// What happened to one dispatch, in order: one row per step the user should
// see (evaluation status changes, allocations, waits, the verdict).

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace dd::models {

struct TimelineEntry
{
    enum class Severity { Info, Progress, Success, Warning, Error };
    QDateTime time;
    Severity severity = Severity::Info;
    QString text;
    QString detail; // longer explanation, shown as a tooltip and below the text
};

class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, EventColumn, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole, DetailRole };

    explicit TimelineModel(QObject *parent = nullptr);

    void append(const TimelineEntry &entry);
    const QList<TimelineEntry> &entries() const { return m_entries; }
    // The texts in order, for tests and "copy".
    QStringList texts() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<TimelineEntry> m_entries;
};

} // namespace dd::models
