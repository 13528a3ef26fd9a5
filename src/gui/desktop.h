#pragma once
// What the app asks of the desktop around it: the clipboard, the browser and
// notifications. One injected interface, so tests record instead of acting.

#include <QObject>
#include <QString>
#include <QUrl>

class QSystemTrayIcon;
class QWidget;

namespace dd::gui {

struct Notification
{
    QString title;
    QString text;
    bool failure = false;
};

class Desktop
{
public:
    virtual ~Desktop() = default;
    virtual void copyText(const QString &text) = 0;
    virtual bool openUrl(const QUrl &url) = 0;
    // Shown only while `window` is not the active window: a user looking at the
    // monitor needs no pop-up.
    virtual void notify(QWidget *window, const Notification &notification) = 0;
};

// For a window built without a desktop: copying, opening and notifying do nothing.
class NoDesktop : public Desktop
{
public:
    void copyText(const QString &) override {}
    bool openUrl(const QUrl &) override { return false; }
    void notify(QWidget *, const Notification &) override {}
};

// The real clipboard, browser and notification area (or, without one, the
// window's task bar entry asks for attention).
class SystemDesktop : public QObject, public Desktop
{
    Q_OBJECT
public:
    explicit SystemDesktop(QObject *parent = nullptr);
    ~SystemDesktop() override;

    void copyText(const QString &text) override;
    bool openUrl(const QUrl &url) override;
    void notify(QWidget *window, const Notification &notification) override;

private:
    QSystemTrayIcon *m_tray = nullptr;
    QMetaObject::Connection m_clicked;
};

} // namespace dd::gui
