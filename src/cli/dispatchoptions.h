#pragma once
// `job dispatch` arguments, parsed exactly as the reference parses them.

#include "cli/generaloptions.h"
#include "core/types.h"

#include <QIODevice>

namespace dd::cli {

struct DispatchOptions
{
    GeneralOptions general;
    QStringList meta; // raw "-meta" values, in order
    bool detach = false;
    bool verbose = false;
    bool wait = false;
    bool logs = false; // print the tasks' output while waiting (implies -wait)
    bool openUi = false;
    QString idempotencyToken;
    QString idPrefixTemplate;
    int priority = 0;
    QString preset;
    QString jobArg;
    std::optional<QString> inputSource;
    ConnectionLayer flagLayer; // the general options given as flags
    bool colorFlagsGiven = false;
};

struct ParseFailure
{
    QStringList errors;     // stderr lines
    bool printHelp = false; // the reference prints its help on stdout after a flag error
    int exitCode = 1;
};

std::expected<DispatchOptions, ParseFailure> parseDispatchArgs(const QStringList &args);

// The payload from a file or "-" (stdin), with Go's error wording.
std::expected<QByteArray, QString> readInput(const QString &source, QIODevice *stdinDevice);

// "-meta k=v" values; later keys win. The error is the reference's line.
std::expected<MetaMap, QString> parseMeta(const QStringList &values);

QString dispatchHelpText();

} // namespace dd::cli
