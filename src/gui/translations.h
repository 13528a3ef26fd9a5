#pragma once
// Installs the app's translation for the user's language (from the .qm files
// the build embeds under :/i18n) and Qt's own for its standard dialogs.

#include <QString>

class QCoreApplication;

namespace dd::gui {

// Returns the language installed, e.g. "de", or an empty string for English.
QString installTranslations(QCoreApplication *app);

} // namespace dd::gui
