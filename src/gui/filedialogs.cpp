#include "gui/filedialogs.h"

#include <QFileDialog>

namespace dd::gui {

QString RealFileDialogs::openFileName(QWidget *parent, const QString &caption,
                                      const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, caption, {}, filter);
}

QString RealFileDialogs::saveFileName(QWidget *parent, const QString &caption,
                                      const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, caption, {}, filter);
}

QString RealFileDialogs::saveFileNameSuggesting(QWidget *parent, const QString &caption,
                                                const QString &filter, const QString &suggestedName)
{
    return QFileDialog::getSaveFileName(parent, caption, suggestedName, filter);
}

QString RealFileDialogs::directory(QWidget *parent, const QString &caption)
{
    return QFileDialog::getExistingDirectory(parent, caption);
}

} // namespace dd::gui
