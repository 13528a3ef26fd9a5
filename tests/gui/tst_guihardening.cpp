// Server text in the app is shown as text: a job whose ID is markup (an image
// tag, bold, a link) appears literally in the form's title and the job list,
// never rendered, and no label that shows server text is in rich-text mode
// unless it escapes what it shows.
#include "guitestsupport.h"

#include "recordings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

using namespace dd;
using namespace dd::test;
using namespace Qt::Literals::StringLiterals;

class TestGuiHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void markupInAJobIdIsShownAsText();
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

#include "testmain.h"

DD_TEST_MAIN(TestGuiHardening)
#include "tst_guihardening.moc"
