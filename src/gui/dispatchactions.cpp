#include "gui/dispatchactions.h"

#include "api/connection.h"
#include "core/commandline.h"
#include "gui/desktop.h"

namespace dd::gui {

DispatchActions::DispatchActions(Connection *connection, DispatchPanel *panel, Desktop *desktop,
                                 QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_panel(panel)
    , m_desktop(desktop)
{
    connect(panel, &DispatchPanel::copyCommandRequested, this, &DispatchActions::copyCommand);
    connect(panel, &DispatchPanel::openInWebUiRequested, this, [this]() {
        if (const auto job = m_panel->job())
            openInWebUi(job->id, job->nameSpace);
    });
}

CommandTarget DispatchActions::target(const QString &nameSpace) const
{
    const ClientConfig &config = m_connection->profile().config;
    CommandTarget t;
    t.address = config.address;
    t.region = m_connection->region();
    t.nameSpace = nameSpace.isEmpty() ? m_connection->nameSpace() : nameSpace;
    if (t.nameSpace == u"*")
        t.nameSpace.clear();
    t.hasToken = !config.token.isEmpty();
    t.caFile = config.tls.caFile;
    t.caPath = config.tls.caPath;
    t.clientCert = config.tls.clientCert;
    t.clientKey = config.tls.clientKey;
    t.tlsServerName = config.tls.serverName;
    t.skipVerify = config.tls.skipVerify;
    return t;
}

QString DispatchActions::command(CommandKind kind) const
{
    const auto job = m_panel->job();
    if (!job)
        return {};
    const DispatchRequest request = m_panel->request();
    const CommandTarget t = target(job->nameSpace);
    if (kind == CommandKind::Curl)
        return curlDispatchCommand(t, request);
    CommandPayload payload;
    payload.filePath = m_panel->payloadFile();
    if (payload.filePath.isEmpty() && request.hasPayload)
        payload.bytes = request.payload;
    return nomadDispatchCommand(t, request, payload);
}

void DispatchActions::copyCommand(CommandKind kind)
{
    const QString text = command(kind);
    if (text.isEmpty() || !m_desktop)
        return;
    m_desktop->copyText(text);
    const bool token = !m_connection->profile().config.token.isEmpty();
    QString line = kind == CommandKind::Curl ? tr("Copied the curl command to the clipboard.")
                                             : tr("Copied the nomad command to the clipboard.");
    if (token)
        line += u' ' + tr("It reads the token from $NOMAD_TOKEN.");
    Q_EMIT status(line);
}

QUrl DispatchActions::webUiUrl(const QString &jobId, const QString &nameSpace) const
{
    const QString ns =
        nameSpace.isEmpty() || nameSpace == u"*" ? QStringLiteral("default") : nameSpace;
    return dd::webUiUrl(m_connection->profile().config.address, jobId, ns);
}

void DispatchActions::openInWebUi(const QString &jobId, const QString &nameSpace)
{
    if (!m_desktop || jobId.isEmpty())
        return;
    const QUrl url = webUiUrl(jobId, nameSpace);
    if (m_desktop->openUrl(url))
        Q_EMIT status(tr("Opened %1 in the browser.").arg(url.toDisplayString()));
    else
        Q_EMIT status(tr("Could not start a browser for %1; copy the address from here.")
                          .arg(url.toDisplayString()));
}

} // namespace dd::gui
