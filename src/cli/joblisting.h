#pragma once
// Job lookup by unique prefix among parameterized parents (Nomad 1.5+).

#include "core/types.h"

#include <expected>

namespace dd::cli {

// The filter for parameterized parents, on servers that understand filters
// (1.3+); older servers ignore it, and callers keep isParameterizedParent() jobs.
inline const QString kParentFilter =
    QStringLiteral("ParentID == \"\" and ParameterizedJob is not nil");

struct JobMatch
{
    QString id;
    QString nameSpace;
};

// An exact ID wins; one match wins; several is an error listing them. No
// match falls back to the given ID, so the server's own error is shown.
std::expected<JobMatch, QString> matchJobPrefix(const QString &prefix, QList<JobStub> jobs,
                                                bool allNamespaces);

// The reference's job table: ID, [Namespace,] Type, Priority, Status, Submit Date.
QString formatJobList(const QList<JobStub> &jobs, bool withNamespace);

// Go's columnize: columns padded to the widest cell, joined by two spaces.
QString columnize(const QList<QStringList> &rows);

} // namespace dd::cli
