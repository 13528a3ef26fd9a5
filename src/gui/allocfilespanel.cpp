// An allocation's files: tree, viewer, Save… (allocfilespanel.h).
#include "gui/allocfilespanel.h"

#include "api/allocfiledownload.h"
#include "api/allocfserrors.h"
#include "api/nomadclient.h"
#include "core/filepreview.h"
#include "gui/allocfileviewer.h"
#include "gui/filedialogs.h"
#include "gui/iconproxy.h"
#include "gui/icons.h"
#include "models/allocfilemodel.h"

#include "ui_allocfilespanel.h"

#include <QHeaderView>
#include <QLocale>
#include <QStyle>
#include <QtConcurrent/QtConcurrentRun>

namespace dd::gui {

using models::AllocFileModel;

namespace {
// Files this large are made safe to show on the thread pool.
constexpr qsizetype kPreviewOffThreadBytes = 64 * 1024;

QString panelSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString quotedName(const QString &s)
{
    return u'“' + s + u'”';
}
} // namespace

AllocFilesPanel::AllocFilesPanel(NomadClient *client, FileDialogs &dialogs, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AllocFilesPanel>())
    , m_client(client)
    , m_dialogs(dialogs)
    , m_model(new AllocFileModel(this))
{
    m_ui->setupUi(this);
    m_proxy = new IconProxy(
        AllocFileModel::NameColumn,
        // The style of the moment: the application's may be replaced.
        [this](const QModelIndex &source) {
            const QStyle *s = style();
            switch (AllocFileModel::Kind(source.data(AllocFileModel::KindRole).toInt())) {
            case AllocFileModel::Kind::Folder:
                return s->standardIcon(QStyle::SP_DirIcon);
            case AllocFileModel::Kind::File:
                return s->standardIcon(QStyle::SP_FileIcon);
            case AllocFileModel::Kind::Special:
                return s->standardIcon(QStyle::SP_FileLinkIcon);
            case AllocFileModel::Kind::Error:
                return s->standardIcon(QStyle::SP_MessageBoxWarning);
            case AllocFileModel::Kind::Loading:
                break;
            }
            return QIcon();
        },
        this);
    m_proxy->setSourceModel(m_model);
    QTreeView *tree = m_ui->allocFilesTree;
    tree->setModel(m_proxy);
    // Log files differ at their ends: "talk.stdout.0", "talk.stdout.1".
    tree->setTextElideMode(Qt::ElideMiddle);
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(AllocFileModel::NameColumn, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(AllocFileModel::SizeColumn, QHeaderView::ResizeToContents);
    tree->header()->setSectionResizeMode(AllocFileModel::ModifiedColumn,
                                         QHeaderView::ResizeToContents);
    // Tree and viewer share the width; the tree never gets less than its minimum.
    m_ui->allocFilesSplitter->setStretchFactor(0, 1);
    m_ui->allocFilesSplitter->setStretchFactor(1, 1);
    m_ui->allocFilesSplitter->setSizes({500, 500});

    connect(m_model, &AllocFileModel::listingWanted, this, &AllocFilesPanel::listFolder);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AllocFilesPanel::onRowsInserted);
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &AllocFilesPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AllocFilesPanel::updateButtons);
    connect(tree, &QTreeView::clicked, this, &AllocFilesPanel::onClicked);
    connect(tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->kindOf(m_proxy->mapToSource(index)) == AllocFileModel::Kind::File)
            openSelected();
    });
    connect(m_ui->allocFilesOpenButton, &QPushButton::clicked, this,
            &AllocFilesPanel::openSelected);
    connect(m_ui->allocFilesSaveButton, &QPushButton::clicked, this,
            &AllocFilesPanel::saveSelected);
    connect(m_ui->allocFilesRefreshButton, &QPushButton::clicked, this, &AllocFilesPanel::refresh);
    connect(m_ui->allocFilesCancelSaveButton, &QPushButton::clicked, this, [this]() {
        if (m_download)
            m_download->cancel();
    });
    clear();
}

AllocFilesPanel::~AllocFilesPanel() = default;

AllocFileViewer *AllocFilesPanel::viewer() const
{
    return m_ui->allocFilesViewerPane;
}

void AllocFilesPanel::setClient(NomadClient *client)
{
    if (client == m_client)
        return;
    m_client = client;
    const QString alloc = std::exchange(m_allocId, QString());
    setAllocation(alloc, m_nameSpace, m_tasks);
}

void AllocFilesPanel::clear()
{
    setAllocation({}, {}, {});
}

void AllocFilesPanel::setAllocation(const QString &allocId, const QString &nameSpace,
                                    const QStringList &taskNames)
{
    if (!allocId.isEmpty() && allocId == m_allocId && nameSpace == m_nameSpace &&
        taskNames == m_tasks)
        return;
    m_allocId = allocId;
    m_nameSpace = nameSpace;
    m_tasks = taskNames;
    // Answers for the allocation shown before are dropped with their context.
    m_listContext = std::make_unique<QObject>();
    m_openContext.reset();
    m_pendingListings = 0;
    m_model->clear();
    viewer()->clear();
    setMessage({});
    m_autoExpand = {QStringLiteral("/alloc"), QStringLiteral("/alloc/logs")};
    for (const QString &task : taskNames)
        m_autoExpand << u'/' + task << u'/' + task + u"/local";
    if (allocId.isEmpty()) {
        m_ui->allocFilesTitleLabel->setText(tr("No allocation selected"));
    } else {
        QString title = tr("Files of allocation %1").arg(allocId.left(8));
        if (!taskNames.isEmpty())
            title += u"  ·  " + (taskNames.size() == 1 ? tr("task %1") : tr("tasks %1"))
                                    .arg(taskNames.join(QStringLiteral(", ")));
        m_ui->allocFilesTitleLabel->setText(title);
        m_ui->allocFilesTitleLabel->setToolTip(allocId);
        m_model->requestListing(QStringLiteral("/"));
    }
    updateButtons();
}

void AllocFilesPanel::refresh()
{
    if (m_allocId.isEmpty())
        return;
    for (const QString &folder : m_model->listedFolders())
        listFolder(folder);
}

void AllocFilesPanel::listFolder(const QString &folder)
{
    if (m_allocId.isEmpty())
        return;
    if (!m_client) {
        m_model->setListingFailed(folder, tr("Not connected to a Nomad cluster."));
        return;
    }
    ++m_pendingListings;
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    const QString alloc = m_allocId;
    m_client->allocDirectory(alloc, folder, o, m_listContext.get(),
                             [this, folder, alloc](Result<QList<AllocFileInfo>> listing) {
                                 --m_pendingListings;
                                 if (listing) {
                                     m_model->applyListing(folder, *listing);
                                     if (m_messageFolder == folder)
                                         setMessage({});
                                 } else {
                                     const QString text =
                                         allocFsFailureText(listing.error(), AllocFsAction::List,
                                                            folder, alloc, m_nameSpace);
                                     m_model->setListingFailed(folder, text);
                                     setMessage(text, folder);
                                 }
                                 updateButtons();
                             });
    updateButtons();
}

void AllocFilesPanel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    QTreeView *tree = m_ui->allocFilesTree;
    const QModelIndex proxyParent = m_proxy->mapFromSource(parent);
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        const AllocFileModel::Kind kind = m_model->kindOf(index);
        // "Loading…" and an error read across the columns.
        tree->setFirstColumnSpanned(row, proxyParent,
                                    kind == AllocFileModel::Kind::Loading ||
                                        kind == AllocFileModel::Kind::Error);
        const QString path = m_model->pathOf(index);
        if (kind == AllocFileModel::Kind::Folder && m_autoExpand.removeOne(path))
            tree->expand(m_proxy->mapFromSource(index));
    }
}

void AllocFilesPanel::onClicked(const QModelIndex &index)
{
    const QModelIndex source = m_proxy->mapToSource(index);
    if (m_model->kindOf(source) == AllocFileModel::Kind::Error)
        setMessage(source.data(AllocFileModel::ErrorRole).toString(), m_model->pathOf(source));
}

QString AllocFilesPanel::selectedPath() const
{
    const QModelIndex current = m_ui->allocFilesTree->currentIndex();
    return current.isValid() ? m_model->pathOf(m_proxy->mapToSource(current)) : QString();
}

std::optional<AllocFileInfo> AllocFilesPanel::selectedInfo() const
{
    const QModelIndex current = m_ui->allocFilesTree->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->infoOf(m_proxy->mapToSource(current));
}

void AllocFilesPanel::updateButtons()
{
    const auto info = selectedInfo();
    const bool file = info && info->isRegularFile() && !m_allocId.isEmpty();
    m_ui->allocFilesOpenButton->setEnabled(file);
    m_ui->allocFilesSaveButton->setEnabled(file && !isSaving());
    m_ui->allocFilesRefreshButton->setEnabled(!m_allocId.isEmpty());
}

void AllocFilesPanel::openSelected()
{
    const QString path = selectedPath();
    if (!path.isEmpty())
        openFile(path);
}

void AllocFilesPanel::openFile(const QString &path)
{
    if (!m_client || m_allocId.isEmpty())
        return;
    const auto info = m_model->infoOf(m_model->indexOf(path));
    const QString name = allocPathName(path);
    m_openContext = std::make_unique<QObject>();
    if (info && info->isDir)
        return;
    if (info && !info->isRegularFile()) {
        viewer()->showNote(path,
                           tr("%1 is a pipe the task writes its output into (%2): it has no end "
                              "to read to. Its output is in the log files beside it.")
                               .arg(quotedName(name), info->fileMode),
                           false);
        Q_EMIT fileShown(path);
        return;
    }
    if (info && info->size > m_viewLimit) {
        viewer()->showNote(
            path,
            tr("%1 is %2, more than the %3 shown here. Save it to read it whole.")
                .arg(quotedName(name), panelSize(info->size), panelSize(m_viewLimit)),
            false);
        Q_EMIT fileShown(path);
        return;
    }
    viewer()->showLoading(path);
    QueryOptions o;
    if (!m_nameSpace.isEmpty())
        o.nameSpace = m_nameSpace;
    o.maxAnswerBytes = m_viewLimit;
    const QString alloc = m_allocId;
    QObject *context = m_openContext.get();
    m_client->allocFileCat(
        alloc, path, o, context, [this, path, alloc, info, context](Result<QByteArray> bytes) {
            if (!bytes) {
                viewer()->showNote(path,
                                   allocFsFailureText(bytes.error(), AllocFsAction::Open, path,
                                                      alloc, m_nameSpace),
                                   true);
                Q_EMIT fileShown(path);
                return;
            }
            AllocFileInfo shown = info.value_or(AllocFileInfo{});
            shown.size = bytes->size(); // as read: a log may have grown since it was listed
            if (bytes->size() < kPreviewOffThreadBytes) {
                viewer()->showPreview(path, shown, previewOf(*bytes, shown.contentType));
                Q_EMIT fileShown(path);
                return;
            }
            QtConcurrent::run(
                [](const QByteArray &b, const QString &type) { return previewOf(b, type); }, *bytes,
                shown.contentType)
                .then(context, [this, path, shown](const FilePreview &preview) {
                    viewer()->showPreview(path, shown, preview);
                    Q_EMIT fileShown(path);
                });
        });
}

void AllocFilesPanel::saveSelected()
{
    const auto info = selectedInfo();
    const QString path = selectedPath();
    if (!info || !info->isRegularFile() || isSaving() || !m_client)
        return;
    const QString destination = m_dialogs.saveFileNameSuggesting(
        this, tr("Save %1 of allocation %2").arg(quotedName(info->name), m_allocId.left(8)),
        tr("All files (*)"), info->name);
    if (destination.isEmpty())
        return;
    AllocFileDownload::Options o;
    o.allocId = m_allocId;
    o.path = path;
    o.destination = destination;
    o.nameSpace = m_nameSpace;
    o.chunkBytes = m_chunkBytes;
    m_download = new AllocFileDownload(m_client, o, this);
    connect(m_download, &AllocFileDownload::progress, this, &AllocFilesPanel::onSaveProgress);
    connect(m_download, &AllocFileDownload::finished, this, &AllocFilesPanel::onSaveFinished);
    m_savingPath = path;
    m_ui->allocFilesSaveProgress->setValue(0);
    m_ui->allocFilesSaveProgress->setVisible(true);
    m_ui->allocFilesCancelSaveButton->setVisible(true);
    showMessage(m_ui->allocFilesStatusLabel, MessageKind::Info,
                tr("Saving %1 to %2…").arg(quotedName(path), quotedName(destination)));
    m_download->start();
    updateButtons();
}

void AllocFilesPanel::onSaveProgress(qint64 written, qint64 total)
{
    m_ui->allocFilesSaveProgress->setValue(total > 0 ? int(written * 1000 / total) : 1000);
    showMessage(m_ui->allocFilesStatusLabel, MessageKind::Info,
                tr("Saving %1: %2 of %3…")
                    .arg(quotedName(m_savingPath), panelSize(written), panelSize(total)));
}

void AllocFilesPanel::onSaveFinished(const std::optional<ApiError> &error)
{
    AllocFileDownload *download = m_download;
    m_download = nullptr;
    const AllocFileDownload::Options o = download->options();
    download->deleteLater();
    m_ui->allocFilesSaveProgress->setVisible(false);
    m_ui->allocFilesCancelSaveButton->setVisible(false);
    if (!error) {
        showMessage(m_ui->allocFilesStatusLabel, MessageKind::Success,
                    tr("Saved %1 (%2) to %3.")
                        .arg(quotedName(o.path), panelSize(download->bytesWritten()),
                             quotedName(o.destination)));
    } else if (error->kind == ApiError::Kind::Cancelled) {
        showMessage(m_ui->allocFilesStatusLabel, MessageKind::Info,
                    tr("Saving %1 was cancelled; %2 was left as it was.")
                        .arg(quotedName(o.path), quotedName(o.destination)));
    } else {
        showMessage(
            m_ui->allocFilesStatusLabel, MessageKind::Error,
            allocFsFailureText(*error, AllocFsAction::Save, o.path, o.allocId, o.nameSpace) + u' ' +
                tr("%1 was left as it was.").arg(quotedName(o.destination)));
    }
    updateButtons();
    Q_EMIT saveFinished(o.path, o.destination, !error);
}

void AllocFilesPanel::setMessage(const QString &text, const QString &folder)
{
    m_messageFolder = text.isEmpty() ? QString() : folder;
    showMessage(m_ui->allocFilesMessageLabel, MessageKind::Error, text);
}

} // namespace dd::gui
