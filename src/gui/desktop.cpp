#include "gui/desktop.h"

#include "gui/icons.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QSystemTrayIcon>
#include <QWidget>

namespace dd::gui {

SystemDesktop::SystemDesktop(QObject *parent)
    : QObject(parent)
{}

SystemDesktop::~SystemDesktop() = default;

void SystemDesktop::copyText(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

bool SystemDesktop::openUrl(const QUrl &url)
{
    return QDesktopServices::openUrl(url);
}

void SystemDesktop::notify(QWidget *window, const Notification &notification)
{
    if (window && window->isActiveWindow())
        return;
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(icon(QStringLiteral("app")), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
        }
        // A click on the message brings the window back.
        disconnect(m_clicked);
        if (window) {
            m_clicked = connect(m_tray, &QSystemTrayIcon::messageClicked, window, [window]() {
                window->showNormal();
                window->raise();
                window->activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(
            notification.title, notification.text,
            notification.failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
        return;
    }
    if (window)
        QApplication::alert(window);
}

} // namespace dd::gui
