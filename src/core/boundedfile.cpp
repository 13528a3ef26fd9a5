#include "core/boundedfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dd {

namespace {
QString trFile(const char *text)
{
    return QCoreApplication::translate("BoundedFile", text);
}
} // namespace

QString FileReadError::message() const
{
    switch (kind) {
    case Kind::Missing:
        return trFile("\"%1\" does not exist").arg(path);
    case Kind::Directory:
        return trFile("\"%1\" is a directory, not a file").arg(path);
    case Kind::NotRegular:
        return trFile("\"%1\" is not a regular file (a pipe, device or socket), so it was not read")
            .arg(path);
    case Kind::TooLarge:
        return trFile("\"%1\" is larger than %2 bytes (%3), too large for what it is used for")
            .arg(path)
            .arg(limit)
            .arg(size > limit ? trFile("%1 bytes").arg(size) : trFile("it kept growing"));
    case Kind::Unreadable:
        return trFile("\"%1\" cannot be read: %2").arg(path, detail);
    }
    return {};
}

QString FileReadError::reason() const
{
    switch (kind) {
    case Kind::Missing:
        return trFile("no such file");
    case Kind::Directory:
        return trFile("it is a directory, not a file");
    case Kind::NotRegular:
        return trFile("it is not a regular file (a pipe, device or socket), so it was not read");
    case Kind::TooLarge:
        return trFile("it is larger than %1 bytes (%2), too large for what it is used for")
            .arg(limit)
            .arg(size > limit ? trFile("%1 bytes").arg(size) : trFile("it kept growing"));
    case Kind::Unreadable:
        return detail;
    }
    return {};
}

std::expected<QByteArray, FileReadError> readBoundedFile(const QString &path, qint64 maxBytes)
{
    FileReadError error;
    error.path = path;
    error.limit = maxBytes;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error.kind =
            errno == ENOENT ? FileReadError::Kind::Missing : FileReadError::Kind::Unreadable;
        error.detail = QString::fromLocal8Bit(std::strerror(errno));
        return std::unexpected(error);
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error.kind =
            S_ISDIR(st.st_mode) ? FileReadError::Kind::Directory : FileReadError::Kind::NotRegular;
        ::close(fd);
        return std::unexpected(error);
    }
    if (st.st_size > maxBytes) {
        error.kind = FileReadError::Kind::TooLarge;
        error.size = st.st_size;
        ::close(fd);
        return std::unexpected(error);
    }
    QByteArray data;
    data.resize(qsizetype(st.st_size) + 1);
    qint64 got = 0;
    for (;;) {
        if (got == data.size()) {
            if (got > maxBytes)
                break;
            data.resize(qsizetype(qMin<qint64>(maxBytes + 1, got * 2 + 4096)));
        }
        const ssize_t n = ::read(fd, data.data() + got, size_t(data.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error.kind = FileReadError::Kind::Unreadable;
            error.detail = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            return std::unexpected(error);
        }
        if (n == 0)
            break;
        got += n;
    }
    ::close(fd);
    if (got > maxBytes) { // it grew while being read
        error.kind = FileReadError::Kind::TooLarge;
        error.size = got;
        return std::unexpected(error);
    }
    data.resize(qsizetype(got));
    return data;
}

std::expected<QByteArray, FileReadError> readBoundedStream(QIODevice *device, qint64 maxBytes,
                                                           const QString &name)
{
    FileReadError error;
    error.path = name;
    error.limit = maxBytes;
    QByteArray data;
    for (;;) {
        // A file on a pipe blocks in read() until data or the end arrives.
        const QByteArray chunk = device->read(qMin<qint64>(64 * 1024, maxBytes + 1 - data.size()));
        if (chunk.isEmpty())
            break;
        data += chunk;
        if (data.size() > maxBytes) {
            error.kind = FileReadError::Kind::TooLarge;
            error.size = data.size();
            return std::unexpected(error);
        }
    }
    return data;
}

} // namespace dd
