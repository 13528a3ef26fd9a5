#include "guitestsupport.h"

#include "fixtures.h"

#include "gui/dispatchpanel.h"
#include "gui/joblistpanel.h"
#include "gui/metasection.h"
#include "gui/monitorarea.h"
#include "gui/monitorpanel.h"
#include "gui/verdictbanner.h"
#include "models/joblistmodel.h"
#include "models/metaeditmodel.h"
#include "sim/simulator.h"

#include <QAbstractItemView>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>

namespace dd::test {

std::expected<ChattyCluster, QString> startChattyCluster(quint64 seed, bool acl)
{
    sim::SimulatorOptions o;
    o.loadDemoData = false;
    o.jobsDirectory = fixtureJobsDir();
    o.startPaused = true;
    o.seed = seed; // the same IDs in every screenshot
    o.acl = acl;
    ChattyCluster c;
    c.host = std::make_unique<sim::SimulatorHost>(o);
    if (!c.host->start())
        return std::unexpected(QStringLiteral("the simulator did not start"));
    const auto chatty =
        readJsonFixture(fixturePath(QStringLiteral("lifecycle/chatty.register.json")));
    if (!chatty)
        return std::unexpected(chatty.error());
    bool registered = false;
    c.host->invoke([&](sim::Simulator &s) { registered = s.registerJob(*chatty).has_value(); });
    if (!registered)
        return std::unexpected(
            QStringLiteral("the simulator refused lifecycle/chatty.register.json"));
    c.network = std::make_unique<QNetworkAccessManager>();
    ClientConfig config;
    config.address = c.host->baseUrl();
    config.token = c.host->managementToken();
    c.client = std::make_unique<NomadClient>(c.network.get(), config);
    return c;
}

QString createToken(sim::SimulatorHost &host, const QString &name,
                    const QMap<QString, QStringList> &capabilities)
{
    QString secret;
    host.invoke([&](sim::Simulator &s) { secret = s.createToken(name, capabilities).secretId; });
    return secret;
}

GuiFixture::GuiFixture()
{
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
}

GuiFixture::~GuiFixture()
{
    closeWindow();
    if (m_host)
        m_host->stop();
}

bool GuiFixture::start(const sim::SimulatorOptions &options, const QString &token)
{
    m_host = std::make_unique<sim::SimulatorHost>(options);
    const auto started = m_host->start();
    if (!started) {
        qWarning() << "simulator did not start:" << started.error();
        return false;
    }
    openWindow(token);
    return true;
}

void GuiFixture::openWindow(const QString &token)
{
    Profile profile;
    profile.name = QStringLiteral("demo");
    profile.config.address = m_host->baseUrl();
    profile.config.token = token.isEmpty() ? m_host->managementToken() : token;
    profile.isDemo = true;
    m_profiles.setProfile(profile);

    gui::MainWindowDeps deps;
    deps.network = &m_network;
    deps.profiles = &m_profiles;
    deps.settings = m_settings.get();
    deps.prompter = &m_prompter;
    deps.journal = &m_journal;
    deps.desktop = &m_desktop;
    deps.fileDialogs = &m_fileDialogs;
    deps.tuning.blockingWait = std::chrono::milliseconds(10000);
    deps.tuning.retry.initial = std::chrono::milliseconds(50);
    deps.tuning.retry.maximum = std::chrono::milliseconds(400);
    deps.tuning.retry.giveUpAfter = std::chrono::milliseconds(5000);
    deps.tuning.reconnectInterval = std::chrono::milliseconds(500);
    m_window = std::make_unique<gui::MainWindow>(deps);
    m_window->resize(1440, 920);
    m_window->show();
    (void)QTest::qWaitForWindowExposed(m_window.get());
}

void GuiFixture::closeWindow()
{
    if (m_window) {
        m_window->close();
        m_window.reset();
    }
}

QString GuiFixture::labelText(const QLabel *label)
{
    if (!label)
        return QStringLiteral("<no such label>");
    const QVariant plain = label->property("plainText");
    if (plain.isValid())
        return plain.toString();
    return label->text();
}

bool GuiFixture::selectJob(const QString &id, const QString &nameSpace)
{
    auto *panel = m_window->jobList();
    if (!panel->selectJob(nameSpace, id))
        return false;
    return true;
}

bool GuiFixture::openJob(const QString &id, const QString &nameSpace)
{
    // The job may reach the list after the list's first answer (registered by the test).
    if (!QTest::qWaitFor([&] { return selectJob(id, nameSpace); }, 10000)) {
        auto *m = m_window->jobList()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            qWarning() << "row" << m->index(r, 0).data(models::JobListModel::KeyRole).toString();
        return false;
    }
    return QTest::qWaitFor(
        [&] {
            const auto job = m_window->dispatchPanel()->job();
            return job && job->id == id;
        },
        10000);
}

bool GuiFixture::registerJob(const QJsonObject &job)
{
    bool ok = false;
    m_host->invoke([&](sim::Simulator &s) { ok = bool(s.registerJob(job)); });
    return ok;
}

gui::MonitorPanel *GuiFixture::clickDispatch(int timeoutMs)
{
    auto *button = find<QPushButton>(QStringLiteral("dispatchButton"));
    if (!QTest::qWaitFor([&] { return button->isEnabled(); }, timeoutMs))
        return nullptr;
    gui::MonitorArea *area = m_window->monitorArea();
    const int before = area->count();
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return area->count() == before + 1; }, timeoutMs))
        return nullptr;
    return area->currentMonitor();
}

gui::MonitorPanel *GuiFixture::dispatchFromForm(const QString &job,
                                                const QMap<QString, QString> &meta, int timeoutMs)
{
    if (!openJob(job))
        return nullptr;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        typeMeta(it.key(), it.value());
    return clickDispatch(timeoutMs);
}

QString GuiFixture::verdictTitle() const
{
    auto *panel = m_window->monitorArea()->currentMonitor();
    return panel ? panel->banner()->title() : QString();
}

void GuiFixture::typeMeta(const QString &key, const QString &value)
{
    auto *table = find<QTableView>(QStringLiteral("metaTable"));
    auto *model = m_window->dispatchPanel()->metaSection()->model();
    // Opens the cell's editor (as a double-click would), types, presses Return.
    auto type = [table](const QModelIndex &index, const QString &text) {
        table->setCurrentIndex(index);
        if (!table->indexWidget(index))
            table->edit(index);
        auto *editor = qobject_cast<QLineEdit *>(table->indexWidget(index));
        if (!editor)
            return;
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // Let the view close the editor before the next cell is opened.
        (void)QTest::qWaitFor([&] { return !table->indexWidget(index); }, 1000);
    };
    int row = model->rowOfKey(key);
    if (row < 0) {
        QTest::mouseClick(find<QToolButton>(QStringLiteral("addKeyButton")), Qt::LeftButton);
        row = model->rowCount() - 1;
        type(model->index(row, models::MetaEditModel::KeyColumn), key);
    }
    type(model->index(row, models::MetaEditModel::ValueColumn), value);
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = QStringLiteral(DD_BUILD_DIR "/screenshots");
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    widget->grab().save(dir + u'/' + name + u".png");
}

QPalette darkTestPalette()
{
    QPalette dark;
    const QColor text(0xe0, 0xe0, 0xe0);
    const QColor greyed(0x80, 0x80, 0x80);
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9e, 0x9e, 0x9e));
    for (QPalette::ColorRole role : {QPalette::Text, QPalette::WindowText, QPalette::ButtonText}) {
        dark.setColor(QPalette::Active, role, text);
        dark.setColor(QPalette::Inactive, role, text);
        dark.setColor(QPalette::Disabled, role, greyed);
    }
    return dark;
}

void GuiFixture::screenshot(const QString &name)
{
    saveScreenshot(m_window.get(), name);
}

QString GuiFixture::recordedFile(const QString &name)
{
    return dd::test::fixturePath(QStringLiteral("recorded/") + name);
}

} // namespace dd::test
