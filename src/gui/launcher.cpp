#include "gui/launcher.h"

#include "api/nomadclient.h"
#include "api/profileclient.h"
#include "gui/prompter.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QWidget>

namespace dd::gui {

Launcher::Launcher(StaticProfileSource *profiles, QSettings *settings, Prompter *prompter,
                   DemoClusterFactory demoFactory, QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_settings(settings)
    , m_prompter(prompter)
    , m_demoFactory(std::move(demoFactory))
{}

Launcher::~Launcher() = default;

Profile Launcher::environmentProfile(const QProcessEnvironment &env, QStringList *warnings)
{
    Profile p;
    p.name = kEnvironmentProfileName;
    // The CLI's layering without flags or a profile, so both read NOMAD_* alike.
    if (auto config = clientConfigFor({}, env, {}, warnings))
        p.config = *config;
    else if (warnings)
        warnings->append(config.error().message()); // and Nomad's default address is used
    return p;
}

bool Launcher::isFirstStart() const
{
    return !m_settings || !m_settings->contains(QStringLiteral("session/profile"));
}

std::expected<Profile, QString> Launcher::startDemo()
{
    if (!m_demoFactory)
        return std::unexpected(tr("This build has no demo cluster."));
    if (!m_demo)
        m_demo = m_demoFactory();
    auto profile = m_demo->start();
    if (!profile) {
        m_demo.reset();
        Q_EMIT demoFailed(profile.error());
        return profile;
    }
    profile->isDemo = true;
    m_profiles->setProfile(*profile);
    Q_EMIT demoStarted(*profile);
    return profile;
}

void Launcher::offerDemoIfNothingAnswers(QNetworkAccessManager *network, const Profile &probe,
                                         QWidget *window)
{
    if (!isFirstStart() || !m_prompter) {
        Q_EMIT probeFinished(true);
        return;
    }
    ClientConfig config = probe.config;
    config.timeout = std::chrono::milliseconds(3000);
    auto *client = new NomadClient(network, config, this);
    client->agentSelf(this, [this, client, probe, window](Result<AgentSelf> agent) {
        client->deleteLater();
        // Any HTTP answer (even 403) means a Nomad is there.
        const bool answered = agent || agent.error().kind == ApiError::Kind::Http;
        if (!answered) {
            const QString why = tr("No Nomad agent answers at %1 (%2).")
                                    .arg(probe.config.address.toString(QUrl::RemoveUserInfo),
                                         agent.error().message());
            if (m_prompter->acceptDemoCluster(window, why))
                startDemo();
        }
        Q_EMIT probeFinished(answered);
    });
}

} // namespace dd::gui
