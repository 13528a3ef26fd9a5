#pragma once
// An allocation's files (Nomad's /v1/client/fs): a tree of its directory
// listed as folders are expanded (alloc/, alloc/logs, <task>/local with the
// dispatched payload...), a read-only viewer for one file at a time, and
// Save… that streams any file to disk with progress and cancel. A folder
// that cannot be listed shows why under it; a file that cannot be read shows
// why in the viewer. Refresh lists the open folders again in place.
//
// Nomad's files are read through the injected client (read-fs in the
// allocation's namespace); the destination of Save… comes from the injected
// FileDialogs.

#include "api/allocfiledownload.h"
#include "api/apierror.h"
#include "core/allocfiles.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class AllocFilesPanel;
}

class QModelIndex;

namespace dd::models {
class AllocFileModel;
}

namespace dd::gui {

class AllocFileViewer;
class FileDialogs;
class IconProxy;

class AllocFilesPanel : public QWidget
{
    Q_OBJECT
public:
    // The viewer shows files up to this size; larger ones are for Save….
    static constexpr qint64 kDefaultViewLimit = 4 << 20;

    AllocFilesPanel(NomadClient *client, FileDialogs &dialogs, QWidget *parent = nullptr);
    ~AllocFilesPanel() override;

    // The client of another profile; what is shown is listed again through it.
    void setClient(NomadClient *client);
    // Shows this allocation (the full 36-character ID). Its top folder is
    // listed at once; alloc/logs and each task's local/ (where a dispatched
    // payload is) open by themselves. The same allocation again changes nothing.
    void setAllocation(const QString &allocId, const QString &nameSpace,
                       const QStringList &taskNames);
    // Shows nothing (no allocation selected); a save under way goes on.
    void clear();
    // Lists every open folder again, in place.
    void refresh();
    // Opens a file (as the Open button does for the selected one).
    void openFile(const QString &path);

    void setViewLimit(qint64 bytes) { m_viewLimit = bytes; }
    void setSaveChunkBytes(qint64 bytes) { m_chunkBytes = bytes; }

    QString allocationId() const { return m_allocId; }
    models::AllocFileModel *model() const { return m_model; }
    AllocFileViewer *viewer() const;
    bool isSaving() const { return m_download != nullptr; }
    // Listings asked for and not answered yet.
    int pendingListings() const { return m_pendingListings; }

Q_SIGNALS:
    // The viewer shows a file, or why it does not.
    void fileShown(const QString &path);
    // A Save… ended: ok, or the words in the status line say why not.
    void saveFinished(const QString &path, const QString &destination, bool ok);

private:
    void listFolder(const QString &folder);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onClicked(const QModelIndex &index);
    void updateButtons();
    void openSelected();
    void saveSelected();
    void onSaveProgress(qint64 written, qint64 total);
    void onSaveFinished(const std::optional<ApiError> &error);
    QString selectedPath() const;
    std::optional<AllocFileInfo> selectedInfo() const;
    void setMessage(const QString &text, const QString &folder = {});

    std::unique_ptr<Ui::AllocFilesPanel> m_ui;
    NomadClient *m_client;
    FileDialogs &m_dialogs;
    models::AllocFileModel *m_model;
    IconProxy *m_proxy;
    QString m_allocId;
    QString m_nameSpace;
    QStringList m_tasks;
    QStringList m_autoExpand;               // folders that open by themselves once listed
    QString m_messageFolder;                // the folder the message line is about
    std::unique_ptr<QObject> m_listContext; // this allocation's listings
    std::unique_ptr<QObject> m_openContext; // the file being opened
    QPointer<AllocFileDownload> m_download;
    QString m_savingPath;
    int m_pendingListings = 0;
    qint64 m_viewLimit = kDefaultViewLimit;
    qint64 m_chunkBytes = 1 << 20;
};

} // namespace dd::gui
