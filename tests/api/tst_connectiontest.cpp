// ConnectionTest, the profile dialog's "Test connection", against the
// simulator: the six calls it makes, and how answers, refusals and failures
// become findings.
#include "api/connectiontest.h"
#include "apicluster.h"
#include "fixtures.h"
#include "sim/requestlog.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "testmain.h"

using namespace dd;
using namespace Qt::StringLiterals;

class TestConnectionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { m_cluster.stop(); }

    void answersWithoutAcls();
    void refusalsAreWarnings();
    void failuresAreProblems();
    void unusableProfileFinishesAtOnce();
    void restartDropsEarlierAnswers();

private:
    ConnectionProfile profile(const QString &nameSpace = {}) const
    {
        ConnectionProfile p;
        p.name = u"sim"_s;
        p.address = m_cluster.sim()->baseUrl().toString();
        p.nameSpace = nameSpace;
        return p;
    }

    dd::test::ApiCluster m_cluster;
};

void TestConnectionTest::answersWithoutAcls()
{
    DD_VERIFY_OK(m_cluster.start());
    ConnectionTest test(m_cluster.network());
    QSignalSpy finished(&test, &ConnectionTest::finished);
    QSignalSpy changed(&test, &ConnectionTest::changed);
    test.start(profile(), {});
    QVERIFY(test.isRunning());
    QCOMPARE(test.findings().pending, 6);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(changed.size(), 6);

    const ConnectionTest::Findings &f = test.findings();
    QCOMPARE(f.profileName, u"sim"_s);
    QCOMPARE(f.nameSpace, u"default"_s);
    QVERIFY(!f.version.isEmpty());
    QVERIFY(!f.leader.isEmpty());
    QVERIFY(f.regions.contains(u"global"_s));
    QVERIFY(f.namespaces.contains(u"default"_s));
    QCOMPARE(f.token, u"ACLs are off on this cluster: no token is needed."_s);
    QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(u'\n')));
    QVERIFY(f.warnings.isEmpty());

    // One request each, the job list in the profile's namespace.
    sim::RequestLog &log = m_cluster.sim()->requests();
    for (const QString &path : {u"^/v1/agent/self$"_s, u"^/v1/status/leader$"_s, u"^/v1/regions$"_s,
                                u"^/v1/namespaces$"_s, u"^/v1/acl/token/self$"_s, u"^/v1/jobs$"_s})
        QCOMPARE(log.matching(u"GET"_s, path).size(), 1);
    QCOMPARE(log.matching(u"GET"_s, u"^/v1/jobs$"_s).first().queryValue(u"namespace"),
             u"default"_s);
}

void TestConnectionTest::refusalsAreWarnings()
{
    sim::SimulatorOptions options = dd::test::ApiCluster::defaultOptions();
    options.acl = true;
    DD_VERIFY_OK(m_cluster.start(options));
    sim::AclPolicy policy;
    policy.name = u"dispatch-only"_s;
    policy.namespaces = {{u"default"_s, {u"dispatch-job"_s}}};
    m_cluster.sim()->addPolicy(policy);
    const QString token =
        m_cluster.sim()->createTokenWithPolicies(u"dispatcher"_s, {u"dispatch-only"_s}).secretId;

    ConnectionTest test(m_cluster.network());
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start(profile(), token);
    QTRY_COMPARE(finished.size(), 1);
    const ConnectionTest::Findings &f = test.findings();
    QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(u'\n')));
    QVERIFY(f.token.startsWith(u"“dispatcher” (client), policies: dispatch-only"_s));
    QVERIFY2(f.warnings.contains(u"The token may not list the jobs in namespace “default” "
                                 "(list-jobs), which dispatching and monitoring need (Nomad "
                                 "answered 403 Permission denied)."_s),
             qPrintable(f.warnings.join(u'\n')));
    QVERIFY(f.warnings.contains(
        u"The token may not read the agent (agent:read) (Nomad answered 403 Permission denied)."_s));
    // The token went with every call.
    for (const sim::RecordedRequest &r : m_cluster.sim()->requests().all())
        QCOMPARE(r.token(), token);
}

void TestConnectionTest::failuresAreProblems()
{
    QNetworkAccessManager network;
    ConnectionTest test(&network);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    ConnectionProfile p;
    p.name = u"down"_s;
    p.address = u"http://127.0.0.1:1"_s; // nothing listens there
    test.start(p, {});
    QTRY_COMPARE(finished.size(), 1);
    const ConnectionTest::Findings &f = test.findings();
    QCOMPARE(f.profileName, u"down"_s);
    QCOMPARE(f.problems.size(), 6);
    QVERIFY(f.warnings.isEmpty());
    QVERIFY2(f.problems.contains(u"Could not read the leader: nothing is listening at "
                                 "127.0.0.1:1 (connection refused)"_s),
             qPrintable(f.problems.join(u'\n')));
    QVERIFY(f.version.isEmpty() && f.leader.isEmpty() && f.token.isEmpty());
}

void TestConnectionTest::unusableProfileFinishesAtOnce()
{
    QNetworkAccessManager network;
    ConnectionTest test(&network);
    QSignalSpy finished(&test, &ConnectionTest::finished);
    QSignalSpy changed(&test, &ConnectionTest::changed);
    ConnectionProfile p; // a profile needs a name
    p.address = u"http://127.0.0.1:4646"_s;
    test.start(p, {});
    QCOMPARE(finished.size(), 1);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!test.isRunning());
    QCOMPARE(test.findings().profileName, u"http://127.0.0.1:4646"_s);
    QCOMPARE(test.findings().problems.size(), 1);
}

void TestConnectionTest::restartDropsEarlierAnswers()
{
    DD_VERIFY_OK(m_cluster.start());
    ConnectionTest test(m_cluster.network());
    QSignalSpy finished(&test, &ConnectionTest::finished);
    test.start(profile(), {});
    test.start(profile(u"team-a"_s), {});
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(test.findings().nameSpace, u"team-a"_s);
    // Had the first test's answers counted, the second would have finished
    // early and its count would have gone below zero.
    QCOMPARE(test.findings().pending, 0);
    QCOMPARE(finished.size(), 1);
}

DD_TEST_MAIN(TestConnectionTest)
#include "tst_connectiontest.moc"
