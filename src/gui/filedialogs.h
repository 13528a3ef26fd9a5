#pragma once
// The file pickers the profile dialog opens go through this interface, so
// tests answer them without real modal dialogs.

#include <QString>

class QWidget;

namespace dd::gui {

class FileDialogs
{
public:
    virtual ~FileDialogs() = default;
    // Empty when the user cancelled.
    virtual QString openFileName(QWidget *parent, const QString &caption,
                                 const QString &filter) = 0;
    virtual QString saveFileName(QWidget *parent, const QString &caption,
                                 const QString &filter) = 0;
    virtual QString directory(QWidget *parent, const QString &caption) = 0;
    // Starting from a file name (the one being saved); by default as saveFileName.
    virtual QString saveFileNameSuggesting(QWidget *parent, const QString &caption,
                                           const QString &filter, const QString &suggestedName)
    {
        Q_UNUSED(suggestedName);
        return saveFileName(parent, caption, filter);
    }
};

class RealFileDialogs : public FileDialogs
{
public:
    QString openFileName(QWidget *parent, const QString &caption, const QString &filter) override;
    QString saveFileName(QWidget *parent, const QString &caption, const QString &filter) override;
    QString directory(QWidget *parent, const QString &caption) override;
    QString saveFileNameSuggesting(QWidget *parent, const QString &caption, const QString &filter,
                                   const QString &suggestedName) override;
};

// For a window built without file pickers: every question is cancelled.
class NoFileDialogs : public FileDialogs
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString directory(QWidget *, const QString &) override { return {}; }
};

} // namespace dd::gui
