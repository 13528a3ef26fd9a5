// The profile store over a temporary settings file: round trips, the current
// profile, hand-edited and damaged files (bad groups reported by name, the
// others kept), atomic writes, JSON import/export, and the token never in
// the settings file.
#include "core/profilestore.h"
#include "secrets/fallbacksecretstore.h"
#include "secrets/memorysecretstore.h"
#include "secrets/profiletokens.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

#include <sys/stat.h>

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void roundTrip();
    void saveReplacesWholeGroup();
    void invalidProfileIsNotSaved();
    void currentProfile();
    void removeClearsCurrentAndReturnsTokenRef();
    void notFoundNamesTheOthers();
    void handEditedGroupsReportedByName();
    void damagedFileKeepsGoodProfilesAndABackup();
    void binaryGarbageIsReported();
    void otherSettingsAreLeftAlone();
    void atomicWriteReplacesTheFile();
    void unwritableFileIsReportedAndNothingChanges();
    void exportImport();
    void importSkipsOrReplaces();
    void weakerFileChoiceIsRemembered();
    void tokenNeverInSettingsFile();
    void tokenNotInSettingsFileWithoutKeychain();

private:
    QString path() const { return m_dir->filePath(u"dispatch-desk.ini"_s); }
    QByteArray fileBytes() const
    {
        QFile f(path());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    void writeFile(const QByteArray &bytes)
    {
        QFile f(path());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

static ConnectionProfile sample(const QString &name = u"prod"_s)
{
    ConnectionProfile p;
    p.name = name;
    p.address = u"https://nomad.example:4646"_s;
    p.region = u"eu"_s;
    p.nameSpace = u"batch"_s;
    p.caFile = u"/etc/nomad/ca.pem"_s;
    p.caPath = u"/etc/nomad/cas, with comma"_s;
    p.clientCert = u"/etc/nomad/cli.pem"_s;
    p.clientKey = u"/etc/nomad/cli-key.pem"_s;
    p.tlsServerName = u"server.eu.nomad"_s;
    p.skipVerify = false;
    p.label = u"PRODUCTION"_s;
    p.color = u"#d9534f"_s;
    return p;
}

void TestProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProfileStore::roundTrip()
{
    {
        QSettings settings(path(), QSettings::IniFormat);
        ProfileStore store(&settings);
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QVERIFY(store.save(sample()));
        ConnectionProfile dev;
        dev.name = u"dev box"_s;
        dev.address = u"http://127.0.0.1:4646"_s;
        dev.skipVerify = true;
        QVERIFY(store.save(dev));
        QCOMPARE(changed.size(), 2);
    }
    // A fresh QSettings reads what reached the disk.
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    const ProfileLoad load = store.load();
    QVERIFY(load.issues.isEmpty());
    QVERIFY(load.fileProblems.isEmpty());
    QCOMPARE(load.profiles.size(), 2);
    QCOMPARE(load.profiles.at(0).name, u"dev box"_s);
    QVERIFY(load.profiles.at(0).skipVerify);
    QCOMPARE(load.profiles.at(1), sample());
    QCOMPARE(*store.profile(u"prod"_s), sample());
}

void TestProfileStore::saveReplacesWholeGroup()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(store.save(sample()));
    ConnectionProfile smaller;
    smaller.name = u"prod"_s;
    smaller.address = u"https://other:4646"_s;
    QVERIFY(store.save(smaller));
    QCOMPARE(*store.profile(u"prod"_s), smaller);
    QVERIFY(!fileBytes().contains("server.eu.nomad"));
}

void TestProfileStore::invalidProfileIsNotSaved()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    ConnectionProfile p = sample();
    p.address = u"nomad.example:4646"_s;
    auto r = store.save(p);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ProfileStoreError::Kind::Invalid);
    QVERIFY2(r.error().message.contains(u"The profile \"prod\" was not saved"_s),
             qPrintable(r.error().message));
    QVERIFY(r.error().message.contains(u"has no scheme"_s));
    QVERIFY(!store.contains(u"prod"_s));
}

void TestProfileStore::currentProfile()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(store.currentProfileName().isEmpty());
    auto missing = store.setCurrentProfile(u"prod"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind, ProfileStoreError::Kind::NotFound);
    QVERIFY(store.save(sample()));
    QSignalSpy spy(&store, &ProfileStore::currentProfileChanged);
    QVERIFY(store.setCurrentProfile(u"prod"_s));
    QCOMPARE(spy.size(), 1);
    QSettings again(path(), QSettings::IniFormat);
    QCOMPARE(ProfileStore(&again).currentProfileName(), u"prod"_s);
    QVERIFY(store.clearCurrentProfile());
    QVERIFY(store.currentProfileName().isEmpty());
}

void TestProfileStore::removeClearsCurrentAndReturnsTokenRef()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    ConnectionProfile p = sample();
    p.tokenRef = tokenRefForProfile(p.name);
    QVERIFY(store.save(p));
    QVERIFY(store.save(sample(u"dev"_s)));
    QVERIFY(store.setCurrentProfile(u"prod"_s));
    auto removed = store.remove(u"prod"_s);
    QVERIFY(removed);
    QCOMPARE(*removed, tokenRefForProfile(u"prod"_s));
    QVERIFY(store.currentProfileName().isEmpty());
    QCOMPARE(store.names(), QStringList{u"dev"_s});
}

void TestProfileStore::notFoundNamesTheOthers()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    auto none = store.profile(u"prod"_s);
    QVERIFY(!none);
    QVERIFY(none.error().message.contains(u"no profiles are saved yet"_s));
    QVERIFY(store.save(sample(u"dev"_s)));
    QVERIFY(store.save(sample(u"staging"_s)));
    auto r = store.remove(u"prod"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ProfileStoreError::Kind::NotFound);
    QCOMPARE(r.error().message, u"There is no profile \"prod\". Saved profiles: dev, staging."_s);
}

void TestProfileStore::handEditedGroupsReportedByName()
{
    // What a person might leave behind with a text editor.
    writeFile(R"([profiles]
good\address=https://good:4646
good\skipVerify=false
noaddr\region=eu
badaddr\address=good:4646
maybe\address=https://maybe:4646
maybe\skipVerify=maybe
typo\adress=https://typo:4646
typo\address=https://typo:4646
leaky\address=https://leaky:4646
leaky\token=0b5c5d3e-0000-0000-0000-000000000000
comma\address=https://comma:4646
comma\caPath=/a, /b
colour\address=https://colour:4646
colour\color=red
)");
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    const ProfileLoad load = store.load();

    QStringList loaded;
    for (const ConnectionProfile &p : load.profiles)
        loaded.append(p.name);
    QCOMPARE(loaded, (QStringList{u"comma"_s, u"good"_s, u"leaky"_s, u"typo"_s}));
    // An unquoted comma is a list to QSettings; the path comes back as written.
    QCOMPARE(store.profile(u"comma"_s)->caPath, u"/a, /b"_s);
    // The hand-written token is never used.
    QVERIFY(store.profile(u"leaky"_s)->tokenRef.isEmpty());

    QHash<QString, ProfileIssue> issues;
    for (const ProfileIssue &i : load.issues)
        issues.insert(i.name, i);
    QCOMPARE(issues.size(), 6);
    QVERIFY(issues.value(u"noaddr"_s).problems.join(u' ').contains(u"has no address"_s));
    QVERIFY(
        issues.value(u"badaddr"_s).problems.join(u' ').contains(u"\"good:4646\" has no scheme"_s));
    QVERIFY(issues.value(u"maybe"_s)
                .problems.join(u' ')
                .contains(u"skipVerify is \"maybe\", not true or false"_s));
    QVERIFY(issues.value(u"colour"_s).problems.join(u' ').contains(u"#rrggbb"_s));
    QVERIFY(issues.value(u"typo"_s).problems.isEmpty());
    QVERIFY(issues.value(u"typo"_s).warnings.join(u' ').contains(u"unknown key \"adress\""_s));
    QVERIFY(issues.value(u"leaky"_s).problems.isEmpty());
    QVERIFY(issues.value(u"leaky"_s)
                .warnings.join(u' ')
                .contains(u"plain-text \"token\" entry, which is ignored"_s));

    auto bad = store.profile(u"maybe"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().kind, ProfileStoreError::Kind::Invalid);
    QVERIFY(bad.error().message.contains(path()));

    // Saving another profile keeps the bad groups for the user to fix, and
    // saving the leaky one again drops its plain-text token.
    QVERIFY(store.save(sample(u"new"_s)));
    ConnectionProfile leaky = *store.profile(u"leaky"_s);
    QVERIFY(store.save(leaky));
    QSettings again(path(), QSettings::IniFormat);
    ProfileStore reread(&again);
    QCOMPARE(reread.names().size(), 9);
    QCOMPARE(reread.load().issues.size(), 5);
    QVERIFY(!fileBytes().contains("0b5c5d3e"));
}

void TestProfileStore::damagedFileKeepsGoodProfilesAndABackup()
{
    writeFile("[profiles]\n"
              "a\\address=https://a:4646\n"
              "this line is junk\n"
              "[broken\n"
              "=orphan\n"
              "[profiles]\n"
              "b\\address=https://b:4646\n");
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    const ProfileLoad load = store.load();
    QCOMPARE(load.profiles.size(), 2);
    QCOMPARE(load.fileProblems.size(), 3);
    QVERIFY(load.fileProblems.at(0).contains(
        u"line 3 \"this line is junk\" is not of the form key=value"_s));
    QVERIFY(load.fileProblems.at(1).contains(u"line 4 \"[broken\" opens a [group]"_s));
    QVERIFY(load.fileProblems.at(2).contains(u"line 5 \"=orphan\" has no key"_s));

    // QSettings drops unreadable lines when it rewrites: the store keeps a copy first.
    QVERIFY(store.save(sample(u"c"_s)));
    QVERIFY(!store.damagedFileBackup().isEmpty());
    QFile backup(store.damagedFileBackup());
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QVERIFY(backup.readAll().contains("this line is junk"));
    QSettings again(path(), QSettings::IniFormat);
    QCOMPARE(ProfileStore(&again).profiles().size(), 3);
}

void TestProfileStore::binaryGarbageIsReported()
{
    writeFile(QByteArray("[profiles]\na\\address=https://a:4646\n\x00\xff\xfe\x01", 40));
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    const ProfileLoad load = store.load();
    QVERIFY(!load.fileProblems.isEmpty());
    QVERIFY(load.fileProblems.first().contains(u"binary data"_s));
    QVERIFY(store.save(sample(u"b"_s)));
    QVERIFY(!store.damagedFileBackup().isEmpty());
}

void TestProfileStore::otherSettingsAreLeftAlone()
{
    // The file is shared with presets and window layout.
    {
        QSettings settings(path(), QSettings::IniFormat);
        settings.setValue(u"presets/video-encode/fast/meta"_s, u"x"_s);
        settings.setValue(u"window/geometry"_s, QByteArray("abc"));
    }
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(store.save(sample()));
    QVERIFY(store.remove(u"prod"_s));
    QSettings again(path(), QSettings::IniFormat);
    QCOMPARE(again.value(u"presets/video-encode/fast/meta"_s).toString(), u"x"_s);
    QCOMPARE(again.value(u"window/geometry"_s).toByteArray(), QByteArray("abc"));
    QVERIFY(ProfileStore(&again).load().fileProblems.isEmpty());
}

void TestProfileStore::atomicWriteReplacesTheFile()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(settings.isAtomicSyncRequired());
    QVERIFY(store.save(sample(u"a"_s)));
    const QByteArray before = fileBytes();
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &st), 0);
    const ino_t inodeBefore = st.st_ino;
    // A reader that opened the file before the write...
    QFile reader(path());
    QVERIFY(reader.open(QIODevice::ReadOnly));

    QVERIFY(store.save(sample(u"b"_s)));

    // ...still sees the whole old version: the new one was written aside and
    // renamed over it, never truncated and rewritten in place.
    QCOMPARE(reader.readAll(), before);
    QCOMPARE(::stat(QFile::encodeName(path()).constData(), &st), 0);
    QVERIFY(st.st_ino != inodeBefore);
    QVERIFY(fileBytes().contains("b\\address"));
    // No temporary files left behind.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"dispatch-desk.ini"_s});
}

void TestProfileStore::unwritableFileIsReportedAndNothingChanges()
{
    // A regular file where the settings folder should be: no write can succeed, even as root.
    QFile blocker(m_dir->filePath(u"not-a-dir"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString file = m_dir->filePath(u"not-a-dir/settings.ini"_s);
    QSettings settings(file, QSettings::IniFormat);
    ProfileStore store(&settings);
    auto r = store.save(sample());
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ProfileStoreError::Kind::WriteFailed);
    QVERIFY2(r.error().message.contains(u"Could not save the profile \"prod\""_s),
             qPrintable(r.error().message));
    QVERIFY(r.error().message.contains(file));
    QVERIFY(r.error().message.contains(u"Nothing was changed"_s));
    // Memory matches the (unchanged) disk.
    QVERIFY(!store.contains(u"prod"_s));
}

void TestProfileStore::exportImport()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    ConnectionProfile p = sample();
    p.tokenRef = tokenRefForProfile(p.name);
    QVERIFY(store.save(p));
    QVERIFY(store.save(sample(u"dev"_s)));
    auto json = store.exportJson();
    QVERIFY(json);
    QVERIFY(!json->contains("tokenRef"));
    QVERIFY(!json->contains("profile/prod/token"));
    auto one = store.exportJson({u"dev"_s});
    QVERIFY(one);
    QVERIFY(!one->contains("\"prod\""));
    auto missing = store.exportJson({u"nope"_s});
    QVERIFY(!missing);

    QTemporaryDir other;
    QSettings otherSettings(other.filePath(u"s.ini"_s), QSettings::IniFormat);
    ProfileStore target(&otherSettings);
    auto imported = target.importJson(*json, ProfileStore::ImportMode::SkipExisting);
    QVERIFY(imported);
    QCOMPARE(imported->added, (QStringList{u"dev"_s, u"prod"_s}));
    ConnectionProfile expected = sample();
    QCOMPARE(*target.profile(u"prod"_s), expected);
}

void TestProfileStore::importSkipsOrReplaces()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    ConnectionProfile mine = sample();
    mine.tokenRef = tokenRefForProfile(mine.name);
    QVERIFY(store.save(mine));
    const QByteArray json = R"({"profiles":[{"name":"prod","address":"https://new:4646"},
        {"name":"qa","address":"https://qa:4646"},{"name":"bad","address":"x"},
        {"name":"qa","address":"https://qa2:4646"}]})";
    auto skip = store.importJson(json, ProfileStore::ImportMode::SkipExisting);
    QVERIFY(skip);
    QCOMPARE(skip->added, QStringList{u"qa"_s});
    QCOMPARE(skip->skipped, QStringList{u"prod"_s});
    QCOMPARE(store.profile(u"prod"_s)->address, mine.address);
    QCOMPARE(store.profile(u"qa"_s)->address, u"https://qa:4646"_s);
    QCOMPARE(skip->issues.size(), 2); // "bad", and "qa" listed twice
    auto replace = store.importJson(json, ProfileStore::ImportMode::ReplaceExisting);
    QVERIFY(replace);
    QCOMPARE(replace->replaced, (QStringList{u"prod"_s, u"qa"_s}));
    QCOMPARE(store.profile(u"prod"_s)->address, u"https://new:4646"_s);
    // "prod" now points at another host: the token saved for the old one is
    // not linked any more, and the caller is told which one to delete.
    QCOMPARE(store.profile(u"prod"_s)->tokenRef, QString());
    QCOMPARE(replace->retargeted.size(), 1);
    QCOMPARE(replace->retargeted.first().tokenRef, mine.tokenRef);
    QVERIFY(!replace->retargeted.first().tokenKept);
    auto junk = store.importJson("nope", ProfileStore::ImportMode::SkipExisting);
    QVERIFY(!junk);
    QVERIFY(junk.error().message.startsWith(
        u"No profiles were imported: the file is not valid JSON"_s));
}

void TestProfileStore::weakerFileChoiceIsRemembered()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    QVERIFY(!store.weakerTokenFileAllowed());
    QVERIFY(store.setWeakerTokenFileAllowed(true));
    QSettings again(path(), QSettings::IniFormat);
    QVERIFY(ProfileStore(&again).weakerTokenFileAllowed());
}

static const QString kStoreToken = u"6f1b2c3d-aaaa-bbbb-cccc-0123456789ab"_s;

void TestProfileStore::tokenNeverInSettingsFile()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    MemorySecretStore keychain(SecretLocation::Keychain);
    MemorySecretStore session;
    FallbackSecretStore secrets(&keychain, &session, nullptr);

    std::optional<std::expected<SavedProfile, QString>> result;
    saveProfileWithToken(store, secrets, sample(), kStoreToken, this,
                         [&](std::expected<SavedProfile, QString> r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY2(result->has_value(), qPrintable(result->error()));
    QCOMPARE((*result)->tokenLocation, std::optional(SecretLocation::Keychain));
    QCOMPARE(keychain.value(tokenRefForProfile(u"prod"_s)), kStoreToken);

    settings.sync();
    const QByteArray bytes = fileBytes();
    QVERIFY(bytes.contains("nomad.example"));
    QVERIFY2(!bytes.contains(kStoreToken.toUtf8()), bytes.constData());
    QVERIFY(!bytes.contains("6f1b2c3d"));
    QCOMPARE(store.profile(u"prod"_s)->tokenRef, tokenRefForProfile(u"prod"_s));
}

void TestProfileStore::tokenNotInSettingsFileWithoutKeychain()
{
    QSettings settings(path(), QSettings::IniFormat);
    ProfileStore store(&settings);
    MemorySecretStore keychain(SecretLocation::Keychain);
    keychain.setFailure(MemorySecretStore::noBackendError());
    MemorySecretStore session;
    FallbackSecretStore secrets(&keychain, &session, nullptr);

    std::optional<std::expected<SavedProfile, QString>> result;
    saveProfileWithToken(store, secrets, sample(), kStoreToken, this,
                         [&](std::expected<SavedProfile, QString> r) { result = r; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(result->has_value());
    // Kept for the session only, and the status says so.
    QCOMPARE((*result)->tokenLocation, std::optional(SecretLocation::Session));
    QVERIFY(secrets.status().sessionOnly());
    QCOMPARE(session.value(tokenRefForProfile(u"prod"_s)), kStoreToken);
    settings.sync();
    QVERIFY(!fileBytes().contains(kStoreToken.toUtf8()));
}

DD_TEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
