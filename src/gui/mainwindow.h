#pragma once
// The main window: profile, namespace and region in the toolbar; parameterized
// jobs on the left; the dispatch form and the dispatched jobs in the middle;
// one monitor tab per dispatch below; connection, version and leader in the
// status bar. Everything it needs is handed in.

#include "api/jobstopper.h"
#include "api/nomadclient.h"
#include "gui/tuning.h"

#include <QMainWindow>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace dd {
class BlockingFollower;
class Connection;
class DispatchJournal;
class PresetStore;
} // namespace dd

class QComboBox;
class QLabel;
class QNetworkAccessManager;
class QSettings;

namespace dd::gui {

class ChildrenPanel;
class Desktop;
class DispatchActions;
class HistoryPanel;
class DispatchController;
class DispatchPanel;
class JobListPanel;
class MonitorArea;
class DispatchTracker;
class ProfileDialog;
class ProfileSource;
class FileDialogs;
class StoreProfileSource;
class StopActions;
class Prompter;

struct MainWindowDeps
{
    QNetworkAccessManager *network = nullptr;
    // The follow lane: live views' blocking queries and event streams. Without
    // one the window makes its own, so they never share `network`'s connections.
    QNetworkAccessManager *followNetwork = nullptr;
    ProfileSource *profiles = nullptr;
    QSettings *settings = nullptr;
    Prompter *prompter = nullptr;
    Tuning tuning;
    // Selected at start instead of the last one used (e.g. the demo cluster).
    QString initialProfile;
    // Saved profiles: when set, the profile dialog is offered (toolbar and File menu).
    StoreProfileSource *profileStore = nullptr;
    FileDialogs *fileDialogs = nullptr;
    QProcessEnvironment environment; // for "Fill from Environment"
    // Every dispatch is recorded there (shared with dispatch-desk-cli); none without.
    DispatchJournal *journal = nullptr;
    // Clipboard, browser and notifications; without one those actions do nothing.
    Desktop *desktop = nullptr;
};

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowDeps &deps, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Switches to the profile (instantly; its cluster is read in the background).
    void selectProfile(const QString &name);
    void selectNamespace(const QString &nameSpace);
    bool selectJob(const QString &nameSpace, const QString &id);
    void refresh();
    // Opens (or raises) the profile dialog, editing `name` or a new profile.
    ProfileDialog *openProfileDialog(const QString &name = {});

    Connection *connection() const { return m_connection; }
    JobListPanel *jobList() const;
    DispatchPanel *dispatchPanel() const;
    ChildrenPanel *childrenPanel() const;
    MonitorArea *monitorArea() const;
    HistoryPanel *historyPanel() const;
    DispatchActions *dispatchActions() const { return m_actions; }
    StopActions *stopActions() const { return m_stopActions; }
    // "Purge finished children…" for the selected job.
    void purgeFinishedChildren();
    // Opens the bulk dispatch dialog for the selected job.
    void openBulkDispatch();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildToolBar();
    void buildStatusBar();
    void reloadProfiles();
    void onConnectionState();
    void updateProfileBadge();
    void updateSecretStatus();
    void startJobWatch();
    void onJobSelected(const QString &nameSpace, const QString &id);
    void showChild(const QString &nameSpace, const QString &parentId, const QString &childId);
    void buildConveniences();
    void buildStopActions(); // mainwindowstop.cpp
    void stopChildren(const QString &nameSpace, const QString &parentId,
                      const QStringList &childIds, StopMode mode);
    void watchForNotification(DispatchTracker *tracker);
    void showHistoryChild(const QString &profile, const QString &nameSpace, const QString &parentId,
                          const QString &childId);
    void restoreLayout();
    void saveLayout();
    void fitMonitor(bool empty);

    std::unique_ptr<Ui::MainWindow> m_ui;
    MainWindowDeps m_deps;
    Connection *m_connection;
    DispatchController *m_dispatcher = nullptr;
    DispatchActions *m_actions = nullptr;
    StopActions *m_stopActions = nullptr;
    std::unique_ptr<PresetStore> m_presets;
    BlockingFollower *m_jobWatcher = nullptr;
    CallHandle m_jobCall;
    QComboBox *m_profileCombo = nullptr;
    QComboBox *m_namespaceCombo = nullptr;
    QComboBox *m_regionCombo = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_versionLabel = nullptr;
    QLabel *m_leaderLabel = nullptr;
    QLabel *m_profileBadge = nullptr;
    QLabel *m_skipVerifyLabel = nullptr;
    QLabel *m_secretStatusLabel = nullptr;
    QAction *m_profilesAction = nullptr;
    // Widgets in a toolbar are shown and hidden through their actions.
    QAction *m_badgeAction = nullptr;
    QAction *m_skipVerifyAction = nullptr;
    QPointer<ProfileDialog> m_profileDialog;
    QString m_pendingJobKey; // restored selection, applied when the list arrives
    bool m_updatingCombos = false;
    int m_monitorHeight = 0; // the monitor's height while it had tabs; 0: not yet known
};

} // namespace dd::gui
