#include "api/profileclient.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {
QString trProfileClient(const char *text)
{
    return QCoreApplication::translate("ProfileClient", text);
}

QString named(const QString &profileName)
{
    return profileName.isEmpty() ? trProfileClient("this connection")
                                 : trProfileClient("the profile \"%1\"").arg(profileName);
}
} // namespace

std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionProfile &profile,
                                                      const QString &token)
{
    const QStringList problems = profileProblems(profile);
    if (!problems.isEmpty()) {
        return std::unexpected(
            ApiError::config(trProfileClient("The profile \"%1\" cannot be used: %2.")
                                 .arg(profile.name, problems.join(u"; "_s))));
    }
    const ConnectionLayer layer = layerFromProfile(profile, token);
    return clientConfigFor(resolveConnection({}, {}, layer).values, profile.name);
}

std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionLayer &resolved,
                                                      const QString &profileName)
{
    ClientConfig config;
    auto url = parseAddress(resolved.address.value_or(kDefaultAddress));
    if (!url) {
        if (profileName.isEmpty())
            return std::unexpected(ApiError::config(url.error()));
        return std::unexpected(ApiError::config(
            trProfileClient("In the profile \"%1\": %2").arg(profileName, url.error())));
    }
    config.address = *url;
    config.region = resolved.region.value_or(QString());
    config.nameSpace = resolved.nameSpace.value_or(QString());
    config.token = resolved.token.value_or(QString());
    config.tls.caFile = resolved.caFile.value_or(QString());
    config.tls.caPath = resolved.caPath.value_or(QString());
    config.tls.clientCert = resolved.clientCert.value_or(QString());
    config.tls.clientKey = resolved.clientKey.value_or(QString());
    config.tls.serverName = resolved.tlsServerName.value_or(QString());
    config.tls.skipVerify = resolved.skipVerify.value_or(false);
    return config;
}

std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionLayer &flags,
                                                      const QProcessEnvironment &environment,
                                                      const ConnectionLayer &profile,
                                                      QStringList *warnings)
{
    const ResolvedConnection resolved = layeredConnection(flags, environment, profile);
    if (warnings)
        *warnings += resolved.warnings;
    return clientConfigFor(resolved.values);
}

QList<ConnectionWarning> connectionWarnings(const ClientConfig &config, const QString &profileName)
{
    QList<ConnectionWarning> out;
    const bool https = config.address.scheme() == u"https";
    if (https && config.tls.skipVerify) {
        out.append({ConnectionWarning::Kind::SkipVerify,
                    trProfileClient(
                        "TLS verification is OFF for %1: any server can pretend to be %2 and read "
                        "the token. Give the cluster's CA certificate (-ca-cert) and turn "
                        "skip-verify off.")
                        .arg(named(profileName), config.address.host())});
    }
    if (!https && !config.token.isEmpty()) {
        out.append(
            {ConnectionWarning::Kind::TokenOverHttp,
             trProfileClient("The token for %1 is sent unencrypted over http to %2; use an https "
                             "address if the cluster has TLS.")
                 .arg(named(profileName), config.address.host())});
    }
    if (!https && !config.tls.isEmpty()) {
        out.append(
            {ConnectionWarning::Kind::TlsSettingsOverHttp,
             trProfileClient("%1 has TLS settings but an http address, so they are not used; write "
                             "https:// in the address.")
                 .arg(named(profileName))});
    }
    // "the profile" at the start of a sentence.
    for (ConnectionWarning &w : out) {
        if (!w.text.isEmpty())
            w.text[0] = w.text[0].toUpper();
    }
    return out;
}

} // namespace dd
