#pragma once
// `profile export` and `profile import`, for runProfileCommand. An import
// never carries a token, and never sends a saved one to another cluster
// unless -keep-tokens says so.

#include "cli/profilecommand.h"

namespace dd::cli {

// `args` are the words after "export" / "import". Return the exit code.
int profileExport(const QStringList &args, ProfileCommandContext &ctx);
int profileImport(const QStringList &args, ProfileCommandContext &ctx);

} // namespace dd::cli
