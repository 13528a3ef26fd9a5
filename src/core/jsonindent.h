#pragma once
// Re-indents JSON text without decoding it: keys stay in the order typed,
// duplicate keys stay, numbers keep their digits (12345678901234567890 is not
// turned into 1.2345678901234567e+19), and strings keep their escapes as typed
// (\u00e9 stays \u00e9). Only the whitespace between tokens changes, so the
// payload a user formats is the payload they typed.

#include <QByteArray>

#include <optional>

namespace dd {

// Four-space indentation, `"key": value`, a final newline: QJsonDocument's
// Indented layout (but {} and [] for empty ones). Meant for text a JSON parser has accepted; what
// it cannot lay out (an unclosed string, brackets that do not match, text after the value) gives
// std::nullopt.
std::optional<QByteArray> indentJson(const QByteArray &json);

} // namespace dd
