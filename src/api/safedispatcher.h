#pragma once
// Sends one intended dispatch and retries it only when a retry cannot create
// a second child: when the request never reached the server (connection
// refused), or when the server is 1.2+ and the dispatch carries an
// idempotency token (every retry reuses it). Older servers silently ignore
// the token, so the version is read first. When a failure leaves it unknown
// whether the server dispatched, nothing is retried: the children created in
// that window with the same meta and payload are looked up and reported.

#include "api/nomadclient.h"
#include "api/retrypolicy.h"
#include "core/serverversion.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace dd {

struct DispatchOutcome
{
    enum class Kind { Dispatched, Failed, Unknown };
    Kind kind = Kind::Failed;
    DispatchResponse response;
    std::optional<ApiError> error; // the last error
    int attempts = 0;
    // Requests that went on the wire: attempts less those refused before
    // connecting. Each went exactly once (api/oneshotbody.h).
    int sent = 0;
    bool answered = false;     // the last attempt got an answer Nomad meant
    bool deduplicated = false; // the server answered with an existing child
    QString idempotencyToken;  // the token sent, generated or given
    std::optional<ServerVersion> serverVersion;
    QList<Job> possibleChildren; // with Unknown: children that match this dispatch
};

class SafeDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        RetryPolicy retry{std::chrono::milliseconds(200), std::chrono::milliseconds(3000),
                          std::chrono::milliseconds(20000)};
        int maxAttempts = 5;
        // Attach a generated token when the caller gave none. Servers before 1.2
        // ignore it, so it costs nothing; the version is read only if a failure
        // makes the question of a safe retry arise.
        bool generateToken = true;
        // Retry a refused connection only when the server answered earlier: a
        // server that never answered is a wrong address, not a blip.
        bool serverWasReachable = true;
    };

    SafeDispatcher(NomadClient *client, Options options, QObject *parent = nullptr);

    // Skips reading /v1/agent/self when the caller already knows the version
    // (nullopt: unknown, treated as a server that ignores tokens).
    void setServerVersion(std::optional<ServerVersion> version);
    void dispatch(DispatchRequest request, QueryOptions options);
    void cancel();

    // Whether an error proves the request never reached Nomad.
    static bool neverDelivered(const ApiError &error);

Q_SIGNALS:
    void retrying(const dd::ApiError &error, int attempt, std::chrono::milliseconds delay);
    void finished(const dd::DispatchOutcome &outcome);

private:
    void send();
    void onError(const ApiError &error);
    void decideRetry(const ApiError &error);
    void lookForChildren();
    void finish();
    bool tokenIsHonoured() const;

    NomadClient *m_client;
    Options m_options;
    DispatchRequest m_request;
    QueryOptions m_query;
    DispatchOutcome m_outcome;
    QDateTime m_firstSent;
    CallHandle m_call;
    QTimer m_timer;
    bool m_running = false;
    bool m_versionKnown = false;
    bool m_tokenGenerated = false;
    std::optional<ServerVersion> m_version;
};

// How the dispatch travelled, for messages and the journal: "sent once, no
// answer", "sent 3 times with the same idempotency token", "not sent".
QString deliveryText(const DispatchOutcome &outcome);

} // namespace dd

Q_DECLARE_METATYPE(dd::DispatchOutcome)
