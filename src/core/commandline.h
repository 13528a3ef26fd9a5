#pragma once
// A dispatch written out as a command a person can paste into a shell: the
// reference `nomad job dispatch`, or `curl` against the HTTP API. Tokens are
// never written out: the command reads $NOMAD_TOKEN instead.

#include "core/types.h"

#include <QUrl>

namespace dd {

struct CommandTarget
{
    QUrl address;
    QString region;
    QString nameSpace;
    bool hasToken = false; // whether the connection uses a token (it is never included)
    QString caFile;
    QString caPath;
    QString clientCert;
    QString clientKey;
    QString tlsServerName;
    bool skipVerify = false;
};

struct CommandPayload
{
    QByteArray bytes;
    QString filePath; // when the payload came from a file, refer to the file
};

// POSIX shell quoting: bare when safe, else single quotes.
QString shellQuote(const QString &text);
QString nomadDispatchCommand(const CommandTarget &target, const DispatchRequest &request,
                             const CommandPayload &payload);
QString curlDispatchCommand(const CommandTarget &target, const DispatchRequest &request);
// Nomad's web UI page for a job: <addr>/ui/jobs/<escaped id>@<namespace>.
QUrl webUiUrl(const QUrl &address, const QString &jobId, const QString &nameSpace);

} // namespace dd
