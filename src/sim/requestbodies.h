#pragma once
// Decoding of write bodies the way Nomad's Go handlers decode them
// (encoding/json: field names match case-insensitively, []byte is base64),
// with Go's error texts for bodies that do not decode (answered as 400).

#include "sim/jobservice.h"

#include <QByteArray>
#include <QJsonObject>

#include <expected>

namespace dd::sim {

// The body as a JSON object; Go's message on failure ("EOF", "unexpected EOF",
// "invalid character 'x' looking for beginning of value", ...).
std::expected<QJsonObject, QString> decodeJsonObject(const QByteArray &body, const QString &goType);

// A JobDispatchRequest body. serverVersion decides which newer fields an old
// server would silently drop (IdPrefixTemplate before 1.4, Priority before 1.10).
std::expected<DispatchRequest, QString> decodeDispatchBody(const QByteArray &body,
                                                           const QString &serverVersion);

// Go's base64.StdEncoding.DecodeString.
std::expected<QByteArray, QString> decodeStdBase64(const QString &text);

// Looks a field up as encoding/json does: exact name first, then case-insensitively.
QJsonValue goField(const QJsonObject &object, QLatin1StringView name);

} // namespace dd::sim
