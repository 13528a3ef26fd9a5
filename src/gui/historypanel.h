#pragma once
// Every dispatch made from this computer, by the app or the CLI, newest
// first: read from the local journal off the GUI thread, updated in place
// when the journal grows (the CLI writes to the same file), with damaged
// lines reported and skipped.

#include <QUrl>
#include <QWidget>

#include <memory>

namespace Ui {
class HistoryPanel;
}

class QFileSystemWatcher;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace dd::models {
class JournalModel;
}

namespace dd::gui {

class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);
    ~HistoryPanel() override;

    // The journal file to show; reading starts at once.
    void setJournalPath(const QString &path);
    // Reads the journal again (coalesced; the read runs on a worker thread).
    void reload();
    // Dispatches this process started: open ones are "sending", not "interrupted".
    void markOwn(const QString &id);
    // "all", "ok", "failed", "unknown"
    void setOutcomeFilter(const QString &outcome);
    void setFilterText(const QString &text);

    models::JournalModel *model() const { return m_model; }
    QTableView *view() const;
    int visibleCount() const;
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void showChildRequested(const QString &profile, const QString &nameSpace,
                            const QString &parentId, const QString &childId);
    void openUrlRequested(const QUrl &url);
    // After each read of the journal: how many entries it holds.
    void loaded(int entries);

private:
    void startRead();
    void updateButtons();
    void updateCount();

    std::unique_ptr<Ui::HistoryPanel> m_ui;
    models::JournalModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QFileSystemWatcher *m_watcher;
    QTimer *m_coalesce;
    QString m_path;
    bool m_loading = false;
    bool m_again = false;
    bool m_sorted = false;
};

} // namespace dd::gui
