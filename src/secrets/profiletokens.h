#pragma once
// Saving a profile together with its token, for the app: the token goes to
// the secret store first, so the profile only names a token that was stored;
// the settings file never sees it.

#include "core/profilestore.h"
#include "secrets/secretstore.h"

#include <expected>
#include <functional>
#include <optional>

namespace dd {

struct SavedProfile
{
    ConnectionProfile profile;
    std::optional<SecretLocation> tokenLocation; // empty: no token was given
};

using SaveProfileCallback = std::function<void(std::expected<SavedProfile, QString>)>;

// `token`: nullopt keeps the profile's current token; an empty string removes it.
void saveProfileWithToken(ProfileStore &store, SecretStore &secrets, ConnectionProfile profile,
                          std::optional<QString> token, QObject *context, SaveProfileCallback done);

} // namespace dd
