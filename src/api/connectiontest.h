#pragma once
// "Test connection" for a profile that may not be saved yet: six calls at
// once (the agent, the leader, the regions, the namespaces, the token itself
// and the job list the app starts with), and what their answers say, gathered
// as they arrive. A 403 is a warning about what the token may not do; any
// other failure is a problem. The profile dialog shows the findings.

#include "core/connectionprofile.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QNetworkAccessManager;

namespace dd {

class ConnectionTest : public QObject
{
    Q_OBJECT
public:
    struct Findings
    {
        int pending = 0;     // calls still out
        QString profileName; // the profile's name, or its address when it has none
        QString nameSpace;   // where the job list was read
        QString version, leader, regions, namespaces, token;
        QStringList problems; // calls that failed for reasons other than permissions
        QStringList warnings; // what the token cannot do
    };

    explicit ConnectionTest(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ConnectionTest() override;

    // Starts a test; the answers of an earlier one are dropped.
    void start(const ConnectionProfile &profile, const QString &token);
    const Findings &findings() const { return m_findings; }
    bool isRunning() const { return m_findings.pending > 0; }

Q_SIGNALS:
    // An answer arrived (or the test could not start).
    void changed();
    // Every answer has arrived.
    void finished();

private:
    void answered();

    QNetworkAccessManager *m_network;
    Findings m_findings;
    QPointer<QObject> m_context; // deleting it drops the answers of an older test
};

} // namespace dd
