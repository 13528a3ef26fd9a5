#pragma once
// An allocation's directory as a Nomad client serves it:
// GET /v1/client/fs/ls/<alloc>?path= (a list of entries) and fs/stat (one
// entry and its content type). fs/cat and fs/readat answer the file's bytes,
// and an error met while reading (a file that vanished, a secrets folder) is
// sent as the body of a 200: fsErrorInBody() tells those apart.

#include "core/decode.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace dd {

struct AllocFileInfo
{
    QString name;
    bool isDir = false;
    qint64 size = 0;
    QString fileMode;    // Go's FileMode.String(): "-rw-r--r--", "drwxrwxrwx", "prw-------"
    QDateTime modTime;   // UTC; invalid when Nomad sent none
    QString contentType; // fs/stat only: "text/plain; charset=utf-8", "application/octet-stream"

    // Only regular files can be read: a task's log fifo ("p") never ends.
    bool isRegularFile() const { return !isDir && fileMode.startsWith(u'-'); }
    bool isFifo() const { return fileMode.startsWith(u'p'); }
    // Go's DetectContentType (and Nomad's ".json" rule) said it is text.
    bool looksLikeText() const
    {
        return contentType.startsWith(u"text/") || contentType.startsWith(u"application/json");
    }
    friend bool operator==(const AllocFileInfo &, const AllocFileInfo &) = default;
};

// fs/ls: the entries in Nomad's order (by name). null is an empty directory.
Decoded<QList<AllocFileInfo>> decodeAllocFileList(const QByteArray &json);
// fs/stat.
Decoded<AllocFileInfo> decodeAllocFileInfo(const QByteArray &json);

// "/alloc/logs" + "talk.stdout.0" -> "/alloc/logs/talk.stdout.0"; paths start with '/'.
QString allocPathJoin(const QString &directory, const QString &name);
// "/alloc/logs/talk.stdout.0" -> "talk.stdout.0"; "/" -> "/".
QString allocPathName(const QString &path);

// The error a client sent in place of the bytes of `path` (fs/cat, fs/readat
// answer 200 and put Go's error text in the body), or nullopt when `body`
// reads as file content. Only Nomad's own texts count, and only when they name
// the path asked for, so a file whose content looks like an error is not
// mistaken for one unless it names itself:
//   stat <client data dir>/<alloc>/nope: no such file or directory
//   Reading secret file prohibited: /talk/secrets/token
std::optional<QString> fsErrorInBody(QByteArrayView body, const QString &path);

} // namespace dd
