#pragma once
// The one typed store for connection profiles, over an injected QSettings so
// tests use a temporary file. Each profile is its own group and is checked on
// its own: a hand-edited or damaged entry is reported by name and never takes
// the others down. Writes are atomic (QSettings writes a temporary file and
// renames it). Tokens are never written here: a profile only names its token.

#include "core/connectionprofile.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <expected>

class QSettings;

namespace dd {

struct ProfileStoreError
{
    enum class Kind { NotFound, Invalid, WriteFailed, Import };
    Kind kind = Kind::WriteFailed;
    QString message; // says what failed, why, and what to do
};

struct ProfileLoad
{
    QList<ConnectionProfile> profiles; // the usable ones, sorted by name
    QList<ProfileIssue> issues;        // by profile name: not loaded, or loaded with warnings
    QStringList fileProblems;          // lines of the file QSettings could not read, etc.
};

// A replaced profile that now points at another cluster while a token is
// saved for it: that token was given for the old address, so by default it is
// not kept (the caller deletes it from the secret store).
struct RetargetedProfile
{
    QString name;
    QString from;     // the saved address
    QString to;       // the imported address
    QString why;      // "the host changes from a.example to b.example"
    QString tokenRef; // the token the saved profile named
    bool tokenKept = false;
};

struct ProfileImport
{
    QStringList added;
    QStringList replaced;
    QStringList skipped; // already present, and replacing was not asked for
    QList<ProfileIssue> issues;
    QList<RetargetedProfile> retargeted;
    // Added or replaced profiles that turn TLS verification off: new ones with
    // skipVerify, or replacing a saved one that verified.
    QStringList skipVerifyTurnedOn;
};

// Larger files are refused: an export of every profile is a few kilobytes.
constexpr qint64 kMaxProfileImportBytes = 1024 * 1024;

class ProfileStore : public QObject
{
    Q_OBJECT
public:
    // The store does not own the settings; it turns on atomic sync for them.
    explicit ProfileStore(QSettings *settings, QObject *parent = nullptr);

    ProfileLoad load() const;
    QList<ConnectionProfile> profiles() const { return load().profiles; }
    QStringList names() const; // every group, usable or not
    bool contains(const QString &name) const;
    std::expected<ConnectionProfile, ProfileStoreError> profile(const QString &name) const;

    // Replaces the whole group, so keys a hand edit added (a plain-text token) go too.
    std::expected<void, ProfileStoreError> save(const ConnectionProfile &profile);
    // Returns the removed profile's token reference, so the caller can delete the secret.
    std::expected<QString, ProfileStoreError> remove(const QString &name);

    // The profile `profile use` selected and the app opens first; empty: none.
    QString currentProfileName() const;
    std::expected<void, ProfileStoreError> setCurrentProfile(const QString &name);
    std::expected<void, ProfileStoreError> clearCurrentProfile();

    // The user's explicit choice to keep tokens in a weaker file when no keychain runs.
    bool weakerTokenFileAllowed() const;
    std::expected<void, ProfileStoreError> setWeakerTokenFileAllowed(bool allowed);

    // JSON without secrets. An empty list exports every usable profile.
    std::expected<QByteArray, ProfileStoreError> exportJson(const QStringList &names = {}) const;
    enum class ImportMode { SkipExisting, ReplaceExisting };
    // What to do with the saved token of a replaced profile whose scheme, host
    // or port changes. Keeping it sends it to the new address: only on the
    // user's explicit word (`-keep-tokens`, a confirmation in the app).
    enum class RetargetedTokens { Drop, Keep };
    std::expected<ProfileImport, ProfileStoreError>
    importJson(const QByteArray &json, ImportMode mode,
               RetargetedTokens tokens = RetargetedTokens::Drop);
    // What importJson would do, writing nothing (for the app to ask first).
    std::expected<ProfileImport, ProfileStoreError> previewImport(const QByteArray &json,
                                                                  ImportMode mode) const;

    // Set once a damaged settings file was copied aside before the first write.
    QString damagedFileBackup() const { return m_backupPath; }
    QString fileName() const;

Q_SIGNALS:
    void profilesChanged();
    void currentProfileChanged(const QString &name);

private:
    std::optional<ConnectionProfile> read(const QString &name, ProfileIssue &issue) const;
    struct ImportPlan;
    std::expected<ImportPlan, ProfileStoreError> planImport(const QByteArray &json,
                                                            ImportMode mode) const;
    void write(const ConnectionProfile &profile);
    std::expected<void, ProfileStoreError> commit(const QString &what);
    void keepCopyOfDamagedFile();

    QSettings *m_settings;
    QString m_backupPath;
    bool m_damageChecked = false;
};

// Lines of an INI settings file that QSettings would silently drop on the next
// write. Exposed for tests and for a "check settings" command.
QStringList iniFileProblems(const QString &path);

// Why `to` is another cluster than `from` (scheme, host or port differ), or
// nothing when both name the same one.
std::optional<QString> addressTargetChange(const QString &from, const QString &to);

} // namespace dd
