#pragma once
// Reading a file the user named (a payload, a CA certificate, a rows file, a
// profile export) without trusting it: regular files only, so a FIFO cannot
// hang the program and /dev/zero cannot fill its memory; at most maxBytes, so
// a mistaken path fails at once with the size in the message.

#include <QByteArray>
#include <QString>

#include <expected>

class QIODevice;

namespace dd {

struct FileReadError
{
    enum class Kind { Missing, Directory, NotRegular, TooLarge, Unreadable };
    Kind kind = Kind::Unreadable;
    QString path;
    qint64 size = -1; // TooLarge: the size found (at least limit + 1)
    qint64 limit = 0; // TooLarge: the limit
    QString detail;   // Unreadable: the system's words

    // "…: not a regular file (a FIFO, device or socket)" and so on, in plain words.
    QString message() const;
    // The same without the path, for "cannot read <path>: <reason>".
    QString reason() const;
};

std::expected<QByteArray, FileReadError> readBoundedFile(const QString &path, qint64 maxBytes);
// Reads a stream (standard input) to its end, failing past maxBytes.
std::expected<QByteArray, FileReadError> readBoundedStream(QIODevice *device, qint64 maxBytes,
                                                           const QString &name);

} // namespace dd
