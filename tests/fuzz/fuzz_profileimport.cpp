// Profile import on arbitrary JSON into a temporary settings store holding a
// profile with a saved token. Whatever the file says: a replaced profile that
// points at another cluster never keeps its token (unless asked), every
// stored profile is usable and within the field limits, and the store still
// loads. A violation aborts, so libFuzzer reports it.
#include "core/profilestore.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

namespace {
// Every import that changes something writes the settings file (atomically,
// with an fsync): on tmpfs that costs little, so CI gets thousands of runs.
QString tempTemplate()
{
    return QDir(QStringLiteral("/dev/shm")).exists()
               ? QStringLiteral("/dev/shm/fuzz-profileimport-XXXXXX")
               : QDir::tempPath() + QStringLiteral("/fuzz-profileimport-XXXXXX");
}

dd::ConnectionProfile savedProd()
{
    dd::ConnectionProfile prod;
    prod.name = QStringLiteral("prod");
    prod.address = QStringLiteral("https://nomad.example:4646");
    prod.tokenRef = dd::tokenRefForProfile(prod.name);
    return prod;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Statics, not leaked: the folder is removed when the fuzzer exits.
    static QTemporaryDir dir(tempTemplate());
    static QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    static dd::ProfileStore store(&settings);
    static bool changed = true; // the store no longer holds just the saved "prod"
    const dd::ConnectionProfile prod = savedProd();
    if (changed) {
        settings.clear();
        if (!store.save(prod))
            std::abort();
        changed = false;
    }

    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)store.previewImport(json, dd::ProfileStore::ImportMode::ReplaceExisting);
    auto imported = store.importJson(json, dd::ProfileStore::ImportMode::ReplaceExisting);
    if (!imported || (imported->added.isEmpty() && imported->replaced.isEmpty()))
        return 0; // nothing was written
    changed = true;
    for (const dd::RetargetedProfile &r : std::as_const(imported->retargeted)) {
        if (r.tokenKept)
            std::abort();
    }
    const dd::ProfileLoad load = store.load();
    for (const dd::ConnectionProfile &p : load.profiles) {
        if (!dd::profileProblems(p).isEmpty())
            std::abort();
        if (p.name == u"prod" && !p.tokenRef.isEmpty() &&
            dd::addressTargetChange(prod.address, p.address))
            std::abort(); // the token followed the profile to another cluster
    }
    return 0;
}
