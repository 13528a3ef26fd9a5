#pragma once
// The jobs and namespaces a simulator starts with: the built-in demo cluster
// (compiled in from src/sim/jobs and src/sim/data) or a directory of
// *.register.json files (PUT /v1/jobs bodies) plus an optional namespaces.json.

#include <QJsonObject>
#include <QList>
#include <QString>

#include <expected>

namespace dd::sim {

struct NamespaceSpec
{
    QString name;
    QString description;
};

struct JobSet
{
    QList<NamespaceSpec> namespaces;
    QList<QJsonObject> jobs; // the "Job" objects, in file-name order
};

JobSet demoJobSet();
// Namespaces named by jobs but not by namespaces.json are created too.
std::expected<JobSet, QString> loadJobDirectory(const QString &directory);

} // namespace dd::sim
