// The GUI's non-window parts: payload recognition, error words, the start-up
// offer of the demo cluster.

#include "guitestsupport.h"

#include "api/profileclient.h"
#include "gui/errortext.h"
#include "gui/launcher.h"
#include "gui/payloadeditor.h"
#include "gui/payloadformat.h"
#include "gui/payloadsection.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QFile>
#include <QMimeData>

#include <QSignalSpy>
#include <QStandardPaths>

using namespace dd;
using namespace dd::gui;
using namespace Qt::Literals::StringLiterals;

namespace {
class HostDemo : public DemoCluster
{
public:
    std::expected<Profile, QString> start() override
    {
        if (auto r = host.start(); !r)
            return std::unexpected(r.error());
        Profile p;
        p.name = u"Demo cluster"_s;
        p.config.address = host.baseUrl();
        return p;
    }
    sim::SimulatorHost host;
};
} // namespace

class TestGuiParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void payloadKinds()
    {
        QCOMPARE(checkPayload({}).kind, PayloadKind::Empty);
        QCOMPARE(checkPayload(R"({"a": 1})").kind, PayloadKind::Json);
        const PayloadCheck broken = checkPayload(R"({"a": )");
        QCOMPARE(broken.kind, PayloadKind::Text);
        QVERIFY(broken.looksLikeJson);
        QVERIFY(!broken.jsonError.isEmpty());
        QCOMPARE(checkPayload("hello\nworld").kind, PayloadKind::Text);
        QCOMPARE(checkPayload(QByteArray("\x00\x01\x02", 3)).kind, PayloadKind::Binary);
        QCOMPARE(checkPayload("\xff\xfe").kind, PayloadKind::Binary);
        QCOMPARE(prettyJson(R"({"a":1})"), QByteArray("{\n    \"a\": 1\n}\n"));
        // "Format JSON" keeps the keys and numbers as typed (issue 15).
        QCOMPARE(prettyJson(R"({"z":1,"a":12345678901234567890})"),
                 QByteArray("{\n    \"z\": 1,\n    \"a\": 12345678901234567890\n}\n"));
        QCOMPARE(hexDump("AB\x01"),
                 u"00000000  41 42 01                                          AB.\n"_s);
        QCOMPARE(displayText(R"([1,2])"), u"[\n    1,\n    2\n]\n"_s);
    }

    void payloadDroppedAsFile()
    {
        PayloadSection section;
        section.setRule(PayloadRule::Required);
        section.show();
        QTemporaryDir dir;
        QFile file(dir.filePath(u"blob.bin"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x00\x01\x02\xff", 4));
        file.close();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file.fileName())});
        auto *editor = section.editor();
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(editor->viewport(), &drop);
        QCOMPARE(section.payload(), QByteArray("\x00\x01\x02\xff", 4));
        QVERIFY(editor->isBinary());
        QVERIFY(editor->isReadOnly());
        QVERIFY(editor->toPlainText().startsWith(u"00000000  00 01 02 ff"_s));

        // Forbidden: drops are refused, nothing loads.
        section.clear();
        section.setRule(PayloadRule::Forbidden);
        QVERIFY(!editor->isEnabled());
        QVERIFY(!section.loadFile(file.fileName()));
        QVERIFY(section.payload().isEmpty());
    }

    void errorWords()
    {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 403;
        e.nomadText = u"Permission denied"_s;
        QCOMPARE(
            failureText(u"Could not dispatch “video-encode” on “prod”"_s, e,
                        Capability::DispatchJob, u"default"_s),
            u"Could not dispatch “video-encode” on “prod”: Nomad answered 403 Permission denied. "
            "The token needs the dispatch-job capability in namespace “default”."_s);
        e.nomadText = u"ACL token not found"_s;
        QVERIFY(failureText(u"x"_s, e, Capability::ReadJob, u"default"_s)
                    .contains(u"not known to this cluster"_s));
        Job job;
        job.id = u"video-encode"_s;
        job.parameterized =
            ParameterizedConfig{PayloadRule::Required, {u"input-codec"_s}, {u"quality"_s}};
        ApiError refused;
        refused.kind = ApiError::Kind::Http;
        refused.httpStatus = 500;
        refused.nomadText = u"Dispatch request included unpermitted metadata keys: [bogus]"_s;
        QCOMPARE(refused.dispatchHint({job.id, {}, &job}).text,
                 u"This job accepts only: input-codec, quality."_s);
    }

    void environmentProfile()
    {
        QProcessEnvironment env;
        env.insert(u"NOMAD_ADDR"_s, u"https://nomad.example:4646"_s);
        env.insert(u"NOMAD_TOKEN"_s, u"secret"_s);
        env.insert(u"NOMAD_NAMESPACE"_s, u"team-a"_s);
        const Profile p = Launcher::environmentProfile(env);
        QCOMPARE(p.name, kEnvironmentProfileName);
        QCOMPARE(p.config.address, QUrl(u"https://nomad.example:4646"_s));
        QCOMPARE(p.config.token, u"secret"_s);
        QCOMPARE(p.config.nameSpace, u"team-a"_s);
        QCOMPARE(Launcher::environmentProfile({}).config.address, QUrl(u"http://127.0.0.1:4646"_s));
    }

    // The app reads NOMAD_SKIP_VERIFY with the CLI's function: Go's ParseBool,
    // and the same warning, word for word, for a value it ignores.
    void environmentSkipVerifyAsTheCli_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("skip");
        QTest::addColumn<bool>("warned");
        QTest::newRow("t") << u"t"_s << true << false;
        QTest::newRow("TRUE") << u"TRUE"_s << true << false;
        QTest::newRow("tRuE is not Go") << u"tRuE"_s << false << true;
        QTest::newRow("yes is not Go") << u"yes"_s << false << true;
        QTest::newRow("0") << u"0"_s << false << false;
    }
    void environmentSkipVerifyAsTheCli()
    {
        QFETCH(QString, value);
        QFETCH(bool, skip);
        QFETCH(bool, warned);
        QProcessEnvironment env;
        env.insert(u"NOMAD_ADDR"_s, u"https://nomad.example:4646"_s);
        env.insert(u"NOMAD_SKIP_VERIFY"_s, value);
        QStringList appWarnings;
        const Profile p = Launcher::environmentProfile(env, &appWarnings);
        QCOMPARE(p.config.tls.skipVerify, skip);
        QStringList cliWarnings;
        const auto cli = clientConfigFor({}, env, {}, &cliWarnings);
        QVERIFY(cli);
        QCOMPARE(cli->tls.skipVerify, skip);
        QCOMPARE(appWarnings, cliWarnings);
        QCOMPARE(appWarnings.size(), warned ? 1 : 0);
    }

    void environmentBadAddressIsSaid()
    {
        QProcessEnvironment env;
        env.insert(u"NOMAD_ADDR"_s, u"nomad.example:4646"_s);
        env.insert(u"NOMAD_TOKEN"_s, u"secret"_s);
        QStringList warnings;
        const Profile p = Launcher::environmentProfile(env, &warnings);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(u"no scheme"_s), qPrintable(warnings.first()));
        // Not sent anywhere the user did not name.
        QCOMPARE(p.config.address, QUrl(u"http://127.0.0.1:4646"_s));
        QVERIFY(p.config.token.isEmpty());
    }

    void demoOfferedWhenNothingAnswers()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        StaticProfileSource profiles;
        test::FakePrompter prompter;
        prompter.acceptDemo = true;
        QNetworkAccessManager network;
        HostDemo *made = nullptr;
        Launcher launcher(&profiles, &settings, &prompter, [&made]() {
            auto demo = std::make_unique<HostDemo>();
            made = demo.get();
            return demo;
        });
        QSignalSpy started(&launcher, &Launcher::demoStarted);
        QSignalSpy finished(&launcher, &Launcher::probeFinished);
        Profile nowhere;
        nowhere.name = u"local"_s;
        nowhere.config.address = QUrl(u"http://127.0.0.1:1"_s); // nothing listens on port 1
        QVERIFY(launcher.isFirstStart());
        launcher.offerDemoIfNothingAnswers(&network, nowhere, nullptr);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(prompter.demoOffers, 1);
        QVERIFY(
            prompter.lastDemoReason.contains(u"No Nomad agent answers at http://127.0.0.1:1"_s));
        QCOMPARE(started.size(), 1);
        QVERIFY(made && made->host.isRunning());
        QVERIFY(profiles.profile(u"Demo cluster"_s).has_value());
        QVERIFY(profiles.profile(u"Demo cluster"_s)->isDemo);

        // Not the first start: no question.
        settings.setValue(u"session/profile"_s, u"local"_s);
        Launcher second(&profiles, &settings, &prompter, {});
        QSignalSpy secondFinished(&second, &Launcher::probeFinished);
        second.offerDemoIfNothingAnswers(&network, nowhere, nullptr);
        QTRY_COMPARE(secondFinished.size(), 1);
        QCOMPARE(prompter.demoOffers, 1);
    }
};

#include "testmain.h"

DD_TEST_MAIN(TestGuiParts)
#include "tst_guiparts.moc"
