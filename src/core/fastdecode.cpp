// decodeJobStubs with simdjson's On-Demand parser: typed values straight from
// the bytes, without building a DOM first. Repeated strings (namespace, type,
// status, parent ID, datacenters) are interned so 100,000 children share them.
#include "core/decode.h"

#include <QHash>

#include <memory>

// Without exceptions, every simdjson result must be checked: a conversion
// that would throw on malformed input does not compile.
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

using namespace simdjson;

namespace dd {

namespace {

class Interner
{
public:
    QString get(std::string_view text)
    {
        if (text.empty())
            return {};
        const QByteArray key = QByteArray::fromRawData(text.data(), qsizetype(text.size()));
        auto it = m_strings.constFind(key);
        if (it != m_strings.cend())
            return *it;
        const QString value = QString::fromUtf8(text.data(), qsizetype(text.size()));
        m_strings.insert(QByteArray(text.data(), qsizetype(text.size())), value);
        return value;
    }
    QStringList list(const QStringList &items)
    {
        const QString key = items.join(QChar(0));
        auto it = m_lists.constFind(key);
        if (it != m_lists.cend())
            return *it;
        m_lists.insert(key, items);
        return items;
    }

private:
    QHash<QByteArray, QString> m_strings;
    QHash<QString, QStringList> m_lists;
};

// A value that cannot even say whether it is null reads as not null; the
// typed read that follows then reports the malformed JSON.
bool isNull(ondemand::value &v)
{
    bool null = false;
    return v.is_null().get(null) == SUCCESS && null;
}

// Reads one value at a time, remembering the first error with the field's name.
class Reader
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(std::string_view field, const char *what)
    {
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("job list entry %1: field \"%2\" %3")
                          .arg(m_item)
                          .arg(QString::fromUtf8(field.data(), qsizetype(field.size())),
                               QLatin1StringView(what));
        }
    }
    void failText(const QString &text)
    {
        if (m_error.isEmpty())
            m_error = text;
    }
    void setItem(qsizetype item) { m_item = item; }

    // Go writes nil as null: null reads as "absent".
    std::optional<std::string_view> string(ondemand::value v, std::string_view field)
    {
        if (isNull(v))
            return std::nullopt;
        std::string_view s;
        if (v.get_string().get(s) != SUCCESS) {
            fail(field, "should be a string");
            return std::nullopt;
        }
        return s;
    }
    qint64 integer(ondemand::value v, std::string_view field)
    {
        if (isNull(v))
            return 0;
        int64_t i = 0;
        if (v.get_int64().get(i) == SUCCESS)
            return i;
        fail(field, "should be a whole number that fits 64 bits");
        return 0;
    }
    bool boolean(ondemand::value v, std::string_view field)
    {
        if (isNull(v))
            return false;
        bool b = false;
        if (v.get_bool().get(b) != SUCCESS)
            fail(field, "should be a boolean");
        return b;
    }

private:
    QString m_error;
    qsizetype m_item = 0;
};

void readCounts(Reader &r, ondemand::value v, TaskGroupSummary &out)
{
    ondemand::object o;
    if (v.get_object().get(o) != SUCCESS) {
        r.fail("Summary", "should hold objects");
        return;
    }
    for (auto fieldResult : o) {
        ondemand::field f;
        std::string_view key;
        if (std::move(fieldResult).get(f) != SUCCESS || f.unescaped_key().get(key) != SUCCESS) {
            r.fail("Summary", "is malformed");
            return;
        }
        const int n = int(r.integer(f.value(), key));
        if (key == "Queued")
            out.queued += n;
        else if (key == "Complete")
            out.complete += n;
        else if (key == "Failed")
            out.failed += n;
        else if (key == "Running")
            out.running += n;
        else if (key == "Starting")
            out.starting += n;
        else if (key == "Lost")
            out.lost += n;
    }
}

// summaryNamespace: the summary's own "Namespace", used when the stub has none.
void readSummary(Reader &r, ondemand::value v, JobStub &s, QString &summaryNamespace)
{
    // A repeated key replaces the earlier one, as in QJsonDocument.
    s.children = {};
    s.allocations = {};
    summaryNamespace.clear();
    if (isNull(v))
        return;
    ondemand::object o;
    if (v.get_object().get(o) != SUCCESS) {
        r.fail("JobSummary", "should be an object");
        return;
    }
    for (auto fieldResult : o) {
        ondemand::field f;
        std::string_view key;
        if (std::move(fieldResult).get(f) != SUCCESS || f.unescaped_key().get(key) != SUCCESS)
            return r.fail("JobSummary", "is malformed");
        ondemand::value value = f.value();
        if (key == "Namespace") {
            // Nomad 1.0's stubs name their namespace only here.
            std::string_view t;
            summaryNamespace = value.get_string().get(t) == SUCCESS
                                   ? QString::fromUtf8(t.data(), qsizetype(t.size()))
                                   : QString();
        } else if (key == "Children") {
            if (isNull(value))
                continue;
            ondemand::object c;
            if (value.get_object().get(c) != SUCCESS)
                return r.fail("Children", "should be an object");
            for (auto childResult : c) {
                ondemand::field cf;
                std::string_view ck;
                if (std::move(childResult).get(cf) != SUCCESS ||
                    cf.unescaped_key().get(ck) != SUCCESS)
                    return r.fail("Children", "is malformed");
                const int n = int(r.integer(cf.value(), ck));
                if (ck == "Pending")
                    s.children.pending = n;
                else if (ck == "Running")
                    s.children.running = n;
                else if (ck == "Dead")
                    s.children.dead = n;
            }
        } else if (key == "Summary") {
            if (isNull(value))
                continue;
            ondemand::object groups;
            if (value.get_object().get(groups) != SUCCESS)
                return r.fail("Summary", "should be an object");
            for (auto groupResult : groups) {
                ondemand::field g;
                if (std::move(groupResult).get(g) != SUCCESS)
                    return r.fail("Summary", "is malformed");
                readCounts(r, g.value(), s.allocations);
                if (r.failed())
                    return;
            }
        }
    }
}

void readStub(Reader &r, Interner &interner, ondemand::object object, JobStub &s)
{
    bool haveId = false;
    QString summaryNamespace;
    for (auto fieldResult : object) {
        ondemand::field field;
        std::string_view key;
        if (std::move(fieldResult).get(field) != SUCCESS ||
            field.unescaped_key().get(key) != SUCCESS)
            return r.failText(
                QStringLiteral("the answer is not valid JSON (a job list entry is malformed)"));
        ondemand::value v = field.value();
        if (key == "ID") {
            if (auto t = r.string(v, key)) {
                s.id = QString::fromUtf8(t->data(), qsizetype(t->size()));
                haveId = true;
            }
        } else if (key == "Name") {
            if (auto t = r.string(v, key)) {
                // A child's name is its ID: share the string instead of a copy.
                const QString name = QString::fromUtf8(t->data(), qsizetype(t->size()));
                s.name = name == s.id ? s.id : name;
            }
        } else if (key == "ParentID") {
            if (auto t = r.string(v, key))
                s.parentId = interner.get(*t);
        } else if (key == "Namespace") {
            if (auto t = r.string(v, key))
                s.nameSpace = interner.get(*t);
        } else if (key == "Type") {
            if (auto t = r.string(v, key))
                s.type = interner.get(*t);
        } else if (key == "Status") {
            if (auto t = r.string(v, key))
                s.status = interner.get(*t);
        } else if (key == "StatusDescription") {
            if (auto t = r.string(v, key))
                s.statusDescription = interner.get(*t);
        } else if (key == "Priority") {
            s.priority = int(r.integer(v, key));
        } else if (key == "ParameterizedJob") {
            s.parameterized = r.boolean(v, key);
        } else if (key == "Periodic") {
            s.periodic = r.boolean(v, key);
        } else if (key == "Stop") {
            s.stop = r.boolean(v, key);
        } else if (key == "SubmitTime") {
            s.submitTime = r.integer(v, key);
        } else if (key == "CreateIndex") {
            s.createIndex = quint64(qMax<qint64>(0, r.integer(v, key)));
        } else if (key == "ModifyIndex") {
            s.modifyIndex = quint64(qMax<qint64>(0, r.integer(v, key)));
        } else if (key == "JobModifyIndex") {
            s.jobModifyIndex = quint64(qMax<qint64>(0, r.integer(v, key)));
        } else if (key == "Datacenters") {
            if (isNull(v))
                continue;
            ondemand::array dcs;
            if (v.get_array().get(dcs) != SUCCESS) {
                r.fail(key, "should be an array");
                continue;
            }
            QStringList list;
            for (auto dc : dcs) {
                std::string_view t;
                if (dc.get_string().get(t) != SUCCESS) {
                    r.fail(key, "should be an array of strings");
                    break;
                }
                list.append(interner.get(t));
            }
            s.datacenters = interner.list(list);
        } else if (key == "JobSummary") {
            readSummary(r, v, s, summaryNamespace);
        }
        if (r.failed())
            return;
    }
    if (!haveId)
        r.fail("ID", "is missing");
    // Decided once every key is read: keys come in any order, and repeat.
    if (s.nameSpace.isEmpty())
        s.nameSpace = summaryNamespace;
}

} // namespace

namespace {

// The parser keeps buffers sized for the largest document it has read (about
// 5.7 times its size): after a large one they are given back, so a pool thread
// does not hold hundreds of MB between refreshes. Small answers keep theirs.
constexpr size_t kKeepParserBytes = 4 * 1024 * 1024;

template<typename Keep> Decoded<QList<JobStub>> decodeStubs(const QByteArray &json, Keep keep)
{
    const QByteArray trimmed = json.trimmed();
    if (trimmed == "null")
        return QList<JobStub>{};
    // One parser per thread: decoding runs on the thread pool.
    thread_local std::unique_ptr<ondemand::parser> parser;
    if (!parser)
        parser = std::make_unique<ondemand::parser>();
    struct Release
    {
        std::unique_ptr<ondemand::parser> &parser;
        bool large;
        ~Release()
        {
            if (large)
                parser.reset();
        }
    } release{parser, size_t(json.size()) > kKeepParserBytes};
    const padded_string padded(json.constData(), size_t(json.size()));
    ondemand::document doc;
    if (auto error = parser->iterate(padded).get(doc); error != SUCCESS) {
        return std::unexpected(DecodeError{QStringLiteral("the answer is not valid JSON (%1)")
                                               .arg(QLatin1StringView(error_message(error)))});
    }
    ondemand::array array;
    if (doc.get_array().get(array) != SUCCESS) {
        if (trimmed.startsWith('{'))
            return std::unexpected(
                DecodeError{QStringLiteral("job list: expected a JSON array but got an object")});
        return std::unexpected(
            DecodeError{QStringLiteral("the answer is not valid JSON (expected an array)")});
    }
    QList<JobStub> out;
    // Entries run 600-1200 bytes of JSON: a low estimate, so regrowth is rare and
    // an overestimate never holds memory the list does not use.
    out.reserve(json.size() / 1500 + 1);
    Interner interner;
    Reader reader;
    qsizetype index = 0;
    for (auto item : array) {
        reader.setItem(index);
        if (item.error() != SUCCESS) {
            return std::unexpected(
                DecodeError{QStringLiteral("the answer is not valid JSON (%1)")
                                .arg(QLatin1StringView(error_message(item.error())))});
        }
        ondemand::object object;
        if (auto error = item.get_object().get(object); error != SUCCESS) {
            if (error == INCORRECT_TYPE)
                return std::unexpected(
                    DecodeError{QStringLiteral("job list item %1 is not an object").arg(index)});
            return std::unexpected(DecodeError{QStringLiteral("the answer is not valid JSON (%1)")
                                                   .arg(QLatin1StringView(error_message(error)))});
        }
        JobStub stub;
        stub.priority = 0; // absent reads as 0, as in the reference decoder
        readStub(reader, interner, object, stub);
        if (reader.failed())
            return std::unexpected(DecodeError{reader.error()});
        if (keep(stub))
            out.append(std::move(stub));
        ++index;
    }
    return out;
}

} // namespace

Decoded<QList<JobStub>> decodeJobStubs(const QByteArray &json)
{
    return decodeStubs(json, [](const JobStub &) { return true; });
}

Decoded<QList<JobStub>> decodeParameterizedParents(const QByteArray &json)
{
    return decodeStubs(json, [](const JobStub &stub) { return stub.isParameterizedParent(); });
}

} // namespace dd
