// The CLI's argument parsing: lines of the input are arguments.
#include "cli/dispatchoptions.h"
#include "cli/generaloptions.h"
#include "core/goduration.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QStringList args = text.split(QLatin1Char('\n'));
    auto parsed = dd::cli::parseDispatchArgs(args);
    if (parsed) {
        (void)dd::cli::parseMeta(parsed->meta);
        (void)dd::clientConfigFor(parsed->flagLayer, {}, {}, nullptr);
    }
    QProcessEnvironment env;
    for (const QString &line : args) {
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            env.insert(line.left(eq), line.mid(eq + 1));
        (void)dd::parseAddress(line);
        (void)dd::parseGoDuration(line);
    }
    QStringList warnings;
    (void)dd::clientConfigFor({}, env, {}, &warnings);
    return 0;
}
