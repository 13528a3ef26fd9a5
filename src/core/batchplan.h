#pragma once
// One bulk dispatch, planned before anything is sent: every row of the file
// with its problems, the batch ID and each row's idempotency token. The app's
// bulk dialog and `dispatch-desk-cli job dispatch-batch` both plan through
// planBatch(), after resolving the job, so the same file dispatched from
// either front end is the same batch: its tokens match, and running it again
// (from either) only dispatches the rows that did not land.

#include "core/batchpayloads.h"

namespace dd {

enum class BatchProblemKind {
    Unreadable, // the line could not be read as a row
    Payload,    // the row's payload file cannot be read
    Schema,     // the job's parameterized schema refuses the row
};

struct BatchRowProblem
{
    BatchProblemKind kind = BatchProblemKind::Schema;
    QString message; // Nomad's wording for schema problems; no final full stop
};

struct PlannedRow
{
    BatchRow row; // for an unreadable line: only its line number
    QList<BatchRowProblem> problems;
    // Derived from the batch ID and the row's position in the file, never random:
    // the same row of the same batch always carries the same token.
    QString token;

    bool isValid() const { return problems.isEmpty(); }
    bool isUnreadable() const;
};

struct BatchFile
{
    QByteArray content;
    BatchFormat format = BatchFormat::Csv;
    QString baseDir; // payload_file paths are relative to it; empty: the current folder
    // Payload files must lie inside it (symbolic links resolved); empty: baseDir.
    // Only an explicit choice of the user widens it (see batchpayloads.h).
    QString payloadRoot;
};

struct BatchPlan
{
    QString jobId; // the resolved ID, never a prefix
    QString batchId;
    BatchFormat format = BatchFormat::Csv;
    // The folder payload files were read from: absolute, symbolic links
    // resolved; empty when it does not exist (every payload_file row says so).
    QString payloadRoot;
    // The file as a whole could not be read (e.g. an unclosed quote): no rows.
    QStringList fileProblems;
    // Every row of the file in line order, the ones with problems included.
    QList<PlannedRow> rows;

    // The rows a run sends, in file order, and their tokens (same positions).
    QList<BatchRow> validRows() const;
    QStringList validTokens() const;
    qsizetype validCount() const;
    qsizetype problemCount() const;
    bool hasSchemaProblems() const;
};

// `jobId` must be the resolved job ID (a prefix would make another batch).
// `schema` is that job, to check the rows against; null when it could not be
// read (the server still refuses bad rows). An empty `batchId` is derived from
// the job ID and the file's bytes, so the same file makes the same batch.
BatchPlan planBatch(const BatchFile &file, const QString &jobId, const Job *schema,
                    const QString &batchId = {});

QString batchIdFor(const QString &jobId, const QByteArray &content);
QString batchRowToken(const QString &batchId, qsizetype position);

} // namespace dd
