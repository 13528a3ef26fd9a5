#pragma once
// One dispatch's allocations over time: a lane per allocation, coloured by
// state (pending, running, then complete, failed or lost), from the task
// events and times the allocations carry. A running allocation's lane grows
// to "now", with a one-second tick only while something runs.

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

class QTimer;

namespace dd {
struct Allocation;
}

namespace dd::models {
class AllocationModel;
}

namespace dd::gui {

class AllocationTimeline : public QWidget
{
    Q_OBJECT
public:
    struct Segment
    {
        QString state; // pending, running, complete, failed, lost
        qint64 startNs = 0;
        qint64 endNs = 0; // 0: open, up to the right edge (now, or after the last end)
    };
    struct Lane
    {
        QString allocationId;
        QString label; // short ID and task group
        QString clientStatus;
        QList<Segment> segments;
    };

    explicit AllocationTimeline(QWidget *parent = nullptr);
    ~AllocationTimeline() override;

    void setModel(models::AllocationModel *model);
    QList<Lane> lanes() const { return m_lanes; }
    // The time the axis spans, unix nanoseconds.
    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }
    // True while an allocation runs and the lanes follow the clock.
    bool isTicking() const;

    // The states an allocation went through, from its task events (or, when
    // a server sends none, its tasks' start and finish times).
    static QList<Segment> segmentsOf(const Allocation &allocation, qint64 nowNs);
    static QString laneLabel(const Allocation &allocation);
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
    qint64 m_lastActivityNs = 0;
    bool m_anyOpen = false;
    QTimer *m_rebuildTimer;
    QTimer *m_tickTimer;
};

} // namespace dd::gui
