// The allocation directory of clientfiles.h: what ls/stat/cat/readat see.
#include "sim/clientfiles.h"

#include "sim/nomadformat.h"

#include <QJsonArray>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace dd::sim {

namespace {

constexpr qint64 kDirSetupNs = 40 * kNsPerMs; // the task dir appears a little after the alloc dir

// Go's http.DetectContentType, for the cases the allocation directory holds.
QString contentTypeOf(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return u"application/octet-stream"_s;
    QStringDecoder utf8(QStringDecoder::Utf8);
    (void)utf8.decode(bytes.left(512));
    return utf8.hasError() ? u"application/octet-stream"_s : u"text/plain; charset=utf-8"_s;
}

QStringList splitPath(const QString &path, bool *escapes)
{
    QStringList parts;
    for (const QString &p : path.split(u'/', Qt::SkipEmptyParts)) {
        if (p == "."_L1)
            continue;
        if (p == ".."_L1) {
            if (parts.isEmpty())
                *escapes = true;
            else
                parts.removeLast();
            continue;
        }
        parts << p;
    }
    return parts;
}

} // namespace

struct ClientFiles::Entry
{
    QString name;
    bool isDir = false;
    qint64 size = 0;
    QString mode;
    qint64 modTime = 0;
    QString task; // log files and fifos
    int fd = 0;
    int index = -1; // log files
    bool payload = false;

    QJsonObject toJson() const
    {
        return QJsonObject{{"FileMode"_L1, mode},
                           {"IsDir"_L1, isDir},
                           {"ModTime"_L1, rfc3339Nano(modTime)},
                           {"Name"_L1, name},
                           {"Size"_L1, size}};
    }
};

ClientFiles::ClientFiles(ClusterState &state, SimClock &clock, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_clock(clock)
{}

ClientFiles::~ClientFiles() = default;

std::expected<const SimAlloc *, HttpResponse> ClientFiles::lookup(const QString &allocId) const
{
    if (allocId.size() != 36)
        return std::unexpected(HttpResponse::text(
            500, u"alloc lookup failed: index error: UUID must be 36 characters"_s));
    const auto it = m_state.allocs().find(allocId);
    if (it == m_state.allocs().end())
        return std::unexpected(
            HttpResponse::text(404, u"Unknown allocation \"%1\""_s.arg(allocId)));
    return &it->second;
}

std::shared_ptr<const TaskOutput> ClientFiles::output(const SimAlloc &alloc, const QString &task)
{
    const QString key = alloc.id + u'/' + task;
    auto it = m_outputs.find(key);
    if (it != m_outputs.end())
        return *it;
    if (m_outputs.size() > 512)
        m_outputs.clear(); // rebuilt on demand; keeps a long demo from growing
    return *m_outputs.insert(key, TaskOutput::build(alloc, task, m_allocDir));
}

TaskLogView ClientFiles::logView(const SimAlloc &alloc, const QString &task)
{
    return TaskLogView(output(alloc, task), alloc.taskStates.value(task), m_clock.nowNs(),
                       m_rotateBytes);
}

QList<ClientFiles::Entry> ClientFiles::entries(const SimAlloc &alloc, const QString &dir)
{
    QList<Entry> out;
    auto directory = [&](const QString &name, qint64 time) {
        Entry e;
        e.name = name;
        e.isDir = true;
        e.size = 4096;
        e.mode = u"drwxrwxrwx"_s;
        e.modTime = time;
        out << e;
    };
    const qint64 created = alloc.createTime + 2 * kNsPerMs;
    QStringList tasks = alloc.taskStates.keys();
    if (dir.isEmpty()) {
        directory(u"alloc"_s, created);
        for (const QString &t : tasks)
            directory(t, created + kDirSetupNs);
    } else if (dir == "alloc"_L1) {
        for (const QString &d : {u"data"_s, u"logs"_s, u"tmp"_s})
            directory(d, created);
    } else if (dir == "alloc/logs"_L1) {
        for (const QString &t : tasks) {
            const TaskState s = alloc.taskStates.value(t);
            const qint64 started = s.startedAt > 0 ? s.startedAt : created + kDirSetupNs;
            for (int fd : {2, 1}) {
                Entry fifo;
                fifo.name = u'.' + t + (fd == 2 ? u".stderr.fifo"_s : u".stdout.fifo"_s);
                fifo.mode = u"prw-------"_s;
                fifo.modTime = started;
                fifo.task = t;
                out << fifo;
            }
            if (s.startedAt == 0)
                continue;
            const TaskLogView view = logView(alloc, t);
            for (int fd : {1, 2}) {
                for (int i = view.firstFile(fd); i <= view.lastFile(fd); ++i) {
                    Entry f;
                    f.name = logFileName(t, fd, i);
                    f.size = view.fileSize(fd, i);
                    f.mode = u"-rw-r--r--"_s;
                    f.modTime = view.modTime();
                    f.task = t;
                    f.fd = fd;
                    f.index = i;
                    out << f;
                }
            }
        }
    } else if (tasks.contains(dir)) {
        for (const QString &d : {u"local"_s, u"secrets"_s, u"tmp"_s})
            directory(d, created + kDirSetupNs);
    } else if (dir.endsWith(u"/local"_s) && tasks.contains(dir.chopped(6))) {
        const auto out0 = output(alloc, dir.chopped(6));
        if (!out0->payloadPath.isEmpty()) {
            Entry p;
            p.name = out0->payloadPath.section(u'/', -1);
            p.size = out0->payload.size();
            p.mode = u"-rwxr-xr-x"_s;
            p.modTime = created + kDirSetupNs;
            p.payload = true;
            p.task = dir.chopped(6);
            out << p;
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Entry &a, const Entry &b) { return a.name < b.name; });
    return out;
}

std::optional<ClientFiles::Entry> ClientFiles::find(const SimAlloc &alloc, const QString &path)
{
    bool escapes = false;
    const QStringList parts = splitPath(path, &escapes);
    if (parts.isEmpty()) {
        Entry root;
        root.name = alloc.id;
        root.isDir = true;
        root.size = 4096;
        root.mode = u"drwxrwxrwx"_s;
        root.modTime = alloc.createTime + 2 * kNsPerMs;
        return root;
    }
    const QString parent = parts.mid(0, parts.size() - 1).join(u'/');
    for (const Entry &e : entries(alloc, parent)) {
        if (e.name == parts.last())
            return e;
    }
    return std::nullopt;
}

std::optional<QByteArray> ClientFiles::contents(const SimAlloc &alloc, const QString &path)
{
    const auto e = find(alloc, path);
    if (!e || e->isDir)
        return std::nullopt;
    if (e->payload)
        return output(alloc, e->task)->payload;
    if (e->index < 0)
        return QByteArray(); // a fifo
    const TaskLogView view = logView(alloc, e->task);
    return view.read(e->fd, qint64(e->index) * view.fileLimit(), e->size);
}

namespace {

QString hostPath(const QString &allocDir, const SimAlloc &alloc, const QString &path)
{
    bool escapes = false;
    const QStringList parts = splitPath(path, &escapes);
    return allocDir + u'/' + alloc.id + (parts.isEmpty() ? QString() : u'/' + parts.join(u'/'));
}

bool escapesAllocDir(const QString &path)
{
    bool escapes = false;
    splitPath(path, &escapes);
    return escapes;
}

HttpResponse escapeError()
{
    return HttpResponse::text(400, u"Path escapes the alloc directory"_s);
}

} // namespace

HttpResponse ClientFiles::list(const SimAlloc &alloc, const QString &path)
{
    if (escapesAllocDir(path))
        return escapeError();
    const auto e = find(alloc, path);
    if (!e)
        return HttpResponse::text(
            500, u"open %1: no such file or directory"_s.arg(hostPath(m_allocDir, alloc, path)));
    if (!e->isDir)
        return HttpResponse::text(
            500, u"readdirent %1: not a directory"_s.arg(hostPath(m_allocDir, alloc, path)));
    bool escapes = false;
    QJsonArray out;
    for (const Entry &entry : entries(alloc, splitPath(path, &escapes).join(u'/')))
        out.append(entry.toJson());
    return HttpResponse::json(200, out);
}

HttpResponse ClientFiles::stat(const SimAlloc &alloc, const QString &path)
{
    if (escapesAllocDir(path))
        return escapeError();
    const auto e = find(alloc, path);
    if (!e)
        return HttpResponse::text(
            500, u"stat %1: no such file or directory"_s.arg(hostPath(m_allocDir, alloc, path)));
    QJsonObject o = e->toJson();
    if (!e->isDir)
        o.insert("ContentType"_L1, contentTypeOf(contents(alloc, path).value_or(QByteArray())));
    return HttpResponse::json(200, o);
}

HttpResponse ClientFiles::cat(const SimAlloc &alloc, const QString &path)
{
    return readAt(alloc, path, 0, -1);
}

HttpResponse ClientFiles::readAt(const SimAlloc &alloc, const QString &path, qint64 offset,
                                 qint64 limit)
{
    if (escapesAllocDir(path))
        return escapeError();
    const auto e = find(alloc, path);
    // The client streams these; its errors reach the body of a 200, as recorded.
    if (!e)
        return HttpResponse::text(
            200, u"stat %1: no such file or directory"_s.arg(hostPath(m_allocDir, alloc, path)));
    if (e->isDir)
        return HttpResponse::text(400, u"file \"%1\" is a directory"_s.arg(path));
    const QByteArray bytes = contents(alloc, path).value_or(QByteArray());
    HttpResponse r;
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    r.body = bytes.mid(std::max<qint64>(0, offset), limit < 0 ? -1 : limit);
    return r;
}

} // namespace dd::sim
