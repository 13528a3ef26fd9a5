#include "sim/demodata.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

std::expected<JobSet, QString> loadFrom(const QString &directory)
{
    const QDir dir(directory);
    if (!dir.exists())
        return std::unexpected(u"jobs directory \"%1\" does not exist"_s.arg(directory));
    JobSet set;
    QFile nsFile(dir.filePath(u"namespaces.json"_s));
    if (nsFile.exists()) {
        if (!nsFile.open(QIODevice::ReadOnly))
            return std::unexpected(u"cannot read %1"_s.arg(nsFile.fileName()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(nsFile.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            return std::unexpected(
                u"%1: expected a JSON array of {Name, Description}"_s.arg(nsFile.fileName()));
        for (const QJsonValue &v : doc.array()) {
            set.namespaces << NamespaceSpec{v.toObject().value("Name"_L1).toString(),
                                            v.toObject().value("Description"_L1).toString()};
        }
    }
    const QStringList files = dir.entryList({u"*.register.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return std::unexpected(u"cannot read %1"_s.arg(f.fileName()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return std::unexpected(
                u"%1: not a JSON object (%2)"_s.arg(f.fileName(), error.errorString()));
        const QJsonObject root = doc.object();
        const QJsonObject job = root.contains("Job"_L1) ? root.value("Job"_L1).toObject() : root;
        if (job.value("ID"_L1).toString().isEmpty())
            return std::unexpected(u"%1: the job has no ID"_s.arg(f.fileName()));
        set.jobs << job;
        const QString ns = job.value("Namespace"_L1).toString();
        const bool known = std::any_of(set.namespaces.begin(), set.namespaces.end(),
                                       [&](const NamespaceSpec &n) { return n.name == ns; });
        if (!ns.isEmpty() && !known)
            set.namespaces << NamespaceSpec{ns, QString()};
    }
    return set;
}

} // namespace

JobSet demoJobSet()
{
    auto set = loadFrom(u":/dd/sim/jobs"_s);
    JobSet out = set ? *set : JobSet{};
    QFile f(u":/dd/sim/data/namespaces.json"_s);
    if (f.open(QIODevice::ReadOnly)) {
        QList<NamespaceSpec> described;
        for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array()) {
            described << NamespaceSpec{v.toObject().value("Name"_L1).toString(),
                                       v.toObject().value("Description"_L1).toString()};
        }
        for (const NamespaceSpec &n : out.namespaces) {
            if (!std::any_of(described.begin(), described.end(),
                             [&](const NamespaceSpec &d) { return d.name == n.name; }))
                described << n;
        }
        out.namespaces = described;
    }
    return out;
}

std::expected<JobSet, QString> loadJobDirectory(const QString &directory)
{
    return loadFrom(directory);
}

} // namespace dd::sim
