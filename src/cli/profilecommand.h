#pragma once
// `dispatch-desk-cli profile list|show|save|use|delete|export|import`: the
// connection profiles the app uses, from the command line. Tokens go to the
// keychain through the secret store and are never printed.

#include "cli/generaloptions.h"
#include "core/connectionprofile.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

#include <chrono>
#include <expected>

namespace dd {
class ProfileStore;
class FallbackSecretStore;
} // namespace dd

namespace dd::cli {

struct ProfileCommandContext
{
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    ProfileStore *profiles = nullptr;
    // The keychain with its fallbacks; `save -weaker-token-file` turns the file on.
    FallbackSecretStore *secrets = nullptr;
    QProcessEnvironment env;
    // How long to wait for the keychain before giving up on it.
    std::chrono::milliseconds secretTimeout{10000};
};

// `args` are the words after "profile". Returns the exit code: 0 or 1.
int runProfileCommand(const QStringList &args, ProfileCommandContext &ctx);

// For `-profile NAME` on other commands: the profile's layer, with its token
// read from the secret store, to go under flags and environment in
// layeredConnection. An empty name means the current profile (`profile use`),
// and an empty layer if none is set. Problems that do not stop the command
// (token unavailable) go to `warnings`.
std::expected<ConnectionLayer, QString> profileConnectionLayer(const QString &name,
                                                               ProfileCommandContext &ctx,
                                                               QStringList *warnings = nullptr);

} // namespace dd::cli
