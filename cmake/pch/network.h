// Precompiled header for targets that use Qt Network (the API layer, the simulator, the CLI).
#pragma once
#ifdef __cplusplus
#include "core.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#endif
