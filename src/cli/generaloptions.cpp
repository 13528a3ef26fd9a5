#include "cli/generaloptions.h"

namespace dd::cli {

void GeneralOptions::addTo(FlagSet &flags)
{
    flags.addString(QStringLiteral("address"), &address);
    flags.addString(QStringLiteral("region"), &region);
    flags.addString(QStringLiteral("namespace"), &nameSpace);
    flags.addString(QStringLiteral("ca-cert"), &caCert);
    flags.addString(QStringLiteral("ca-path"), &caPath);
    flags.addString(QStringLiteral("client-cert"), &clientCert);
    flags.addString(QStringLiteral("client-key"), &clientKey);
    flags.addString(QStringLiteral("tls-server-name"), &tlsServerName);
    flags.addString(QStringLiteral("token"), &token);
    flags.addBool(QStringLiteral("tls-skip-verify"), &tlsSkipVerify);
    flags.addBool(QStringLiteral("no-color"), &noColor);
    flags.addBool(QStringLiteral("force-color"), &forceColor);
}

ConnectionLayer flagLayer(const GeneralOptions &o, const FlagSet &flags)
{
    ConnectionLayer l;
    // Go's client ignores an empty flag value, as it does an empty variable.
    auto take = [&](ConnectionField field, const QString &value, std::optional<QString> &into) {
        if (flags.wasSet(connectionFieldFlag(field)) && !value.isEmpty())
            into = value;
    };
    take(ConnectionField::Address, o.address, l.address);
    take(ConnectionField::Region, o.region, l.region);
    take(ConnectionField::Namespace, o.nameSpace, l.nameSpace);
    take(ConnectionField::CaFile, o.caCert, l.caFile);
    take(ConnectionField::CaPath, o.caPath, l.caPath);
    take(ConnectionField::ClientCert, o.clientCert, l.clientCert);
    take(ConnectionField::ClientKey, o.clientKey, l.clientKey);
    take(ConnectionField::TlsServerName, o.tlsServerName, l.tlsServerName);
    take(ConnectionField::Token, o.token, l.token);
    if (flags.wasSet(connectionFieldFlag(ConnectionField::SkipVerify)))
        l.skipVerify = o.tlsSkipVerify;
    return l;
}

std::optional<QString> skipVerifyWarning(const ClientConfig &config)
{
    if (!config.tls.skipVerify || config.address.scheme() != u"https")
        return std::nullopt;
    return QStringLiteral("Warning: TLS verification is off (-tls-skip-verify, NOMAD_SKIP_VERIFY "
                          "or the profile); the server's identity is not checked, so any server "
                          "can pretend to be %1 and read the token.")
        .arg(config.address.host());
}

bool colorWanted(const GeneralOptions &options, bool forceColorFlagGiven,
                 const QProcessEnvironment &env, bool isTerminal)
{
    if (options.noColor || !env.value(QStringLiteral("NOMAD_CLI_NO_COLOR")).isEmpty())
        return false;
    if ((forceColorFlagGiven && options.forceColor) ||
        !env.value(QStringLiteral("NOMAD_CLI_FORCE_COLOR")).isEmpty())
        return true;
    return isTerminal;
}

} // namespace dd::cli
