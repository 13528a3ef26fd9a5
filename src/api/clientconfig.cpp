#include "api/clientconfig.h"

#include "core/boundedfile.h"
#include <QCoreApplication>
#include <QDir>

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/pem.h>
#include <openssl/x509.h>

namespace dd {

namespace {
QString trClientConfig(const char *text)
{
    return QCoreApplication::translate("ClientConfig", text);
}

// PEM files of certificates and keys are a few kilobytes; a CA bundle may be a few hundred.
constexpr qint64 kMaxPemBytes = 4 << 20;

std::expected<QByteArray, QString> readFile(const QString &path, const QString &what)
{
    auto bytes = readBoundedFile(path, kMaxPemBytes);
    if (!bytes)
        return std::unexpected(trClientConfig("The %1 %2.").arg(what, bytes.error().message()));
    return *bytes;
}

std::expected<QList<QSslCertificate>, QString> loadCertificates(const QString &path,
                                                                const QString &what)
{
    auto bytes = readFile(path, what);
    if (!bytes)
        return std::unexpected(bytes.error());
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*bytes, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull()) {
        return std::unexpected(
            trClientConfig("The %1 \"%2\" holds no PEM certificate (expected a \"-----BEGIN "
                           "CERTIFICATE-----\" block).")
                .arg(what, path));
    }
    return certs;
}

// Qt cannot derive the public half of a private key, so ask OpenSSL whether
// the key and the certificate belong together.
bool keyMatchesCertificate(const QByteArray &certPem, const QByteArray &keyPem)
{
    BIO *certBio = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    X509 *cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    const bool match = cert && key && X509_check_private_key(cert, key) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    BIO_free(certBio);
    BIO_free(keyBio);
    return match;
}
} // namespace

std::expected<QUrl, QString> parseAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::unexpected(
            trClientConfig("The address is empty; give one like http://127.0.0.1:4646."));
    if (!trimmed.contains(u"://")) {
        return std::unexpected(
            trClientConfig("The address \"%1\" has no scheme; write http://%1 or https://%1.")
                .arg(trimmed));
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        return std::unexpected(trClientConfig("The address \"%1\" is not a valid URL: %2.")
                                   .arg(trimmed, url.errorString()));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        return std::unexpected(
            trClientConfig("The address \"%1\" uses the scheme \"%2\"; Nomad speaks http or https.")
                .arg(trimmed, url.scheme()));
    }
    if (url.host().isEmpty())
        return std::unexpected(trClientConfig("The address \"%1\" has no host name.").arg(trimmed));
    // QUrl accepts ports up to 65535 and reports -1 for none; catch "host:abc" and "host:0".
    const QString authority = url.authority();
    const qsizetype colon = authority.lastIndexOf(u':');
    if (colon > authority.lastIndexOf(u']') && colon >= 0) {
        bool ok = false;
        const int port = authority.mid(colon + 1).toInt(&ok);
        if (!ok || port <= 0 || port > 65535) {
            return std::unexpected(
                trClientConfig(
                    "The address \"%1\" has an invalid port; use a number from 1 to 65535.")
                    .arg(trimmed));
        }
    }
    return url;
}

std::expected<QSslConfiguration, ApiError> buildSslConfiguration(const TlsSettings &tls)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    QList<QSslCertificate> cas;
    // Nomad's rule: with both, the CA file wins.
    if (!tls.caFile.isEmpty()) {
        auto certs = loadCertificates(tls.caFile, trClientConfig("CA certificate file"));
        if (!certs)
            return std::unexpected(ApiError::config(certs.error()));
        cas = *certs;
    } else if (!tls.caPath.isEmpty()) {
        const QFileInfo dir(tls.caPath);
        if (!dir.isDir()) {
            return std::unexpected(ApiError::config(
                trClientConfig("The CA directory \"%1\" does not exist or is not a directory.")
                    .arg(tls.caPath)));
        }
        const QFileInfoList files =
            QDir(tls.caPath).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &file : files) {
            // Regular files only: a FIFO or a device in the folder is skipped, not read.
            if (auto bytes = readBoundedFile(file.absoluteFilePath(), kMaxPemBytes))
                cas += QSslCertificate::fromData(*bytes, QSsl::Pem);
        }
        if (cas.isEmpty()) {
            return std::unexpected(ApiError::config(
                trClientConfig("The CA directory \"%1\" holds no PEM certificates.")
                    .arg(tls.caPath)));
        }
    }
    if (!cas.isEmpty())
        config.setCaCertificates(cas);

    if (tls.clientCert.isEmpty() != tls.clientKey.isEmpty()) {
        return std::unexpected(ApiError::config(trClientConfig(
            "A client certificate needs its key and a key needs its certificate: give both "
            "-client-cert and -client-key.")));
    }
    if (!tls.clientCert.isEmpty()) {
        auto certs = loadCertificates(tls.clientCert, trClientConfig("client certificate"));
        if (!certs)
            return std::unexpected(ApiError::config(certs.error()));
        auto keyBytes = readFile(tls.clientKey, trClientConfig("client key"));
        if (!keyBytes)
            return std::unexpected(ApiError::config(keyBytes.error()));
        QSslKey key(*keyBytes, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(*keyBytes, QSsl::Ec, QSsl::Pem);
        if (key.isNull()) {
            return std::unexpected(ApiError::config(
                trClientConfig("The client key \"%1\" is not an unencrypted PEM private key.")
                    .arg(tls.clientKey)));
        }
        if (!keyMatchesCertificate(certs->first().toPem(), *keyBytes)) {
            return std::unexpected(ApiError::config(
                trClientConfig(
                    "The client key \"%1\" does not belong to the client certificate \"%2\".")
                    .arg(tls.clientKey, tls.clientCert)));
        }
        config.setLocalCertificate(certs->first());
        config.setPrivateKey(key);
    }
    if (tls.skipVerify)
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

} // namespace dd
