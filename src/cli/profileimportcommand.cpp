#include "cli/profileimportcommand.h"

#include "core/boundedfile.h"
#include "core/profilestore.h"
#include "secrets/blockingsecrets.h"
#include "secrets/fallbacksecretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace dd::cli {

namespace {
QString inQuotes(const QString &text)
{
    return u'"' + text + u'"';
}
} // namespace

int profileExport(const QStringList &args, ProfileCommandContext &ctx)
{
    auto json = ctx.profiles->exportJson(args);
    if (!json) {
        *ctx.err << "Error: " << json.error().message << '\n';
        return 1;
    }
    *ctx.out << QString::fromUtf8(*json);
    return 0;
}

int profileImport(const QStringList &args, ProfileCommandContext &ctx)
{
    bool replace = false, keepTokens = false;
    FlagSet flags;
    flags.addBool(u"replace"_s, &replace);
    flags.addBool(u"keep-tokens"_s, &keepTokens);
    auto positional = flags.parse(args);
    if (!positional || positional->size() != 1) {
        *ctx.err << "Error: "
                 << (positional ? u"profile import takes one file name"_s : positional.error())
                 << ".\n";
        return 1;
    }
    const QString path = positional->first();
    // Regular files only, bounded: /dev/zero or a FIFO fail at once.
    auto bytes = readBoundedFile(path, kMaxProfileImportBytes);
    if (!bytes) {
        *ctx.err << "Error: cannot read " << path << ": " << bytes.error().reason()
                 << ". Nothing was imported; give the file \"profile export\" wrote.\n";
        return 1;
    }
    auto imported = ctx.profiles->importJson(*bytes,
                                             replace ? ProfileStore::ImportMode::ReplaceExisting
                                                     : ProfileStore::ImportMode::SkipExisting,
                                             keepTokens ? ProfileStore::RetargetedTokens::Keep
                                                        : ProfileStore::RetargetedTokens::Drop);
    if (!imported) {
        *ctx.err << "Error: " << imported.error().message << '\n';
        return 1;
    }
    for (const ProfileIssue &issue : imported->issues) {
        for (const QString &problem : issue.problems)
            *ctx.err << "Warning: " << inQuotes(issue.name) << " was not imported: " << problem
                     << ".\n";
        for (const QString &warning : issue.warnings)
            *ctx.err << "Warning: " << inQuotes(issue.name) << ": " << warning << ".\n";
    }
    if (!imported->skipped.isEmpty()) {
        *ctx.err << "Skipped existing profiles (use -replace to overwrite): "
                 << imported->skipped.join(u", "_s) << ".\n";
    }
    int code = 0;
    for (const RetargetedProfile &r : std::as_const(imported->retargeted)) {
        if (r.tokenKept) {
            *ctx.err << "Warning: " << inQuotes(r.name)
                     << " keeps its saved token (-keep-tokens) although it now points at " << r.to
                     << " instead of " << r.from << " (" << r.why
                     << "): the token will be sent there.\n";
            continue;
        }
        *ctx.err << "Warning: the saved token of " << inQuotes(r.name)
                 << " was removed: the profile now points at " << r.to << " instead of " << r.from
                 << " (" << r.why
                 << "), and a token is only sent to the cluster it was saved for. If the new "
                    "address is right, save the token again (dispatch-desk-cli profile save "
                    "-token=... "
                 << r.name << "), or import with -keep-tokens.\n";
        auto gone = removeSecretBlocking(*ctx.secrets, r.tokenRef, ctx.secretTimeout);
        if (!gone) {
            *ctx.err << "Error: the profile no longer uses it, but the token entry "
                     << inQuotes(r.tokenRef) << " could not be deleted: " << gone.error().message
                     << ". Remove it of service \"dispatch-desk\" in your keychain by hand.\n";
            code = 1;
        }
    }
    for (const QString &name : std::as_const(imported->skipVerifyTurnedOn)) {
        *ctx.err << "Warning: " << inQuotes(name)
                 << " turns TLS verification OFF (skipVerify in the file): any server can pretend "
                    "to be the cluster and read the token. Unless you mean it, turn it back on "
                    "with \"dispatch-desk-cli profile save -tls-skip-verify=false "
                 << name << "\".\n";
    }
    *ctx.out << "Imported " << imported->added.size() + imported->replaced.size()
             << " profile(s). Tokens are not part of an export: save them with \"profile save "
                "-token=... NAME\".\n";
    return code;
}

} // namespace dd::cli
