#pragma once
// Creating, editing, testing, importing and exporting connection profiles.
// Tokens go to the secret store (the dialog says where), never to the
// settings file; "Test connection" runs asynchronously against the form's
// values before anything is saved (dd::ConnectionTest makes the calls).

#include "core/connectionprofile.h"

#include <QDialog>
#include <QProcessEnvironment>

#include <memory>

namespace Ui {
class ProfileDialog;
}

class QLineEdit;
class QNetworkAccessManager;

namespace dd {
class ConnectionTest;
}

namespace dd::gui {

class FileDialogs;
class Prompter;
class StoreProfileSource;

class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(StoreProfileSource *source, QNetworkAccessManager *network, FileDialogs *files,
                  const QProcessEnvironment &environment, QWidget *parent = nullptr);
    ~ProfileDialog() override;

    // Empty name: a new profile.
    void editProfile(const QString &name);
    ConnectionProfile formProfile() const;
    // Questions (replace saved profiles on import? keep their tokens?) go
    // through it; without one, an import never replaces a saved profile.
    void setPrompter(Prompter *prompter) { m_prompter = prompter; }
    void testConnection();
    void save();

Q_SIGNALS:
    void profileSaved(const QString &name);
    // Every answer of a connection test has arrived.
    void testFinished();

private:
    void fillForm(const ConnectionProfile &profile, const QString &token);
    void fillFromEnvironment();
    void updateValidation();
    void updateTokenLocation();
    void updateColorPreview();
    void reloadProfileList(const QString &select);
    void browse(QLineEdit *edit, bool directory, const QString &caption);
    void importProfiles(); // profiledialogimport.cpp
    void exportProfiles();
    void deleteProfile();
    void renderTest();

    std::unique_ptr<Ui::ProfileDialog> m_ui;
    StoreProfileSource *m_source;
    FileDialogs *m_files;
    Prompter *m_prompter = nullptr;
    QProcessEnvironment m_environment;
    QString m_editing;          // the saved profile being edited; empty: new
    bool m_tokenEdited = false; // untouched: keep the saved token
    ConnectionTest *m_test;     // "Test connection": the calls and what they found
};

} // namespace dd::gui
