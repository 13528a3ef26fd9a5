#pragma once
// The verdict of a dispatch at a glance: a coloured band with an icon, a
// title (Placed, Completed, Failed...) and the reason in words.

#include "gui/dispatchtracker.h"

#include <QFrame>

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

    static QString iconName(Verdict verdict);
    // Background and text colours that read on light and dark palettes alike.
    static std::pair<QColor, QColor> colours(Verdict verdict);

private:
    std::unique_ptr<Ui::VerdictBanner> m_ui;
};

} // namespace dd::gui
