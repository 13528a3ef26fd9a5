// Over 400 lines: the tree of nodes, the incremental listing and the item model over them share
// one private node type; splitting them would only move it into a header.
// An allocation's directory as a lazily listed tree (allocfilemodel.h).
#include "models/allocfilemodel.h"

#include "models/timeformat.h"

#include <QHash>
#include <QLocale>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace dd::models {

struct AllocFileModel::Node
{
    enum class State { Unlisted, Loading, Listed, Failed };
    Node *parent = nullptr;
    int row = 0;
    Kind kind = Kind::Folder;
    QString path;
    AllocFileInfo info;
    QString message; // a placeholder's text; a folder's last listing error
    State state = State::Unlisted;
    std::vector<std::unique_ptr<Node>> children;

    bool isPlaceholder() const { return kind == Kind::Loading || kind == Kind::Error; }
    bool isFolder() const { return kind == Kind::Folder; }
};

namespace {

AllocFileModel::Kind kindOfEntry(const AllocFileInfo &info)
{
    if (info.isDir)
        return AllocFileModel::Kind::Folder;
    return info.isRegularFile() ? AllocFileModel::Kind::File : AllocFileModel::Kind::Special;
}

// Short enough to leave the names room: the time alone today, the minute
// before that (the tooltip has the whole time).
QString modifiedText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(u"HH:mm:ss"_s);
    return local.toString(u"yyyy-MM-dd HH:mm"_s);
}

// Folders first, then by name as people read it (case only breaks ties).
bool entryBefore(const AllocFileInfo &a, const AllocFileInfo &b)
{
    if (a.isDir != b.isDir)
        return a.isDir;
    const int folded = a.name.compare(b.name, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a.name < b.name;
}

} // namespace

AllocFileModel::AllocFileModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->path = u"/"_s;
    m_root->info.isDir = true;
    m_root->info.name = u"/"_s;
}

AllocFileModel::~AllocFileModel() = default;

void AllocFileModel::clear()
{
    if (!m_root->children.empty())
        removeRows(m_root.get(), 0, int(m_root->children.size()) - 1);
    m_root->state = Node::State::Unlisted;
    m_root->message.clear();
}

AllocFileModel::Node *AllocFileModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

AllocFileModel::Node *AllocFileModel::findFolder(const QString &path) const
{
    Node *node = m_root.get();
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        const auto it = std::find_if(node->children.begin(), node->children.end(),
                                     [&part](const std::unique_ptr<Node> &c) {
                                         return c->isFolder() && c->info.name == part;
                                     });
        if (it == node->children.end())
            return nullptr;
        node = it->get();
    }
    return node;
}

QModelIndex AllocFileModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

void AllocFileModel::renumber(Node *folder, int from)
{
    for (int i = from; i < int(folder->children.size()); ++i)
        folder->children[size_t(i)]->row = i;
}

void AllocFileModel::insertNode(Node *folder, int row, std::unique_ptr<Node> node)
{
    node->parent = folder;
    beginInsertRows(indexOfNode(folder), row, row);
    folder->children.insert(folder->children.begin() + row, std::move(node));
    renumber(folder, row);
    endInsertRows();
}

void AllocFileModel::removeRows(Node *folder, int first, int last)
{
    beginRemoveRows(indexOfNode(folder), first, last);
    folder->children.erase(folder->children.begin() + first, folder->children.begin() + last + 1);
    renumber(folder, first);
    endRemoveRows();
}

void AllocFileModel::removePlaceholders(Node *folder)
{
    // A placeholder only ever stands first.
    if (!folder->children.empty() && folder->children.front()->isPlaceholder())
        removeRows(folder, 0, 0);
}

void AllocFileModel::startLoading(Node *folder)
{
    removePlaceholders(folder);
    folder->state = Node::State::Loading;
    auto loading = std::make_unique<Node>();
    loading->kind = Kind::Loading;
    loading->path = folder->path;
    loading->message = tr("Loading…");
    insertNode(folder, 0, std::move(loading));
    Q_EMIT listingWanted(folder->path);
}

void AllocFileModel::requestListing(const QString &folder)
{
    Node *node = findFolder(folder);
    if (node && (node->state == Node::State::Unlisted || node->state == Node::State::Failed))
        startLoading(node);
}

void AllocFileModel::applyListing(const QString &folder, const QList<AllocFileInfo> &entries)
{
    Node *f = findFolder(folder);
    if (!f)
        return;
    removePlaceholders(f);
    f->state = Node::State::Listed;
    f->message.clear();

    QList<AllocFileInfo> fresh = entries;
    std::stable_sort(fresh.begin(), fresh.end(), entryBefore);
    QHash<QString, qsizetype> byName;
    for (qsizetype i = 0; i < fresh.size();) {
        if (byName.contains(fresh.at(i).name)) {
            fresh.removeAt(i); // a name twice: the first one counts
            continue;
        }
        byName.insert(fresh.at(i).name, i);
        ++i;
    }
    // Gone (or turned from a file into a folder): removed, in runs from the end.
    for (int i = int(f->children.size()) - 1; i >= 0;) {
        const Node &c = *f->children[size_t(i)];
        const auto it = byName.constFind(c.info.name);
        if (it != byName.constEnd() && fresh.at(*it).isDir == c.info.isDir) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0) {
            const Node &p = *f->children[size_t(first - 1)];
            const auto pit = byName.constFind(p.info.name);
            if (pit != byName.constEnd() && fresh.at(*pit).isDir == p.info.isDir)
                break;
            --first;
        }
        removeRows(f, first, i);
        i = first - 1;
    }
    // Changed in place; the rows left are in the same order as `fresh`.
    for (const auto &c : f->children) {
        const AllocFileInfo &now = fresh.at(byName.value(c->info.name));
        if (now == c->info)
            continue;
        c->info = now;
        c->kind = kindOfEntry(now);
        Q_EMIT dataChanged(indexOfNode(c.get(), NameColumn), indexOfNode(c.get(), ColumnCount - 1));
    }
    // New: each run inserted before the row that follows it.
    int row = 0;
    for (qsizetype j = 0; j < fresh.size();) {
        if (row < int(f->children.size()) &&
            f->children[size_t(row)]->info.name == fresh.at(j).name) {
            ++row;
            ++j;
            continue;
        }
        qsizetype end = j;
        while (end < fresh.size() && (row >= int(f->children.size()) ||
                                      f->children[size_t(row)]->info.name != fresh.at(end).name))
            ++end;
        beginInsertRows(indexOfNode(f), row, row + int(end - j) - 1);
        for (qsizetype k = j; k < end; ++k) {
            auto node = std::make_unique<Node>();
            node->parent = f;
            node->info = fresh.at(k);
            node->kind = kindOfEntry(node->info);
            node->path = allocPathJoin(f->path, node->info.name);
            f->children.insert(f->children.begin() + row + int(k - j), std::move(node));
        }
        renumber(f, row);
        endInsertRows();
        row += int(end - j);
        j = end;
    }
    // An empty folder loses its expander.
    if (f != m_root.get())
        Q_EMIT dataChanged(indexOfNode(f), indexOfNode(f));
}

void AllocFileModel::setListingFailed(const QString &folder, const QString &message)
{
    Node *f = findFolder(folder);
    if (!f)
        return;
    removePlaceholders(f);
    f->state = Node::State::Failed;
    f->message = message;
    auto error = std::make_unique<Node>();
    error->kind = Kind::Error;
    error->path = f->path;
    error->message = message;
    insertNode(f, 0, std::move(error));
    if (f != m_root.get())
        Q_EMIT dataChanged(indexOfNode(f), indexOfNode(f, ColumnCount - 1));
}

QStringList AllocFileModel::listedFolders() const
{
    QStringList out;
    std::vector<const Node *> stack{m_root.get()};
    while (!stack.empty()) {
        const Node *n = stack.back();
        stack.pop_back();
        if (n->state != Node::State::Listed && n->state != Node::State::Failed)
            continue;
        out << n->path;
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) {
            if ((*it)->isFolder())
                stack.push_back(it->get());
        }
    }
    return out;
}

bool AllocFileModel::isLoading(const QString &folder) const
{
    const Node *n = findFolder(folder);
    return n && n->state == Node::State::Loading;
}

QModelIndex AllocFileModel::indexOf(const QString &path, int column) const
{
    const QString name = allocPathName(path);
    const QString parentPath = path.section(u'/', 0, -2, QString::SectionSkipEmpty);
    const Node *parent = findFolder(parentPath);
    if (!parent || name == u"/")
        return {};
    for (const auto &c : parent->children) {
        if (!c->isPlaceholder() && c->info.name == name)
            return indexOfNode(c.get(), column);
    }
    return {};
}

QString AllocFileModel::pathOf(const QModelIndex &index) const
{
    return index.isValid() ? nodeOf(index)->path : QString();
}

AllocFileModel::Kind AllocFileModel::kindOf(const QModelIndex &index) const
{
    return nodeOf(index)->kind;
}

std::optional<AllocFileInfo> AllocFileModel::infoOf(const QModelIndex &index) const
{
    const Node *n = nodeOf(index);
    if (!index.isValid() || n->isPlaceholder())
        return std::nullopt;
    return n->info;
}

QModelIndex AllocFileModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()) ||
        (parent.isValid() && parent.column() != 0))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex AllocFileModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int AllocFileModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int AllocFileModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool AllocFileModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = nodeOf(parent);
    if (!n->isFolder())
        return false;
    return n->state == Node::State::Unlisted || n->state == Node::State::Loading ||
           !n->children.empty();
}

bool AllocFileModel::canFetchMore(const QModelIndex &parent) const
{
    // The top is listed when the owner asks (requestListing), not when a view is attached.
    if (!parent.isValid())
        return false;
    const Node *n = nodeOf(parent);
    return n->isFolder() && n->state == Node::State::Unlisted;
}

void AllocFileModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Later, as QFileSystemModel does: a view (or QAbstractItemModelTester)
    // may ask while it is still handling another change of this model.
    Node *folder = nodeOf(parent);
    folder->state = Node::State::Loading;
    QMetaObject::invokeMethod(
        this,
        [this, path = folder->path]() {
            Node *n = findFolder(path);
            if (n && n->state == Node::State::Loading)
                startLoading(n);
        },
        Qt::QueuedConnection);
}

QVariant AllocFileModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    const int column = index.column();
    switch (role) {
    case PathRole:
        return n->path;
    case KindRole:
        return int(n->kind);
    case ErrorRole:
        return n->kind == Kind::Error || n->isFolder() ? n->message : QString();
    default:
        break;
    }
    if (n->isPlaceholder()) {
        if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && column == NameColumn)
            return n->message;
        return {};
    }
    const AllocFileInfo &f = n->info;
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return f.name;
        if (column == SizeColumn) {
            if (n->kind == Kind::Folder)
                return QString();
            if (n->kind == Kind::Special)
                return f.isFifo() ? tr("pipe") : tr("special");
            return QLocale().formattedDataSize(f.size, 1, QLocale::DataSizeTraditionalFormat);
        }
        return modifiedText(f.modTime);
    case Qt::ToolTipRole: {
        QString tip = n->path + u'\n' + f.fileMode;
        if (n->kind == Kind::File)
            tip += u", " + tr("%L1 bytes").arg(f.size);
        if (n->kind == Kind::Special && f.isFifo())
            tip += u", " + tr("a pipe the task writes into; it cannot be opened");
        if (f.modTime.isValid())
            tip += u'\n' + tr("Modified %1").arg(formatTime(f.modTime));
        if (!n->message.isEmpty())
            tip += u'\n' + n->message;
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case SizeRole:
        return f.size;
    case FileModeRole:
        return f.fileMode;
    case ModifiedRole:
        return f.modTime;
    default:
        return {};
    }
}

QVariant AllocFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    default:
        return {};
    }
}

Qt::ItemFlags AllocFileModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *n = nodeOf(index);
    if (n->isPlaceholder())
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!n->isFolder())
        f |= Qt::ItemNeverHasChildren;
    return f;
}

} // namespace dd::models
