// The children table's stop, stop-and-purge and purge-finished actions: buttons,
// context menu and the selection they act on. The actions themselves run in
// StopActions; this file only asks for them.
#include "gui/childrenpanel.h"

#include "gui/icons.h"
#include "models/childjobmodel.h"
#include "ui_childrenpanel.h"

#include <QMenu>
#include <QTableView>

#include <algorithm>

namespace dd::gui {

using models::ChildJobModel;

void ChildrenPanel::setUpStopActions()
{
    m_ui->childStopButton->setIcon(icon(QStringLiteral("stop")));
    m_ui->childPurgeButton->setIcon(icon(QStringLiteral("remove")));
    m_ui->purgeFinishedButton->setIcon(icon(QStringLiteral("clear")));
    connect(m_ui->childStopButton, &QToolButton::clicked, this,
            [this]() { Q_EMIT stopRequested(selectedChildIds(), StopMode::Stop); });
    connect(m_ui->childPurgeButton, &QToolButton::clicked, this,
            [this]() { Q_EMIT stopRequested(selectedChildIds(), StopMode::Purge); });
    connect(m_ui->purgeFinishedButton, &QToolButton::clicked, this,
            &ChildrenPanel::purgeFinishedRequested);
    connect(m_ui->childrenView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ChildrenPanel::updateStopButtons);
    connect(m_ui->childrenView, &QWidget::customContextMenuRequested, this,
            &ChildrenPanel::showContextMenu);
    updateStopButtons();
}

void ChildrenPanel::updateStopButtons()
{
    const int selected = int(selectedChildIds().size());
    m_ui->childStopButton->setEnabled(selected > 0);
    m_ui->childPurgeButton->setEnabled(selected > 0);
    m_ui->purgeFinishedButton->setEnabled(!m_parentId.isEmpty());
    m_ui->childStopButton->setText(selected > 1 ? tr("Sto&p %n", nullptr, selected) : tr("Sto&p"));
}

QStringList ChildrenPanel::selectedChildIds() const
{
    QModelIndexList rows = m_ui->childrenView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &row : std::as_const(rows))
        ids.append(row.data(ChildJobModel::IdRole).toString());
    return ids;
}

QList<JobStub> ChildrenPanel::children() const
{
    QList<JobStub> stubs;
    for (int row = 0; row < m_model->rowCount(); ++row)
        stubs.append(m_model->at(row).stub);
    return stubs;
}

void ChildrenPanel::showStopResult(const QString &text, bool ok)
{
    showMessage(m_ui->childStopResultLabel, ok ? MessageKind::Success : MessageKind::Error, text);
}

void ChildrenPanel::showContextMenu(const QPoint &position)
{
    const QStringList ids = selectedChildIds();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("childrenContextMenu"));
    QAction *stop =
        menu.addAction(icon(QStringLiteral("stop")),
                       ids.size() > 1 ? tr("Stop %n Jobs", nullptr, int(ids.size())) : tr("Stop"));
    QAction *purge =
        menu.addAction(icon(QStringLiteral("remove")),
                       ids.size() > 1 ? tr("Stop and Purge %n Jobs", nullptr, int(ids.size()))
                                      : tr("Stop and Purge"));
    menu.addSeparator();
    QAction *finished =
        menu.addAction(icon(QStringLiteral("clear")), tr("Purge Finished Children…"));
    stop->setEnabled(!ids.isEmpty());
    purge->setEnabled(!ids.isEmpty());
    finished->setEnabled(!m_parentId.isEmpty());
    QAction *chosen = menu.exec(m_ui->childrenView->viewport()->mapToGlobal(position));
    if (chosen == stop)
        Q_EMIT stopRequested(ids, StopMode::Stop);
    else if (chosen == purge)
        Q_EMIT stopRequested(ids, StopMode::Purge);
    else if (chosen == finished)
        Q_EMIT purgeFinishedRequested();
}

} // namespace dd::gui
