#pragma once
// Decides what the app connects to at start: the demo cluster when asked
// (--demo), the configured profiles otherwise, and, on a first start where no
// Nomad answers, an offer to start the demo cluster instead.

#include "api/clientconfig.h"
#include "gui/democluster.h"
#include "gui/profilesource.h"

#include <QObject>
#include <QProcessEnvironment>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QSettings;
class QWidget;

namespace dd::gui {

class Prompter;

class Launcher : public QObject
{
    Q_OBJECT
public:
    Launcher(StaticProfileSource *profiles, QSettings *settings, Prompter *prompter,
             DemoClusterFactory demoFactory, QObject *parent = nullptr);
    ~Launcher() override;

    // The "Environment" profile: the NOMAD_* variables over Nomad's defaults,
    // read as the CLI reads them. What was ignored, and why, goes to `warnings`.
    static Profile environmentProfile(const QProcessEnvironment &env,
                                      QStringList *warnings = nullptr);

    // Starts the demo cluster and adds its profile; the error when it could not.
    std::expected<Profile, QString> startDemo();
    bool demoRunning() const { return m_demo != nullptr; }

    // Asks (through the prompter) whether to start the demo, when this is the
    // first start and the address did not answer. Emits demoStarted when it did.
    void offerDemoIfNothingAnswers(QNetworkAccessManager *network, const Profile &probe,
                                   QWidget *window);
    bool isFirstStart() const;

Q_SIGNALS:
    void demoStarted(const dd::Profile &profile);
    void demoFailed(const QString &why);
    // The probe finished (with or without an offer).
    void probeFinished(bool answered);

private:
    StaticProfileSource *m_profiles;
    QSettings *m_settings;
    Prompter *m_prompter;
    DemoClusterFactory m_demoFactory;
    std::unique_ptr<DemoCluster> m_demo;
};

} // namespace dd::gui
