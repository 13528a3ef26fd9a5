#pragma once
// The verdict of a dispatch at a glance: a coloured band with an icon, a
// title (Placed, Completed, Failed...) and the reason in words.

#include "gui/dispatchtracker.h"

#include <QFrame>

class QLabel;

#include <memory>

namespace Ui {
class VerdictBanner;
}

namespace dd::gui {

class VerdictBanner : public QFrame
{
    Q_OBJECT
public:
    explicit VerdictBanner(QWidget *parent = nullptr);
    ~VerdictBanner() override;

    void setVerdict(const VerdictInfo &verdict);
    QString title() const;
    QString detail() const;
    // Quoted under the reason (a failed task's last stderr lines), with a
    // link to the whole log. Empty lines hide it; a new verdict keeps it.
    void setExcerpt(const QString &caption, const QStringList &lines);
    QString excerpt() const;

    static QString iconName(Verdict verdict);
    // Background and text colours that read on light and dark palettes alike.
    static std::pair<QColor, QColor> colours(Verdict verdict);

Q_SIGNALS:
    void fullLogRequested();

private:
    std::unique_ptr<Ui::VerdictBanner> m_ui;
    QLabel *m_excerpt = nullptr;
    QLabel *m_logLink = nullptr;
};

} // namespace dd::gui
