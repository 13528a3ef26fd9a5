#pragma once
// The reference CLI's general options. A flag beats its variable, which beats
// the profile, which beats the default: core's layeredConnection decides, and
// api's clientConfigFor turns the result into a configuration.

#include "api/profileclient.h"
#include "cli/goflags.h"
#include "core/connectionprofile.h"

#include <QProcessEnvironment>

namespace dd::cli {

struct GeneralOptions
{
    QString address;
    QString region;
    QString nameSpace;
    QString caCert;
    QString caPath;
    QString clientCert;
    QString clientKey;
    QString tlsServerName;
    QString token;
    bool tlsSkipVerify = false;
    bool noColor = false;
    bool forceColor = false;

    void addTo(FlagSet &flags);
};

// The general options given as flags: the top layer of core's
// layeredConnection (flags > environment > profile > defaults). A flag given
// with an empty value is not given, as in Go's client.
ConnectionLayer flagLayer(const GeneralOptions &options, const FlagSet &flags);

// The warning every command that connects prints (job dispatch,
// dispatch-batch, job list) when TLS verification is off over https, whether
// -tls-skip-verify, NOMAD_SKIP_VERIFY or the profile turned it off; nothing
// otherwise. Starts with "Warning: ".
std::optional<QString> skipVerifyWarning(const ClientConfig &config);

bool colorWanted(const GeneralOptions &options, bool forceColorFlagGiven,
                 const QProcessEnvironment &env, bool isTerminal);

} // namespace dd::cli
