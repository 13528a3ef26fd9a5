#include "secrets/filesecretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                             QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                             QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

FileSecretStore::FileSecretStore(QString path, QObject *parent)
    : SecretStore(parent)
    , m_path(std::move(path))
{}

QString FileSecretStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           u"/tokens-weaker.json"_s;
}

SecretResult<QHash<QString, QString>> FileSecretStore::load() const
{
    QHash<QString, QString> secrets;
    QFile file(m_path);
    if (!file.exists())
        return secrets;
    // Like ssh with its keys: a file others can read is tightened before use.
    if (file.permissions().testAnyFlags(kOthers)) {
        qCWarning(lcSecrets) << "tightening permissions of the weaker token file" << m_path;
        file.setPermissions(kOwnerOnly);
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(SecretError{
            SecretError::Kind::AccessDenied,
            tr("the token file %1 cannot be read: %2").arg(m_path, file.errorString())});
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject()) {
        return std::unexpected(SecretError{
            SecretError::Kind::Other,
            tr("the token file %1 is damaged (not a JSON object); delete it and save the tokens "
               "again")
                .arg(m_path)});
    }
    const QJsonObject tokens = doc.object().value("tokens"_L1).toObject();
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        secrets.insert(it.key(), it.value().toString());
    return secrets;
}

SecretResult<void> FileSecretStore::save(const QHash<QString, QString> &secrets) const
{
    auto failed = [this](const QString &why) {
        return std::unexpected(
            SecretError{SecretError::Kind::Other,
                        tr("the token file %1 cannot be written: %2").arg(m_path, why)});
    };
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return failed(tr("its folder cannot be created"));
    // Create the file owner-only first: QSaveFile copies an existing file's
    // permissions onto its temporary file, so the token is never readable by others.
    if (!info.exists()) {
        QFile create(m_path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
            return failed(create.errorString());
    }
    QFile::setPermissions(m_path, kOwnerOnly);

    QJsonObject tokens;
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        tokens.insert(it.key(), it.value());
    QJsonObject root;
    root.insert("about"_L1, u"Dispatch Desk tokens, NOT encrypted: used because no keychain "
                            "service was running and you chose to keep tokens on disk. Delete this "
                            "file to forget them."_s);
    root.insert("version"_L1, 1);
    root.insert("tokens"_L1, tokens);

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return failed(file.errorString());
    QFile::setPermissions(m_path, kOwnerOnly);
    return {};
}

void FileSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    SecretResult<StoredSecret> result;
    auto secrets = load();
    if (!secrets)
        result = std::unexpected(secrets.error());
    else if (!secrets->contains(key))
        result = std::unexpected(
            SecretError{SecretError::Kind::NotFound,
                        tr("no token is stored under \"%1\" in %2").arg(key, m_path)});
    else
        result = StoredSecret{secrets->value(key), SecretLocation::WeakerFile};
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

void FileSecretStore::write(const QString &key, const QString &secret, QObject *context,
                            WriteCallback done)
{
    SecretResult<SecretLocation> result = SecretLocation::WeakerFile;
    auto secrets = load();
    if (!secrets) {
        result = std::unexpected(secrets.error());
    } else {
        secrets->insert(key, secret);
        if (auto saved = save(*secrets); !saved)
            result = std::unexpected(saved.error());
        else
            qCInfo(lcSecrets) << "stored a token in the weaker file under" << key;
    }
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

void FileSecretStore::remove(const QString &key, QObject *context, RemoveCallback done)
{
    SecretResult<void> result;
    auto secrets = load();
    if (!secrets) {
        result = std::unexpected(secrets.error());
    } else if (secrets->remove(key) > 0) {
        // The last token gone: leave no file behind.
        if (secrets->isEmpty())
            QFile::remove(m_path);
        else
            result = save(*secrets);
    }
    deliverLater(context, [done = std::move(done), result]() { done(result); });
}

} // namespace dd
