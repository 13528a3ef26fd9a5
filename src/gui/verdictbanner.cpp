#include "gui/verdictbanner.h"

#include "gui/icons.h"
#include "ui_verdictbanner.h"

#include <QPainter>

namespace dd::gui {

VerdictBanner::VerdictBanner(QWidget *parent)
    : QFrame(parent)
    , m_ui(std::make_unique<Ui::VerdictBanner>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->verdictTitle->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.25);
    m_ui->verdictTitle->setFont(title);
}

VerdictBanner::~VerdictBanner() = default;

QString VerdictBanner::iconName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Evaluating:
        return QStringLiteral("pending");
    case Verdict::WaitingForCapacity:
        return QStringLiteral("waiting");
    case Verdict::Placed:
        return QStringLiteral("placed");
    case Verdict::Running:
        return QStringLiteral("running");
    case Verdict::Completed:
        return QStringLiteral("success");
    case Verdict::Failed:
    case Verdict::NotPlaced:
        return QStringLiteral("failed");
    case Verdict::Unknown:
        return QStringLiteral("warning");
    case Verdict::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("info");
}

std::pair<QColor, QColor> VerdictBanner::colours(Verdict verdict)
{
    // Saturated mid-tones with white or near-black text: the contrast does not
    // depend on the window's palette, so both light and dark themes read.
    const QColor white(0xff, 0xff, 0xff);
    const QColor ink(0x1a, 0x1a, 0x1a);
    switch (verdict) {
    case Verdict::Evaluating:
    case Verdict::Running:
        return {QColor(0x15, 0x65, 0xc0), white};
    case Verdict::Placed:
        return {QColor(0x00, 0x83, 0x8f), white};
    case Verdict::Completed:
        return {QColor(0x2e, 0x7d, 0x32), white};
    case Verdict::Failed:
    case Verdict::NotPlaced:
        return {QColor(0xc6, 0x28, 0x28), white};
    case Verdict::WaitingForCapacity:
    case Verdict::Unknown:
        return {QColor(0xf9, 0xa8, 0x25), ink};
    case Verdict::Stopped:
        return {QColor(0x61, 0x61, 0x61), white};
    }
    return {QColor(0x61, 0x61, 0x61), white};
}

void VerdictBanner::setVerdict(const VerdictInfo &verdict)
{
    const auto [background, text] = colours(verdict.verdict);
    QPalette p = palette();
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Text, text);
    setPalette(p);
    m_ui->verdictTitle->setPalette(p);
    m_ui->verdictDetail->setPalette(p);
    // The icon sits on a white disc, so an amber icon still shows on the amber band.
    const qreal dpr = devicePixelRatioF();
    QPixmap disc(QSize(30, 30) * dpr);
    disc.setDevicePixelRatio(dpr);
    disc.fill(Qt::transparent);
    {
        QPainter painter(&disc);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xff, 0xff, 0xff));
        painter.drawEllipse(QRectF(0, 0, 30, 30));
        icon(iconName(verdict.verdict)).paint(&painter, QRect(3, 3, 24, 24));
    }
    m_ui->verdictIcon->setPixmap(disc);
    m_ui->verdictTitle->setText(verdict.title);
    m_ui->verdictDetail->setText(verdict.detail);
    m_ui->verdictDetail->setVisible(!verdict.detail.isEmpty());
    setAccessibleName(verdict.title);
    setAccessibleDescription(verdict.detail);
    setProperty("verdict", int(verdict.verdict));
}

QString VerdictBanner::title() const
{
    return m_ui->verdictTitle->text();
}

QString VerdictBanner::detail() const
{
    return m_ui->verdictDetail->text();
}

} // namespace dd::gui
