// Bulk-dispatch rows (CSV and JSON Lines) on arbitrary bytes, with their
// payload files read confined to a temporary payload folder. The folder holds
// a file, a sub-folder, a FIFO, a symbolic link out and one to /dev/zero, and
// a secret beside it: whatever a row names, nothing outside the folder may be
// read and nothing may hang. A violation aborts, so libFuzzer reports it.
#include "core/batchpayloads.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <sys/stat.h>

namespace {
struct Folder
{
    QTemporaryDir top;
    QString rows;
    QString rowsCanonical;

    Folder()
    {
        rows = top.filePath(QStringLiteral("rows"));
        QDir().mkpath(rows + QStringLiteral("/in"));
        write(top.filePath(QStringLiteral("secret")), "SECRET");
        write(rows + QStringLiteral("/in/clip.json"), "{\"frames\": 1}");
        write(rows + QStringLiteral("/big.bin"), QByteArray(16385, 'x'));
        QFile::link(top.filePath(QStringLiteral("secret")), rows + QStringLiteral("/out"));
        QFile::link(QStringLiteral("/dev/zero"), rows + QStringLiteral("/zero"));
        ::mkfifo(QFile::encodeName(rows + QStringLiteral("/fifo")).constData(), 0600);
        rowsCanonical = QFileInfo(rows).canonicalFilePath();
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Folder folderOnce; // removed when the fuzzer exits
    static Folder *folder = &folderOnce;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (auto format : {dd::BatchFormat::Csv, dd::BatchFormat::JsonLines}) {
        dd::BatchParse parsed = dd::parseBatchRows(bytes, format);
        (void)dd::loadBatchPayloads(parsed.rows, {folder->rows, {}});
        for (const dd::BatchRow &row : std::as_const(parsed.rows)) {
            if (row.payloadPath.isEmpty())
                continue;
            const bool inside = row.payloadPath.startsWith(folder->rowsCanonical + u'/');
            if (!inside || row.payload.contains("SECRET") || row.payload.size() > 16384)
                std::abort();
        }
        (void)dd::guessBatchFormat(QString(), bytes);
    }
    return 0;
}
