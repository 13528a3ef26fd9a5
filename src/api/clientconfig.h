#pragma once
// Where and how to reach one Nomad cluster.

#include "api/apierror.h"

#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <chrono>
#include <expected>

namespace dd {

struct TlsSettings
{
    QString caFile;
    QString caPath; // a directory: every PEM certificate in it is trusted
    QString clientCert;
    QString clientKey;
    QString serverName; // used for SNI and for verifying the server's certificate
    bool skipVerify = false;

    bool isEmpty() const
    {
        return caFile.isEmpty() && caPath.isEmpty() && clientCert.isEmpty() &&
               clientKey.isEmpty() && serverName.isEmpty() && !skipVerify;
    }
    friend bool operator==(const TlsSettings &, const TlsSettings &) = default;
};

struct ClientConfig
{
    QUrl address{QStringLiteral("http://127.0.0.1:4646")};
    QString region;
    QString nameSpace;
    QString token; // never logged
    TlsSettings tls;
    std::chrono::milliseconds timeout{30000};
    friend bool operator==(const ClientConfig &, const ClientConfig &) = default;
};

inline const QString kDefaultAddress = QStringLiteral("http://127.0.0.1:4646");

// Checks an address the way a user types it: scheme, host and port.
std::expected<QUrl, QString> parseAddress(const QString &text);

// Loads the CA, CA directory and client certificate files into a TLS
// configuration, explaining any file that is missing, not PEM, or mismatched.
std::expected<QSslConfiguration, ApiError> buildSslConfiguration(const TlsSettings &tls);

} // namespace dd
