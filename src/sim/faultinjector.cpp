#include "sim/faultinjector.h"

using namespace Qt::StringLiterals;

namespace dd::sim {

bool isTransportFault(FaultKind kind)
{
    return kind == FaultKind::CloseBeforeAnswer || kind == FaultKind::ResetAfterRequest ||
           kind == FaultKind::CloseMidHeaders || kind == FaultKind::NeverAnswer;
}

FaultInjector::FaultInjector(QObject *parent)
    : QObject(parent)
{}

int FaultInjector::add(const FaultRule &rule)
{
    QMutexLocker lock(&m_mutex);
    const int id = m_nextId++;
    m_entries.append(Entry{id, rule, QRegularExpression(rule.pathPattern)});
    return id;
}

void FaultInjector::remove(int id)
{
    QMutexLocker lock(&m_mutex);
    m_entries.removeIf([id](const Entry &e) { return e.id == id; });
}

void FaultInjector::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_knownLeader = true;
}

QList<FaultRule> FaultInjector::rules() const
{
    QMutexLocker lock(&m_mutex);
    QList<FaultRule> out;
    for (const Entry &e : m_entries)
        out << e.rule;
    return out;
}

int FaultInjector::addLatency(int ms, const QString &pathPattern)
{
    FaultRule r;
    r.kind = FaultKind::Latency;
    r.latencyMs = ms;
    r.pathPattern = pathPattern;
    return add(r);
}

int FaultInjector::failWith(int status, const QString &body, const QString &pathPattern, int times)
{
    FaultRule r;
    r.kind = FaultKind::Status;
    r.status = status;
    r.body = body;
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::closeMidResponse(const QString &pathPattern, int times)
{
    FaultRule r;
    r.kind = FaultKind::CloseMidResponse;
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::logFault(FaultKind kind, int afterFrames, const QString &pathPattern, int times)
{
    FaultRule r;
    r.kind = kind;
    r.afterFrames = afterFrames;
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::malformJson(const QString &pathPattern, int times)
{
    FaultRule r;
    r.kind = FaultKind::MalformedJson;
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::stallBlockingQueries(const QString &pathPattern, int times)
{
    FaultRule r;
    r.kind = FaultKind::StallBlockingQuery;
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::slowLoris(int bytesPerTick, int intervalMs, const QString &pathPattern,
                             int times)
{
    FaultRule r;
    r.kind = FaultKind::SlowLoris;
    r.trickleBytes = std::max(1, bytesPerTick);
    r.trickleIntervalMs = std::max(1, intervalMs);
    r.pathPattern = pathPattern;
    r.remaining = times;
    return add(r);
}

int FaultInjector::transport(FaultKind kind, const QString &pathPattern, int times,
                             bool beforeHandling)
{
    Q_ASSERT(isTransportFault(kind));
    FaultRule r;
    r.kind = kind;
    r.pathPattern = pathPattern;
    r.remaining = times;
    r.beforeHandling = beforeHandling;
    return add(r);
}

void FaultInjector::setKnownLeader(bool known)
{
    QMutexLocker lock(&m_mutex);
    m_knownLeader = known;
}

bool FaultInjector::knownLeader() const
{
    QMutexLocker lock(&m_mutex);
    return m_knownLeader;
}

bool FaultInjector::matches(const Entry &e, const HttpRequest &request) const
{
    if (!e.rule.method.isEmpty() &&
        e.rule.method.compare(QString::fromLatin1(request.method), Qt::CaseInsensitive) != 0) {
        return false;
    }
    if (e.rule.pathPattern.isEmpty())
        return true;
    return e.re.match(QString::fromUtf8(request.target)).hasMatch();
}

std::optional<FaultRule>
FaultInjector::takeFirst(const HttpRequest &request,
                         const std::function<bool(const FaultRule &)> &which)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        Entry &e = m_entries[i];
        if (e.rule.remaining == 0 || !which(e.rule) || !matches(e, request))
            continue;
        const FaultRule rule = e.rule;
        if (e.rule.remaining > 0 && --e.rule.remaining == 0)
            m_entries.removeAt(i);
        return rule;
    }
    return std::nullopt;
}

std::optional<FaultRule> FaultInjector::take(FaultKind kind, const HttpRequest &request)
{
    return takeFirst(request, [kind](const FaultRule &r) { return r.kind == kind; });
}

std::optional<FaultRule> FaultInjector::takeTransport(const HttpRequest &request,
                                                      bool beforeHandling)
{
    return takeFirst(request, [beforeHandling](const FaultRule &r) {
        return isTransportFault(r.kind) && r.beforeHandling == beforeHandling;
    });
}

int FaultInjector::takeLatency(const HttpRequest &request)
{
    QMutexLocker lock(&m_mutex);
    int total = 0;
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        Entry &e = m_entries[i];
        if (e.rule.kind != FaultKind::Latency || e.rule.remaining == 0 || !matches(e, request))
            continue;
        total += e.rule.latencyMs;
        if (e.rule.remaining > 0 && --e.rule.remaining == 0)
            m_entries.removeAt(i);
    }
    return total;
}

std::optional<FaultRule> FaultInjector::parseSpec(const QString &spec, QString *error)
{
    // Split on commas not preceded by a backslash.
    QStringList parts;
    QString current;
    for (qsizetype i = 0; i < spec.size(); ++i) {
        if (spec[i] == u'\\' && i + 1 < spec.size() && spec[i + 1] == u',') {
            current += u',';
            ++i;
        } else if (spec[i] == u',') {
            parts << current;
            current.clear();
        } else {
            current += spec[i];
        }
    }
    parts << current;
    FaultRule rule;
    const QString kind = parts.takeFirst().trimmed();
    if (kind == "latency"_L1)
        rule.kind = FaultKind::Latency;
    else if (kind == "status"_L1)
        rule.kind = FaultKind::Status;
    else if (kind == "close"_L1 || kind == "close-mid-response"_L1)
        rule.kind = FaultKind::CloseMidResponse;
    else if (kind == "malformed-json"_L1)
        rule.kind = FaultKind::MalformedJson;
    else if (kind == "stall"_L1 || kind == "stall-blocking-query"_L1)
        rule.kind = FaultKind::StallBlockingQuery;
    else if (kind == "slow-loris"_L1)
        rule.kind = FaultKind::SlowLoris;
    else if (kind == "close-before-answer"_L1)
        rule.kind = FaultKind::CloseBeforeAnswer;
    else if (kind == "reset"_L1)
        rule.kind = FaultKind::ResetAfterRequest;
    else if (kind == "close-mid-headers"_L1)
        rule.kind = FaultKind::CloseMidHeaders;
    else if (kind == "never-answer"_L1)
        rule.kind = FaultKind::NeverAnswer;
    else if (kind == "log-cut"_L1)
        rule.kind = FaultKind::LogCutMidFrame;
    else if (kind == "log-stall"_L1)
        rule.kind = FaultKind::LogStall;
    else if (kind == "log-reset"_L1)
        rule.kind = FaultKind::LogReset;
    else {
        if (error)
            *error = u"unknown fault kind \"%1\" (latency, status, close, malformed-json, stall, "
                     u"slow-loris, close-before-answer, reset, close-mid-headers, never-answer, "
                     u"log-cut, log-stall, log-reset)"_s.arg(kind);
        return std::nullopt;
    }
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        const QString key = part.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : part.mid(eq + 1);
        bool ok = true;
        if (key == "path"_L1)
            rule.pathPattern = value;
        else if (key == "method"_L1)
            rule.method = value;
        else if (key == "count"_L1)
            rule.remaining = value.toInt(&ok);
        else if (key == "ms"_L1)
            rule.latencyMs = value.toInt(&ok);
        else if (key == "code"_L1)
            rule.status = value.toInt(&ok);
        else if (key == "body"_L1)
            rule.body = value;
        else if (key == "bytes"_L1)
            rule.trickleBytes = value.toInt(&ok);
        else if (key == "interval"_L1)
            rule.trickleIntervalMs = value.toInt(&ok);
        else if (key == "after"_L1)
            rule.cutAfterBytes = value.toLongLong(&ok);
        else if (key == "frames"_L1)
            rule.afterFrames = value.toInt(&ok);
        else if (key == "unprocessed"_L1 && value.isEmpty())
            rule.beforeHandling = true;
        else
            ok = false;
        if (!ok) {
            if (error)
                *error = u"bad fault option \"%1\""_s.arg(part);
            return std::nullopt;
        }
    }
    if (!rule.pathPattern.isEmpty() && !QRegularExpression(rule.pathPattern).isValid()) {
        if (error)
            *error = u"bad path pattern \"%1\""_s.arg(rule.pathPattern);
        return std::nullopt;
    }
    return rule;
}

} // namespace dd::sim
