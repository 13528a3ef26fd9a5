#include "core/ids.h"

#include <QUrl>
#include <QUuid>

namespace dd {

QString escapePathSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace dd
