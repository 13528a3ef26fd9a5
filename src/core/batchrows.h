#pragma once
// Rows for a bulk dispatch, from CSV or JSON Lines. One row = the meta of one
// dispatch and an optional payload, inline or from a file.
//   CSV:   a header names the columns; `payload` (inline text), `payload_file`
//          and `payload_base64` are payload columns, every other column is a
//          meta key; an empty cell leaves its key out.
//   JSONL: one object per line, either {"meta": {...}, "payload": "...",
//          "payload_file": "...", "payload_base64": "..."} or flat (every
//          key but the payload ones is meta). Blank lines and #-comments skip.

#include "core/types.h"

#include <expected>

namespace dd {

// Where a row's payload comes from, for the preview ("inline", "base64", a file).
enum class PayloadSource { None, Inline, Base64, File };

struct BatchRow
{
    int line = 0; // 1-based line in the source, for messages
    MetaMap meta;
    QByteArray payload;
    bool hasPayload = false;
    PayloadSource payloadSource = PayloadSource::None;
    // payload_file as the row writes it; loadBatchPayloads (batchpayloads.h)
    // resolves it and fills in where it was read from.
    QString payloadFile;
    QString payloadPath;       // the file read, symbolic links resolved; empty if not read
    QString payloadPathInRoot; // the same, relative to the payload folder
};

struct BatchRowError
{
    int line = 0;
    QString message;
};

enum class BatchFormat { Csv, JsonLines };

struct BatchParse
{
    QList<BatchRow> rows;
    QList<BatchRowError> errors; // every bad row, not just the first
};

// Picks the format from the file name, else from the first character.
BatchFormat guessBatchFormat(const QString &fileName, const QByteArray &content);
// Payload files are only named here; batchpayloads.h reads them, confined to a folder.
BatchParse parseBatchRows(const QByteArray &content, BatchFormat format);

// Splits CSV text into records (RFC 4180: quotes, doubled quotes, newlines inside quotes).
std::expected<QList<QStringList>, QString> parseCsv(const QString &text,
                                                    QList<int> *lineNumbers = nullptr);

} // namespace dd
