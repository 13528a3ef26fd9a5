#pragma once
// One dispatch's allocations over time: a lane per allocation, coloured by
// state (pending, running, then complete, failed or lost). The lanes come
// from models::AllocationLanes; this widget only draws them. A running
// allocation's lane grows to "now", with a one-second tick only while
// something runs.

#include "models/allocationlanes.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

class QTimer;

namespace dd::models {
class AllocationModel;
}

namespace dd::gui {

class AllocationTimeline : public QWidget
{
    Q_OBJECT
public:
    using Segment = models::TimelineSegment;
    using Lane = models::TimelineLane;

    explicit AllocationTimeline(QWidget *parent = nullptr);
    ~AllocationTimeline() override;

    void setModel(models::AllocationModel *model);
    QList<Lane> lanes() const { return m_lanes; }
    // The time the axis spans, unix nanoseconds.
    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }
    // True while an allocation runs and the lanes follow the clock.
    bool isTicking() const;

    static QColor stateColor(const QString &state);
    static QString stateText(const QString &state);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Layout
    {
        int legendHeight = 0;
        int laneHeight = 0;
        int lanesTop = 0;
        int labelWidth = 0;
        int plotLeft = 0;
        int plotRight = 0;
        int axisTop = 0;
    };
    void rebuild();
    void schedule();
    void updateTicking();
    Layout layout() const;
    double xOf(qint64 ns, const Layout &l) const;
    QString tooltipAt(const QPoint &pos) const;

    models::AllocationModel *m_model = nullptr;
    QList<Lane> m_lanes;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    bool m_anyOpen = false;
    QTimer *m_rebuildTimer;
    QTimer *m_tickTimer;
};

} // namespace dd::gui
