#pragma once
// The Files and Usage tabs of a dispatch's monitor and of a child's detail.
// Each has the allocation picker on top (and Usage a task picker); both show
// the allocation the chooser picked, and say so in words while there is none.

#include <QObject>
#include <QString>

class QComboBox;
class QHBoxLayout;
class QStackedWidget;
class QTabWidget;

namespace dd {
class NomadClient;
}

namespace dd::gui {

class AllocationChooser;
class AllocFilesPanel;
class FileDialogs;
class ResourceUsageChart;

class AllocationTabs : public QObject
{
    Q_OBJECT
public:
    // Inserts "Files" and "Usage" into `tabs` at `index`; their object names
    // start with `prefix` ("monitor": monitorFilesTab, monitorUsageTab...).
    AllocationTabs(AllocationChooser *chooser, NomadClient *client, FileDialogs &dialogs,
                   QTabWidget *tabs, int index, const QString &prefix);

    void setClient(NomadClient *client);
    // The files panel is made again with these pickers (what it had shown is shown again).
    void setFileDialogs(FileDialogs &dialogs);

    // Null until an allocation has been shown.
    AllocFilesPanel *files() const { return m_files; }
    ResourceUsageChart *usage() const { return m_usage; }
    QWidget *filesTab() const { return m_filesTab; }
    QWidget *usageTab() const { return m_usageTab; }
    QComboBox *usageTaskPicker() const { return m_taskPicker; }

private:
    QWidget *makeTab(const QString &name, QStackedWidget *&stack, QComboBox *&picker,
                     QWidget *content, QHBoxLayout **header = nullptr);
    AllocFilesPanel *filesPanel();
    void onCurrentChanged();
    void onTaskPicked();

    AllocationChooser *m_chooser;
    NomadClient *m_client;
    FileDialogs *m_dialogs;
    QString m_prefix;
    QWidget *m_filesTab = nullptr;
    QWidget *m_usageTab = nullptr;
    QStackedWidget *m_filesStack = nullptr;
    QStackedWidget *m_usageStack = nullptr;
    QComboBox *m_filesPicker = nullptr;
    QComboBox *m_usagePicker = nullptr;
    QComboBox *m_taskPicker = nullptr;
    AllocFilesPanel *m_files = nullptr;
    ResourceUsageChart *m_usage = nullptr;
};

} // namespace dd::gui
