#include "core/batchrows.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace dd {

BatchFormat guessBatchFormat(const QString &fileName, const QByteArray &content)
{
    const QString lower = fileName.toLower();
    if (lower.endsWith(u".csv"))
        return BatchFormat::Csv;
    if (lower.endsWith(u".jsonl") || lower.endsWith(u".ndjson") || lower.endsWith(u".json"))
        return BatchFormat::JsonLines;
    return content.trimmed().startsWith('{') ? BatchFormat::JsonLines : BatchFormat::Csv;
}

std::expected<QList<QStringList>, QString> parseCsv(const QString &text, QList<int> *lineNumbers)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    auto endField = [&]() {
        record.append(field);
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&]() {
        endField();
        if (!(record.size() == 1 && record.first().isEmpty())) {
            records.append(record);
            if (lineNumbers)
                lineNumbers->append(recordLine);
        }
        record.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == u',') {
            endField();
        } else if (c == u'\r') {
            continue;
        } else if (c == u'\n') {
            endRecord();
            ++line;
            recordLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return std::unexpected(u"line "_s + QString::number(recordLine) +
                               u": a quoted field is never closed"_s);
    if (!field.isEmpty() || !record.isEmpty())
        endRecord();
    return records;
}

static bool isPayloadKey(const QString &key)
{
    return key == u"payload" || key == u"payload_file" || key == u"payload_base64";
}

static std::optional<QString> setPayload(BatchRow &row, const QString &key, const QString &value)
{
    if (value.isEmpty())
        return std::nullopt;
    if (row.hasPayload)
        return u"gives more than one payload (use one of payload, payload_file, payload_base64)"_s;
    row.hasPayload = true;
    if (key == u"payload") {
        row.payloadSource = PayloadSource::Inline;
        row.payload = value.toUtf8();
    } else if (key == u"payload_base64") {
        row.payloadSource = PayloadSource::Base64;
        auto bytes = QByteArray::fromBase64Encoding(value.toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes)
            return u"payload_base64 is not valid base64"_s;
        row.payload = *bytes;
    } else {
        row.payloadSource = PayloadSource::File;
        row.payloadFile = value;
    }
    return std::nullopt;
}

static BatchParse parseCsvRows(const QByteArray &content)
{
    BatchParse result;
    QList<int> lines;
    auto records = parseCsv(QString::fromUtf8(content), &lines);
    if (!records) {
        result.errors.append({0, records.error()});
        return result;
    }
    if (records->isEmpty()) {
        result.errors.append({0, u"the file is empty; a CSV needs a header naming its columns"_s});
        return result;
    }
    const QStringList header = records->first();
    for (const QString &h : header) {
        if (h.trimmed().isEmpty())
            result.errors.append({lines.first(), u"the header has an empty column name"_s});
    }
    for (qsizetype r = 1; r < records->size(); ++r) {
        const QStringList &cells = records->at(r);
        BatchRow row;
        row.line = lines.at(r);
        if (cells.size() != header.size()) {
            result.errors.append({row.line, u"has "_s + QString::number(cells.size()) +
                                                u" cells but the header names "_s +
                                                QString::number(header.size()) + u" columns"_s});
            continue;
        }
        bool bad = false;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString key = header.at(c).trimmed();
            if (isPayloadKey(key)) {
                if (auto error = setPayload(row, key, cells.at(c))) {
                    result.errors.append({row.line, *error});
                    bad = true;
                }
            } else if (!cells.at(c).isEmpty()) {
                row.meta.insert(key, cells.at(c));
            }
        }
        if (!bad)
            result.rows.append(row);
    }
    return result;
}

static BatchParse parseJsonLines(const QByteArray &content)
{
    BatchParse result;
    const QList<QByteArray> lines = content.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int number = int(i + 1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            result.errors.append({number, u"is not a JSON object ("_s +
                                              (doc.isObject() ? QString() : error.errorString()) +
                                              u')'});
            continue;
        }
        QJsonObject o = doc.object();
        BatchRow row;
        row.line = number;
        bool bad = false;
        auto addMeta = [&](const QJsonObject &meta) {
            for (auto it = meta.begin(); it != meta.end(); ++it) {
                if (it.value().isString())
                    row.meta.insert(it.key(), it.value().toString());
                else if (it.value().isDouble() || it.value().isBool())
                    row.meta.insert(it.key(), it.value().toVariant().toString());
                else if (!it.value().isNull()) {
                    result.errors.append({number, u"meta \""_s + it.key() +
                                                      u"\" must be a string, number or boolean"_s});
                    bad = true;
                }
            }
        };
        if (o.value(u"meta"_s).isObject()) {
            addMeta(o.value(u"meta"_s).toObject());
            o.remove(u"meta"_s);
        }
        QJsonObject flat;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (isPayloadKey(it.key())) {
                if (!it.value().isString() && !it.value().isNull()) {
                    result.errors.append({number, it.key() + u" must be a string"_s});
                    bad = true;
                } else if (auto e = setPayload(row, it.key(), it.value().toString())) {
                    result.errors.append({number, *e});
                    bad = true;
                }
            } else {
                flat.insert(it.key(), it.value());
            }
        }
        addMeta(flat);
        if (!bad)
            result.rows.append(row);
    }
    return result;
}

BatchParse parseBatchRows(const QByteArray &content, BatchFormat format)
{
    return format == BatchFormat::Csv ? parseCsvRows(content) : parseJsonLines(content);
}

} // namespace dd
