#pragma once
// A job's recent dispatched children at a glance: when each was submitted (x)
// and how long it ran (y), one coloured series per outcome. It follows the
// ChildJobModel that ChildrenPanel keeps live: changes are applied to a set of
// the newest children (at most capacity()), and drawn once per burst, so a
// list of 100,000 children costs one scan, not a redraw per row.
//
// How long a child ran: the job list's stub has a SubmitTime but no finish
// time. For a child seen finishing while the chart watched, the run time is
// from SubmitTime to the moment the list reported it finished; for one that
// had finished before, ChildrenPanel reads its allocations and hands the
// latest task finish over (setFinishTime). Pending and running children run
// until now, and their points move up while the chart is shown.

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <map>
#include <optional>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QScatterSeries;
class QStackedLayout;
class QTimer;
class QValueAxis;

namespace dd::models {
class ChildJobModel;
}

namespace dd::gui {

class ChildrenChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacity = 500;

    explicit ChildrenChart(QWidget *parent = nullptr);
    ~ChildrenChart() override;

    void setModel(models::ChildJobModel *model);
    // The parent job, for the title; empty when no job is selected.
    void setJobName(const QString &parentId);
    // How many of the newest children are drawn.
    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    // Draws only these outcomes (empty: all), following the panel's status filter.
    void setOutcomeFilter(const QSet<QString> &outcomes);

    // The outcomes drawn, one series each: complete, failed, running, pending, dead.
    static QStringList outcomes();
    QScatterSeries *series(const QString &outcome) const;
    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }
    // Nothing to draw: the empty-state text shows instead of the chart.
    bool isEmpty() const;
    QString emptyText() const;
    // Children among the newest capacity() (drawn or not).
    int childCount() const { return int(m_entries.size()); }
    // The y axis unit in seconds: 1, 60 or 3600, whichever reads best.
    double secondsPerUnit() const { return m_secondsPerUnit; }
    // The child a point stands for, and the words shown when hovering it.
    QString childAt(const QString &outcome, int index) const;
    QString pointText(const QString &outcome, int index) const;

    // Finished children without a known finish time, newest first: their
    // allocations tell, and setFinishTime passes it on (nullopt: never known).
    QStringList idsWithoutFinishTime(int max) const;
    void setFinishTime(const QString &id, std::optional<qint64> finishedNs);

Q_SIGNALS:
    // Finished children wait for their run time (see idsWithoutFinishTime).
    void finishTimesWanted();
    void childClicked(const QString &id);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class End { Open, Observed, Read, Unknown, Unknowable };
    struct Entry
    {
        QString id;
        qint64 submitNs = 0;
        QString outcome;
        qint64 endNs = 0;
        End end = End::Open;
    };
    using Key = std::pair<qint64, QString>; // submit time, ID: the newest last

    void onRowsInserted(int first, int last);
    void onRowsAboutToBeRemoved(int first, int last);
    void onDataChanged(int first, int last);
    void consider(int row);
    void updateEntry(Entry &entry, const QString &outcome, bool fresh);
    void rescan();
    void schedule();
    void redraw();
    void applyPalette();
    void updateXAxis();
    void updateTicking();
    bool hasOpenPoints() const;
    qint64 durationNs(const Entry &entry, qint64 nowNs) const;
    const Entry *entryAt(const QString &outcome, int index) const;
    void onHovered(const QString &outcome, const QPointF &point, bool state);

    models::ChildJobModel *m_model = nullptr;
    QString m_jobName;
    int m_capacity = kDefaultCapacity;
    QSet<QString> m_outcomeFilter;
    std::map<Key, Entry> m_entries;
    QHash<QString, qint64> m_submitOf; // ID -> submit time, for the entries kept
    bool m_needsRescan = false;
    bool m_stale = true;
    int m_unknowable = 0;
    double m_secondsPerUnit = 1;
    qint64 m_minSubmitMs = 0; // the points' submit times, for the time axis
    qint64 m_maxSubmitMs = 0;
    QHash<QString, QStringList> m_pointIds; // outcome -> child ID per point
    QHash<QString, QScatterSeries *> m_series;

    QStackedLayout *m_stack;
    QLabel *m_emptyLabel;
    QWidget *m_chartPage;
    QLabel *m_noteLabel;
    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_xAxis;
    QValueAxis *m_yAxis;
    QTimer *m_flushTimer;
    QTimer *m_tickTimer;
};

} // namespace dd::gui
