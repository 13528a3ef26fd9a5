// Importing profiles (issue 16): a replaced profile that now points at
// another cluster (scheme, host or port) loses the token saved for the old
// one unless the caller keeps it on the user's word; turning skip-verify on
// is reported; previewImport writes nothing; oversized files and fields are
// refused with their limit, so an import cannot bloat the settings file.
#include "core/profilestore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::Literals::StringLiterals;

class TestProfileImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void targetChange_data();
    void targetChange();
    void retargetedTokens_data();
    void retargetedTokens();
    void skipVerifyTurnedOn();
    void previewWritesNothing();
    void oversizedFileIsRefused();
    void fieldsAreLengthLimited_data();
    void fieldsAreLengthLimited();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_store;
    QString settingsPath() const { return m_dir->filePath(u"settings.ini"_s); }
    void saveProd(bool skipVerify = false)
    {
        ConnectionProfile p;
        p.name = u"prod"_s;
        p.address = u"https://nomad.example:4646"_s;
        p.skipVerify = skipVerify;
        p.tokenRef = tokenRefForProfile(p.name);
        QVERIFY(m_store->save(p));
    }
};

void TestProfileImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
    m_store = std::make_unique<ProfileStore>(m_settings.get());
}

void TestProfileImport::targetChange_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("why"); // empty: the same cluster
    QTest::newRow("same") << u"https://a:4646"_s << u"https://a:4646/"_s << QString();
    QTest::newRow("case of the host")
        << u"https://A.example:4646"_s << u"https://a.EXAMPLE:4646"_s << QString();
    QTest::newRow("default port") << u"https://a"_s << u"https://a:443"_s << QString();
    QTest::newRow("path only") << u"https://a:4646"_s << u"https://a:4646/nomad"_s << QString();
    QTest::newRow("host") << u"https://a:4646"_s << u"https://b:4646"_s
                          << u"the host changes from a to b"_s;
    QTest::newRow("port") << u"https://a:4646"_s << u"https://a:4747"_s
                          << u"the port changes from 4646 to 4747"_s;
    QTest::newRow("scheme") << u"https://a:4646"_s << u"http://a:4646"_s
                            << u"the scheme changes from https to http"_s;
    QTest::newRow("all") << u"https://a:4646"_s << u"http://b"_s
                         << u"the scheme changes from https to http, the host changes from a to b, "
                            "the port changes from 4646 to 80"_s;
    QTest::newRow("unreadable saved") << u"nonsense"_s << u"https://a:4646"_s
                                      << u"the saved address \"nonsense\" cannot be read"_s;
}

void TestProfileImport::targetChange()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, why);
    const auto change = addressTargetChange(from, to);
    if (why.isEmpty()) {
        QVERIFY2(!change, qPrintable(change.value_or(QString())));
    } else {
        QVERIFY(change);
        QVERIFY2(change->startsWith(why), qPrintable(*change));
    }
}

void TestProfileImport::retargetedTokens_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("keep");
    QTest::addColumn<bool>("linked");
    QTest::newRow("same cluster keeps the token")
        << u"https://nomad.example:4646"_s << false << true;
    QTest::newRow("new host drops it") << u"https://evil.example:4646"_s << false << false;
    QTest::newRow("new port drops it") << u"https://nomad.example:1"_s << false << false;
    QTest::newRow("http drops it") << u"http://nomad.example:4646"_s << false << false;
    QTest::newRow("new host, kept on request") << u"https://evil.example:4646"_s << true << true;
}

void TestProfileImport::retargetedTokens()
{
    QFETCH(QString, address);
    QFETCH(bool, keep);
    QFETCH(bool, linked);
    saveProd();
    const QByteArray json =
        R"({"profiles":[{"name":"prod","address":")" + address.toUtf8() + R"(","label":"new"}]})";
    auto imported = m_store->importJson(json, ProfileStore::ImportMode::ReplaceExisting,
                                        keep ? ProfileStore::RetargetedTokens::Keep
                                             : ProfileStore::RetargetedTokens::Drop);
    QVERIFY(imported);
    QCOMPARE(imported->replaced, QStringList{u"prod"_s});
    const ConnectionProfile prod = *m_store->profile(u"prod"_s);
    QCOMPARE(prod.address, address);
    QCOMPARE(prod.label, u"new"_s);
    QCOMPARE(prod.tokenRef, linked ? tokenRefForProfile(u"prod"_s) : QString());
    const bool moved = address != u"https://nomad.example:4646";
    QCOMPARE(imported->retargeted.size(), moved ? 1 : 0);
    if (moved) {
        const RetargetedProfile &r = imported->retargeted.first();
        QCOMPARE(r.name, u"prod"_s);
        QCOMPARE(r.from, u"https://nomad.example:4646"_s);
        QCOMPARE(r.to, address);
        QCOMPARE(r.tokenRef, tokenRefForProfile(u"prod"_s));
        QCOMPARE(r.tokenKept, keep);
        QVERIFY(!r.why.isEmpty());
    }
    // Skipping existing profiles never touches them.
    QVERIFY(m_store->importJson(R"({"profiles":[{"name":"prod","address":"https://x:1"}]})",
                                ProfileStore::ImportMode::SkipExisting));
    QCOMPARE(m_store->profile(u"prod"_s)->address, address);
}

void TestProfileImport::skipVerifyTurnedOn()
{
    saveProd(/*skipVerify=*/false);
    ConnectionProfile lax;
    lax.name = u"lax"_s;
    lax.address = u"https://lax:4646"_s;
    lax.skipVerify = true;
    QVERIFY(m_store->save(lax));
    const QByteArray json = R"({"profiles":[
        {"name":"prod","address":"https://nomad.example:4646","skipVerify":true},
        {"name":"lax","address":"https://lax:4646","skipVerify":true},
        {"name":"fresh","address":"https://fresh:4646","skipVerify":true},
        {"name":"safe","address":"https://safe:4646"}]})";
    auto imported = m_store->importJson(json, ProfileStore::ImportMode::ReplaceExisting);
    QVERIFY(imported);
    // "lax" had it off already; "safe" verifies.
    QCOMPARE(imported->skipVerifyTurnedOn, (QStringList{u"prod"_s, u"fresh"_s}));
}

void TestProfileImport::previewWritesNothing()
{
    saveProd();
    const QByteArray before = [this] {
        QFile f(settingsPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const QByteArray json = R"({"profiles":[{"name":"prod","address":"https://evil:4646"},
        {"name":"dev","address":"https://dev:4646"}]})";
    auto preview = m_store->previewImport(json, ProfileStore::ImportMode::ReplaceExisting);
    QVERIFY(preview);
    QCOMPARE(preview->added, QStringList{u"dev"_s});
    QCOMPARE(preview->replaced, QStringList{u"prod"_s});
    QCOMPARE(preview->retargeted.size(), 1);
    QVERIFY(!m_store->contains(u"dev"_s));
    QCOMPARE(m_store->profile(u"prod"_s)->tokenRef, tokenRefForProfile(u"prod"_s));
    QFile f(settingsPath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TestProfileImport::oversizedFileIsRefused()
{
    QByteArray json = R"({"profiles":[{"name":"a","address":"https://a:4646"}],"pad":")";
    json += QByteArray(kMaxProfileImportBytes, ' ') + "\"}";
    auto imported = m_store->importJson(json, ProfileStore::ImportMode::ReplaceExisting);
    QVERIFY(!imported);
    QVERIFY2(imported.error().message.contains(u"more than the 1048576"_s),
             qPrintable(imported.error().message));
    QVERIFY(!m_store->contains(u"a"_s));
}

void TestProfileImport::fieldsAreLengthLimited_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("words");
    QTest::newRow("label") << u"label"_s << int(kMaxProfileTextLength) << u"the label"_s;
    QTest::newRow("region") << u"region"_s << int(kMaxProfileTextLength) << u"the region"_s;
    QTest::newRow("namespace") << u"namespace"_s << int(kMaxProfileTextLength)
                               << u"the namespace"_s;
    QTest::newRow("address") << u"address"_s << int(kMaxProfileAddressLength) << u"the address"_s;
    QTest::newRow("caFile") << u"caFile"_s << int(kMaxProfilePathLength)
                            << u"the CA certificate path"_s;
    QTest::newRow("name") << u"name"_s << int(kMaxProfileNameLength) << u"the name \"xxxx"_s;
}

// A 60 MB label made a 62 MB settings file and a 446 MB `profile list`.
void TestProfileImport::fieldsAreLengthLimited()
{
    QFETCH(QString, key);
    QFETCH(int, limit);
    QFETCH(QString, words);
    QJsonObject p{{u"name"_s, u"p"_s}, {u"address"_s, u"https://a:4646"_s}};
    const QString huge(6 * 1024 * 1024, u'x');
    p.insert(key, key == u"address" ? u"https://"_s + huge : huge);
    const QByteArray json =
        QJsonDocument(QJsonObject{{u"profiles"_s, QJsonArray{p}}}).toJson(QJsonDocument::Compact);
    // Import (the file limit aside: the store checks each field too).
    auto parsed = profilesFromJson(json);
    QVERIFY(parsed);
    QCOMPARE(parsed->profiles.size(), 0);
    QCOMPARE(parsed->issues.size(), 1);
    const QString problem = parsed->issues.first().problems.join(u"; "_s);
    QVERIFY2(problem.contains(words + (key == u"name" ? QString() : u" is longer than "_s)),
             qPrintable(problem.left(300)));
    QVERIFY2(problem.contains(u"longer than "_s + QString::number(limit) + u" characters"_s),
             qPrintable(problem.left(300)));
    QVERIFY2(problem.size() < 400, "the message repeats the value");
    QVERIFY(parsed->issues.first().name.size() <= kMaxProfileNameLength + 1);

    // Save: refused, nothing written.
    ConnectionProfile direct;
    direct.name = u"p"_s;
    direct.address = u"https://a:4646"_s;
    if (key == u"label")
        direct.label = huge;
    else if (key == u"name")
        direct.name = huge;
    else if (key == u"address")
        direct.address = u"https://"_s + huge;
    else if (key == u"region")
        direct.region = huge;
    else if (key == u"namespace")
        direct.nameSpace = huge;
    else
        direct.caFile = huge;
    auto saved = m_store->save(direct);
    QVERIFY(!saved);
    QVERIFY(saved.error().message.size() < 600);
    QVERIFY(QFileInfo(settingsPath()).size() < 4096);
    // At the limit is fine.
    if (key == u"label") {
        direct.label = QString(limit, u'x');
        QVERIFY(m_store->save(direct));
    }
}

DD_TEST_GUILESS_MAIN(TestProfileImport)
#include "tst_profileimport.moc"
