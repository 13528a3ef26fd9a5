#pragma once
// The end of a task's log, read once (no follow): what a failure's banner
// quotes. The bytes are returned as Nomad sent them; core/logtext's
// lastLogLines() makes them safe to show.

#include "api/apierror.h"

#include <QByteArray>
#include <QObject>

#include <expected>
#include <functional>

namespace dd {

class NomadClient;

struct LogTailRequest
{
    QString allocId;
    QString task;
    QString nameSpace;
    bool stderrStream = true;
    qint64 bytes = 4096;
};

// The callback runs once, unless `context` is destroyed first (the read then stops).
void readLogTail(NomadClient *client, const LogTailRequest &request, QObject *context,
                 std::function<void(std::expected<QByteArray, ApiError>)> callback);

} // namespace dd
