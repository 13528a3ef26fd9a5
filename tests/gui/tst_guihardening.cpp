// Issue 16 in the app. Server text is shown as text: a job whose ID is markup
// (an image tag, bold, a link) appears literally in the form's title, never
// rendered. The bulk dialog says which folder payload files come from, shows
// each row's payload source, and refuses a payload_file outside that folder
// until the user widens it. A profile import asks before replacing saved
// profiles, and a replaced profile pointing at another cluster keeps its
// token only when the user says so.
#include "guitestsupport.h"

#include "core/profilestore.h"
#include "gui/bulkdispatchdialog.h"
#include "gui/filedialogs.h"
#include "gui/profiledialog.h"
#include "gui/storeprofilesource.h"
#include "models/batchrowmodel.h"
#include "recordings.h"
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/memorysecretstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>

#include <sys/stat.h>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

Job videoEncode()
{
    Job job;
    job.id = u"video-encode"_s;
    job.nameSpace = u"default"_s;
    ParameterizedConfig config;
    config.payload = PayloadRule::Optional;
    config.metaRequired = {u"input-codec"_s};
    job.parameterized = config;
    return job;
}

int rowOfLine(const models::BatchRowModel *model, int line)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->batchRow(row).line == line)
            return row;
    }
    return -1;
}

// A profile store over a temporary file, a keychain fake and the profile dialog.
struct ProfileDialogFixture
{
    QTemporaryDir dir;
    QSettings settings{dir.filePath(u"settings.ini"_s), QSettings::IniFormat};
    ProfileStore store{&settings};
    MemorySecretStore keychain{SecretLocation::Keychain};
    MemorySecretStore session;
    FallbackSecretStore secrets{&keychain, &session, nullptr};
    gui::StoreProfileSource source{&store, &secrets};
    QNetworkAccessManager network;
    FakeFileDialogs files;
    FakePrompter prompter;
    gui::ProfileDialog dialog{&source, &network, &files, QProcessEnvironment()};

    bool saveWithToken(const QString &name, const QString &address, const QString &token)
    {
        ConnectionProfile p;
        p.name = name;
        p.address = address;
        p.tokenRef = tokenRefForProfile(name);
        return writeSecretBlocking(secrets, p.tokenRef, token, std::chrono::seconds(5)) &&
               store.save(p).has_value();
    }
    bool hasSecret(const QString &ref)
    {
        return readSecretBlocking(secrets, ref, std::chrono::seconds(5)).has_value();
    }
    // Imports `json` by clicking Import, the file chosen through the fake.
    void import(const QByteArray &json)
    {
        const QString path = dir.filePath(u"import.json"_s);
        QVERIFY(writeFile(path, json));
        files.nextOpen = path;
        auto *button = dialog.findChild<QPushButton *>(u"importButton"_s);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
    }
    QString message() const
    {
        return GuiFixture::labelText(dialog.findChild<QLabel *>(u"fileMessage"_s));
    }
};

// Not a raw string: moc misreads one that spans lines before the class.
const QByteArray kMovedProd =
    "{\"dispatchDeskProfiles\":1,\"profiles\":["
    "{\"name\":\"prod\",\"address\":\"https://evil.example:4646\",\"skipVerify\":true},"
    "{\"name\":\"dev\",\"address\":\"https://dev.example:4646\"}]}";

} // namespace

class TestGuiHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void markupInAJobIdIsShownAsText();
    void bulkDialogNamesThePayloadFolder();
    void profileImportAsksBeforeMovingAToken_data();
    void profileImportAsksBeforeMovingAToken();
    void profileImportReadsBounded();
};

void TestGuiHardening::markupInAJobIdIsShownAsText()
{
    // Nomad job IDs hold no "/" or space, so no closing tags; Qt would render this as markup.
    const QString evil = u"<b>bold<img\tsrc=\"x.png\"><i>x"_s; // Nomad refuses spaces too
    GuiFixture f;
    QVERIFY(f.start());
    QFile spec(fixtureJobsDir() + u"/report-nightly.register.json"_s);
    QVERIFY2(spec.open(QIODevice::ReadOnly), qPrintable(spec.fileName()));
    QJsonObject job = QJsonDocument::fromJson(spec.readAll()).object().value(u"Job"_s).toObject();
    job[u"ID"_s] = evil;
    job[u"Name"_s] = evil;
    bool registered = false;
    f.host().invoke([&](sim::Simulator &s) { registered = s.registerJob(job).has_value(); });
    QVERIFY(registered);
    // The job list learns of the new job through its blocking query.
    QTRY_VERIFY_WITH_TIMEOUT(f.openJob(evil), 15000);
    auto *title = f.find<QLabel>(u"jobTitleLabel"_s);
    QVERIFY(title);
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QVERIFY2(title->text().contains(evil), qPrintable(title->text()));
    f.screenshot(u"hardening-markup-job-id"_s);
}

// The dialog says where payload files come from, each row says where its
// payload comes from, and a row naming a file outside the folder is refused
// until the user chooses a wider folder with "Change…".
void TestGuiHardening::bulkDialogNamesThePayloadFolder()
{
    QTemporaryDir top;
    const QString rowsDir = top.filePath(u"rows"_s);
    QVERIFY(QDir().mkpath(rowsDir + u"/in"_s));
    QVERIFY(writeFile(top.filePath(u"outside.json"_s), "{\"outside\": true}"));
    QVERIFY(writeFile(rowsDir + u"/in/clip.json"_s, "{\"frames\": 1}"));
    QVERIFY(QFile::link(u"/proc/self/environ"_s, rowsDir + u"/env"_s));
    const QString rows = rowsDir + u"/rows.jsonl"_s;
    QVERIFY(writeFile(rows, "{\"input-codec\": \"a\", \"payload_file\": \"in/clip.json\"}\n"
                            "{\"input-codec\": \"b\", \"payload\": \"x\"}\n"
                            "{\"input-codec\": \"c\", \"payload_base64\": \"AP8=\"}\n"
                            "{\"input-codec\": \"d\", \"payload_file\": \"../outside.json\"}\n"
                            "{\"input-codec\": \"e\", \"payload_file\": \"/proc/self/environ\"}\n"
                            "{\"input-codec\": \"f\", \"payload_file\": \"env\"}\n"));
    FakeFileDialogs files;
    FakePrompter prompter;
    gui::BulkDispatchDialog::Context context;
    context.profileName = u"prod"_s;
    context.files = &files;
    context.prompter = &prompter;
    gui::BulkDispatchDialog dialog(videoEncode(), {}, context);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *rootLabel = dialog.findChild<QLabel *>(u"payloadRootLabel"_s);
    QVERIFY(rootLabel);
    QCOMPARE(rootLabel->textFormat(), Qt::PlainText);
    QVERIFY(rootLabel->isVisible());
    QCOMPARE(rootLabel->text(), u"Payload files from: the rows file's folder"_s);

    QVERIFY(dialog.loadFile(rows));
    const QString canonicalRows = QFileInfo(rowsDir).canonicalFilePath();
    QCOMPARE(rootLabel->text(),
             u"Payload files from: "_s + canonicalRows + u" (the rows file's folder)"_s);
    models::BatchRowModel *model = dialog.model();
    QCOMPARE(model->rowCount(), 6);
    auto source = [&](int line) {
        return model->index(rowOfLine(model, line), models::BatchRowModel::PayloadSourceColumn)
            .data()
            .toString();
    };
    QCOMPARE(
        model->headerData(models::BatchRowModel::PayloadSourceColumn, Qt::Horizontal).toString(),
        u"Payload from"_s);
    QCOMPARE(source(1), u"in/clip.json"_s);
    QCOMPARE(source(2), u"inline"_s);
    QCOMPARE(source(3), u"base64"_s);
    QCOMPARE(source(4), u"../outside.json"_s);
    auto *table = dialog.findChild<QTableView *>(u"rowsTable"_s);
    QVERIFY(!table->isColumnHidden(models::BatchRowModel::PayloadSourceColumn));
    QCOMPARE(dialog.validRowCount(), 3);
    for (int line : {4, 5, 6}) {
        const auto &state = model->state(rowOfLine(model, line));
        QCOMPARE(state.status, models::BatchRowStatus::Invalid);
        QVERIFY2(state.error.contains(u"outside "_s + canonicalRows), qPrintable(state.error));
        QVERIFY2(state.error.contains(u"Change…"_s), qPrintable(state.error));
    }
    QVERIFY(model->batchRow(rowOfLine(model, 5)).payload.isEmpty());
    QVERIFY(model->batchRow(rowOfLine(model, 6)).payload.isEmpty());

    // Cancelling the folder choice changes nothing.
    auto *change = dialog.findChild<QPushButton *>(u"payloadRootButton"_s);
    QVERIFY(change && change->isEnabled());
    QTest::mouseClick(change, Qt::LeftButton);
    QCOMPARE(files.directoriesAsked, 1);
    QCOMPARE(dialog.validRowCount(), 3);
    // A wider folder, chosen by the user: ../outside.json is in it now; /proc is not.
    files.nextDirectory = top.path();
    QTest::mouseClick(change, Qt::LeftButton);
    QCOMPARE(dialog.payloadRoot(), top.path());
    const QString canonicalTop = QFileInfo(top.path()).canonicalFilePath();
    QCOMPARE(rootLabel->text(), u"Payload files from: "_s + canonicalTop +
                                    u" (chosen by you, not the rows file's folder)"_s);
    QCOMPARE(dialog.validRowCount(), 4);
    QCOMPARE(source(4), u"outside.json"_s);
    QCOMPARE(source(1), u"rows/in/clip.json"_s);
    QCOMPARE(model->state(rowOfLine(model, 5)).status, models::BatchRowStatus::Invalid);
    QCOMPARE(model->state(rowOfLine(model, 6)).status, models::BatchRowStatus::Invalid);
    QDir().mkpath(QStringLiteral(DD_BUILD_DIR) + u"/screenshots"_s);
    dialog.grab().save(QStringLiteral(DD_BUILD_DIR) + u"/screenshots/hardening-payload-root.png"_s);

    // Another rows file starts again from its own folder.
    const QString other = top.filePath(u"other.csv"_s);
    QVERIFY(writeFile(other, "input-codec,payload\nz,1\n"));
    QVERIFY(dialog.loadFile(other));
    QVERIFY(dialog.payloadRoot().isEmpty());
    QCOMPARE(rootLabel->text(),
             u"Payload files from: "_s + canonicalTop + u" (the rows file's folder)"_s);
}

void TestGuiHardening::profileImportAsksBeforeMovingAToken_data()
{
    QTest::addColumn<bool>("replace");
    QTest::addColumn<bool>("keep");
    QTest::newRow("keep mine") << false << false;
    QTest::newRow("replace, token dropped") << true << false;
    QTest::newRow("replace, token kept") << true << true;
}

// Importing "prod" with another host (and skip-verify on) must not quietly
// send prod's saved token to that host: replacing is asked, and keeping the
// token is a second, explicit yes.
void TestGuiHardening::profileImportAsksBeforeMovingAToken()
{
    QFETCH(bool, replace);
    QFETCH(bool, keep);
    ProfileDialogFixture f;
    QVERIFY(f.saveWithToken(u"prod"_s, u"https://nomad.example:4646"_s, u"prod-secret"_s));
    QVERIFY(f.saveWithToken(u"dev"_s, u"https://dev.example:4646"_s, u"dev-secret"_s));
    QTRY_COMPARE(f.source.token(u"prod"_s), u"prod-secret"_s);
    f.dialog.setPrompter(&f.prompter);
    f.dialog.show();
    f.prompter.confirmAnswers = {replace, keep}; // replace the saved ones? keep their tokens?
    // Every time the app's profile list changes (the main window reconnects
    // then), prod's token never sits beside the new address unless kept.
    int leaks = 0;
    QObject::connect(&f.source, &gui::ProfileSource::profilesChanged, &f.dialog, [&] {
        for (const Profile &p : f.source.profiles()) {
            if (p.name == u"prod" && p.config.address.host() == u"evil.example" &&
                p.config.token == u"prod-secret")
                ++leaks;
        }
    });
    f.import(kMovedProd);
    // Without replacing nothing is asked about tokens; replacing asks twice.
    QCOMPARE(f.prompter.confirmations, replace ? 2 : 1);
    if (replace) {
        QVERIFY2(f.prompter.lastConfirmText.contains(
                     u"“prod” would point at https://evil.example:4646 instead of "
                     "https://nomad.example:4646 (the host changes from nomad.example to "
                     "evil.example)"_s),
                 qPrintable(f.prompter.lastConfirmText));
        // "dev" keeps its cluster: it is not in the question.
        QVERIFY(!f.prompter.lastConfirmText.contains(u"“dev”"_s));
    }
    const QString message = f.message();
    const ConnectionProfile prod = *f.store.profile(u"prod"_s);
    const ConnectionProfile dev = *f.store.profile(u"dev"_s);
    QCOMPARE(dev.tokenRef, tokenRefForProfile(u"dev"_s)); // same cluster: the token stays
    QVERIFY(f.hasSecret(dev.tokenRef));
    if (!replace) {
        QCOMPARE(prod.address, u"https://nomad.example:4646"_s);
        QCOMPARE(prod.tokenRef, tokenRefForProfile(u"prod"_s));
        QVERIFY2(message.contains(u"Kept the existing prod, dev."_s), qPrintable(message));
        return;
    }
    QCOMPARE(prod.address, u"https://evil.example:4646"_s);
    QVERIFY2(message.contains(u"“prod” turns TLS verification off"_s), qPrintable(message));
    if (keep) {
        QCOMPARE(prod.tokenRef, tokenRefForProfile(u"prod"_s));
        QVERIFY(f.hasSecret(prod.tokenRef));
        QVERIFY2(message.contains(u"“prod” keeps its saved token, which is now sent to "
                                  "https://evil.example:4646"_s),
                 qPrintable(message));
        QTRY_COMPARE(f.source.token(u"prod"_s), u"prod-secret"_s);
        return;
    }
    QVERIFY(prod.tokenRef.isEmpty());
    QCOMPARE(leaks, 0);
    QVERIFY2(message.contains(u"“prod” lost its saved token: it now points at "
                              "https://evil.example:4646 instead of https://nomad.example:4646"_s),
             qPrintable(message));
    QTRY_VERIFY(!f.hasSecret(tokenRefForProfile(u"prod"_s)));
    // Nothing the app holds in memory follows the profile to the new host.
    QVERIFY(f.source.token(u"prod"_s).isEmpty());
    for (const Profile &p : f.source.profiles()) {
        if (p.name == u"prod")
            QVERIFY(p.config.token.isEmpty());
    }
}

void TestGuiHardening::profileImportReadsBounded()
{
    ProfileDialogFixture f;
    f.dialog.setPrompter(&f.prompter);
    f.dialog.show();
    const QString fifo = f.dir.filePath(u"fifo"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString &path : {fifo, u"/dev/zero"_s}) {
        f.files.nextOpen = path;
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(f.dialog.findChild<QPushButton *>(u"importButton"_s), Qt::LeftButton);
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY2(f.message().contains(u"is not a regular file"_s), qPrintable(f.message()));
    }
    // A label of 60 MB would make a 60 MB settings file: refused, with the limit.
    const QByteArray json = "{\"profiles\":[{\"name\":\"big\",\"address\":\"https://a:4646\","
                            "\"label\":\"" +
                            QByteArray(300, 'x') + "\"}]}";
    f.import(json);
    QVERIFY2(f.message().contains(u"the label is longer than 256 characters (it has 300)"_s),
             qPrintable(f.message()));
    QVERIFY(!f.store.contains(u"big"_s));
}

#include "testmain.h"

DD_TEST_MAIN(TestGuiHardening)
#include "tst_guihardening.moc"
