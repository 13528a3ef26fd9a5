#pragma once
// The left pane: parameterized jobs with a filter box and their children's
// counts. Selection survives every refresh because the model never resets.

#include "core/types.h"
#include "gui/icons.h"

#include <QWidget>

#include <memory>

namespace Ui {
class JobListPanel;
}

class QSortFilterProxyModel;
class QTreeView;

namespace dd::models {
class JobListModel;
}

namespace dd::gui {

class JobListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit JobListPanel(QWidget *parent = nullptr);
    ~JobListPanel() override;

    models::JobListModel *model() const { return m_model; }
    QTreeView *view() const;
    // All namespaces (`*`) shows which namespace each job is in.
    void setShowNamespace(bool show);
    void setJobs(const QList<JobStub> &parents);
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

private:
    void onCurrentChanged();

    std::unique_ptr<Ui::JobListPanel> m_ui;
    models::JobListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QString m_selectedKey;
};

} // namespace dd::gui
