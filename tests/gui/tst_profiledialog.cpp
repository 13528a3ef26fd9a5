// The profile dialog against an in-process simulator with ACLs on: fill a
// profile, test the connection, save it, find it in the selector and switch
// to it. The token must never reach the settings file.

#include "guitestsupport.h"

#include "core/profilestore.h"
#include "gui/childdetailpanel.h"
#include "gui/childrenpanel.h"
#include "gui/filedialogs.h"
#include "gui/joblistpanel.h"
#include "gui/mainwindow.h"
#include "gui/profiledialog.h"
#include "gui/storeprofilesource.h"
#include "models/joblistmodel.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/memorysecretstore.h"
#include "secrets/profiletokens.h"
#include "sim/simulator.h"
#include "sim/simulatorhost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"
#include <QToolButton>

using namespace dd;
using namespace Qt::Literals::StringLiterals;
using dd::test::createToken;
using dd::test::FakeFileDialogs;

namespace {

QString plain(const QLabel *label)
{
    if (!label)
        return u"<no such label>"_s;
    const QVariant p = label->property("plainText");
    return p.isValid() ? p.toString() : label->text();
}

void shot(QWidget *widget, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR) + u"/screenshots"_s;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(dir + u'/' + name + u".png"_s));
}

} // namespace

class TestProfileDialog : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<sim::SimulatorHost> m_host;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<MemorySecretStore> m_keychain, m_session;
    std::unique_ptr<FallbackSecretStore> m_secrets;
    std::unique_ptr<gui::StoreProfileSource> m_profiles;
    QNetworkAccessManager m_network;
    FakeFileDialogs m_files;
    std::unique_ptr<gui::MainWindow> m_window;
    QString m_token;

    template<typename T> T *find(QWidget *in, const QString &name)
    {
        return in->findChild<T *>(name);
    }

    void type(QWidget *in, const QString &name, const QString &text)
    {
        auto *edit = find<QLineEdit>(in, name);
        QVERIFY2(edit, qPrintable(name));
        edit->clear();
        QTest::keyClicks(edit, text);
    }

    // A saved profile with a colour, its token in the keychain, selected in the window.
    void saveColouredProfile(const QString &name, const QString &color)
    {
        ConnectionProfile p;
        p.name = name;
        p.address = m_host->baseUrl().toString();
        p.label = name.toUpper();
        p.color = color;
        bool saved = false;
        saveProfileWithToken(*m_store, *m_secrets, p, m_token, m_window.get(),
                             [&saved](std::expected<SavedProfile, QString> r) {
                                 QVERIFY2(r, qPrintable(r ? QString() : r.error()));
                                 saved = true;
                             });
        QTRY_VERIFY(saved);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        sim::SimulatorOptions options;
        options.acl = true;
        m_host = std::make_unique<sim::SimulatorHost>(options);
        QVERIFY(m_host->start());
        m_host->invoke([this](sim::Simulator &s) {
            sim::AclPolicy policy;
            policy.name = u"dispatch-default"_s;
            policy.namespaces = {
                {u"default"_s, {u"list-jobs"_s, u"read-job"_s, u"dispatch-job"_s}}};
            policy.agentRead = true; // the version comes from agent/self
            s.addPolicy(policy);
            m_token = s.createTokenWithPolicies(u"dispatcher"_s, {u"dispatch-default"_s}).secretId;
        });
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        m_store = std::make_unique<ProfileStore>(m_settings.get());
        m_keychain = std::make_unique<MemorySecretStore>(SecretLocation::Keychain);
        m_session = std::make_unique<MemorySecretStore>();
        m_secrets =
            std::make_unique<FallbackSecretStore>(m_keychain.get(), m_session.get(), nullptr);
        m_profiles = std::make_unique<gui::StoreProfileSource>(m_store.get(), m_secrets.get());
        Profile demo;
        demo.name = u"demo"_s;
        demo.isDemo = true;
        demo.config.address = m_host->baseUrl();
        demo.config.token = m_host->managementToken();
        m_profiles->setProfile(demo);

        gui::MainWindowDeps deps;
        deps.network = &m_network;
        deps.profiles = m_profiles.get();
        deps.settings = m_settings.get();
        deps.profileStore = m_profiles.get();
        deps.fileDialogs = &m_files;
        deps.initialProfile = u"demo"_s;
        m_window = std::make_unique<gui::MainWindow>(deps);
        m_window->resize(1440, 920);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_profiles.reset();
        m_secrets.reset();
        m_host->stop();
    }

    void createTestSaveAndSwitch()
    {
        auto *button = find<QToolButton>(m_window.get(), u"profilesButton"_s);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = m_window->findChild<gui::ProfileDialog *>(u"profileDialog"_s);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->resize(760, 900);

        type(dialog, u"nameEdit"_s, u"prod"_s);
        // Inline validation: a bad address is named before anything is saved.
        type(dialog, u"addressEdit"_s, u"ftp://nowhere"_s);
        QVERIFY(!plain(find<QLabel>(dialog, u"problemsLabel"_s)).isEmpty());
        auto *save = find<QPushButton>(dialog, u"saveButton"_s);
        QVERIFY(save);
        QVERIFY(!save->isEnabled());
        type(dialog, u"addressEdit"_s, m_host->baseUrl().toString());
        QTRY_VERIFY(save->isEnabled());
        type(dialog, u"namespaceEdit"_s, u"default"_s);
        type(dialog, u"tokenEdit"_s, m_token);
        type(dialog, u"labelEdit"_s, u"PRODUCTION"_s);
        auto *color = find<QComboBox>(dialog, u"colorCombo"_s);
        color->setCurrentIndex(color->findData(u"#c62828"_s));
        QTRY_VERIFY2(plain(find<QLabel>(dialog, u"tokenLocationLabel"_s)).contains(u"keychain"_s),
                     qPrintable(plain(find<QLabel>(dialog, u"tokenLocationLabel"_s))));
        shot(dialog, u"profiledialog-filled"_s);

        QTest::mouseClick(find<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        auto *result = find<QLabel>(dialog, u"testResult"_s);
        QTRY_VERIFY_WITH_TIMEOUT(plain(result).contains(u"can list its jobs"_s) ||
                                     plain(result).contains(u"with limits"_s),
                                 10000);
        const QString text = plain(result);
        QVERIFY2(text.contains(u"127.0.0.1:4647"_s), qPrintable(text));
        QVERIFY2(text.contains(u"1.10.5"_s), qPrintable(text));
        QVERIFY2(text.contains(u"“dispatcher”"_s), qPrintable(text));
        QVERIFY2(text.contains(u"global"_s), qPrintable(text));
        shot(dialog, u"profiledialog-tested"_s);

        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(m_store->contains(u"prod"_s));
        QTRY_VERIFY(plain(find<QLabel>(dialog, u"saveMessage"_s)).contains(u"Saved"_s));

        auto *combo = find<QComboBox>(m_window.get(), u"profileCombo"_s);
        QTRY_VERIFY(combo->findText(u"prod"_s) >= 0);
        QVERIFY(combo->findText(u"demo"_s) >= 0);
        dialog->close();

        combo->setCurrentIndex(combo->findText(u"prod"_s));
        QCOMPARE(combo->currentText(), u"prod"_s);
        QCOMPARE(plain(find<QLabel>(m_window.get(), u"profileBadge"_s)), u"PRODUCTION"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->jobList()->model()->rowCount() > 0, 10000);
        shot(m_window.get(), u"mainwindow-prod-profile"_s);

        m_settings->sync();
        QFile file(m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.contains("prod"));
        QVERIFY2(!contents.contains(m_token.toUtf8()), "the token reached the settings file");
    }

    void skipVerifyWarns()
    {
        auto *dialog = m_window->openProfileDialog();
        QVERIFY(dialog);
        dialog->resize(760, 900);
        type(dialog, u"nameEdit"_s, u"lab"_s);
        type(dialog, u"addressEdit"_s, u"https://nomad.lab.example:4646"_s);
        auto *warning = find<QLabel>(dialog, u"skipVerifyWarning"_s);
        QVERIFY(warning->isHidden());
        find<QCheckBox>(dialog, u"skipVerifyCheck"_s)->setChecked(true);
        QVERIFY(warning->isVisible());
        QVERIFY(plain(warning).contains(u"TLS verification is off"_s));
        shot(dialog, u"profiledialog-skipverify"_s);
        dialog->save();
        QTRY_VERIFY(m_store->contains(u"lab"_s));
        dialog->close();

        m_window->selectProfile(u"lab"_s);
        auto *toolbarWarning = find<QLabel>(m_window.get(), u"skipVerifyWarning"_s);
        QVERIFY(toolbarWarning);
        QTRY_VERIFY(toolbarWarning->isVisible());
        QVERIFY(plain(toolbarWarning).contains(u"“lab”"_s));
        shot(m_window.get(), u"mainwindow-skipverify"_s);
        m_window->selectProfile(u"demo"_s);
        QTRY_VERIFY(!toolbarWarning->isVisible());
    }

    void noKeychainKeepsTokensForTheSession()
    {
        m_keychain->setFailure(MemorySecretStore::noBackendError());
        auto *dialog = m_window->openProfileDialog();
        dialog->resize(760, 900);
        auto *location = find<QLabel>(dialog, u"tokenLocationLabel"_s);
        QTRY_VERIFY2(plain(location).contains(u"session only"_s), qPrintable(plain(location)));
        auto *weaker = find<QCheckBox>(dialog, u"weakerFileCheck"_s);
        // No weaker file was handed in, so it is never offered.
        QVERIFY(weaker->isHidden());
        type(dialog, u"nameEdit"_s, u"session"_s);
        type(dialog, u"addressEdit"_s, m_host->baseUrl().toString());
        type(dialog, u"tokenEdit"_s, m_token);
        shot(dialog, u"profiledialog-nokeychain"_s);
        dialog->save();
        QTRY_VERIFY(m_store->contains(u"session"_s));
        QVERIFY(m_session->contains(tokenRefForProfile(u"session"_s)));
        auto *status = find<QLabel>(m_window.get(), u"secretStatusLabel"_s);
        QTRY_VERIFY(status->isVisible());
        QVERIFY(plain(status).contains(u"session only"_s));
        dialog->close();
    }

    void environmentBecomesAProfile()
    {
        QProcessEnvironment env;
        env.insert(u"NOMAD_ADDR"_s, m_host->baseUrl().toString());
        env.insert(u"NOMAD_TOKEN"_s, m_token);
        gui::ProfileDialog dialog(m_profiles.get(), &m_network, &m_files, env);
        QTest::mouseClick(find<QPushButton>(&dialog, u"fromEnvironmentButton"_s), Qt::LeftButton);
        QCOMPARE(find<QLineEdit>(&dialog, u"addressEdit"_s)->text(), m_host->baseUrl().toString());
        QCOMPARE(find<QLineEdit>(&dialog, u"tokenEdit"_s)->text(), m_token);
        type(&dialog, u"nameEdit"_s, u"from-env"_s);
        dialog.save();
        QTRY_VERIFY(m_store->contains(u"from-env"_s));
        QCOMPARE(m_keychain->value(tokenRefForProfile(u"from-env"_s)), m_token);

        // Export leaves the token out; import reads the profiles back.
        const QString path = m_dir.filePath(u"profiles.json"_s);
        m_files.nextSave = path;
        QTest::mouseClick(find<QPushButton>(&dialog, u"exportButton"_s), Qt::LeftButton);
        QFile exported(path);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray json = exported.readAll();
        QVERIFY(json.contains("from-env"));
        QVERIFY(!json.contains(m_token.toUtf8()));
        (void)m_store->remove(u"from-env"_s);
        m_files.nextOpen = path;
        QTest::mouseClick(find<QPushButton>(&dialog, u"importButton"_s), Qt::LeftButton);
        QVERIFY(m_store->contains(u"from-env"_s));
        QVERIFY(plain(find<QLabel>(&dialog, u"fileMessage"_s)).contains(u"Imported"_s));
    }

    void tokenWithoutListJobsIsFlagged()
    {
        const QString weak = createToken(
            *m_host, u"reader"_s, QMap<QString, QStringList>{{u"default"_s, {u"read-job"_s}}});
        auto *dialog = m_window->openProfileDialog();
        type(dialog, u"nameEdit"_s, u"weak"_s);
        type(dialog, u"addressEdit"_s, m_host->baseUrl().toString());
        type(dialog, u"tokenEdit"_s, weak);
        QTest::mouseClick(find<QPushButton>(dialog, u"testButton"_s), Qt::LeftButton);
        auto *result = find<QLabel>(dialog, u"testResult"_s);
        QTRY_VERIFY_WITH_TIMEOUT(plain(result).contains(u"with limits"_s) ||
                                     plain(result).contains(u"did not answer"_s),
                                 10000);
        QVERIFY2(plain(result).contains(u"list-jobs"_s), qPrintable(plain(result)));
        dialog->close();
    }
    void selectorShowsEachProfilesColour()
    {
        saveColouredProfile(u"prod"_s, u"#c62828"_s);
        auto *combo = find<QComboBox>(m_window.get(), u"profileCombo"_s);
        QTRY_VERIFY(combo->findText(u"prod"_s) >= 0);
        const auto icon = combo->itemIcon(combo->findText(u"prod"_s));
        QVERIFY(!icon.isNull());
        const QImage swatch = icon.pixmap(16, 16).toImage();
        QCOMPARE(swatch.pixelColor(swatch.width() / 2, swatch.height() / 2), QColor(u"#c62828"_s));
        m_window->selectProfile(u"prod"_s);
        shot(m_window.get(), u"profile-selector-colour"_s);
    }

    void closingTheDialogKeepsTheSelectedChild()
    {
        // The selector lists saved profiles first: "demo", in use, is not the first.
        saveColouredProfile(u"prod"_s, u"#2e7d32"_s);
        auto *combo = find<QComboBox>(m_window.get(), u"profileCombo"_s);
        QTRY_VERIFY(combo->findText(u"prod"_s) >= 0);
        QCOMPARE(combo->currentText(), u"demo"_s);
        QVERIFY(combo->currentIndex() > 0);
        QString child;
        m_host->invoke([&child](sim::Simulator &s) {
            sim::DispatchRequest r;
            r.jobId = u"report-nightly"_s;
            if (const auto result = s.dispatch(r))
                child = result->dispatchedJobId;
        });
        QVERIFY(!child.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->selectJob(u"default"_s, u"report-nightly"_s), 10000);
        auto *children = m_window->childrenPanel();
        QTRY_VERIFY_WITH_TIMEOUT(children->selectChild(child), 10000);
        QTRY_VERIFY(children->detail()->child().has_value());

        // Add a profile for another cluster, then close the dialog.
        QTest::mouseClick(find<QToolButton>(m_window.get(), u"profilesButton"_s), Qt::LeftButton);
        auto *dialog = m_window->findChild<gui::ProfileDialog *>(u"profileDialog"_s);
        QVERIFY(dialog && dialog->isVisible());
        type(dialog, u"nameEdit"_s, u"staging"_s);
        type(dialog, u"addressEdit"_s, u"http://127.0.0.1:1"_s);
        dialog->save();
        QTRY_VERIFY(combo->findText(u"staging"_s) >= 0);
        dialog->close();
        QTest::qWait(200);
        QCOMPARE(combo->currentText(), u"demo"_s);
        QCOMPARE(children->detail()->childId(), child);
        QVERIFY(children->view()->currentIndex().isValid());
        QVERIFY(children->detail()->child().has_value());
    }
};

DD_TEST_MAIN(TestProfileDialog)
#include "tst_profiledialog.moc"
