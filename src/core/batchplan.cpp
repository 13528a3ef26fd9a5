#include "core/batchplan.h"

#include "core/dispatchvalidation.h"

#include <QCryptographicHash>

#include <algorithm>
#include <map>

using namespace Qt::Literals::StringLiterals;

namespace dd {

bool PlannedRow::isUnreadable() const
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const BatchRowProblem &p) {
        return p.kind == BatchProblemKind::Unreadable;
    });
}

QList<BatchRow> BatchPlan::validRows() const
{
    QList<BatchRow> result;
    for (const PlannedRow &r : rows) {
        if (r.isValid())
            result.append(r.row);
    }
    return result;
}

QStringList BatchPlan::validTokens() const
{
    QStringList result;
    for (const PlannedRow &r : rows) {
        if (r.isValid())
            result.append(r.token);
    }
    return result;
}

qsizetype BatchPlan::validCount() const
{
    return std::count_if(rows.cbegin(), rows.cend(),
                         [](const PlannedRow &r) { return r.isValid(); });
}

qsizetype BatchPlan::problemCount() const
{
    qsizetype n = fileProblems.size();
    for (const PlannedRow &r : rows)
        n += r.problems.size();
    return n;
}

bool BatchPlan::hasSchemaProblems() const
{
    for (const PlannedRow &r : rows) {
        for (const BatchRowProblem &p : r.problems) {
            if (p.kind == BatchProblemKind::Schema)
                return true;
        }
    }
    return false;
}

QString batchIdFor(const QString &jobId, const QByteArray &content)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(jobId.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(content);
    return QString::fromLatin1(hash.result().toHex().left(16));
}

QString batchRowToken(const QString &batchId, qsizetype position)
{
    return u"dd-batch-"_s + batchId + u'-' + QString::number(position);
}

BatchPlan planBatch(const BatchFile &file, const QString &jobId, const Job *schema,
                    const QString &batchId)
{
    BatchPlan plan;
    plan.jobId = jobId;
    plan.format = file.format;
    plan.batchId = batchId.isEmpty() ? batchIdFor(jobId, file.content) : batchId;

    const PayloadFolder folder{file.baseDir, file.payloadRoot};
    plan.payloadRoot = payloadRootPath(folder);
    BatchParse parsed = parseBatchRows(file.content, file.format);
    const QList<BatchRowError> payloadErrors = loadBatchPayloads(parsed.rows, folder);
    for (const BatchRowError &e : std::as_const(parsed.errors)) {
        if (e.line <= 0)
            plan.fileProblems.append(e.message);
    }
    if (!plan.fileProblems.isEmpty())
        return plan;

    std::map<int, PlannedRow> byLine;
    for (const BatchRow &row : std::as_const(parsed.rows)) {
        PlannedRow planned;
        planned.row = row;
        for (const BatchRowError &e : payloadErrors) {
            if (e.line == row.line)
                planned.problems.append({BatchProblemKind::Payload, e.message});
        }
        if (schema) {
            DispatchRequest request;
            request.jobId = jobId;
            request.meta = row.meta;
            request.payload = row.payload;
            request.hasPayload = row.hasPayload;
            for (const DispatchProblem &p : validateDispatch(*schema, request))
                planned.problems.append({BatchProblemKind::Schema, p.message});
        }
        byLine[row.line] = planned;
    }
    // A line that could not be read is still a row of the file, shown with its reason.
    for (const BatchRowError &e : std::as_const(parsed.errors)) {
        PlannedRow &planned = byLine[e.line];
        planned.row.line = e.line;
        planned.problems.append({BatchProblemKind::Unreadable, e.message});
    }
    // Tokens count every row of the file, valid or not: a row that becomes valid
    // later (its payload file appears, the job's schema changes) moves no other
    // row's token, so no row can be mistaken for one that landed before.
    for (auto &[line, planned] : byLine) {
        planned.token = batchRowToken(plan.batchId, plan.rows.size());
        plan.rows.append(std::move(planned));
    }
    return plan;
}

} // namespace dd
