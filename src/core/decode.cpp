// Over 400 lines: one small decoder per Nomad answer, all over the same JsonReader;
// splitting them by resource would only scatter them.

#include "core/decode.h"

#include "core/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

Decoded<QJsonDocument> parse(const QByteArray &json)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected(DecodeError{u"the answer is not valid JSON (" + error.errorString() +
                                           u" at byte " + QString::number(error.offset) + u')'});
    }
    return doc;
}

Decoded<QJsonObject> parseObject(const QByteArray &json, const char *what)
{
    auto doc = parse(json);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isObject()) {
        return std::unexpected(
            DecodeError{QLatin1StringView(what) + u": expected a JSON object but got an array"});
    }
    return doc->object();
}

template<typename T, typename F>
Decoded<QList<T>> decodeList(const QByteArray &json, const char *what, F &&fromJson)
{
    if (json.trimmed() == "null")
        return QList<T>{}; // Go encodes a nil slice as null
    auto doc = parse(json);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isArray()) {
        return std::unexpected(
            DecodeError{QLatin1StringView(what) + u": expected a JSON array but got an object"});
    }
    const QJsonArray array = doc->array();
    QList<T> out;
    out.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (!item.isObject()) {
            return std::unexpected(DecodeError{QLatin1StringView(what) + u" item " +
                                               QString::number(i) + u" is " + jsonTypeName(item) +
                                               u", not an object"});
        }
        auto value = fromJson(item.toObject());
        if (!value)
            return std::unexpected(value.error());
        out.append(std::move(*value));
    }
    return out;
}

ChildrenSummary childrenFrom(const QJsonObject &o, JsonReader &parent)
{
    JsonReader r(o, QStringLiteral("Children"));
    ChildrenSummary c{r.i32("Pending"_L1), r.i32("Running"_L1), r.i32("Dead"_L1)};
    if (r.failed())
        parent.fail(r.error());
    return c;
}

QMap<QString, TaskGroupSummary> groupsFrom(const QJsonObject &o, JsonReader &parent)
{
    QMap<QString, TaskGroupSummary> out;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isObject()) {
            parent.fail(u"summary of group \"" + it.key() + u"\" is not an object");
            return {};
        }
        JsonReader r(it.value().toObject(), u"group " + it.key());
        TaskGroupSummary s;
        s.queued = r.i32("Queued"_L1);
        s.complete = r.i32("Complete"_L1);
        s.failed = r.i32("Failed"_L1);
        s.running = r.i32("Running"_L1);
        s.starting = r.i32("Starting"_L1);
        s.lost = r.i32("Lost"_L1);
        if (r.failed())
            parent.fail(r.error());
        out.insert(it.key(), s);
    }
    return out;
}

Decoded<AllocationMetric> metricFromJson(const QJsonObject &o, const QString &group)
{
    JsonReader r(o, u"FailedTGAllocs[" + group + u']');
    AllocationMetric m;
    m.nodesEvaluated = r.i32("NodesEvaluated"_L1);
    m.nodesFiltered = r.i32("NodesFiltered"_L1);
    m.nodesExhausted = r.i32("NodesExhausted"_L1);
    m.coalescedFailures = r.i32("CoalescedFailures"_L1);
    m.nodesAvailable = r.intMap("NodesAvailable"_L1);
    m.classFiltered = r.intMap("ClassFiltered"_L1);
    m.constraintFiltered = r.intMap("ConstraintFiltered"_L1);
    m.classExhausted = r.intMap("ClassExhausted"_L1);
    m.dimensionExhausted = r.intMap("DimensionExhausted"_L1);
    m.quotaExhausted = r.strings("QuotaExhausted"_L1);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return m;
}

QDateTime timeFromRfc3339(const QString &text)
{
    // Go's zero time means "not yet".
    if (text.isEmpty() || text.startsWith(u"0001-01-01"))
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

Decoded<TaskState> taskStateFromJson(const QJsonObject &o, const QString &task)
{
    JsonReader r(o, u"TaskStates[" + task + u']');
    TaskState s;
    s.state = r.str("State"_L1);
    s.failed = r.boolean("Failed"_L1);
    s.restarts = r.i32("Restarts"_L1);
    s.startedAt = timeFromRfc3339(r.str("StartedAt"_L1));
    s.finishedAt = timeFromRfc3339(r.str("FinishedAt"_L1));
    const QJsonArray events = r.array("Events"_L1);
    for (const QJsonValue &ev : events) {
        if (!ev.isObject()) {
            r.fail(QStringLiteral("an event is not an object"));
            break;
        }
        JsonReader er(ev.toObject(), QStringLiteral("task event"));
        TaskEvent e;
        e.type = er.str("Type"_L1);
        e.displayMessage = er.str("DisplayMessage"_L1);
        e.time = er.i64("Time"_L1);
        e.exitCode = er.i32("ExitCode"_L1);
        e.failsTask = er.boolean("FailsTask"_L1);
        if (er.failed()) {
            r.fail(er.error());
            break;
        }
        s.events.append(e);
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return s;
}

} // namespace

Decoded<Job> jobFromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("job"));
    Job j;
    j.id = r.str("ID"_L1, true);
    j.name = r.str("Name"_L1);
    j.nameSpace = r.str("Namespace"_L1);
    j.region = r.str("Region"_L1);
    j.type = r.str("Type"_L1);
    j.status = r.str("Status"_L1);
    j.statusDescription = r.str("StatusDescription"_L1);
    j.parentId = r.str("ParentID"_L1);
    j.datacenters = r.strings("Datacenters"_L1);
    j.priority = r.i32("Priority"_L1);
    j.dispatched = r.boolean("Dispatched"_L1);
    j.stop = r.boolean("Stop"_L1);
    j.meta = r.stringMap("Meta"_L1);
    j.submitTime = r.i64("SubmitTime"_L1);
    j.createIndex = r.index("CreateIndex"_L1);
    j.modifyIndex = r.index("ModifyIndex"_L1);
    j.jobModifyIndex = r.index("JobModifyIndex"_L1);
    j.version = r.index("Version"_L1);
    const QString payload = r.str("Payload"_L1);
    if (!payload.isEmpty()) {
        auto bytes = QByteArray::fromBase64Encoding(payload.toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes)
            r.fail(QStringLiteral("field \"Payload\" is not valid base64"));
        else
            j.payload = *bytes;
    }
    const QJsonObject pj = r.object("ParameterizedJob"_L1);
    if (o.value("ParameterizedJob"_L1).isObject()) {
        JsonReader pr(pj, QStringLiteral("ParameterizedJob"));
        ParameterizedConfig config;
        const QString rule = pr.str("Payload"_L1);
        if (auto parsed = payloadRuleFromName(rule))
            config.payload = *parsed;
        else
            pr.fail(u"unknown payload rule \"" + rule + u'"');
        config.metaRequired = pr.strings("MetaRequired"_L1);
        config.metaOptional = pr.strings("MetaOptional"_L1);
        if (pr.failed())
            r.fail(pr.error());
        j.parameterized = config;
    }
    const QJsonArray groups = r.array("TaskGroups"_L1);
    for (const QJsonValue &g : groups) {
        if (!g.isObject()) {
            r.fail(QStringLiteral("a task group is not an object"));
            break;
        }
        JsonReader gr(g.toObject(), QStringLiteral("task group"));
        TaskGroupInfo info;
        info.name = gr.str("Name"_L1);
        info.count = g.toObject().value("Count"_L1).isNull() ? 1 : gr.i32("Count"_L1);
        for (const QJsonValue &t : gr.array("Tasks"_L1)) {
            if (t.isObject())
                info.tasks.append(t.toObject().value("Name"_L1).toString());
        }
        if (gr.failed()) {
            r.fail(gr.error());
            break;
        }
        j.taskGroups.append(info);
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return j;
}

Decoded<JobStub> jobStubFromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("job list entry"));
    JobStub s;
    s.id = r.str("ID"_L1, true);
    s.parentId = r.str("ParentID"_L1);
    s.name = r.str("Name"_L1);
    s.nameSpace = r.str("Namespace"_L1);
    s.type = r.str("Type"_L1);
    s.status = r.str("Status"_L1);
    s.statusDescription = r.str("StatusDescription"_L1);
    s.datacenters = r.strings("Datacenters"_L1);
    s.priority = r.i32("Priority"_L1);
    s.parameterized = r.boolean("ParameterizedJob"_L1);
    s.periodic = r.boolean("Periodic"_L1);
    s.stop = r.boolean("Stop"_L1);
    s.submitTime = r.i64("SubmitTime"_L1);
    s.createIndex = r.index("CreateIndex"_L1);
    s.modifyIndex = r.index("ModifyIndex"_L1);
    s.jobModifyIndex = r.index("JobModifyIndex"_L1);
    const QJsonObject summary = r.object("JobSummary"_L1);
    if (!summary.isEmpty()) {
        JsonReader sr(summary, QStringLiteral("JobSummary"));
        // Nomad 1.0's stubs name their namespace only in the summary.
        if (s.nameSpace.isEmpty())
            s.nameSpace = sr.str("Namespace"_L1);
        s.children = childrenFrom(sr.object("Children"_L1), sr);
        for (const TaskGroupSummary &g : groupsFrom(sr.object("Summary"_L1), sr))
            s.allocations += g;
        if (sr.failed())
            r.fail(sr.error());
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return s;
}

Decoded<Evaluation> evaluationFromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("evaluation"));
    Evaluation e;
    e.id = r.str("ID"_L1, true);
    e.nameSpace = r.str("Namespace"_L1);
    e.jobId = r.str("JobID"_L1);
    e.nodeId = r.str("NodeID"_L1);
    e.status = r.str("Status"_L1);
    e.statusDescription = r.str("StatusDescription"_L1);
    e.triggeredBy = r.str("TriggeredBy"_L1);
    e.type = r.str("Type"_L1);
    e.priority = r.i32("Priority"_L1);
    e.nextEval = r.str("NextEval"_L1);
    e.previousEval = r.str("PreviousEval"_L1);
    e.blockedEval = r.str("BlockedEval"_L1);
    e.waitNs = r.i64("Wait"_L1);
    e.queuedAllocations = r.intMap("QueuedAllocations"_L1);
    e.createTime = r.i64("CreateTime"_L1);
    e.modifyTime = r.i64("ModifyTime"_L1);
    e.createIndex = r.index("CreateIndex"_L1);
    e.modifyIndex = r.index("ModifyIndex"_L1);
    const QJsonObject failed = r.object("FailedTGAllocs"_L1);
    for (auto it = failed.begin(); it != failed.end() && !r.failed(); ++it) {
        if (!it.value().isObject()) {
            r.fail(u"FailedTGAllocs[" + it.key() + u"] is not an object");
            break;
        }
        auto metric = metricFromJson(it.value().toObject(), it.key());
        if (!metric)
            r.fail(metric.error().message);
        else
            e.failedTgAllocs.insert(it.key(), *metric);
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return e;
}

Decoded<Allocation> allocationFromJson(const QJsonObject &o)
{
    JsonReader r(o, QStringLiteral("allocation"));
    Allocation a;
    a.id = r.str("ID"_L1, true);
    a.evalId = r.str("EvalID"_L1);
    a.name = r.str("Name"_L1);
    a.nameSpace = r.str("Namespace"_L1);
    a.nodeId = r.str("NodeID"_L1);
    a.nodeName = r.str("NodeName"_L1);
    a.jobId = r.str("JobID"_L1);
    a.taskGroup = r.str("TaskGroup"_L1);
    a.desiredStatus = r.str("DesiredStatus"_L1);
    a.desiredDescription = r.str("DesiredDescription"_L1);
    a.clientStatus = r.str("ClientStatus"_L1);
    a.clientDescription = r.str("ClientDescription"_L1);
    a.followupEvalId = r.str("FollowupEvalID"_L1);
    a.createTime = r.i64("CreateTime"_L1);
    a.modifyTime = r.i64("ModifyTime"_L1);
    a.createIndex = r.index("CreateIndex"_L1);
    a.modifyIndex = r.index("ModifyIndex"_L1);
    const QJsonObject states = r.object("TaskStates"_L1);
    for (auto it = states.begin(); it != states.end() && !r.failed(); ++it) {
        if (!it.value().isObject()) {
            r.fail(u"TaskStates[" + it.key() + u"] is not an object");
            break;
        }
        auto state = taskStateFromJson(it.value().toObject(), it.key());
        if (!state)
            r.fail(state.error().message);
        else
            a.taskStates.insert(it.key(), *state);
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return a;
}

Decoded<Job> decodeJob(const QByteArray &json)
{
    auto o = parseObject(json, "job");
    return o ? jobFromJson(*o) : std::unexpected(o.error());
}

Decoded<QList<JobStub>> decodeJobStubsWithQJson(const QByteArray &json)
{
    return decodeList<JobStub>(json, "job list", jobStubFromJson);
}

Decoded<JobSummary> decodeJobSummary(const QByteArray &json)
{
    auto o = parseObject(json, "job summary");
    if (!o)
        return std::unexpected(o.error());
    JsonReader r(*o, QStringLiteral("job summary"));
    JobSummary s;
    s.jobId = r.str("JobID"_L1, true);
    s.nameSpace = r.str("Namespace"_L1);
    s.children = childrenFrom(r.object("Children"_L1), r);
    s.groups = groupsFrom(r.object("Summary"_L1), r);
    s.createIndex = r.index("CreateIndex"_L1);
    s.modifyIndex = r.index("ModifyIndex"_L1);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return s;
}

Decoded<Evaluation> decodeEvaluation(const QByteArray &json)
{
    auto o = parseObject(json, "evaluation");
    return o ? evaluationFromJson(*o) : std::unexpected(o.error());
}

Decoded<QList<Evaluation>> decodeEvaluations(const QByteArray &json)
{
    return decodeList<Evaluation>(json, "evaluation list", evaluationFromJson);
}

Decoded<Allocation> decodeAllocation(const QByteArray &json)
{
    auto o = parseObject(json, "allocation");
    return o ? allocationFromJson(*o) : std::unexpected(o.error());
}

Decoded<QList<Allocation>> decodeAllocations(const QByteArray &json)
{
    return decodeList<Allocation>(json, "allocation list", allocationFromJson);
}

Decoded<DispatchResponse> decodeDispatchResponse(const QByteArray &json)
{
    auto o = parseObject(json, "dispatch answer");
    if (!o)
        return std::unexpected(o.error());
    JsonReader r(*o, QStringLiteral("dispatch answer"));
    DispatchResponse d;
    d.dispatchedJobId = r.str("DispatchedJobID"_L1, true);
    d.evalId = r.str("EvalID"_L1);
    d.evalCreateIndex = r.index("EvalCreateIndex"_L1);
    d.jobCreateIndex = r.index("JobCreateIndex"_L1);
    d.index = r.index("Index"_L1);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return d;
}

Decoded<AgentSelf> decodeAgentSelf(const QByteArray &json)
{
    auto o = parseObject(json, "agent information");
    if (!o)
        return std::unexpected(o.error());
    JsonReader r(*o, QStringLiteral("agent information"));
    AgentSelf a;
    const QJsonObject config = r.object("config"_L1);
    JsonReader cr(config, QStringLiteral("agent config"));
    a.region = cr.str("Region"_L1);
    a.datacenter = cr.str("Datacenter"_L1);
    a.nodeName = cr.str("NodeName"_L1);
    JsonReader acl(cr.object("ACL"_L1), QStringLiteral("agent ACL config"));
    a.aclEnabled = acl.boolean("Enabled"_L1);
    JsonReader server(cr.object("Server"_L1), QStringLiteral("agent server config"));
    a.isServer = server.boolean("Enabled"_L1);
    // The version sits in config.Version.Version since 0.9; member tags carry it too.
    const QJsonValue version = config.value("Version"_L1);
    if (version.isObject())
        a.version = version.toObject().value("Version"_L1).toString();
    else if (version.isString())
        a.version = version.toString();
    if (a.version.isEmpty()) {
        const QJsonObject member = r.object("member"_L1);
        a.version = member.value("Tags"_L1).toObject().value("build"_L1).toString();
    }
    for (JsonReader *sub : {&cr, &acl, &server}) {
        if (sub->failed())
            r.fail(sub->error());
    }
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return a;
}

Decoded<AclTokenInfo> decodeAclToken(const QByteArray &json)
{
    auto o = parseObject(json, "ACL token");
    if (!o)
        return std::unexpected(o.error());
    JsonReader r(*o, QStringLiteral("ACL token"));
    AclTokenInfo t;
    t.accessorId = r.str("AccessorID"_L1);
    t.name = r.str("Name"_L1);
    t.type = r.str("Type"_L1);
    t.policies = r.strings("Policies"_L1);
    t.global = r.boolean("Global"_L1);
    const QString expiry = r.str("ExpirationTime"_L1);
    if (!expiry.isEmpty())
        t.expirationTime = QDateTime::fromString(expiry, Qt::ISODateWithMs);
    if (r.failed())
        return std::unexpected(DecodeError{r.error()});
    return t;
}

Decoded<QList<NamespaceInfo>> decodeNamespaces(const QByteArray &json)
{
    return decodeList<NamespaceInfo>(json, "namespace list", [](const QJsonObject &o) {
        JsonReader r(o, QStringLiteral("namespace"));
        NamespaceInfo n{r.str("Name"_L1, true), r.str("Description"_L1)};
        return r.failed() ? Decoded<NamespaceInfo>(std::unexpected(DecodeError{r.error()}))
                          : Decoded<NamespaceInfo>(n);
    });
}

Decoded<QList<NodeStub>> decodeNodes(const QByteArray &json)
{
    return decodeList<NodeStub>(json, "node list", [](const QJsonObject &o) {
        JsonReader r(o, QStringLiteral("node"));
        NodeStub n;
        n.id = r.str("ID"_L1, true);
        n.name = r.str("Name"_L1);
        n.datacenter = r.str("Datacenter"_L1);
        n.status = r.str("Status"_L1);
        n.nodeClass = r.str("NodeClass"_L1);
        n.eligible = r.str("SchedulingEligibility"_L1) != u"ineligible";
        return r.failed() ? Decoded<NodeStub>(std::unexpected(DecodeError{r.error()}))
                          : Decoded<NodeStub>(n);
    });
}

Decoded<QStringList> decodeStringList(const QByteArray &json)
{
    auto doc = parse(json);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->isArray())
        return std::unexpected(DecodeError{QStringLiteral("expected a JSON array of strings")});
    QStringList out;
    for (const QJsonValue &v : doc->array()) {
        if (!v.isString())
            return std::unexpected(DecodeError{u"expected strings but found " + jsonTypeName(v)});
        out.append(v.toString());
    }
    return out;
}

Decoded<QString> decodeJsonString(const QByteArray &json)
{
    // QJsonDocument only takes objects and arrays at the top; wrap the scalar.
    auto doc = parse(QByteArray("[" + json + "]"));
    if (!doc)
        return std::unexpected(doc.error());
    const QJsonArray a = doc->array();
    if (a.size() != 1 || !a.first().isString())
        return std::unexpected(DecodeError{QStringLiteral("expected a JSON string")});
    return a.first().toString();
}

QByteArray encodeDispatchRequest(const DispatchRequest &request)
{
    QJsonObject body;
    // The reference CLI sends JobID in the body as well as in the path.
    body.insert("JobID"_L1, request.jobId);
    if (request.hasPayload || !request.payload.isEmpty())
        body.insert("Payload"_L1, QString::fromLatin1(request.payload.toBase64()));
    QJsonObject meta;
    for (auto it = request.meta.begin(); it != request.meta.end(); ++it)
        meta.insert(it.key(), it.value());
    body.insert("Meta"_L1, meta);
    if (!request.idPrefixTemplate.isEmpty())
        body.insert("IdPrefixTemplate"_L1, request.idPrefixTemplate);
    if (request.priority != 0)
        body.insert("Priority"_L1, request.priority);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace dd
