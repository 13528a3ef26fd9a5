// Export and import of the profile store. An import never carries a token,
// and never hands a saved one to another cluster without the user's word:
// a replaced profile whose scheme, host or port changes loses its token
// unless the caller was told to keep it.
#include "core/profilestore.h"
#include "core/profilestore_p.h"

#include <QSettings>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace dd {

using namespace storedetail;

struct ProfileStore::ImportPlan
{
    ProfileImport result;
    // In file order, each name once; tokenRef is the saved profile's.
    QList<ConnectionProfile> toWrite;
};

std::optional<QString> addressTargetChange(const QString &from, const QString &to)
{
    const QUrl a(from.trimmed(), QUrl::StrictMode);
    const QUrl b(to.trimmed(), QUrl::StrictMode);
    if (!a.isValid() || a.host().isEmpty())
        return trStore("the saved address \"%1\" cannot be read, so the new one may be another "
                       "cluster")
            .arg(elidedForMessage(from));
    if (!b.isValid() || b.host().isEmpty())
        return trStore("the new address \"%1\" cannot be read").arg(elidedForMessage(to));
    auto port = [](const QUrl &u) { return u.port(u.scheme().toLower() == u"https" ? 443 : 80); };
    QStringList changes;
    if (a.scheme().toLower() != b.scheme().toLower())
        changes << trStore("the scheme changes from %1 to %2")
                       .arg(a.scheme().toLower(), b.scheme().toLower());
    if (a.host().toLower() != b.host().toLower())
        changes << trStore("the host changes from %1 to %2").arg(a.host(), b.host());
    if (port(a) != port(b))
        changes << trStore("the port changes from %1 to %2").arg(port(a)).arg(port(b));
    if (changes.isEmpty())
        return std::nullopt;
    return changes.join(u", "_s);
}

std::expected<QByteArray, ProfileStoreError>
ProfileStore::exportJson(const QStringList &names) const
{
    QList<ConnectionProfile> chosen;
    if (names.isEmpty())
        return profilesToJson(profiles());
    for (const QString &name : names) {
        auto p = profile(name);
        if (!p)
            return std::unexpected(p.error());
        chosen.append(*p);
    }
    return profilesToJson(chosen);
}

std::expected<ProfileStore::ImportPlan, ProfileStoreError>
ProfileStore::planImport(const QByteArray &json, ImportMode mode) const
{
    if (json.size() > kMaxProfileImportBytes) {
        return std::unexpected(ProfileStoreError{
            ProfileStoreError::Kind::Import,
            trStore("No profiles were imported: the file has %1 bytes, more than the %2 an export "
                    "of profiles can need. Choose the file \"profile export\" wrote.")
                .arg(json.size())
                .arg(kMaxProfileImportBytes)});
    }
    auto parsed = profilesFromJson(json);
    if (!parsed) {
        return std::unexpected(
            ProfileStoreError{ProfileStoreError::Kind::Import,
                              trStore("No profiles were imported: %1.").arg(parsed.error())});
    }
    ImportPlan plan;
    ProfileImport &out = plan.result;
    out.issues = parsed->issues;
    const QStringList existing = this->names();
    QStringList seen;
    for (const ConnectionProfile &p : std::as_const(parsed->profiles)) {
        if (seen.contains(p.name) || out.skipped.contains(p.name)) {
            out.issues.append(
                {p.name,
                 {},
                 {trStore("the file lists this profile twice; the first was imported")}});
            continue;
        }
        const bool exists = existing.contains(p.name);
        if (exists && mode == ImportMode::SkipExisting) {
            out.skipped.append(p.name);
            continue;
        }
        (exists ? out.replaced : out.added).append(p.name);
        seen.append(p.name);
        ConnectionProfile copy = p;
        bool savedSkipVerify = false;
        if (exists) {
            const QString group = groupKey(p.name) + u'/';
            const QString savedAddress = settingText(m_settings->value(group + u"address"_s));
            savedSkipVerify =
                goParseBool(settingText(m_settings->value(group + u"skipVerify"_s)).trimmed())
                    .value_or(false);
            // A replaced profile keeps the token this machine has for it, unless
            // the profile now points elsewhere (decided by importJson).
            copy.tokenRef = settingText(m_settings->value(group + u"tokenRef"_s)).trimmed();
            if (!copy.tokenRef.isEmpty()) {
                if (const auto why = addressTargetChange(savedAddress, p.address))
                    out.retargeted.append(
                        {p.name, savedAddress.trimmed(), p.address, *why, copy.tokenRef, false});
            }
        }
        if (p.skipVerify && !savedSkipVerify)
            out.skipVerifyTurnedOn.append(p.name);
        plan.toWrite.append(copy);
    }
    return plan;
}

std::expected<ProfileImport, ProfileStoreError> ProfileStore::previewImport(const QByteArray &json,
                                                                            ImportMode mode) const
{
    auto plan = planImport(json, mode);
    if (!plan)
        return std::unexpected(plan.error());
    return plan->result;
}

std::expected<ProfileImport, ProfileStoreError>
ProfileStore::importJson(const QByteArray &json, ImportMode mode, RetargetedTokens tokens)
{
    auto plan = planImport(json, mode);
    if (!plan)
        return std::unexpected(plan.error());
    ProfileImport &out = plan->result;
    if (plan->toWrite.isEmpty())
        return out;
    for (RetargetedProfile &r : out.retargeted) {
        r.tokenKept = tokens == RetargetedTokens::Keep;
        if (r.tokenKept)
            continue;
        for (ConnectionProfile &p : plan->toWrite) {
            if (p.name == r.name)
                p.tokenRef.clear();
        }
    }
    keepCopyOfDamagedFile();
    QStringList touched;
    for (const ConnectionProfile &p : std::as_const(plan->toWrite))
        touched.append(groupKey(p.name));
    const Snapshot before = takeSnapshot(*m_settings, touched);
    for (const ConnectionProfile &p : std::as_const(plan->toWrite))
        write(p);
    // One sync for the whole import: all of it reaches the disk, or none.
    if (auto ok = commit(trStore("import profiles")); !ok) {
        restore(*m_settings, before);
        return std::unexpected(ok.error());
    }
    Q_EMIT profilesChanged();
    return out;
}

} // namespace dd
