#pragma once
// The reference CLI's general options and their environment variables.
// A flag beats its variable, which beats the profile, which beats the default.

#include "api/clientconfig.h"
#include "cli/goflags.h"

#include <QProcessEnvironment>

#include <expected>
#include <optional>

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

// Field-by-field layering of one source over another; empty means "not given".
struct ConnectionFields
{
    std::optional<QString> address, region, nameSpace, caCert, caPath, clientCert, clientKey,
        tlsServerName, token;
    std::optional<bool> tlsSkipVerify;
};

ConnectionFields fieldsFromFlags(const GeneralOptions &options, const FlagSet &flags);
ConnectionFields fieldsFromEnvironment(const QProcessEnvironment &env);
// `over` wins wherever it has a value.
ConnectionFields layered(const ConnectionFields &over, const ConnectionFields &under);

// Builds the client configuration; the error text follows "Error initializing client: ".
std::expected<ClientConfig, QString> clientConfigFrom(const ConnectionFields &fields);

bool colorWanted(const GeneralOptions &options, bool forceColorFlagGiven,
                 const QProcessEnvironment &env, bool isTerminal);

} // namespace dd::cli
