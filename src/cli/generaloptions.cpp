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

ConnectionFields fieldsFromFlags(const GeneralOptions &o, const FlagSet &flags)
{
    ConnectionFields f;
    // Go's client ignores an empty flag value, as it does an empty variable.
    auto take = [&](const char *name, const QString &value, std::optional<QString> &into) {
        if (flags.wasSet(QLatin1StringView(name)) && !value.isEmpty())
            into = value;
    };
    take("address", o.address, f.address);
    take("region", o.region, f.region);
    take("namespace", o.nameSpace, f.nameSpace);
    take("ca-cert", o.caCert, f.caCert);
    take("ca-path", o.caPath, f.caPath);
    take("client-cert", o.clientCert, f.clientCert);
    take("client-key", o.clientKey, f.clientKey);
    take("tls-server-name", o.tlsServerName, f.tlsServerName);
    take("token", o.token, f.token);
    if (flags.wasSet(QStringLiteral("tls-skip-verify")))
        f.tlsSkipVerify = o.tlsSkipVerify;
    return f;
}

ConnectionFields fieldsFromEnvironment(const QProcessEnvironment &env)
{
    ConnectionFields f;
    auto take = [&](const char *name, std::optional<QString> &into) {
        const QString value = env.value(QLatin1StringView(name));
        if (!value.isEmpty())
            into = value;
    };
    take("NOMAD_ADDR", f.address);
    take("NOMAD_REGION", f.region);
    take("NOMAD_NAMESPACE", f.nameSpace);
    take("NOMAD_CACERT", f.caCert);
    take("NOMAD_CAPATH", f.caPath);
    take("NOMAD_CLIENT_CERT", f.clientCert);
    take("NOMAD_CLIENT_KEY", f.clientKey);
    take("NOMAD_TLS_SERVER_NAME", f.tlsServerName);
    take("NOMAD_TOKEN", f.token);
    // An unparsable value is ignored, as Go's client does.
    if (const auto skip = parseGoBool(env.value(QStringLiteral("NOMAD_SKIP_VERIFY"))))
        f.tlsSkipVerify = *skip;
    return f;
}

ConnectionFields layered(const ConnectionFields &over, const ConnectionFields &under)
{
    ConnectionFields f;
    f.address = over.address ? over.address : under.address;
    f.region = over.region ? over.region : under.region;
    f.nameSpace = over.nameSpace ? over.nameSpace : under.nameSpace;
    f.caCert = over.caCert ? over.caCert : under.caCert;
    f.caPath = over.caPath ? over.caPath : under.caPath;
    f.clientCert = over.clientCert ? over.clientCert : under.clientCert;
    f.clientKey = over.clientKey ? over.clientKey : under.clientKey;
    f.tlsServerName = over.tlsServerName ? over.tlsServerName : under.tlsServerName;
    f.token = over.token ? over.token : under.token;
    f.tlsSkipVerify = over.tlsSkipVerify ? over.tlsSkipVerify : under.tlsSkipVerify;
    return f;
}

std::expected<ClientConfig, QString> clientConfigFrom(const ConnectionFields &f)
{
    ClientConfig config;
    auto url = parseAddress(f.address.value_or(kDefaultAddress));
    if (!url)
        return std::unexpected(url.error());
    config.address = *url;
    config.region = f.region.value_or(QString());
    config.nameSpace = f.nameSpace.value_or(QString());
    config.token = f.token.value_or(QString());
    config.tls.caFile = f.caCert.value_or(QString());
    config.tls.caPath = f.caPath.value_or(QString());
    config.tls.clientCert = f.clientCert.value_or(QString());
    config.tls.clientKey = f.clientKey.value_or(QString());
    config.tls.serverName = f.tlsServerName.value_or(QString());
    config.tls.skipVerify = f.tlsSkipVerify.value_or(false);
    return config;
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
