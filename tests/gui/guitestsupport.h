#pragma once
// Drives the real main window against the simulator in-process: a fresh
// simulated cluster per test, settings in a temporary file, and a prompter
// that answers from the test instead of opening dialogs.

#include "api/nomadclient.h"
#include "core/dispatchjournal.h"
#include "gui/desktop.h"
#include "gui/filedialogs.h"
#include "gui/mainwindow.h"
#include "gui/profilesource.h"
#include "gui/prompter.h"
#include "sim/simulatorhost.h"

#include <QJsonObject>
#include <QLabel>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <expected>
#include <memory>

namespace dd::gui {
class MonitorPanel;
}

namespace dd::test {

class FakePrompter : public gui::Prompter
{
public:
    QString payloadFileToOpen(QWidget *) override
    {
        ++filesAsked;
        return nextFile;
    }
    bool acceptDemoCluster(QWidget *, const QString &why) override
    {
        ++demoOffers;
        lastDemoReason = why;
        return acceptDemo;
    }
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        ++confirmations;
        lastConfirmText = text;
        return confirmAnswers.isEmpty() ? confirmAnswer : confirmAnswers.takeFirst();
    }

    QString askText(QWidget *, const QString &, const QString &label, const QString &) override
    {
        ++textsAsked;
        lastTextLabel = label;
        return textAnswer;
    }

    QString nextFile;
    int filesAsked = 0;
    QString textAnswer;
    int textsAsked = 0;
    QString lastTextLabel;
    bool acceptDemo = false;
    int demoOffers = 0;
    QString lastDemoReason;
    bool confirmAnswer = true;
    QList<bool> confirmAnswers; // answered first, in order; then confirmAnswer
    int confirmations = 0;
    QString lastConfirmText;
};

// Answers the file pickers from the test and counts the questions.
class FakeFileDialogs : public gui::FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override
    {
        ++opened;
        return nextOpen;
    }
    QString saveFileName(QWidget *, const QString &, const QString &) override
    {
        ++saved;
        return nextSave;
    }
    QString directory(QWidget *, const QString &) override
    {
        ++directoriesAsked;
        return nextDirectory;
    }
    QString nextOpen, nextSave, nextDirectory;
    int opened = 0;
    int saved = 0;
    int directoriesAsked = 0;
};

// Records what the app asks of the desktop instead of doing it.
class FakeDesktop : public gui::Desktop
{
public:
    void copyText(const QString &text) override { copied.append(text); }
    bool openUrl(const QUrl &url) override
    {
        opened.append(url);
        return openSucceeds;
    }
    void notify(QWidget *window, const gui::Notification &n) override
    {
        notifications.append(n);
        windowWasActive.append(window && window->isActiveWindow());
    }

    QStringList copied;
    QList<QUrl> opened;
    bool openSucceeds = true;
    QList<gui::Notification> notifications;
    QList<bool> windowWasActive;
};

// Saves any widget (a panel tested on its own) as ${DD_BUILD_DIR}/screenshots/<name>.png.
void saveScreenshot(QWidget *widget, const QString &name);
// A dark palette as desktops in dark mode give (disabled text greyed), to
// look at a widget's colours on it.
QPalette darkTestPalette();

// A widget test's cluster: the simulator on its own thread (paused clock,
// fixture jobs and chatty, no demo data) and a client holding its management token.
struct ChattyCluster
{
    std::unique_ptr<sim::SimulatorHost> host;
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<NomadClient> client;
};
std::expected<ChattyCluster, QString> startChattyCluster(quint64 seed, bool acl);

// An ACL token made on the simulator's thread: its secret ID.
QString createToken(sim::SimulatorHost &host, const QString &name,
                    const QMap<QString, QStringList> &capabilities);

class GuiFixture
{
public:
    GuiFixture();
    ~GuiFixture();

    // Starts a simulator (demo jobs) and a main window connected to it.
    bool start(const sim::SimulatorOptions &options = {}, const QString &token = {});
    void openWindow(const QString &token = {});
    void closeWindow();

    sim::SimulatorHost &host() { return *m_host; }
    gui::MainWindow &window() { return *m_window; }
    QSettings &settings() { return *m_settings; }
    FakePrompter &prompter() { return m_prompter; }
    FakeDesktop &desktop() { return m_desktop; }
    FakeFileDialogs &fileDialogs() { return m_fileDialogs; }
    DispatchJournal &journal() { return m_journal; }
    gui::StaticProfileSource &profiles() { return m_profiles; }
    QNetworkAccessManager &network() { return m_network; }

    template<typename T> T *find(const QString &name) const
    {
        return m_window->findChild<T *>(name);
    }
    // What a label shows, in plain words (inline messages are rich text).
    static QString labelText(const QLabel *label);
    QString label(const QString &name) const { return labelText(find<QLabel>(name)); }

    bool selectJob(const QString &id, const QString &nameSpace = QStringLiteral("default"));
    // Waits until the job list holds the job, selects it and waits until the form shows it.
    bool openJob(const QString &id, const QString &nameSpace = QStringLiteral("default"));
    // The verdict title of the monitor tab in front, or empty without one.
    QString verdictTitle() const;
    // Types into a cell of the meta table through its editor, as a user would.
    void typeMeta(const QString &key, const QString &value);
    // Registers a job on the simulator (its thread), as `nomad job run` would.
    bool registerJob(const QJsonObject &job);
    // Clicks Dispatch once the form allows it and returns the monitor it
    // opens, or null when either did not happen within `timeoutMs`.
    gui::MonitorPanel *clickDispatch(int timeoutMs = 30000);
    // openJob, the meta typed in, then clickDispatch.
    gui::MonitorPanel *dispatchFromForm(const QString &job, const QMap<QString, QString> &meta = {},
                                        int timeoutMs = 30000);
    // Saves the window as ${DD_BUILD_DIR}/screenshots/<name>.png.
    void screenshot(const QString &name);

    // A file of tests/fixtures/nomad-1.0.18/recorded (check it with dd::test::requireFixtures).
    static QString recordedFile(const QString &name);

private:
    std::unique_ptr<sim::SimulatorHost> m_host;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    QNetworkAccessManager m_network;
    gui::StaticProfileSource m_profiles;
    FakePrompter m_prompter;
    FakeDesktop m_desktop;
    FakeFileDialogs m_fileDialogs;
    DispatchJournal m_journal{m_dir.filePath(QStringLiteral("journal.jsonl"))};
    std::unique_ptr<gui::MainWindow> m_window;
};

} // namespace dd::test
