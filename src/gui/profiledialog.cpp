#include "gui/profiledialog.h"

#include "api/connectiontest.h"
#include "api/profileclient.h"
#include "core/profilestore.h"
#include "gui/filedialogs.h"
#include "gui/icons.h"
#include "gui/storeprofilesource.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/profiletokens.h"
#include "ui_profiledialog.h"

#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

namespace dd::gui {

namespace {
struct ColorChoice
{
    const char *value;
    const char *name;
};
const ColorChoice kColors[] = {
    {"", QT_TRANSLATE_NOOP("ProfileDialog", "None")},
    {"#c62828", QT_TRANSLATE_NOOP("ProfileDialog", "Red (production)")},
    {"#ef6c00", QT_TRANSLATE_NOOP("ProfileDialog", "Orange (staging)")},
    {"#2e7d32", QT_TRANSLATE_NOOP("ProfileDialog", "Green (development)")},
    {"#1565c0", QT_TRANSLATE_NOOP("ProfileDialog", "Blue")},
    {"#6a1b9a", QT_TRANSLATE_NOOP("ProfileDialog", "Purple")},
};
} // namespace

ProfileDialog::ProfileDialog(StoreProfileSource *source, QNetworkAccessManager *network,
                             FileDialogs *files, const QProcessEnvironment &environment,
                             QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProfileDialog>())
    , m_source(source)
    , m_files(files)
    , m_environment(environment)
    , m_test(new ConnectionTest(network, this))
{
    m_ui->setupUi(this);
    connect(m_test, &ConnectionTest::changed, this, &ProfileDialog::renderTest);
    connect(m_test, &ConnectionTest::finished, this, &ProfileDialog::testFinished);
    setObjectName(u"profileDialog"_s);
    for (const ColorChoice &c : kColors)
        m_ui->colorCombo->addItem(tr(c.name), QString::fromLatin1(c.value));
    m_ui->colorPreview->setFixedSize(48, 18);
    m_ui->deleteButton->setIcon(icon(u"remove"_s));
    m_ui->testButton->setIcon(icon(u"connected"_s));
    m_ui->importButton->setIcon(icon(u"open"_s));
    m_ui->fromEnvironmentButton->setIcon(icon(u"add"_s));
    m_ui->testResult->hide();
    m_ui->fileMessage->hide();
    m_ui->saveMessage->hide();

    for (QLineEdit *edit :
         {m_ui->nameEdit, m_ui->addressEdit, m_ui->regionEdit, m_ui->namespaceEdit,
          m_ui->caFileEdit, m_ui->caPathEdit, m_ui->clientCertEdit, m_ui->clientKeyEdit,
          m_ui->tlsServerNameEdit, m_ui->labelEdit})
        connect(edit, &QLineEdit::textChanged, this, &ProfileDialog::updateValidation);
    connect(m_ui->skipVerifyCheck, &QCheckBox::toggled, this, &ProfileDialog::updateValidation);
    connect(m_ui->tokenEdit, &QLineEdit::textEdited, this, [this]() { m_tokenEdited = true; });
    connect(m_ui->colorCombo, &QComboBox::currentIndexChanged, this,
            &ProfileDialog::updateColorPreview);
    connect(m_ui->caFileBrowse, &QToolButton::clicked, this,
            [this]() { browse(m_ui->caFileEdit, false, tr("CA certificate file")); });
    connect(m_ui->caPathBrowse, &QToolButton::clicked, this,
            [this]() { browse(m_ui->caPathEdit, true, tr("Directory of CA certificates")); });
    connect(m_ui->clientCertBrowse, &QToolButton::clicked, this,
            [this]() { browse(m_ui->clientCertEdit, false, tr("Client certificate")); });
    connect(m_ui->clientKeyBrowse, &QToolButton::clicked, this,
            [this]() { browse(m_ui->clientKeyEdit, false, tr("Client key")); });
    connect(m_ui->profileList, &QComboBox::activated, this,
            [this]() { editProfile(m_ui->profileList->currentData().toString()); });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &ProfileDialog::deleteProfile);
    connect(m_ui->importButton, &QPushButton::clicked, this, &ProfileDialog::importProfiles);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &ProfileDialog::exportProfiles);
    connect(m_ui->fromEnvironmentButton, &QPushButton::clicked, this,
            &ProfileDialog::fillFromEnvironment);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ProfileDialog::testConnection);
    connect(m_ui->buttonBox->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ProfileDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(u"saveButton"_s);

    FallbackSecretStore *secrets = m_source->secrets();
    m_ui->weakerFileCheck->setVisible(false);
    m_ui->weakerFileCheck->setChecked(m_source->store()->weakerTokenFileAllowed());
    connect(m_ui->weakerFileCheck, &QCheckBox::toggled, this, [this](bool allowed) {
        // The user's explicit choice, remembered for the CLI too.
        (void)m_source->store()->setWeakerTokenFileAllowed(allowed);
        m_source->secrets()->setWeakerFileAllowed(allowed);
        updateTokenLocation();
    });
    connect(secrets, &FallbackSecretStore::statusChanged, this,
            &ProfileDialog::updateTokenLocation);
    updateTokenLocation();
    secrets->probe(this, [this](FallbackSecretStore::Status) { updateTokenLocation(); });

    reloadProfileList({});
    editProfile({});
}

ProfileDialog::~ProfileDialog() = default;

void ProfileDialog::reloadProfileList(const QString &select)
{
    m_ui->profileList->clear();
    m_ui->profileList->addItem(icon(u"add"_s), tr("New profile"), QString());
    for (const QString &name : m_source->store()->names())
        m_ui->profileList->addItem(icon(u"job"_s), name, name);
    m_ui->profileList->setCurrentIndex(std::max(0, m_ui->profileList->findData(select)));
}

void ProfileDialog::editProfile(const QString &name)
{
    m_editing.clear();
    ConnectionProfile profile;
    if (!name.isEmpty()) {
        if (auto saved = m_source->store()->profile(name)) {
            profile = *saved;
            m_editing = name;
        }
    }
    if (m_editing.isEmpty())
        profile.address = kDefaultAddress;
    m_ui->profileList->setCurrentIndex(std::max(0, m_ui->profileList->findData(m_editing)));
    m_ui->deleteButton->setEnabled(!m_editing.isEmpty());
    fillForm(profile, m_source->token(m_editing));
    m_tokenEdited = false;
}

void ProfileDialog::fillForm(const ConnectionProfile &p, const QString &token)
{
    m_ui->nameEdit->setText(p.name);
    m_ui->addressEdit->setText(p.address);
    m_ui->regionEdit->setText(p.region);
    m_ui->namespaceEdit->setText(p.nameSpace);
    m_ui->caFileEdit->setText(p.caFile);
    m_ui->caPathEdit->setText(p.caPath);
    m_ui->clientCertEdit->setText(p.clientCert);
    m_ui->clientKeyEdit->setText(p.clientKey);
    m_ui->tlsServerNameEdit->setText(p.tlsServerName);
    m_ui->skipVerifyCheck->setChecked(p.skipVerify);
    m_ui->tokenEdit->setText(token);
    m_ui->labelEdit->setText(p.label);
    const int color = m_ui->colorCombo->findData(p.color);
    if (color < 0 && !p.color.isEmpty())
        m_ui->colorCombo->addItem(p.color, p.color);
    m_ui->colorCombo->setCurrentIndex(std::max(0, m_ui->colorCombo->findData(p.color)));
    m_ui->testResult->hide();
    updateValidation();
    updateColorPreview();
}

ConnectionProfile ProfileDialog::formProfile() const
{
    ConnectionProfile p;
    p.name = m_ui->nameEdit->text().trimmed();
    p.address = m_ui->addressEdit->text().trimmed();
    p.region = m_ui->regionEdit->text().trimmed();
    p.nameSpace = m_ui->namespaceEdit->text().trimmed();
    p.caFile = m_ui->caFileEdit->text().trimmed();
    p.caPath = m_ui->caPathEdit->text().trimmed();
    p.clientCert = m_ui->clientCertEdit->text().trimmed();
    p.clientKey = m_ui->clientKeyEdit->text().trimmed();
    p.tlsServerName = m_ui->tlsServerNameEdit->text().trimmed();
    p.skipVerify = m_ui->skipVerifyCheck->isChecked();
    p.label = m_ui->labelEdit->text().trimmed();
    p.color = m_ui->colorCombo->currentData().toString();
    return p;
}

void ProfileDialog::fillFromEnvironment()
{
    const EnvironmentImport imported = importEnvironment(m_environment);
    m_editing.clear();
    m_ui->profileList->setCurrentIndex(0);
    m_ui->deleteButton->setEnabled(false);
    ConnectionProfile profile = imported.profile();
    profile.name = tr("environment");
    fillForm(profile, imported.layer.token.value_or(QString()));
    m_tokenEdited = true;
    QString text = tr("Filled from the NOMAD_* variables. Review it, name it and press Save.");
    if (!imported.warnings.isEmpty())
        text += u' ' + imported.warnings.join(u' ');
    showMessage(m_ui->fileMessage,
                imported.warnings.isEmpty() ? MessageKind::Info : MessageKind::Warning, text);
}

void ProfileDialog::updateValidation()
{
    const ConnectionProfile p = formProfile();
    QStringList problems = profileProblems(p);
    if (m_editing != p.name && m_source->store()->contains(p.name))
        problems.append(tr("A profile named “%1” exists already; saving replaces it.").arg(p.name));
    showMessage(m_ui->problemsLabel, MessageKind::Warning, problems.join(u'\n'));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(profileProblems(p).isEmpty());
    m_ui->testButton->setEnabled(parseAddress(p.address).has_value());
    showMessage(m_ui->skipVerifyWarning, MessageKind::Warning,
                p.skipVerify
                    ? tr("TLS verification is off: anyone between you and the cluster can read "
                         "and change the traffic, including the token. Use it only to diagnose, "
                         "and prefer a CA file.")
                    : QString());
}

void ProfileDialog::updateTokenLocation()
{
    FallbackSecretStore *secrets = m_source->secrets();
    const auto status = secrets->status();
    const bool noKeychain = status.keychain == FallbackSecretStore::KeychainState::Unavailable;
    m_ui->weakerFileCheck->setVisible(noKeychain && secrets->hasWeakerFile());
    // Without a keychain, the store's own sentence says where tokens go and what to do.
    const QString text =
        noKeychain ? secrets->statusText() + u' ' + tr("The settings file never holds the token.")
                   : tr("The token will be kept in %1; the settings file never holds it.")
                         .arg(secretLocationText(status.writesTo));
    showMessage(m_ui->tokenLocationLabel,
                status.sessionOnly() || status.weaker() ? MessageKind::Warning : MessageKind::Info,
                text);
}

void ProfileDialog::updateColorPreview()
{
    const QString color = m_ui->colorCombo->currentData().toString();
    m_ui->colorPreview->setStyleSheet(
        color.isEmpty() ? QString() : u"background-color: %1; border-radius: 3px;"_s.arg(color));
}

void ProfileDialog::browse(QLineEdit *edit, bool directory, const QString &caption)
{
    if (!m_files)
        return;
    const QString path =
        directory ? m_files->directory(this, caption)
                  : m_files->openFileName(this, caption,
                                          tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void ProfileDialog::save()
{
    const ConnectionProfile form = formProfile();
    ConnectionProfile profile = form;
    // Keep the saved token's reference unless the token field was changed.
    if (auto saved = m_source->store()->profile(m_editing.isEmpty() ? form.name : m_editing))
        profile.tokenRef = saved->tokenRef;
    const QString token = m_ui->tokenEdit->text();
    std::optional<QString> newToken;
    if (m_tokenEdited || m_editing != form.name)
        newToken = token;
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(false);
    saveProfileWithToken(
        *m_source->store(), *m_source->secrets(), profile, newToken, this,
        [this, token, newToken](std::expected<SavedProfile, QString> r) {
            m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(true);
            if (!r) {
                showMessage(m_ui->saveMessage, MessageKind::Error, r.error());
                return;
            }
            const QString name = r->profile.name;
            if (newToken)
                m_source->rememberToken(name, token);
            QString text = tr("Saved “%1”.").arg(name);
            if (r->tokenLocation)
                text += u' ' + tr("Its token is in %1.").arg(secretLocationText(*r->tokenLocation));
            showMessage(m_ui->saveMessage, MessageKind::Success, text);
            reloadProfileList(name);
            m_editing = name;
            m_tokenEdited = false;
            m_ui->deleteButton->setEnabled(true);
            Q_EMIT profileSaved(name);
        });
}

void ProfileDialog::deleteProfile()
{
    if (m_editing.isEmpty())
        return;
    const QString name = m_editing;
    auto removed = m_source->store()->remove(name);
    if (!removed) {
        showMessage(m_ui->saveMessage, MessageKind::Error, removed.error().message);
        return;
    }
    if (!removed->isEmpty())
        m_source->secrets()->remove(*removed, this, [](SecretResult<void>) {});
    m_source->rememberToken(name, {});
    showMessage(m_ui->saveMessage, MessageKind::Info, tr("Deleted “%1” and its token.").arg(name));
    reloadProfileList({});
    editProfile({});
}

void ProfileDialog::testConnection()
{
    const ConnectionProfile profile = formProfile();
    const QString token = m_tokenEdited || m_editing != profile.name ? m_ui->tokenEdit->text()
                                                                     : m_source->token(m_editing);
    m_ui->testResult->show();
    m_test->start(profile, token);
    if (m_test->isRunning())
        renderTest();
}

void ProfileDialog::renderTest()
{
    const ConnectionTest::Findings &t = m_test->findings();
    QStringList lines;
    auto row = [&lines](const QString &name, const QString &value) {
        if (!value.isEmpty())
            lines << u"<b>"_s + name.toHtmlEscaped() + u"</b> "_s + value.toHtmlEscaped();
    };
    QStringList plain;
    auto plainRow = [&plain](const QString &name, const QString &value) {
        if (!value.isEmpty())
            plain << name + u' ' + value;
    };
    const QString heading =
        t.pending > 0 ? tr("Testing “%1”…").arg(t.profileName)
        : t.problems.isEmpty() && t.warnings.isEmpty()
            ? tr("“%1” answered, and the token can list its jobs.").arg(t.profileName)
        : t.problems.isEmpty() ? tr("“%1” answered, with limits:").arg(t.profileName)
                               : tr("“%1” did not answer everything:").arg(t.profileName);
    const std::pair<QString, QString> rows[] = {
        {tr("Leader:"), t.leader},   {tr("Nomad version:"), t.version},
        {tr("Regions:"), t.regions}, {tr("Namespaces:"), t.namespaces},
        {tr("Token:"), t.token},
    };
    for (const auto &[name, value] : rows) {
        row(name, value);
        plainRow(name, value);
    }
    const QString icon = t.pending > 0           ? u"connecting"_s
                         : !t.problems.isEmpty() ? u"failed"_s
                         : !t.warnings.isEmpty() ? u"warning"_s
                                                 : u"success"_s;
    QString html =
        u"<p><img src=\":/icons/%1.svg\" width=\"14\" height=\"14\"/> <b>%2</b></p>"_s.arg(
            icon, heading.toHtmlEscaped());
    if (!lines.isEmpty())
        html += u"<p>"_s + lines.join(u"<br>"_s) + u"</p>"_s;
    for (const QString &w : t.warnings + t.problems)
        html += u"<p><img src=\":/icons/warning.svg\" width=\"12\" height=\"12\"/> "_s +
                w.toHtmlEscaped() + u"</p>"_s;
    m_ui->testResult->setText(html);
    m_ui->testResult->setProperty(
        "plainText",
        QStringList{heading, plain.join(u'\n'), (t.warnings + t.problems).join(u'\n')}.join(u'\n'));
}

} // namespace dd::gui
