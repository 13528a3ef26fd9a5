#include "core/eventdecode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
ChangeEvent unknownEvent()
{
    ChangeEvent e;
    e.unknown = true;
    return e;
}

QString jobOf(const QJsonObject &event, const QString &topic, const QString &key)
{
    if (topic == u"Job")
        return key;
    const QJsonObject payload = event.value(u"Payload").toObject();
    const QJsonObject object = payload.value(topic).toObject();
    const QString fromPayload = object.value(u"JobID").toString();
    if (!fromPayload.isEmpty())
        return fromPayload;
    // Evaluation, Allocation and Deployment events name their job first in FilterKeys.
    const QJsonArray filterKeys = event.value(u"FilterKeys").toArray();
    if (topic != u"Node" && !filterKeys.isEmpty())
        return filterKeys.first().toString();
    return {};
}
} // namespace

QString dispatchParentOf(const QString &jobId)
{
    const qsizetype at = jobId.lastIndexOf(u"/dispatch-");
    return at > 0 ? jobId.left(at) : QString();
}

QList<ChangeEvent> decodeEventLine(QByteArrayView line)
{
    line = line.trimmed();
    if (line.isEmpty())
        return {};
    if (line.size() > kMaxEventLineBytes)
        return {unknownEvent()};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {unknownEvent()};
    const QJsonObject frame = doc.object();
    const QJsonValue events = frame.value(u"Events");
    if (events.isUndefined() || events.isNull())
        return {}; // the heartbeat, {}
    if (!events.isArray())
        return {unknownEvent()};
    const quint64 frameIndex = quint64(frame.value(u"Index").toDouble());
    QList<ChangeEvent> out;
    for (const QJsonValue &value : events.toArray()) {
        const QJsonObject event = value.toObject();
        ChangeEvent e;
        e.topic = event.value(u"Topic").toString();
        e.type = event.value(u"Type").toString();
        e.key = event.value(u"Key").toString();
        e.nameSpace = event.value(u"Namespace").toString();
        const double index = event.value(u"Index").toDouble();
        e.index = index > 0 ? quint64(index) : frameIndex;
        e.jobId = jobOf(event, e.topic, e.key);
        if (e.topic.isEmpty())
            e.unknown = true;
        out.append(std::move(e));
    }
    return out;
}

QList<ChangeEvent> decodeEventLines(const QByteArray &lines)
{
    QList<ChangeEvent> out;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = lines.indexOf('\n', start);
        if (end < 0)
            break;
        out += decodeEventLine(QByteArrayView(lines).sliced(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace dd
