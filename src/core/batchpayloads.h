#pragma once
// Reading the payload files a rows file names, without letting the rows file
// choose what to read. A rows file may come from anyone (a colleague, a
// ticket, a generated export), and a payload is readable by everyone with
// read-job on the cluster, so `payload_file` must never reach /proc/self/environ,
// ~/.ssh or a FIFO:
//   - a relative path starts at the rows file's folder;
//   - the file found, symbolic links resolved, must lie inside the payload
//     folder: by default that same folder, wider only when the user says so
//     (dispatch-batch -payload-root, "Change…" in the app's bulk dialog);
//   - only regular files, at most Nomad's payload limit, checked before reading.

#include "core/batchrows.h"

#include <expected>

namespace dd {

struct PayloadFolder
{
    QString rowsDir; // relative payload_file paths start here; empty: the current folder
    QString root;    // payload files must lie inside it; empty: rowsDir
};

// The folder payload files must lie in: absolute, symbolic links resolved;
// empty when it does not exist.
QString payloadRootPath(const PayloadFolder &folder);

// The file a row's payload_file names, absolute with symbolic links resolved,
// or why it may not be read (one sentence without a final full stop).
std::expected<QString, QString> resolvePayloadFile(const QString &written,
                                                   const PayloadFolder &folder);

// Reads the rows' payload files (confined as above) into the rows; a file
// that may not or cannot be read is an error for its row.
QList<BatchRowError> loadBatchPayloads(QList<BatchRow> &rows, const PayloadFolder &folder);

} // namespace dd
