#pragma once
// From a saved profile (or resolved flags, environment and profile) to the
// configuration NomadClient takes, plus the warnings a person must see before
// connecting: TLS verification off, a token sent over plain http.

#include "api/clientconfig.h"
#include "core/connectionprofile.h"

#include <expected>

namespace dd {

// The token is passed in: it comes from the secret store, never from the profile.
std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionProfile &profile,
                                                      const QString &token = {});
// Every field already layered (see resolveConnection); `profileName` names the
// profile in messages and may be empty.
std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionLayer &resolved,
                                                      const QString &profileName = {});
// What a front end connects with: flags over the NOMAD_* variables over a
// profile over Nomad's defaults (layeredConnection), as a configuration. The
// layering's warnings (an unparsable NOMAD_SKIP_VERIFY) are appended to
// `warnings` even when the configuration is unusable; the error is an address
// that does not parse.
std::expected<ClientConfig, ApiError> clientConfigFor(const ConnectionLayer &flags,
                                                      const QProcessEnvironment &environment,
                                                      const ConnectionLayer &profile,
                                                      QStringList *warnings);

struct ConnectionWarning
{
    enum class Kind { SkipVerify, TokenOverHttp, TlsSettingsOverHttp };
    Kind kind;
    QString text;
};
// To be shown prominently (a banner in the app, stderr in the CLI), every time.
QList<ConnectionWarning> connectionWarnings(const ClientConfig &config,
                                            const QString &profileName = {});

} // namespace dd
