#include "gui/allocationtabs.h"

#include "gui/allocationchooser.h"
#include "gui/allocfilespanel.h"
#include "gui/resourceusagechart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace dd::gui {

namespace {
enum Page { NoAllocationPage, ContentPage };

QLabel *placeholder(const QString &text)
{
    auto *label = new QLabel(text);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setEnabled(false); // the palette's quieter text
    return label;
}
} // namespace

AllocationTabs::AllocationTabs(AllocationChooser *chooser, NomadClient *client,
                               FileDialogs &dialogs, QTabWidget *tabs, int index,
                               const QString &prefix)
    : QObject(tabs)
    , m_chooser(chooser)
    , m_client(client)
    , m_dialogs(&dialogs)
    , m_prefix(prefix)
{
    m_usage = new ResourceUsageChart(client);
    m_usage->setObjectName(prefix + QStringLiteral("UsageChart"));
    QHBoxLayout *header = nullptr;
    m_usageTab = makeTab(QStringLiteral("Usage"), m_usageStack, m_usagePicker, m_usage, &header);
    m_taskPicker = new QComboBox;
    m_taskPicker->setObjectName(prefix + QStringLiteral("UsageTaskPicker"));
    m_taskPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_taskPicker->setToolTip(tr("Show one task's usage, or the whole allocation's"));
    auto *taskLabel = new QLabel(tr("&Task:"));
    taskLabel->setBuddy(m_taskPicker);
    header->insertWidget(2, taskLabel);
    header->insertWidget(3, m_taskPicker);
    connect(m_taskPicker, &QComboBox::activated, this, &AllocationTabs::onTaskPicked);

    m_filesTab = makeTab(QStringLiteral("Files"), m_filesStack, m_filesPicker, nullptr);
    tabs->insertTab(index, m_filesTab, tr("Files"));
    tabs->insertTab(index + 1, m_usageTab, tr("Usage"));
    connect(chooser, &AllocationChooser::currentChanged, this, &AllocationTabs::onCurrentChanged);
    onCurrentChanged();
}

// [Allocation: picker] [more pickers] over a stack: "no allocation yet" or the content.
QWidget *AllocationTabs::makeTab(const QString &name, QStackedWidget *&stack, QComboBox *&picker,
                                 QWidget *content, QHBoxLayout **headerOut)
{
    auto *tab = new QWidget;
    tab->setObjectName(m_prefix + name + QStringLiteral("Tab"));
    // The tab takes the room the others leave: its wide chart, file tree and
    // pickers do not widen or heighten the monitor's tabs at the timeline's cost.
    tab->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    auto *tabLayout = new QVBoxLayout(tab);
    tabLayout->setContentsMargins(0, 0, 0, 0);
    // On a small screen the tab scrolls rather than making the window bigger.
    auto *scroll = new QScrollArea;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    tabLayout->addWidget(scroll);
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 0);
    auto *header = new QHBoxLayout;
    picker = new QComboBox;
    picker->setObjectName(m_prefix + name + QStringLiteral("AllocationPicker"));
    picker->setToolTip(tr("The allocation shown here; picking a row in Allocations shows it too"));
    auto *label = new QLabel(tr("&Allocation:"));
    label->setBuddy(picker);
    header->addWidget(label);
    header->addWidget(picker);
    header->addStretch(1);
    layout->addLayout(header);
    m_chooser->bindPicker(picker);
    stack = new QStackedWidget;
    stack->addWidget(placeholder(
        name == u"Files"
            ? tr("No allocation yet: its files show here as soon as the scheduler places it.")
            : tr("No allocation yet: its CPU and memory use show here as soon as it runs.")));
    if (content)
        stack->addWidget(content);
    layout->addWidget(stack, 1);
    scroll->setWidget(body);
    if (headerOut)
        *headerOut = header;
    return tab;
}

// Made when there is an allocation to show (a child's detail is built at
// start-up, and its dialogs come after it), and again with other dialogs.
AllocFilesPanel *AllocationTabs::filesPanel()
{
    if (!m_files) {
        m_files = new AllocFilesPanel(m_client, *m_dialogs);
        m_files->setObjectName(m_prefix + QStringLiteral("FilesPanel"));
        m_files->layout()->setContentsMargins(0, 4, 0, 0); // the tab has its own
        m_filesStack->insertWidget(ContentPage, m_files);
    }
    return m_files;
}

void AllocationTabs::setClient(NomadClient *client)
{
    m_client = client;
    if (m_files)
        m_files->setClient(client);
    m_usage->setClient(client);
}

void AllocationTabs::setFileDialogs(FileDialogs &dialogs)
{
    m_dialogs = &dialogs;
    delete m_files;
    m_files = nullptr;
    onCurrentChanged();
}

void AllocationTabs::onCurrentChanged()
{
    const std::optional<Allocation> a = m_chooser->current();
    if (a)
        filesPanel();
    const Page page = a ? ContentPage : NoAllocationPage;
    m_filesStack->setCurrentIndex(page);
    m_usageStack->setCurrentIndex(page);
    for (QComboBox *picker : {m_filesPicker, m_usagePicker, m_taskPicker})
        picker->setEnabled(a.has_value());
    if (!a) {
        if (m_files)
            m_files->clear();
        m_usage->clear();
        m_taskPicker->clear();
        return;
    }
    const QStringList tasks = a->taskStates.keys();
    m_files->setAllocation(a->id, m_chooser->nameSpace(), tasks);

    // The task picker: the whole allocation, or one of its tasks.
    QString task = m_taskPicker->currentData().toString();
    if (!tasks.contains(task))
        task.clear();
    {
        const QSignalBlocker quiet(m_taskPicker);
        m_taskPicker->clear();
        m_taskPicker->addItem(tr("All tasks"), QString());
        for (const QString &t : tasks)
            m_taskPicker->addItem(t, t);
        m_taskPicker->setCurrentIndex(qMax(0, m_taskPicker->findData(task)));
    }
    m_usage->setAllocation(a->id, m_chooser->nameSpace(), task);
    m_usage->setAllocationTerminal(a->isTerminal());
}

void AllocationTabs::onTaskPicked()
{
    if (const auto a = m_chooser->current()) {
        m_usage->setAllocation(a->id, m_chooser->nameSpace(),
                               m_taskPicker->currentData().toString());
        m_usage->setAllocationTerminal(a->isTerminal());
    }
}

} // namespace dd::gui
