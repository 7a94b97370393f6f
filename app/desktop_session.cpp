#include "app/desktop_session.h"

#include "app/autostart_entry.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "ui/app_settings.h"
#include "ui/app_translator.h"
#include "ui/main_window.h"
#include "ui/mining_coordinator.h"
#include "ui/node_client.h"
#include "ui/rig_notifier.h"
#include "ui/rig_table_model.h"
#include "ui/tray_icon.h"
#include "ui/welcome_dialog.h"

#include <QApplication>
#include <QHostAddress>
#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace lethean::app {

namespace {
const node::Logger& log()
{
    static const node::Logger logger(node::lcUi());
    return logger;
}

// How long a notification stays in the status bar when there is no tray to show it.
constexpr int kStatusNotificationMs = 15000;
} // namespace

DesktopSession::DesktopSession(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    m_settings = std::make_unique<ui::AppSettings>(m_options.paths.configHome());
    // The language is chosen before the first window exists: the widgets are built in it.
    m_translator = std::make_unique<ui::AppTranslator>();
    const QString language = ui::AppSettings::languageCode(m_settings->language());
    if (language != u"en"_s)
        m_translator->install(language.isEmpty() ? QLocale::system() : QLocale(language));

    m_client = std::make_unique<ui::NodeClient>();
    m_window = std::make_unique<ui::MainWindow>(*m_client, *m_settings);
    m_tray = std::make_unique<ui::TrayIcon>(*m_window);
    m_notifier = std::make_unique<ui::RigNotifier>(m_window->rigModel(), m_options.clock,
                                                   m_settings->hashrateDropPercent(),
                                                   m_settings->hashrateDropSeconds());
    connect(m_notifier.get(), &ui::RigNotifier::notify, this,
            [this](ui::RigNotifier::Kind, const QString&, const QString& title, const QString& text) {
                showNotification(title, text);
            });
    connect(m_client.get(), &ui::NodeClient::nodeFailed, this, &DesktopSession::showNodeFailure);
    connect(m_window.get(), &ui::MainWindow::restartNodeRequested, this, &DesktopSession::restartNode);
    connectSettings();
}

DesktopSession::~DesktopSession()
{
    m_client->shutdown();
    delete m_welcome;
}

void DesktopSession::connectSettings()
{
    ui::AppSettings& settings = *m_settings;
    connect(&settings, &ui::AppSettings::notificationThresholdsChanged, m_notifier.get(),
            &ui::RigNotifier::setThresholds);
    connect(&settings, &ui::AppSettings::startOnLoginChanged, this, &DesktopSession::applyStartOnLogin);
    // The allowlist switch lives in two places (Settings and the Peers page): the node's registry is the
    // truth, and each side follows the other. Setting an unchanged mode is a no-op on both, so no loop.
    connect(&settings, &ui::AppSettings::authModeChanged, m_client.get(),
            [this](node::PeerAuthMode mode) { m_client->setAuthMode(mode); });
    connect(m_client.get(), &ui::NodeClient::authModeChanged, &settings, &ui::AppSettings::setAuthMode);
}

node::NodeOptions DesktopSession::nodeOptions() const
{
    const ui::AppSettings& settings = *m_settings;
    node::NodeOptions options;
    options.paths = m_options.paths;
    options.name = settings.nodeName();
    options.role = node::nodeRoleFromString(settings.role()).value_or(node::NodeRole::Dual);
    if (m_options.listen) {
        options.transport.listenAddress = m_options.listen->address;
        options.transport.listenPort = m_options.listen->port;
    } else {
        options.transport.listenAddress =
            settings.listenHost().isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(settings.listenHost());
        options.transport.listenPort = quint16(settings.listenPort());
    }
    options.transport.tlsCertPath = settings.tlsCertificate();
    options.transport.tlsKeyPath = settings.tlsKey();
    options.transport.requireProtocol2 = settings.requireProtocol2();
    options.miners.xmrigPath = ui::WelcomeDialog::findMinerBinary(settings.minerBinary());
    options.miners.demoMode = settings.demoMode();
    return options;
}

void DesktopSession::start()
{
    m_tray->show();
    m_client->start(nodeOptions());
    const bool minimised = m_options.minimised || m_settings->startMinimised();
    if (minimised && ui::TrayIcon::isAvailable())
        log().info(u"started minimised to the tray"_s);
    else
        m_window->show();
    if (minimised && !ui::TrayIcon::isAvailable())
        log().warn(u"start minimised ignored: there is no system tray to start in"_s);
    // An entry that went missing (a profile cleaned up, an upgrade) is written again.
    if (m_settings->startOnLogin() && !AutostartEntry(m_options.autostartExecutable).isEnabled())
        applyStartOnLogin(true);
    if (m_options.offerWelcome && !m_settings->welcomeShown())
        showWelcome();
}

void DesktopSession::restartNode()
{
    log().info(u"restarting the node with the new settings"_s);
    m_client->shutdown();
    m_settings->clearRestartRequired();
    m_client->start(nodeOptions());
}

void DesktopSession::showNotification(const QString& title, const QString& text)
{
    log().info(u"notification"_s, {{u"title"_s, title}, {u"text"_s, text}});
    if (ui::TrayIcon::isAvailable())
        m_tray->notify(title, text);
    else
        m_window->statusBar()->showMessage(title + u": "_s + text, kStatusNotificationMs);
    Q_EMIT notificationShown(title, text);
}

void DesktopSession::showNodeFailure(const QString& error)
{
    // The node could not be created at all (its data dir is held by another process, its identity is
    // unreadable): nothing can work, so say why and leave.
    auto* box = new QMessageBox(QMessageBox::Critical, tr("Lethean Desktop"),
                                tr("The node could not start:\n%1").arg(error), QMessageBox::Close,
                                m_window->isVisible() ? m_window.get() : nullptr);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, qApp, [] { QCoreApplication::exit(1); });
    box->open();
}

void DesktopSession::showWelcome()
{
    const QString minerBinary = ui::WelcomeDialog::findMinerBinary(m_settings->minerBinary());
    m_welcome = new ui::WelcomeDialog(m_client->info().name, m_client->info().pairingCode, minerBinary,
                                      m_window->isVisible() ? m_window.get() : nullptr);
    m_welcome->setAttribute(Qt::WA_DeleteOnClose);
    // The node starts in the background: its name and pairing code arrive when it has.
    connect(m_client.get(), &ui::NodeClient::nodeStarted, m_welcome.data(), [this](const ui::NodeInfo& info) {
        m_welcome->setNodeName(info.name);
        m_welcome->setPairingCode(info.pairingCode);
    });
    connect(m_welcome.data(), &QDialog::accepted, this, &DesktopSession::onWelcomeAccepted);
    connect(m_welcome.data(), &QDialog::rejected, this, [this] { m_settings->setWelcomeShown(true); });
    m_welcome->open();
}

void DesktopSession::onWelcomeAccepted()
{
    m_settings->setWelcomeShown(true);
    if (!m_welcome || !m_welcome->demoModeChosen())
        return;
    m_settings->setDemoMode(true);
    // The node was started without demo mode: once it runs again with it, the demo miner starts on this
    // computer, so the dashboard comes alive within seconds.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_client.get(), &ui::NodeClient::nodeStarted, this, [this, once] {
        disconnect(*once);
        startDemoMiner();
    });
    restartNode();
}

node::MiningProfile DesktopSession::demoProfile()
{
    node::MiningProfile profile;
    profile.name = u"demo"_s;
    profile.minerType = u"simulated"_s;
    profile.pool = u"stratum+tcp://demo.invalid:3333"_s;
    profile.wallet = u"demo-wallet"_s;
    return profile;
}

void DesktopSession::startDemoMiner()
{
    const node::MiningProfile profile = demoProfile();
    const QString ownRig = m_client->info().id;
    m_client->saveProfile(profile);
    m_client->startMiner(ownRig, profile)
        .then(this, [this](const node::ControllerResult<node::MinerAckPayload>& ack) {
            if (!ack)
                showNotification(tr("The demo miner did not start"), ack.error().message);
            m_window->mining().pollNow();
            Q_EMIT demoStarted();
        });
}

void DesktopSession::applyStartOnLogin(bool enabled)
{
    const auto written = AutostartEntry(m_options.autostartExecutable).setEnabled(enabled);
    if (!written) {
        log().warn(u"cannot change the start-on-login entry"_s, {{u"error"_s, written.error()}});
        showNotification(tr("Start on login"), written.error());
    }
}

} // namespace lethean::app
