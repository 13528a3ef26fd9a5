// The logs panel: a task chooser and stdout/stderr views, each wired to its feed.
#include "logpanel.h"

#include "gui/icons.h"

#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace dd::gui {

LogPanel::LogPanel(FileDialogs &dialogs, Desktop &desktop, LogFeedFactory feeds, QWidget *parent,
                   LogView::Limits limits)
    : QWidget(parent)
    , m_dialogs(dialogs)
    , m_desktop(desktop)
    , m_factory(feeds)
    , m_limits(limits)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("logStreamTabs"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    // The task chooser sits beside the stdout/stderr tabs: one row, more lines of log.
    auto *corner = new QWidget(m_tabs);
    auto *row = new QHBoxLayout(corner);
    row->setContentsMargins(0, 0, 0, 2);
    auto *label = new QLabel(tr("&Task:"), corner);
    m_targetCombo = new QComboBox(corner);
    m_targetCombo->setObjectName(QStringLiteral("logTargetCombo"));
    m_targetCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_targetCombo);
    auto *popOut = new QToolButton(corner);
    popOut->setObjectName(QStringLiteral("logWindowButton"));
    popOut->setText(tr("Open in &window"));
    popOut->setToolTip(tr("Show these logs in a window of their own, with more room"));
    popOut->setIcon(icon(QStringLiteral("open")));
    popOut->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    popOut->setAutoRaise(true);
    connect(popOut, &QToolButton::clicked, this, [this] { openWindow(); });
    row->addWidget(label);
    row->addWidget(m_targetCombo);
    row->addWidget(popOut);
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    for (LogStream s : {LogStream::Stdout, LogStream::Stderr}) {
        const bool out = s == LogStream::Stdout;
        auto *view = new LogView(dialogs, desktop, limits, m_tabs);
        view->setObjectName(out ? QStringLiteral("stdoutView") : QStringLiteral("stderrView"));
        m_tabs->addTab(view, out ? tr("stdout") : tr("stderr"));
        m_views[int(s)] = view;
        m_feeds[int(s)] = feeds(this);
        wire(s);
    }
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, &LogPanel::targetChosen);
}

LogPanel::~LogPanel() = default;

void LogPanel::wire(LogStream stream)
{
    LogView *view = m_views[int(stream)];
    LogFeed *feed = m_feeds[int(stream)];
    connect(feed, &LogFeed::data, view, [view](const QByteArray &bytes) { view->append(bytes); });
    connect(feed, &LogFeed::error, view, [view](const QString &message) {
        view->flush();
        view->setStatus(message, true);
    });
    connect(feed, &LogFeed::status, view,
            [view](const QString &message) { view->setStatus(message); });
    connect(feed, &LogFeed::ended, view, [view] {
        view->finish();
        view->setStatus(tr("The task finished: this is its whole log."));
    });
    connect(view, &LogView::originChanged, this, [this, stream] { restart(stream); });
    connect(view, &LogView::saveAllRequested, this, [this, stream, view, feed](const QString &p) {
        view->setStatus(tr("Saving the whole log to “%1”…").arg(p));
        feed->saveAll(m_current, stream, p);
    });
    connect(feed, &LogFeed::saveAllProgress, view, [view](qint64 written) {
        view->setStatus(
            tr("Saving the whole log… %1 written")
                .arg(QLocale().formattedDataSize(written, 1, QLocale::DataSizeTraditionalFormat)));
    });
    connect(feed, &LogFeed::saveAllFinished, view,
            [view](const QString &path, const QString &error) {
                if (error.isEmpty())
                    view->setStatus(tr("Saved the whole log to “%1”.").arg(path));
                else
                    view->setStatus(tr("Could not save the whole log to “%1”: %2").arg(path, error),
                                    true);
            });
}

void LogPanel::restart(LogStream stream)
{
    LogView *view = m_views[int(stream)];
    LogFeed *feed = m_feeds[int(stream)];
    feed->stop();
    const LogOrigin origin = view->origin();
    view->clear();
    if (m_current.allocationId.isEmpty()) {
        view->setStatus(m_placeholder);
        return;
    }
    view->setStatus({});
    feed->start(m_current, stream, origin);
    if (m_terminal.contains(m_current.allocationId))
        feed->setAllocationTerminal(m_current.allocationId);
}

void LogPanel::setAllocationTerminal(const QString &allocationId)
{
    for (LogPanel *window : windows())
        window->setAllocationTerminal(allocationId);
    if (m_terminal.contains(allocationId))
        return;
    m_terminal.insert(allocationId);
    if (m_current.allocationId == allocationId) {
        for (LogFeed *feed : m_feeds)
            feed->setAllocationTerminal(allocationId);
    }
}

void LogPanel::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    if (m_current.allocationId.isEmpty()) {
        for (LogView *view : m_views)
            view->setStatus(text);
    }
}

LogPanel *LogPanel::openWindow()
{
    auto *window = new LogPanel(m_dialogs, m_desktop, m_factory, this, m_limits);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->layout()->setContentsMargins(8, 8, 8, 8);
    window->setObjectName(objectName() + u"Window");
    window->m_placeholder = m_placeholder;
    window->m_terminal = m_terminal;
    window->setTargets(m_targets);
    window->selectTarget(m_current);
    window->showStream(m_tabs->currentIndex() == 1 ? LogStream::Stderr : LogStream::Stdout);
    auto title = [window] {
        const LogTarget t = window->currentTarget();
        window->setWindowTitle(t.allocationId.isEmpty()
                                   ? tr("Task logs")
                                   : tr("%1 · %2 — task logs").arg(t.task, t.allocationId.left(8)));
    };
    title();
    connect(window, &LogPanel::targetChanged, window, title);
    window->findChild<QToolButton *>(QStringLiteral("logWindowButton"))->hide();
    window->resize(960, 640);
    window->show();
    m_windows.append(window);
    return window;
}

QList<LogPanel *> LogPanel::windows() const
{
    QList<LogPanel *> out;
    for (const QPointer<LogPanel> &w : m_windows) {
        if (w)
            out.append(w);
    }
    return out;
}

void LogPanel::setTargets(const QList<LogTarget> &targets)
{
    for (LogPanel *window : windows())
        window->setTargets(targets);
    if (targets == m_targets)
        return;
    const LogTarget keep = m_current;
    m_targets = targets;
    {
        const QSignalBlocker blocker(m_targetCombo);
        m_targetCombo->clear();
        for (const LogTarget &t : targets)
            m_targetCombo->addItem(
                t.label.isEmpty() ? QString(t.allocationId.left(8) + u" · " + t.task) : t.label);
        const qsizetype i = targets.indexOf(keep);
        m_targetCombo->setCurrentIndex(i >= 0 ? int(i) : (targets.isEmpty() ? -1 : 0));
    }
    targetChosen();
}

LogTarget LogPanel::currentTarget() const
{
    return m_current;
}

void LogPanel::selectTarget(const LogTarget &target)
{
    const qsizetype i = m_targets.indexOf(target);
    if (i >= 0)
        m_targetCombo->setCurrentIndex(int(i));
}

void LogPanel::showStream(LogStream stream)
{
    m_tabs->setCurrentWidget(m_views[int(stream)]);
}

void LogPanel::targetChosen()
{
    const int i = m_targetCombo->currentIndex();
    const LogTarget chosen = i >= 0 && i < m_targets.size() ? m_targets[i] : LogTarget{};
    if (chosen == m_current)
        return;
    m_current = chosen;
    restart(LogStream::Stdout);
    restart(LogStream::Stderr);
    Q_EMIT targetChanged(m_current);
}

} // namespace dd::gui
