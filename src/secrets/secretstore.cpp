#include "secrets/secretstore.h"

#include <QCoreApplication>

namespace dd {

Q_LOGGING_CATEGORY(lcSecrets, "dd.secrets")

QString secretLocationText(SecretLocation location)
{
    switch (location) {
    case SecretLocation::Keychain:
        return QCoreApplication::translate("SecretStore", "the system keychain");
    case SecretLocation::WeakerFile:
        return QCoreApplication::translate(
            "SecretStore", "the weaker token file (readable by your user account, not encrypted)");
    case SecretLocation::Session:
        return QCoreApplication::translate("SecretStore", "memory, for this session only");
    }
    return {};
}

} // namespace dd
