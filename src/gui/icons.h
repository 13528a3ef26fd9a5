#pragma once
// The app's SVG icons (resources/icons) and the few colours that carry
// meaning: verdicts and statuses, chosen to read on light and dark palettes.

#include <QColor>
#include <QIcon>
#include <QString>

class QLabel;

namespace dd::gui {

// Registers the compiled-in resources of this static library.
void initResources();
QIcon icon(const QString &name);
// An icon for a Nomad status: pending, running, complete, failed, lost, dead, blocked...
QIcon statusIcon(const QString &status);
// A square of the colour, e.g. a profile's, for a menu or a selector.
QIcon swatchIcon(const QColor &color);

enum class MessageKind { Info, Warning, Error, Success };
// Shows text with an icon in front, or hides the label when text is empty.
// The text keeps the palette's colour, so it reads in any theme.
void showMessage(QLabel *label, MessageKind kind, const QString &text);

} // namespace dd::gui
