#pragma once
// A job's recent dispatched children at a glance: when each was submitted (x)
// and how long it ran (y), one coloured series per outcome. What to draw comes
// from models::ChildRunTimes, which follows the ChildJobModel that
// ChildrenPanel keeps live; this widget draws once per burst of changes, and
// moves the points of pending and running children up while it is shown.

#include "models/childruntimes.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QWidget>

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
    static constexpr int kDefaultCapacity = models::ChildRunTimes::kDefaultCapacity;

    explicit ChildrenChart(QWidget *parent = nullptr);
    ~ChildrenChart() override;

    void setModel(models::ChildJobModel *model);
    // The parent job, for the title; empty when no job is selected.
    void setJobName(const QString &parentId);
    // How many of the newest children are drawn.
    void setCapacity(int capacity);
    int capacity() const;
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
    int childCount() const;
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
    void schedule();
    void redraw();
    void applyPalette();
    void updateXAxis();
    void updateTicking();
    bool hasOpenPoints() const;
    void onHovered(const QString &outcome, const QPointF &point, bool state);

    models::ChildJobModel *m_model = nullptr;
    models::ChildRunTimes *m_runTimes;
    QString m_jobName;
    QSet<QString> m_outcomeFilter;
    bool m_stale = true;
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
