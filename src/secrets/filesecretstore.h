#pragma once
// The weaker fallback for machines without a keychain service: tokens in a
// JSON file readable only by the user (0600), in the app's data folder and
// separate from the settings file. Not encrypted, so it is only used when the
// user chose it, and every answer says SecretLocation::WeakerFile so a UI can
// show that.

#include "secrets/secretstore.h"

#include <QHash>

namespace dd {

class FileSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit FileSecretStore(QString path, QObject *parent = nullptr);

    // <AppDataLocation>/tokens-weaker.json
    static QString defaultPath();
    QString path() const { return m_path; }

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context,
               WriteCallback done) override;
    void remove(const QString &key, QObject *context, RemoveCallback done) override;

private:
    SecretResult<QHash<QString, QString>> load() const;
    SecretResult<void> save(const QHash<QString, QString> &secrets) const;

    QString m_path;
};

} // namespace dd
