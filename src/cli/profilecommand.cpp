// Over 400 lines: the seven small subcommands of `profile`, sharing its parsing and
// its output.

#include "cli/profilecommand.h"
#include "cli/profileimportcommand.h"

#include "api/profileclient.h"
#include "core/profilestore.h"
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {

const char kUsage[] = R"(Usage: dispatch-desk-cli profile <subcommand> [options] [args]

  Connection profiles shared with the Dispatch Desk app. Tokens are kept in
  the system keychain, never in the settings file, and are never printed.

Subcommands:
  list                      List the profiles; * marks the current one
  show [NAME]               Show a profile (default: the current one)
  save [options] NAME       Save the connection given by the general options
                            and NOMAD_* variables as a profile; an existing
                            profile keeps the fields not given
  use NAME                  Make NAME the current profile
  delete NAME               Delete a profile and its token
  export [NAME...]          Print profiles as JSON, without tokens
  import [-replace] [-keep-tokens] FILE
                            Add the profiles of an exported JSON file;
                            -replace overwrites saved profiles of the same
                            name. A replaced profile whose scheme, host or
                            port changes loses its saved token (it was given
                            for the old address) unless -keep-tokens is given

Options of save:
  -address, -region, -namespace, -ca-cert, -ca-path, -client-cert,
  -client-key, -tls-server-name, -tls-skip-verify, -token
    As for every command; each beats its NOMAD_* variable.
  -label=<text>       A label shown beside the name, e.g. PRODUCTION
  -color=<#rrggbb>    A colour the app shows for the profile
  -ignore-env         Do not take values from NOMAD_* variables
  -weaker-token-file  When no keychain service runs, keep tokens in a file
                      readable only by you. It is NOT encrypted. Remembered;
                      turn it off with -weaker-token-file=false.
)";

struct Streams
{
    QTextStream &out;
    QTextStream &err;
};

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

void printIssues(QTextStream &err, const ProfileLoad &load, const QString &file)
{
    for (const QString &problem : load.fileProblems)
        err << "Warning: the settings file " << file << " is damaged: " << problem << ".\n";
    for (const ProfileIssue &issue : load.issues) {
        if (!issue.problems.isEmpty()) {
            err << "Warning: the profile " << quoted(issue.name) << " in " << file
                << " cannot be used: " << issue.problems.join(u"; "_s)
                << ". Fix it there, or save it again.\n";
        }
        for (const QString &warning : issue.warnings)
            err << "Warning: the profile " << quoted(issue.name) << ": " << warning << '\n';
    }
}

int list(const QStringList &args, ProfileCommandContext &ctx)
{
    if (!args.isEmpty()) {
        *ctx.err << "Error: profile list takes no arguments (got " << args.join(u' ') << ").\n";
        return 1;
    }
    const ProfileLoad load = ctx.profiles->load();
    printIssues(*ctx.err, load, ctx.profiles->fileName());
    if (load.profiles.isEmpty()) {
        *ctx.out << "No profiles are saved. Save one with: dispatch-desk-cli profile save "
                    "-address=https://nomad.example:4646 NAME\n";
        return 0;
    }
    const QString current = ctx.profiles->currentProfileName();
    qsizetype nameWidth = 4, addressWidth = 7;
    for (const ConnectionProfile &p : load.profiles) {
        nameWidth = qMax(nameWidth, p.name.size());
        addressWidth = qMax(addressWidth, p.address.size());
    }
    QTextStream &out = *ctx.out;
    out << "  " << u"Name"_s.leftJustified(nameWidth) << "  "
        << u"Address"_s.leftJustified(addressWidth) << "  Namespace  Label\n";
    for (const ConnectionProfile &p : load.profiles) {
        QString line = (p.name == current ? u"* "_s : u"  "_s) + p.name.leftJustified(nameWidth) +
                       u"  "_s + p.address.leftJustified(addressWidth) + u"  "_s +
                       (p.nameSpace.isEmpty() ? u"default"_s : p.nameSpace).leftJustified(9) +
                       u"  "_s + p.label;
        if (p.skipVerify)
            line += (p.label.isEmpty() ? u""_s : u" "_s) + u"(TLS verification OFF)"_s;
        while (line.endsWith(u' '))
            line.chop(1);
        out << line << '\n';
    }
    if (!current.isEmpty() && !ctx.profiles->contains(current)) {
        *ctx.err << "Warning: the current profile " << quoted(current)
                 << " no longer exists; pick another with \"profile use NAME\".\n";
    }
    return 0;
}

QString tokenStatus(const ConnectionProfile &p, ProfileCommandContext &ctx, QString *token)
{
    if (p.tokenRef.isEmpty())
        return u"none saved"_s;
    auto stored = readSecretBlocking(*ctx.secrets, p.tokenRef, ctx.secretTimeout);
    if (stored) {
        *token = stored->value;
        return u"stored in "_s + secretLocationText(stored->location);
    }
    switch (stored.error().kind) {
    case SecretError::Kind::NotFound:
        return u"missing: the profile names one, but the keychain has no entry \""_s + p.tokenRef +
               u"\"; save the profile again with -token"_s;
    case SecretError::Kind::NoBackend:
        return u"cannot be read: "_s + stored.error().message +
               u"; it is not in the weaker token file either"_s;
    default:
        return u"cannot be read: "_s + stored.error().message;
    }
}

int show(const QStringList &args, ProfileCommandContext &ctx)
{
    if (args.size() > 1) {
        *ctx.err << "Error: profile show takes one profile name (got " << args.size() << ").\n";
        return 1;
    }
    QString name = args.value(0);
    if (name.isEmpty()) {
        name = ctx.profiles->currentProfileName();
        if (name.isEmpty()) {
            *ctx.err << "Error: no profile named and no current profile. Name one (profile show "
                        "NAME), or choose one with \"profile use NAME\".\n";
            return 1;
        }
    }
    auto p = ctx.profiles->profile(name);
    if (!p) {
        *ctx.err << "Error: " << p.error().message << '\n';
        return 1;
    }
    QString token;
    const QString tokenText = tokenStatus(*p, ctx, &token);
    const auto na = [](const QString &v) { return v.isEmpty() ? u"<none>"_s : v; };
    QTextStream &out = *ctx.out;
    out << "Name            = " << p->name << '\n';
    if (!p->label.isEmpty() || !p->color.isEmpty())
        out << "Label           = " << p->label
            << (p->color.isEmpty() ? u""_s : u" (" + p->color + u')') << '\n';
    out << "Current         = " << (ctx.profiles->currentProfileName() == p->name ? "yes" : "no")
        << '\n';
    out << "Address         = " << p->address << '\n';
    out << "Region          = " << na(p->region) << '\n';
    out << "Namespace       = " << (p->nameSpace.isEmpty() ? u"<none> (default)"_s : p->nameSpace)
        << '\n';
    out << "CA certificate  = " << na(p->caFile) << '\n';
    out << "CA directory    = " << na(p->caPath) << '\n';
    out << "Client cert     = " << na(p->clientCert) << '\n';
    out << "Client key      = " << na(p->clientKey) << '\n';
    out << "TLS server name = " << na(p->tlsServerName) << '\n';
    out << "TLS verify      = " << (p->skipVerify ? "OFF (skip-verify)" : "on") << '\n';
    out << "Token           = " << tokenText << '\n';
    if (auto config = clientConfigFor(*p, token)) {
        for (const ConnectionWarning &w : connectionWarnings(*config, p->name))
            *ctx.err << "Warning: " << w.text << '\n';
    }
    return 0;
}

int save(const QStringList &args, ProfileCommandContext &ctx)
{
    GeneralOptions general;
    QString label, color;
    bool ignoreEnv = false, weakerFile = false;
    FlagSet flags;
    general.addTo(flags);
    flags.addString(u"label"_s, &label);
    flags.addString(u"color"_s, &color);
    flags.addBool(u"ignore-env"_s, &ignoreEnv);
    flags.addBool(u"weaker-token-file"_s, &weakerFile);
    auto positional = flags.parse(args);
    // Accept options after the name too: `profile save prod -region=eu`.
    if (positional && positional->size() > 1) {
        const QString name = positional->first();
        positional = flags.parse(positional->mid(1));
        if (positional)
            positional->prepend(name);
    }
    if (!positional) {
        if (flags.helpRequested()) {
            *ctx.out << kUsage;
            return 0;
        }
        *ctx.err << "Error: " << positional.error() << "\n\n" << kUsage;
        return 1;
    }
    if (positional->size() != 1) {
        *ctx.err << "Error: profile save takes one profile name (got "
                 << (positional->isEmpty() ? u"none"_s : positional->join(u' ')) << ").\n";
        return 1;
    }
    const QString name = positional->first();
    if (const auto problem = profileNameProblem(name)) {
        *ctx.err << "Error: the profile was not saved: " << *problem << ".\n";
        return 1;
    }

    const auto existing = ctx.profiles->contains(name)
                              ? ctx.profiles->profile(name)
                              : std::expected<ConnectionProfile, ProfileStoreError>();
    const bool updating = ctx.profiles->contains(name) && existing.has_value();
    const ConnectionLayer base = updating ? layerFromProfile(*existing) : ConnectionLayer{};
    // Defaults are not written: a profile without an address is an error, said below.
    const ResolvedConnection resolved =
        layeredConnection(flagLayer(general, flags), ignoreEnv ? QProcessEnvironment() : ctx.env,
                          base, /*defaults=*/{});
    for (const QString &warning : resolved.warnings)
        *ctx.err << "Warning: " << warning << '\n';

    ConnectionProfile profile = profileFromLayer(name, resolved.values);
    profile.label = flags.wasSet(u"label"_s) ? label : (updating ? existing->label : QString());
    profile.color = flags.wasSet(u"color"_s) ? color : (updating ? existing->color : QString());
    profile.tokenRef = updating ? existing->tokenRef : QString();
    if (const QStringList problems = profileProblems(profile); !problems.isEmpty()) {
        *ctx.err << "Error: the profile " << quoted(name)
                 << " was not saved: " << problems.join(u"; "_s) << ".\n";
        return 1;
    }

    if (flags.wasSet(u"weaker-token-file"_s)) {
        if (auto ok = ctx.profiles->setWeakerTokenFileAllowed(weakerFile); !ok) {
            *ctx.err << "Error: " << ok.error().message << '\n';
            return 1;
        }
        ctx.secrets->setWeakerFileAllowed(weakerFile);
    }

    QStringList notes;
    for (ConnectionField field : kAllConnectionFields) {
        if (resolved.sourceOf(field) == FieldSource::Environment)
            notes.append(connectionFieldFlag(field) + u" from "_s + connectionFieldVariable(field));
    }

    // The token first, so the profile only names a token that was really stored.
    if (const auto token = resolved.values.token;
        token && resolved.sourceOf(ConnectionField::Token) != FieldSource::Profile) {
        const QString ref = tokenRefForProfile(name);
        auto stored = writeSecretBlocking(*ctx.secrets, ref, *token, ctx.secretTimeout);
        if (stored && *stored == SecretLocation::Session) {
            // A CLI session ends now: a token in memory is a token not stored.
            // An older token of this profile is stale now, so unlink it too.
            removeSecretBlocking(*ctx.secrets, ref, ctx.secretTimeout);
            profile.tokenRef.clear();
            *ctx.err << "Warning: the token was NOT stored: "
                     << ctx.secrets->status().keychainProblem
                     << ". The profile is saved without it. Give the token with -token or "
                        "NOMAD_TOKEN when you use the profile, start a keychain service "
                        "(gnome-keyring, KWallet), or save again with -weaker-token-file to keep "
                        "it in a file only you can read (not encrypted).\n";
        } else if (stored) {
            profile.tokenRef = ref;
            if (*stored == SecretLocation::WeakerFile) {
                *ctx.err << "Warning: no keychain service is running, so the token is stored in "
                         << secretLocationText(*stored) << ".\n";
            }
            notes.append(u"token stored in "_s + secretLocationText(*stored));
        } else {
            *ctx.err << "Error: the profile " << quoted(name)
                     << " was not saved because its token could not be stored: "
                     << stored.error().message
                     << ". Allow access to the keychain, or save without -token.\n";
            return 1;
        }
    }

    if (auto ok = ctx.profiles->save(profile); !ok) {
        *ctx.err << "Error: " << ok.error().message << '\n';
        return 1;
    }
    *ctx.out << (updating ? "Updated" : "Saved") << " profile " << quoted(name) << " ("
             << profile.address << ")";
    if (!notes.isEmpty())
        *ctx.out << ": " << notes.join(u", "_s);
    *ctx.out << ".\n";
    if (auto config = clientConfigFor(profile, resolved.values.token.value_or(QString()))) {
        for (const ConnectionWarning &w : connectionWarnings(*config, name))
            *ctx.err << "Warning: " << w.text << '\n';
    }
    if (!ctx.profiles->damagedFileBackup().isEmpty()) {
        *ctx.err << "Note: the settings file had lines that could not be read; a copy was kept at "
                 << ctx.profiles->damagedFileBackup() << ".\n";
    }
    return 0;
}

int use(const QStringList &args, ProfileCommandContext &ctx)
{
    if (args.size() != 1) {
        *ctx.err << "Error: profile use takes one profile name, e.g. \"profile use prod\".\n";
        return 1;
    }
    if (auto ok = ctx.profiles->setCurrentProfile(args.first()); !ok) {
        *ctx.err << "Error: " << ok.error().message << '\n';
        return 1;
    }
    const auto p = ctx.profiles->profile(args.first());
    *ctx.out << "Now using profile " << quoted(args.first()) << " (" << p->address << ").\n";
    return 0;
}

int remove(const QStringList &args, ProfileCommandContext &ctx)
{
    if (args.size() != 1) {
        *ctx.err << "Error: profile delete takes one profile name.\n";
        return 1;
    }
    const QString name = args.first();
    auto removed = ctx.profiles->remove(name);
    if (!removed) {
        *ctx.err << "Error: " << removed.error().message << '\n';
        return 1;
    }
    *ctx.out << "Deleted profile " << quoted(name) << ".\n";
    if (removed->isEmpty())
        return 0;
    auto gone = removeSecretBlocking(*ctx.secrets, *removed, ctx.secretTimeout);
    if (!gone) {
        *ctx.err << "Error: the token of " << quoted(name)
                 << " could not be deleted: " << gone.error().message << ". Remove the entry "
                 << quoted(*removed) << " of service \"dispatch-desk\" in your keychain by hand.\n";
        return 1;
    }
    if (ctx.secrets->status().keychain == FallbackSecretStore::KeychainState::Unavailable) {
        *ctx.err << "Note: no keychain service is running, so a token saved there earlier for "
                 << quoted(name) << " could not be deleted; remove the entry " << quoted(*removed)
                 << " when the keychain runs.\n";
    }
    return 0;
}

} // namespace

int runProfileCommand(const QStringList &args, ProfileCommandContext &ctx)
{
    Q_ASSERT(ctx.out && ctx.err && ctx.profiles && ctx.secrets);
    // The user's earlier choice about the weaker file holds for every command.
    ctx.secrets->setWeakerFileAllowed(ctx.profiles->weakerTokenFileAllowed());
    int code = 1;
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == u"list")
        code = list(rest, ctx);
    else if (sub == u"show")
        code = show(rest, ctx);
    else if (sub == u"save")
        code = save(rest, ctx);
    else if (sub == u"use")
        code = use(rest, ctx);
    else if (sub == u"delete")
        code = remove(rest, ctx);
    else if (sub == u"export")
        code = profileExport(rest, ctx);
    else if (sub == u"import")
        code = profileImport(rest, ctx);
    else if (sub == u"-help" || sub == u"--help" || sub == u"-h" || sub == u"help") {
        *ctx.out << kUsage;
        code = 0;
    } else {
        if (sub.isEmpty())
            *ctx.err << "Error: profile needs a subcommand.\n\n";
        else
            *ctx.err << "Error: unknown profile subcommand " << quoted(sub) << ".\n\n";
        *ctx.err << kUsage;
    }
    ctx.out->flush();
    ctx.err->flush();
    return code;
}

std::expected<ConnectionLayer, QString>
profileConnectionLayer(const QString &requested, ProfileCommandContext &ctx, QStringList *warnings)
{
    const QString name = requested.isEmpty() ? ctx.profiles->currentProfileName() : requested;
    if (name.isEmpty())
        return ConnectionLayer{};
    auto p = ctx.profiles->profile(name);
    if (!p) {
        if (requested.isEmpty()) {
            return std::unexpected(u"the current profile is unusable: "_s + p.error().message +
                                   u" Choose another with \"profile use NAME\"."_s);
        }
        return std::unexpected(p.error().message);
    }
    ctx.secrets->setWeakerFileAllowed(ctx.profiles->weakerTokenFileAllowed());
    std::optional<QString> token;
    if (!p->tokenRef.isEmpty()) {
        auto stored = readSecretBlocking(*ctx.secrets, p->tokenRef, ctx.secretTimeout);
        if (stored)
            token = stored->value;
        else if (warnings)
            warnings->append(u"the token of profile \""_s + name + u"\" is not available ("_s +
                             stored.error().message + u"); give it with -token or NOMAD_TOKEN."_s);
    }
    return layerFromProfile(*p, token);
}

} // namespace dd::cli
