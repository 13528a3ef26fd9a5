#pragma once
// A named way to reach one Nomad cluster, shared by the app and the CLI, and
// the rules that layer flags, environment, profile and defaults over each
// other. Plain values: the token itself never lives here, only a reference to
// it in the secret store.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace dd {

struct ConnectionProfile
{
    QString name;
    QString address; // as the user typed it; validated, not normalised
    QString region;
    QString nameSpace; // `namespace` is a keyword
    QString caFile;
    QString caPath; // a directory of PEM certificates
    QString clientCert;
    QString clientKey;
    QString tlsServerName; // SNI and the name the server certificate must carry
    bool skipVerify = false;
    QString tokenRef; // key of the token in the secret store; empty: no token saved
    QString label;    // e.g. "PRODUCTION", shown beside the name
    QString color;    // "#rrggbb"; empty: none. So prod is hard to mistake for dev.

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// Names double as QSettings groups and CLI arguments, so they stay simple.
constexpr qsizetype kMaxProfileNameLength = 64;
std::optional<QString> profileNameProblem(const QString &name);

// The longest values a profile accepts, generous for real use and small
// enough that an imported file or a pasted label cannot bloat the settings
// file (and every `profile list` that reads it).
constexpr qsizetype kMaxProfileTextLength = 256; // label, region, namespace, TLS server name
constexpr qsizetype kMaxProfileAddressLength = 1024;
constexpr qsizetype kMaxProfilePathLength = 4096; // CA file and folder, client certificate and key

// What is wrong with a profile, one sentence per problem; empty when usable.
// A value over its limit is named with the limit, never repeated.
QStringList profileProblems(const ConnectionProfile &profile);

// At most `max` characters of `text`, with "…" when cut: for messages that
// name a value from a file.
QString elidedForMessage(const QString &text, qsizetype max = 48);

// The secret-store key under which a profile's token is kept.
QString tokenRefForProfile(const QString &profileName);

// strconv.ParseBool, which Nomad uses for NOMAD_SKIP_VERIFY.
std::optional<bool> goParseBool(const QString &text);

// ---- Layering: flags > environment > profile > defaults, field by field ----

enum class ConnectionField {
    Address,
    Region,
    Namespace,
    CaFile,
    CaPath,
    ClientCert,
    ClientKey,
    TlsServerName,
    SkipVerify,
    Token,
};
inline constexpr ConnectionField kAllConnectionFields[] = {
    ConnectionField::Address,   ConnectionField::Region,        ConnectionField::Namespace,
    ConnectionField::CaFile,    ConnectionField::CaPath,        ConnectionField::ClientCert,
    ConnectionField::ClientKey, ConnectionField::TlsServerName, ConnectionField::SkipVerify,
    ConnectionField::Token,
};
// The flag's name without the dash ("ca-cert"), and the variable ("NOMAD_CACERT").
QString connectionFieldFlag(ConnectionField field);
QString connectionFieldVariable(ConnectionField field);

enum class FieldSource { None, Default, Profile, Environment, Flag };
QString fieldSourceName(FieldSource source);

// What one source says. An empty optional means "this source is silent", so a
// lower source shows through; an empty string is never a value (Go's client
// ignores empty flags and variables too).
struct ConnectionLayer
{
    std::optional<QString> address, region, nameSpace, caFile, caPath, clientCert, clientKey,
        tlsServerName, token;
    std::optional<bool> skipVerify;

    bool has(ConnectionField field) const;
    bool isEmpty() const;
    // Text form of a field (booleans as "true"/"false"), for messages and tables.
    std::optional<QString> text(ConnectionField field) const;
    friend bool operator==(const ConnectionLayer &, const ConnectionLayer &) = default;
};

struct ResolvedConnection
{
    ConnectionLayer values;
    QHash<ConnectionField, FieldSource> sources;
    // Values a source gave that were ignored, and why (NOMAD_SKIP_VERIFY=yes):
    // every front end shows them, the same words.
    QStringList warnings;

    FieldSource sourceOf(ConnectionField field) const
    {
        return sources.value(field, FieldSource::None);
    }
};

// Nomad's defaults: http://127.0.0.1:4646, verification on.
ConnectionLayer defaultConnectionLayer();

// The pure precedence rule. Each field comes from the highest source that has it.
ResolvedConnection resolveConnection(const ConnectionLayer &flags,
                                     const ConnectionLayer &environment,
                                     const ConnectionLayer &profile,
                                     const ConnectionLayer &defaults = defaultConnectionLayer());

// The layering every front end connects with: flags over the NOMAD_* variables
// (read by importEnvironment, whose warnings come along) over a profile over
// Nomad's defaults. Front ends without flags or without a profile pass {};
// `profile save` passes no defaults, so that they are not written.
ResolvedConnection layeredConnection(const ConnectionLayer &flags,
                                     const QProcessEnvironment &environment,
                                     const ConnectionLayer &profile,
                                     const ConnectionLayer &defaults = defaultConnectionLayer());

// A profile's fields as a layer; the token comes from the secret store.
ConnectionLayer layerFromProfile(const ConnectionProfile &profile,
                                 const std::optional<QString> &token = std::nullopt);
// A profile from resolved values (the token is left out: it goes to the secret store).
ConnectionProfile profileFromLayer(const QString &name, const ConnectionLayer &layer);

// ---- The "Environment" profile ----

inline const QString kEnvironmentProfileName = QStringLiteral("Environment");

struct EnvironmentImport
{
    ConnectionLayer layer; // only the variables that are set and non-empty
    QStringList warnings;  // values that were ignored, and why
    ConnectionProfile profile() const { return profileFromLayer(kEnvironmentProfileName, layer); }
};

// Reads NOMAD_ADDR ... NOMAD_SKIP_VERIFY the way Nomad's Go client does.
EnvironmentImport importEnvironment(const QProcessEnvironment &environment);

// ---- JSON import/export: never carries secrets ----

struct ProfileIssue
{
    QString name;         // the profile's name, or "#3" when it has none
    QStringList problems; // why it was not loaded
    QStringList warnings; // loaded, but something was ignored
};

struct ProfilesFromJson
{
    QList<ConnectionProfile> profiles;
    QList<ProfileIssue> issues;
};

QByteArray profilesToJson(const QList<ConnectionProfile> &profiles);
// Fails only when the document as a whole is unusable; bad entries are reported one by one.
std::expected<ProfilesFromJson, QString> profilesFromJson(const QByteArray &json);

} // namespace dd
