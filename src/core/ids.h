#pragma once

#include <QString>

namespace dd {

// The reference CLI cuts IDs to 8 characters unless -verbose.
inline QString shortId(const QString &id, bool verbose = false)
{
    return verbose || id.size() <= 8 ? id : id.left(8);
}

// Child job IDs contain '/', which must travel as %2F inside a URL path.
QString escapePathSegment(const QString &segment);

// A fresh random UUID in Nomad's form (36 lower-case characters).
QString newUuid();

} // namespace dd
