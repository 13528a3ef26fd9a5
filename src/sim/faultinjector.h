#pragma once
// Faults a test (or `nomad-api-sim --fault ...`) switches on to see how a
// client copes: added latency, a chosen status for matching requests, answers
// cut off mid-body, malformed JSON, blocking queries that never return,
// bodies trickled byte by byte, a server that lost its leader, and task log
// streams cut mid-frame, stalled or reset.
// Rules match a regular expression searched in the request target (path and
// query as sent, e.g. "/v1/job/video-encode%2Fdispatch-1-ab?index=12").

#include "sim/httpmessage.h"

#include <QMutex>
#include <QObject>
#include <QRegularExpression>

#include <functional>
#include <optional>

namespace dd::sim {

enum class FaultKind {
    Latency,            // delay the answer by latencyMs (real time)
    Status,             // answer status/body instead of the real answer
    CloseMidResponse,   // send the head and part of the body, then close
    MalformedJson,      // answer 200 with a JSON body cut in half
    StallBlockingQuery, // requests with ?index= never answer
    SlowLoris,          // send the answer trickleBytes at a time
    // Transport faults seen in the wild (a crashed load balancer, a restarted
    // proxy, an idle-timeout race). By default the request is carried out
    // first and only its answer is lost, which is what makes a lost dispatch
    // answer dangerous; `beforeHandling` drops the request unprocessed.
    CloseBeforeAnswer, // close (FIN) without sending one byte of the answer
    ResetAfterRequest, // reset (RST) the connection instead of answering
    CloseMidHeaders,   // send part of the status line and headers, then close
    NeverAnswer,       // keep the connection open and never answer
    // Task log streams (/v1/client/fs/logs): after afterFrames frames (or plain
    // writes) went out normally, the next one is damaged.
    LogCutMidFrame, // half of the next frame is sent, then the connection closes
    LogStall,       // nothing more is sent (no data, no heartbeats); the connection stays open
    LogReset,       // the connection is reset (RST) instead of the next frame
};

// Whether a kind is one of the transport faults above.
bool isTransportFault(FaultKind kind);

struct FaultRule
{
    FaultKind kind = FaultKind::Latency;
    QString pathPattern; // empty matches every request
    QString method;      // empty matches every method
    int remaining = -1;  // how many requests it still affects; -1 is always
    int latencyMs = 0;
    int status = 500;
    QString body; // for Status; Nomad's errors are plain text
    int trickleBytes = 1;
    int trickleIntervalMs = 50;
    qsizetype cutAfterBytes = -1; // CloseMidResponse: -1 is half the body
    bool beforeHandling = false;  // transport faults: drop the request unprocessed
    int afterFrames = 1;          // log faults: frames sent before the fault
};

class FaultInjector : public QObject
{
    Q_OBJECT
public:
    explicit FaultInjector(QObject *parent = nullptr);

    int add(const FaultRule &rule);
    void remove(int id);
    void clear();
    QList<FaultRule> rules() const;

    // Conveniences for the common cases.
    int addLatency(int ms, const QString &pathPattern = {});
    int failWith(int status, const QString &body, const QString &pathPattern = {}, int times = -1);
    int closeMidResponse(const QString &pathPattern = {}, int times = -1);
    int malformJson(const QString &pathPattern = {}, int times = -1);
    int stallBlockingQueries(const QString &pathPattern = {}, int times = -1);
    int slowLoris(int bytesPerTick, int intervalMs, const QString &pathPattern = {},
                  int times = -1);
    int transport(FaultKind kind, const QString &pathPattern = {}, int times = -1,
                  bool beforeHandling = false);
    // LogCutMidFrame, LogStall or LogReset on log streams matching pathPattern.
    int logFault(FaultKind kind, int afterFrames, const QString &pathPattern = {}, int times = -1);

    // X-Nomad-KnownLeader: false on every read while set.
    void setKnownLeader(bool known);
    bool knownLeader() const;

    // The first matching rule of this kind, counting it as used.
    std::optional<FaultRule> take(FaultKind kind, const HttpRequest &request);
    // Sum of all matching latency rules (each counted as used).
    int takeLatency(const HttpRequest &request);
    // The first matching transport fault whose beforeHandling is as given.
    std::optional<FaultRule> takeTransport(const HttpRequest &request, bool beforeHandling);

    // Parses the executable's --fault specs, e.g. "status,code=503,body=No cluster
    // leader,path=^/v1/jobs,count=2".
    static std::optional<FaultRule> parseSpec(const QString &spec, QString *error);

private:
    struct Entry
    {
        int id;
        FaultRule rule;
        QRegularExpression re;
    };
    bool matches(const Entry &e, const HttpRequest &request) const;
    // The first matching rule that `which` accepts, counted as used.
    std::optional<FaultRule> takeFirst(const HttpRequest &request,
                                       const std::function<bool(const FaultRule &)> &which);

    mutable QMutex m_mutex;
    QList<Entry> m_entries;
    int m_nextId = 1;
    bool m_knownLeader = true;
};

} // namespace dd::sim
