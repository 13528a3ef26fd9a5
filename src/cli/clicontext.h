#pragma once
// What a CLI command gets from the process: streams, environment, network,
// and the saved profile chosen with -profile (already layered under flags).

#include "cli/generaloptions.h"
#include "cli/terminal.h"

#include <QIODevice>
#include <QProcessEnvironment>

#include <functional>

class QNetworkAccessManager;
class QSettings;

namespace dd {
class ProfileStore;
class FallbackSecretStore;
} // namespace dd

namespace dd::cli {

struct CliContext
{
    QIODevice *out = nullptr;
    QIODevice *err = nullptr;
    QIODevice *in = nullptr;
    QProcessEnvironment env;
    QNetworkAccessManager *network = nullptr;
    bool stdoutIsTerminal = false;
    bool stdinIsTerminal = false; // a person can answer a confirmation
    ConnectionLayer profileLayer; // the -profile's (or current profile's) fields; empty when none
    QString profileName;
    QString journalPath;           // empty: no journal
    QSettings *settings = nullptr; // shared with the app: profiles, presets
    dd::ProfileStore *profiles = nullptr;
    dd::FallbackSecretStore *secrets = nullptr; // the keychain, with its fallbacks
    // Opens a URL in the browser; injectable for tests.
    std::function<bool(const QUrl &)> openUrl;
};

} // namespace dd::cli
