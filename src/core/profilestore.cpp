// Over 400 lines: each profile read, checked and written field by field, with a
// message for every way a hand-edited entry can be wrong.

#include "core/profilestore.h"
#include "core/profilestore_p.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSettings>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace storedetail {
QString trStore(const char *text)
{
    return QCoreApplication::translate("ProfileStore", text);
}

constexpr auto kProfilesGroup = "profiles"_L1;
// The settings file is shared with presets and layout, so the store's own keys
// sit in a group of their own.
constexpr auto kCurrentKey = "profileStore/currentProfile"_L1;
constexpr auto kWeakerFileKey = "profileStore/weakerTokenFileAllowed"_L1;
constexpr auto kVersionKey = "profileStore/formatVersion"_L1;
constexpr int kFormatVersion = 1;

// The keys of one profile group, in the order they are written.
struct Key
{
    QLatin1StringView name;
    QString ConnectionProfile::*member;
};
const Key kStringKeys[] = {
    {"address"_L1, &ConnectionProfile::address},
    {"region"_L1, &ConnectionProfile::region},
    {"namespace"_L1, &ConnectionProfile::nameSpace},
    {"caFile"_L1, &ConnectionProfile::caFile},
    {"caPath"_L1, &ConnectionProfile::caPath},
    {"clientCert"_L1, &ConnectionProfile::clientCert},
    {"clientKey"_L1, &ConnectionProfile::clientKey},
    {"tlsServerName"_L1, &ConnectionProfile::tlsServerName},
    {"tokenRef"_L1, &ConnectionProfile::tokenRef},
    {"label"_L1, &ConnectionProfile::label},
    {"color"_L1, &ConnectionProfile::color},
};
constexpr auto kSkipVerifyKey = "skipVerify"_L1;

bool looksLikeSecret(const QString &key)
{
    const QString k = key.toLower();
    return k == u"token" || k == u"secret" || k == u"secretid" || k == u"password" ||
           k == u"nomad_token" || k == u"acltoken";
}

QString settingText(const QVariant &value)
{
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString();
}

QString groupKey(const QString &name)
{
    return kProfilesGroup + u'/' + name;
}

Snapshot takeSnapshot(const QSettings &settings, const QStringList &prefixes)
{
    Snapshot s{prefixes, {}};
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys) {
        for (const QString &prefix : prefixes) {
            if (key == prefix || key.startsWith(prefix + u'/')) {
                s.values.append({key, settings.value(key)});
                break;
            }
        }
    }
    return s;
}

void restore(QSettings &settings, const Snapshot &s)
{
    for (const QString &prefix : s.prefixes)
        settings.remove(prefix);
    for (const auto &[key, value] : s.values)
        settings.setValue(key, value);
}

std::optional<QString> notFoundText(const QString &name, const QStringList &names)
{
    if (names.isEmpty())
        return trStore("There is no profile \"%1\": no profiles are saved yet. Save one with "
                       "\"profile save %1\".")
            .arg(name);
    return trStore("There is no profile \"%1\". Saved profiles: %2.")
        .arg(name, names.join(u", "_s));
}
} // namespace storedetail

using namespace storedetail;

QStringList iniFileProblems(const QString &path)
{
    QStringList problems;
    QFile file(path);
    if (!file.exists() || !file.open(QIODevice::ReadOnly))
        return problems;
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError() || bytes.contains('\0')) {
        problems.append(trStore("the file holds binary data or text that is not UTF-8"));
        return problems;
    }
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']'))
                problems.append(trStore("line %1 \"%2\" opens a [group] but does not close it")
                                    .arg(i + 1)
                                    .arg(line));
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0)
            problems.append(
                trStore("line %1 \"%2\" is not of the form key=value").arg(i + 1).arg(line));
        else if (line.left(eq).trimmed().isEmpty())
            problems.append(trStore("line %1 \"%2\" has no key before '='").arg(i + 1).arg(line));
    }
    return problems;
}

ProfileStore::ProfileStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    Q_ASSERT(settings);
    // Never fall back to writing the file in place: a crash then leaves half a file.
    m_settings->setAtomicSyncRequired(true);
}

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QStringList ProfileStore::names() const
{
    m_settings->beginGroup(kProfilesGroup);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return names;
}

bool ProfileStore::contains(const QString &name) const
{
    return !name.isEmpty() && names().contains(name);
}

std::optional<ConnectionProfile> ProfileStore::read(const QString &name, ProfileIssue &issue) const
{
    issue.name = name;
    ConnectionProfile p;
    p.name = name;
    m_settings->beginGroup(groupKey(name));
    for (const Key &key : kStringKeys)
        p.*key.member = settingText(m_settings->value(key.name)).trimmed();
    const QString skip = settingText(m_settings->value(kSkipVerifyKey)).trimmed();
    if (!skip.isEmpty()) {
        if (const auto value = goParseBool(skip))
            p.skipVerify = *value;
        else
            issue.problems.append(trStore("skipVerify is \"%1\", not true or false").arg(skip));
    }
    const QStringList keys = m_settings->allKeys();
    m_settings->endGroup();

    for (const QString &key : keys) {
        if (looksLikeSecret(key)) {
            issue.warnings.append(
                trStore(
                    "it holds a plain-text \"%1\" entry, which is ignored: tokens are kept in the "
                    "keychain. Remove that line, and save the profile with its token again.")
                    .arg(key));
            continue;
        }
        const bool known =
            key == kSkipVerifyKey || std::any_of(std::begin(kStringKeys), std::end(kStringKeys),
                                                 [&](const Key &k) { return key == k.name; });
        if (!known)
            issue.warnings.append(trStore("the unknown key \"%1\" is ignored (a typo?)").arg(key));
    }
    issue.problems += profileProblems(p);
    if (!issue.problems.isEmpty())
        return std::nullopt;
    return p;
}

ProfileLoad ProfileStore::load() const
{
    ProfileLoad out;
    if (m_settings->format() == QSettings::IniFormat ||
        m_settings->format() == QSettings::NativeFormat)
        out.fileProblems = iniFileProblems(m_settings->fileName());
    if (m_settings->status() == QSettings::FormatError && out.fileProblems.isEmpty())
        out.fileProblems.append(trStore("Qt reports a format error in the file"));
    const int version = m_settings->value(kVersionKey, kFormatVersion).toInt();
    if (version > kFormatVersion) {
        out.fileProblems.append(
            trStore(
                "the file was written by a newer Dispatch Desk (format %1); some settings may be "
                "ignored")
                .arg(version));
    }
    m_settings->beginGroup(kProfilesGroup);
    const QStringList stray = m_settings->childKeys();
    m_settings->endGroup();
    for (const QString &key : stray)
        out.fileProblems.append(trStore("\"%1\" sits directly under [%2] and belongs to no profile")
                                    .arg(key, kProfilesGroup));

    for (const QString &name : names()) {
        ProfileIssue issue;
        if (auto p = read(name, issue))
            out.profiles.append(*p);
        if (!issue.problems.isEmpty() || !issue.warnings.isEmpty())
            out.issues.append(issue);
    }
    return out;
}

std::expected<ConnectionProfile, ProfileStoreError> ProfileStore::profile(const QString &name) const
{
    if (!contains(name))
        return std::unexpected(
            ProfileStoreError{ProfileStoreError::Kind::NotFound, *notFoundText(name, names())});
    ProfileIssue issue;
    auto p = read(name, issue);
    if (!p) {
        return std::unexpected(ProfileStoreError{
            ProfileStoreError::Kind::Invalid,
            trStore("The profile \"%1\" in %2 cannot be used: %3. Fix it there, or save it again.")
                .arg(name, m_settings->fileName(), issue.problems.join(u"; "_s))});
    }
    return *p;
}

void ProfileStore::write(const ConnectionProfile &p)
{
    m_settings->remove(groupKey(p.name));
    m_settings->beginGroup(groupKey(p.name));
    for (const Key &key : kStringKeys) {
        const QString value = p.*key.member;
        if (!value.isEmpty())
            m_settings->setValue(key.name, value);
    }
    m_settings->setValue(kSkipVerifyKey, p.skipVerify);
    m_settings->endGroup();
}

void ProfileStore::keepCopyOfDamagedFile()
{
    if (m_damageChecked)
        return;
    m_damageChecked = true;
    const QString path = m_settings->fileName();
    if (iniFileProblems(path).isEmpty())
        return;
    // QSettings drops lines it cannot read when it rewrites the file; keep them.
    const QString backup =
        path + u".damaged-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    if (QFile::copy(path, backup))
        m_backupPath = backup;
}

std::expected<void, ProfileStoreError> ProfileStore::commit(const QString &what)
{
    m_settings->setValue(kVersionKey, kFormatVersion);
    m_settings->sync();
    if (m_settings->status() == QSettings::AccessError) {
        return std::unexpected(ProfileStoreError{
            ProfileStoreError::Kind::WriteFailed,
            trStore("Could not %1: the settings file %2 cannot be written (check that its folder "
                    "exists and is writable, and that the disk is not full). Nothing was changed.")
                .arg(what, m_settings->fileName())});
    }
    return {};
}

std::expected<void, ProfileStoreError> ProfileStore::save(const ConnectionProfile &profile)
{
    const QStringList problems = profileProblems(profile);
    if (!problems.isEmpty()) {
        return std::unexpected(
            ProfileStoreError{ProfileStoreError::Kind::Invalid,
                              trStore("The profile \"%1\" was not saved: %2.")
                                  .arg(elidedForMessage(profile.name), problems.join(u"; "_s))});
    }
    keepCopyOfDamagedFile();
    const Snapshot before = takeSnapshot(*m_settings, {groupKey(profile.name)});
    write(profile);
    if (auto ok = commit(trStore("save the profile \"%1\"").arg(profile.name)); !ok) {
        restore(*m_settings, before);
        return ok;
    }
    Q_EMIT profilesChanged();
    return {};
}

std::expected<QString, ProfileStoreError> ProfileStore::remove(const QString &name)
{
    if (!contains(name))
        return std::unexpected(
            ProfileStoreError{ProfileStoreError::Kind::NotFound, *notFoundText(name, names())});
    keepCopyOfDamagedFile();
    const QString tokenRef = settingText(m_settings->value(groupKey(name) + u"/tokenRef"_s));
    const bool wasCurrent = currentProfileName() == name;
    const Snapshot before = takeSnapshot(*m_settings, {groupKey(name), kCurrentKey});
    m_settings->remove(groupKey(name));
    if (wasCurrent)
        m_settings->remove(kCurrentKey);
    if (auto ok = commit(trStore("delete the profile \"%1\"").arg(name)); !ok) {
        restore(*m_settings, before);
        return std::unexpected(ok.error());
    }
    Q_EMIT profilesChanged();
    if (wasCurrent)
        Q_EMIT currentProfileChanged(QString());
    return tokenRef;
}

QString ProfileStore::currentProfileName() const
{
    return settingText(m_settings->value(kCurrentKey)).trimmed();
}

std::expected<void, ProfileStoreError> ProfileStore::setCurrentProfile(const QString &name)
{
    if (name.isEmpty())
        return clearCurrentProfile();
    auto p = profile(name);
    if (!p)
        return std::unexpected(p.error());
    keepCopyOfDamagedFile();
    const Snapshot before = takeSnapshot(*m_settings, {kCurrentKey});
    m_settings->setValue(kCurrentKey, name);
    if (auto ok = commit(trStore("make \"%1\" the current profile").arg(name)); !ok) {
        restore(*m_settings, before);
        return ok;
    }
    Q_EMIT currentProfileChanged(name);
    return {};
}

std::expected<void, ProfileStoreError> ProfileStore::clearCurrentProfile()
{
    keepCopyOfDamagedFile();
    const Snapshot before = takeSnapshot(*m_settings, {kCurrentKey});
    m_settings->remove(kCurrentKey);
    if (auto ok = commit(trStore("clear the current profile")); !ok) {
        restore(*m_settings, before);
        return ok;
    }
    Q_EMIT currentProfileChanged(QString());
    return {};
}

bool ProfileStore::weakerTokenFileAllowed() const
{
    return goParseBool(settingText(m_settings->value(kWeakerFileKey))).value_or(false);
}

std::expected<void, ProfileStoreError> ProfileStore::setWeakerTokenFileAllowed(bool allowed)
{
    keepCopyOfDamagedFile();
    const Snapshot before = takeSnapshot(*m_settings, {kWeakerFileKey});
    m_settings->setValue(kWeakerFileKey, allowed);
    if (auto ok = commit(trStore("record the choice about the weaker token file")); !ok) {
        restore(*m_settings, before);
        return ok;
    }
    return {};
}

} // namespace dd
