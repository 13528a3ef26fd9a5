#pragma once
// The logs of a dispatch or a child: one allocation/task at a time (chosen in
// a list), its stdout and stderr on two tabs, each fed by its own LogFeed.
// The panel knows nothing of the network: the owner hands in a factory for
// feeds (the real one reads Nomad's log stream; tests use a fake).

#include "gui/logview.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>

class QComboBox;
class QTabWidget;

namespace dd::gui {

enum class LogStream { Stdout, Stderr };

// One task of one allocation; label is what the list shows ("3f2a1b9c · encode").
struct LogTarget
{
    QString allocationId;
    QString task;
    QString label;
    QString nameSpace;
    bool operator==(const LogTarget &) const = default;
};

// One log stream, followed live. start() may be called again (another target
// or origin): the previous stream stops first and sends nothing more.
class LogFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void start(const dd::gui::LogTarget &target, dd::gui::LogStream stream,
                       dd::gui::LogOrigin origin) = 0;
    virtual void stop() = 0;
    // Streams the whole log (from its start) to `path`, not through the view;
    // answers with saveAllProgress and one saveAllFinished.
    virtual void saveAll(const dd::gui::LogTarget &target, dd::gui::LogStream stream,
                         const QString &path) = 0;
    // The allocation will write no more: a stream following it reads what is
    // left and ends (Nomad keeps a finished task's follow open forever).
    virtual void setAllocationTerminal(const QString &allocationId) { Q_UNUSED(allocationId); }

Q_SIGNALS:
    void data(const QByteArray &bytes);
    // The stream failed, in the user's words (it may still be retried by start()).
    void error(const QString &message);
    // The task finished and its log is complete.
    void ended();
    // How the stream is doing, when it is worth saying ("reconnecting…"); empty clears it.
    void status(const QString &message);
    void saveAllProgress(qint64 bytesWritten);
    // error is empty when the file was written.
    void saveAllFinished(const QString &path, const QString &error);
};

using LogFeedFactory = std::function<LogFeed *(QObject *parent)>;

class LogPanel : public QWidget
{
    Q_OBJECT
public:
    LogPanel(FileDialogs &dialogs, Desktop &desktop, LogFeedFactory feeds,
             QWidget *parent = nullptr, LogView::Limits limits = {});
    ~LogPanel() override;

    // The allocations' tasks to choose from; the choice stays when it is still there.
    void setTargets(const QList<LogTarget> &targets);
    QList<LogTarget> targets() const { return m_targets; }
    LogTarget currentTarget() const;
    void selectTarget(const LogTarget &target);
    void showStream(LogStream stream);
    // The allocation ended: its streams read what is left and say so.
    void setAllocationTerminal(const QString &allocationId);
    // Shown while there is no task to choose ("No task has started yet").
    void setPlaceholder(const QString &text);
    // The same logs in a window of their own (more room than a tab), kept in
    // step with this panel's tasks and closed with it.
    LogPanel *openWindow();
    QList<LogPanel *> windows() const;

    LogView *view(LogStream stream) const { return m_views[int(stream)]; }
    LogFeed *feed(LogStream stream) const { return m_feeds[int(stream)]; }

Q_SIGNALS:
    void targetChanged(const dd::gui::LogTarget &target);

private:
    void wire(LogStream stream);
    void restart(LogStream stream);
    void targetChosen();

    FileDialogs &m_dialogs;
    Desktop &m_desktop;
    LogFeedFactory m_factory;
    LogView::Limits m_limits;
    QList<QPointer<LogPanel>> m_windows;
    QList<LogTarget> m_targets;
    LogTarget m_current;
    QSet<QString> m_terminal;
    QString m_placeholder;
    QComboBox *m_targetCombo = nullptr;
    QTabWidget *m_tabs = nullptr;
    LogView *m_views[2] = {};
    LogFeed *m_feeds[2] = {};
};

} // namespace dd::gui
