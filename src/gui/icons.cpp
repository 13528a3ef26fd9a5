#include "gui/icons.h"

#include <QLabel>
#include <QPainter>
#include <QPixmap>

static void initDispatchDeskResources()
{
    Q_INIT_RESOURCE(dispatchdesk);
}

namespace dd::gui {

void initResources()
{
    static const bool done = [] {
        initDispatchDeskResources();
        return true;
    }();
    Q_UNUSED(done);
}

QIcon icon(const QString &name)
{
    initResources();
    return QIcon(u":/icons/" + name + u".svg");
}

QIcon swatchIcon(const QColor &color)
{
    QIcon swatch;
    for (const int side : {16, 32}) {
        QPixmap pixmap(side, side);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(color.darker(140), side / 16.0));
        p.setBrush(color);
        const double inset = side / 8.0;
        p.drawRoundedRect(QRectF(pixmap.rect()).adjusted(inset, inset, -inset, -inset), side / 8.0,
                          side / 8.0);
        p.end();
        swatch.addPixmap(pixmap);
    }
    return swatch;
}

QIcon statusIcon(const QString &status)
{
    if (status == u"running")
        return icon(QStringLiteral("running"));
    if (status == u"complete" || status == u"successful")
        return icon(QStringLiteral("success"));
    if (status == u"failed" || status == u"lost")
        return icon(QStringLiteral("failed"));
    if (status == u"blocked")
        return icon(QStringLiteral("waiting"));
    if (status == u"dead" || status == u"canceled" || status == u"stop")
        return icon(QStringLiteral("stopped"));
    return icon(QStringLiteral("pending"));
}

void showMessage(QLabel *label, MessageKind kind, const QString &text)
{
    if (text.isEmpty()) {
        label->clear();
        label->setProperty("plainText", QString());
        label->setVisible(false);
        return;
    }
    QString name;
    switch (kind) {
    case MessageKind::Info:
        name = QStringLiteral("info");
        break;
    case MessageKind::Warning:
        name = QStringLiteral("warning");
        break;
    case MessageKind::Error:
        name = QStringLiteral("failed");
        break;
    case MessageKind::Success:
        name = QStringLiteral("success");
        break;
    }
    initResources();
    label->setTextFormat(Qt::RichText);
    label->setText(u"<table><tr><td valign=\"top\"><img src=\":/icons/" + name +
                   u".svg\" width=\"16\" height=\"16\"/>&nbsp;</td><td>" +
                   text.toHtmlEscaped().replace(QChar(u'\n'), QStringLiteral("<br/>")) +
                   u"</td></tr></table>");
    // Tests and screen readers read the plain words.
    label->setAccessibleDescription(text);
    label->setProperty("plainText", text);
    label->setVisible(true);
}

} // namespace dd::gui
