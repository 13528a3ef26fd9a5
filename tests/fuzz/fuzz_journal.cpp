// The journal reader on arbitrary file contents (a damaged or hand-edited journal).
#include "core/dispatchjournal.h"

#include <QFile>
#include <QTemporaryFile>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryFile *file = [] {
        auto *f = new QTemporaryFile;
        f->open();
        return f;
    }();
    file->resize(0);
    file->seek(0);
    file->write(reinterpret_cast<const char *>(data), qint64(size));
    file->flush();
    (void)dd::DispatchJournal(file->fileName()).load();
    return 0;
}
