#include "gui/verdictbanner.h"

#include "gui/icons.h"
#include "ui_verdictbanner.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPainter>

using namespace Qt::StringLiterals;

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

    m_excerpt = new QLabel(this);
    m_excerpt->setObjectName(QStringLiteral("verdictExcerpt"));
    m_excerpt->setTextFormat(Qt::PlainText);
    m_excerpt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_excerpt->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_excerpt->setWordWrap(true);
    m_excerpt->setAccessibleName(tr("Last lines of the failed task's log"));
    m_excerpt->hide();
    m_logLink = new QLabel(this);
    m_logLink->setObjectName(QStringLiteral("verdictLogLink"));
    m_logLink->setTextFormat(Qt::RichText);
    m_logLink->setText(u"<a href=\"#log\" style=\"color: inherit\">"_s + tr("Show the whole log") +
                       u"</a>"_s);
    m_logLink->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_logLink->hide();
    connect(m_logLink, &QLabel::linkActivated, this, &VerdictBanner::fullLogRequested);
    m_ui->bannerText->addWidget(m_excerpt);
    m_ui->bannerText->addWidget(m_logLink);
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
    m_excerpt->setPalette(p);
    m_logLink->setPalette(p);
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

void VerdictBanner::setExcerpt(const QString &caption, const QStringList &lines)
{
    if (lines.isEmpty()) {
        m_excerpt->clear();
        m_excerpt->hide();
        m_logLink->hide();
        return;
    }
    // Each line quoted as it was written; the box is the band's own colour.
    m_excerpt->setText(caption + u'\n' + lines.join(u'\n'));
    m_excerpt->show();
    m_logLink->show();
}

QString VerdictBanner::excerpt() const
{
    return m_excerpt->text();
}

} // namespace dd::gui
