#pragma once
// `dispatch-desk-cli history`: the dispatch journal as a table.

#include "cli/clicontext.h"

namespace dd::cli {

int runHistoryCommand(const QStringList &args, CliContext &context);

} // namespace dd::cli
