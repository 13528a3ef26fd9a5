#include "core/batchpayloads.h"

#include "core/boundedfile.h"
#include "core/dispatchvalidation.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace dd {

namespace {

QString absoluteFolder(const QString &dir)
{
    return QDir::cleanPath(dir.isEmpty() ? QDir::currentPath() : QDir(dir).absolutePath());
}

bool isInsideFolder(const QString &path, const QString &root)
{
    if (root.isEmpty() || path.isEmpty())
        return false;
    if (root == u"/")
        return path.startsWith(u'/');
    return path == root || path.startsWith(root + u'/');
}

QString payloadQuoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString outsideText(const QString &written, const QString &root, const QString &target)
{
    QString what = u"payload file "_s + payloadQuoted(written);
    if (target.isEmpty())
        what += u" is outside "_s + root;
    else
        what += u" is a symbolic link to "_s + target + u", outside "_s + root;
    return what + u"; payload files must be inside the rows file's folder, or pass "
                  u"-payload-root DIR / choose a folder with \"Change…\" in the app"_s;
}

QString readProblem(const QString &written, const FileReadError &error)
{
    const QString name = u"payload file "_s + payloadQuoted(written);
    switch (error.kind) {
    case FileReadError::Kind::Missing:
        return name + u" does not exist (looked for "_s + error.path + u')';
    case FileReadError::Kind::Directory:
        return name + u" is a directory, not a file"_s;
    case FileReadError::Kind::NotRegular:
        return name + u" is not a regular file (a pipe, device or socket), so it was not read"_s;
    case FileReadError::Kind::TooLarge:
        return name + u" is "_s +
               (error.size > error.limit ? QString::number(error.size) + u" bytes"_s
                                         : u"still growing and already over the limit"_s) +
               u", over Nomad's payload limit of "_s + QString::number(error.limit) +
               u" bytes; it was not read"_s;
    case FileReadError::Kind::Unreadable:
        return name + u" cannot be read: "_s + error.detail;
    }
    return name + u" cannot be read"_s;
}

} // namespace

QString payloadRootPath(const PayloadFolder &folder)
{
    const QString root =
        folder.root.isEmpty() ? absoluteFolder(folder.rowsDir) : absoluteFolder(folder.root);
    const QFileInfo info(root);
    return info.isDir() ? info.canonicalFilePath() : QString();
}

std::expected<QString, QString> resolvePayloadFile(const QString &written,
                                                   const PayloadFolder &folder)
{
    // open() would stop at a NUL and read another file than the one checked.
    if (written.contains(QChar(0)))
        return std::unexpected(u"payload file "_s + payloadQuoted(written.split(QChar(0)).first()) +
                               u"… holds a NUL character, which no file name can"_s);
    const QString rowsDir = absoluteFolder(folder.rowsDir);
    const QString rootGiven = folder.root.isEmpty() ? rowsDir : absoluteFolder(folder.root);
    const QString root = payloadRootPath(folder);
    if (root.isEmpty())
        return std::unexpected(u"the payload folder "_s + rootGiven +
                               u" does not exist, so payload file "_s + payloadQuoted(written) +
                               u" was not read; choose an existing folder"_s);
    const QString lexical = QDir::cleanPath(QDir(rowsDir).absoluteFilePath(written));
    const QFileInfo info(lexical);
    if (!info.exists()) {
        // Nothing to resolve: judge by the name alone, and say nothing about
        // what exists outside the folder.
        if (!isInsideFolder(lexical, rootGiven) && !isInsideFolder(lexical, root))
            return std::unexpected(outsideText(written, root, {}));
        return std::unexpected(u"payload file "_s + payloadQuoted(written) +
                               u" does not exist (looked for "_s + lexical + u')');
    }
    const QString real = info.canonicalFilePath();
    if (!isInsideFolder(real, root)) {
        const bool viaLink = isInsideFolder(lexical, rootGiven) || isInsideFolder(lexical, root);
        return std::unexpected(outsideText(written, root, viaLink ? real : QString()));
    }
    return real;
}

QList<BatchRowError> loadBatchPayloads(QList<BatchRow> &rows, const PayloadFolder &folder)
{
    QList<BatchRowError> errors;
    const QString root = payloadRootPath(folder);
    for (BatchRow &row : rows) {
        if (row.payloadSource != PayloadSource::File)
            continue;
        const auto path = resolvePayloadFile(row.payloadFile, folder);
        if (!path) {
            errors.append({row.line, path.error()});
            continue;
        }
        // Regular files only and the size checked before a byte is read: a
        // FIFO cannot hang the run, /dev/zero cannot fill the memory.
        auto bytes = readBoundedFile(*path, kMaxPayloadBytes);
        if (!bytes) {
            errors.append({row.line, readProblem(row.payloadFile, bytes.error())});
            continue;
        }
        row.payload = *bytes;
        // Set only for a file that was read: the preview tells the others apart.
        row.payloadPath = *path;
        row.payloadPathInRoot = QDir(root).relativeFilePath(*path);
    }
    return errors;
}

} // namespace dd
