#pragma once
// What a running allocation uses: CPU (percent of one core, and MHz) and
// memory over the last minutes, drawn by hand like AllocationTimeline. It
// reads /v1/client/allocation/<id>/stats through AllocStatsPoller every
// interval while it is shown and the allocation runs, stops when told the
// allocation is terminal, and keeps the last reading shown. When there is
// nothing to read (no read-job, nothing running, the allocation gone from
// its client) it says so in words.

#include "api/allocstatspoller.h"
#include "models/usagehistory.h"

#include <QWidget>

#include <chrono>

namespace dd {
class NomadClient;
}

namespace dd::gui {

class ResourceUsageChart : public QWidget
{
    Q_OBJECT
public:
    explicit ResourceUsageChart(NomadClient *client, QWidget *parent = nullptr);
    ~ResourceUsageChart() override;

    // Another profile's client: the allocation is read again through it.
    void setClient(NomadClient *client);
    void setPollInterval(std::chrono::milliseconds interval); // 2 s unless set
    std::chrono::milliseconds pollInterval() const { return m_poller->interval(); }
    void setHistoryWindow(std::chrono::seconds window); // 10 min unless set
    // Follows this allocation (its full ID); `task` empty: all its tasks together.
    // The history starts afresh; the same allocation again changes nothing.
    void setAllocation(const QString &allocId, const QString &nameSpace, const QString &task = {});
    // The allocation ended: no more readings, the last one stays shown.
    // false (a restarted allocation) reads again.
    void setAllocationTerminal(bool terminal = true);
    void clear();

    const models::UsageHistory &history() const { return m_history; }
    QString allocationId() const { return m_allocId; }
    bool isPolling() const { return m_poller->isPolling(); }
    // The words shown instead of the chart, or under it; empty when all is well.
    QString statusText() const { return m_status; }
    // "CPU 23.4 % (117 MHz)  Memory 45.2 MB": the last reading, or empty.
    QString currentText() const;
    // What hovering there shows: the reading nearest in time, or empty.
    QString tooltipAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // After each reading, and whenever the words shown change.
    void updated();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Geometry
    {
        QRect header;
        QRect cpu; // plot areas, without their titles
        QRect memory;
        QRect status; // empty when there is no status line
        int axisTop = 0;
        // A short, wide chart puts memory beside CPU, each with its own time axis.
        bool sideBySide = false;
    };
    Geometry geometry() const;
    void onSample(const AllocResourceUsage &usage);
    void onFailed(const ApiError &error, bool willRetry);
    void setStatus(const QString &text, bool failure);
    void updatePolling();
    qint64 spanStart() const;
    qint64 spanEnd() const;
    double xOf(qint64 ns, const QRect &plot) const;
    std::optional<models::UsageSample> sampleAt(int x) const;
    void drawPane(QPainter &p, const QRect &plot, const QString &title, double top,
                  const QColor &color, bool memory) const;

    NomadClient *m_client;
    AllocStatsPoller *m_poller;
    models::UsageHistory m_history;
    QString m_allocId;
    QString m_nameSpace;
    QString m_task;
    QString m_status;
    bool m_statusFailure = false;
    bool m_terminal = false;
    bool m_gaveUp = false; // a refusal that will not change: no more readings
    bool m_idle = false;   // the last reading had no task running
    int m_hoverX = -1;
};

} // namespace dd::gui
