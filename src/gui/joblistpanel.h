#pragma once
// The left pane: parameterized jobs with a filter box and their children's
// counts. Selection survives every refresh because the model never resets.
// A large list is compared, sorted and filtered off the GUI thread.

#include "core/types.h"
#include "gui/icons.h"

#include <QWidget>

#include <memory>

namespace Ui {
class JobListPanel;
}

class QTimer;
class QTreeView;

namespace dd::models {
class JobListModel;
class JobListProxy;
} // namespace dd::models

namespace dd::gui {

class JobListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit JobListPanel(QWidget *parent = nullptr);
    ~JobListPanel() override;

    models::JobListModel *model() const { return m_model; }
    models::JobListProxy *proxy() const { return m_proxy; }
    QTreeView *view() const;
    // All namespaces (`*`) shows which namespace each job is in.
    void setShowNamespace(bool show);
    // Small lists are applied at once; large ones are compared with the
    // shown rows on a worker thread and applied when that is done
    // (listUpdated() then tells).
    void setJobs(QList<JobStub> parents);
    // Lists at least this long go through a worker (tests lower it).
    void setAsyncThreshold(int rows);
    void clear();
    // Inline message under the list (errors, empty namespace); empty hides it.
    void showStatus(MessageKind kind, const QString &text);
    void focusFilter();
    bool selectJob(const QString &nameSpace, const QString &id);
    QString currentNamespace() const;
    QString currentId() const;
    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);

Q_SIGNALS:
    void jobSelected(const QString &nameSpace, const QString &id);
    void selectionCleared();
    // Rows prepared off the GUI thread are now in the list.
    void listUpdated();

private:
    void onCurrentChanged();
    void applyFilter();
    void fixColumnWidths(bool namespaceWidth);
    void startPlan();

    std::unique_ptr<Ui::JobListPanel> m_ui;
    models::JobListModel *m_model;
    models::JobListProxy *m_proxy;
    QTimer *m_filterTimer;
    QString m_selectedKey;
    int m_asyncRows = 5000;
    // The newest list waiting for the worker, and whether one is running.
    QList<JobStub> m_waiting;
    bool m_hasWaiting = false;
    bool m_planning = false;
    quint64 m_clears = 0; // a plan started before a clear() is dropped
};

} // namespace dd::gui
