// The import and export half of ProfileDialog. An import never carries a
// token, and never sends a saved one to another cluster without the user's
// word: replacing saved profiles is asked first, and a replaced profile whose
// scheme, host or port changes loses its saved token unless the user says to
// keep it.
#include "gui/profiledialog.h"

#include "core/boundedfile.h"
#include "core/profilestore.h"
#include "gui/filedialogs.h"
#include "gui/icons.h"
#include "gui/prompter.h"
#include "gui/storeprofilesource.h"
#include "secrets/fallbacksecretstore.h"
#include "ui_profiledialog.h"

#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace dd::gui {

void ProfileDialog::importProfiles()
{
    const QString path =
        m_files ? m_files->openFileName(this, tr("Import profiles"), tr("JSON files (*.json)"))
                : QString();
    if (path.isEmpty())
        return;
    // Regular files only, bounded: a FIFO or /dev/zero cannot hang or fill the app.
    auto bytes = readBoundedFile(path, kMaxProfileImportBytes);
    if (!bytes) {
        showMessage(m_ui->fileMessage, MessageKind::Error,
                    tr("Could not read “%1”: %2. Nothing was imported; choose a file that "
                       "“Export” wrote.")
                        .arg(path, bytes.error().reason()));
        return;
    }
    ProfileStore *store = m_source->store();
    auto preview = store->previewImport(*bytes, ProfileStore::ImportMode::ReplaceExisting);
    if (!preview) {
        showMessage(m_ui->fileMessage, MessageKind::Error, preview.error().message);
        return;
    }
    auto mode = ProfileStore::ImportMode::SkipExisting;
    auto tokens = ProfileStore::RetargetedTokens::Drop;
    if (!preview->replaced.isEmpty() && m_prompter &&
        m_prompter->confirm(this, tr("Replace saved profiles?"),
                            tr("The file holds profiles you have saved already: %1. Replace "
                               "them with the file's? “No” keeps yours and imports only the "
                               "new ones.")
                                .arg(preview->replaced.join(u", ")))) {
        mode = ProfileStore::ImportMode::ReplaceExisting;
        if (!preview->retargeted.isEmpty()) {
            QStringList moves;
            for (const RetargetedProfile &r : std::as_const(preview->retargeted))
                moves << tr("“%1” would point at %2 instead of %3 (%4).")
                             .arg(r.name, r.to, r.from, r.why);
            const bool keep = m_prompter->confirm(
                this, tr("Send saved tokens to another cluster?"),
                moves.join(u' ') + u' ' +
                    tr("Their saved tokens were given for the old addresses. Keep them, and send "
                       "them to the new ones? “No” removes them from the keychain; save a "
                       "token again once you trust the new address."));
            if (keep)
                tokens = ProfileStore::RetargetedTokens::Keep;
        }
    }
    auto imported = store->importJson(*bytes, mode, tokens);
    if (!imported) {
        showMessage(m_ui->fileMessage, MessageKind::Error, imported.error().message);
        return;
    }
    QStringList parts;
    parts << tr("Imported %n profile(s) without tokens.", nullptr,
                int(imported->added.size() + imported->replaced.size()));
    if (!imported->replaced.isEmpty())
        parts << tr("Replaced %1.").arg(imported->replaced.join(u", "));
    if (!imported->skipped.isEmpty())
        parts << tr("Kept the existing %1.").arg(imported->skipped.join(u", "));
    for (const RetargetedProfile &r : std::as_const(imported->retargeted)) {
        if (r.tokenKept) {
            parts << tr("“%1” keeps its saved token, which is now sent to %2.").arg(r.name, r.to);
            continue;
        }
        parts << tr("“%1” lost its saved token: it now points at %2 instead of %3 (%4). Save its "
                    "token again if the new address is right.")
                     .arg(r.name, r.to, r.from, r.why);
        m_source->secrets()->remove(r.tokenRef, this, [](SecretResult<void>) {});
        m_source->rememberToken(r.name, {});
    }
    for (const QString &name : std::as_const(imported->skipVerifyTurnedOn))
        parts << tr("“%1” turns TLS verification off: any server can pretend to be the cluster "
                    "and read its token. Turn it back on unless you mean it.")
                     .arg(name);
    for (const ProfileIssue &issue : imported->issues)
        parts << tr("“%1”: %2").arg(issue.name, (issue.problems + issue.warnings).join(u"; "));
    const bool warn = !imported->issues.isEmpty() || !imported->retargeted.isEmpty() ||
                      !imported->skipVerifyTurnedOn.isEmpty();
    showMessage(m_ui->fileMessage, warn ? MessageKind::Warning : MessageKind::Success,
                parts.join(u' '));
    reloadProfileList(m_editing);
    if (!m_editing.isEmpty() && imported->replaced.contains(m_editing))
        editProfile(m_editing);
}

void ProfileDialog::exportProfiles()
{
    const QString path =
        m_files ? m_files->saveFileName(this, tr("Export profiles"), tr("JSON files (*.json)"))
                : QString();
    if (path.isEmpty())
        return;
    auto json = m_source->store()->exportJson();
    if (!json) {
        showMessage(m_ui->fileMessage, MessageKind::Error, json.error().message);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*json) != json->size() || !file.commit()) {
        showMessage(m_ui->fileMessage, MessageKind::Error,
                    tr("Could not write “%1”: %2.").arg(path, file.errorString()));
        return;
    }
    showMessage(m_ui->fileMessage, MessageKind::Success,
                tr("Exported the profiles to “%1”, without tokens.").arg(path));
}

} // namespace dd::gui
