#pragma once
// An allocation's directory as a tree, listed lazily: a folder asks for its
// entries (listingWanted, once control is back in the event loop) the first
// time a view expands it, shows a
// "Loading…" row until they come, and an error row when they cannot be read
// (Nomad's words, e.g. a 403 or a folder gone). Listings are applied as the
// smallest set of removals, changes and insertions, never a reset, so a
// refresh keeps what is expanded, selected and scrolled to.
//
// The model is fed decoded entries (core/allocfiles.h) by its owner; it
// never talks to Nomad itself. Folders come before files, each by name.

#include "core/allocfiles.h"

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace dd::models {

class AllocFileModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole, // "/alloc/logs/talk.stdout.0"
        KindRole,                // Kind, as int
        SizeRole,                // qint64 bytes
        FileModeRole,            // "-rw-r--r--"
        ModifiedRole,            // QDateTime, UTC
        ErrorRole,               // a folder's last listing error; an error row's text
    };
    enum class Kind { Folder, File, Special, Loading, Error };

    explicit AllocFileModel(QObject *parent = nullptr);
    ~AllocFileModel() override;

    // Forgets every entry (another allocation): rows are removed, not reset.
    void clear();
    // A folder's entries from fs/ls ("/" for the top): entries gone are
    // removed, changed ones updated in place, new ones inserted in order.
    // Ignored when the folder is no longer in the tree.
    void applyListing(const QString &folder, const QList<AllocFileInfo> &entries);
    // The folder could not be listed: one error row with the message stands
    // first among its children (entries listed before stay) until a listing
    // arrives. Ignored when the folder is no longer in the tree.
    void setListingFailed(const QString &folder, const QString &message);
    // Asks for a folder's listing as expanding it would (listingWanted),
    // unless it was listed or is being listed.
    void requestListing(const QString &folder);

    // Folders listed or refused so far, parents before children: what a refresh lists again.
    QStringList listedFolders() const;
    bool isLoading(const QString &folder) const;
    QModelIndex indexOf(const QString &path, int column = NameColumn) const;
    QString pathOf(const QModelIndex &index) const;
    Kind kindOf(const QModelIndex &index) const;
    std::optional<AllocFileInfo> infoOf(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    // The owner lists the folder and answers with applyListing or setListingFailed.
    void listingWanted(const QString &folder);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    Node *findFolder(const QString &path) const;
    QModelIndex indexOfNode(const Node *node, int column = NameColumn) const;
    void startLoading(Node *folder);
    void removePlaceholders(Node *folder);
    void insertNode(Node *folder, int row, std::unique_ptr<Node> node);
    void removeRows(Node *folder, int first, int last);
    void renumber(Node *folder, int from);

    std::unique_ptr<Node> m_root;
};

} // namespace dd::models
