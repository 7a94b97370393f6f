#include "ui/tray_icon.h"

#include "ui/display_format.h"
#include "ui/main_window.h"
#include "ui/mining_coordinator.h"
#include "ui/node_client.h"
#include "ui/peer_table_model.h"
#include "ui/rig_table_model.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
QString iconPath(TrayIcon::Status status)
{
    switch (status) {
    case TrayIcon::Status::Ok:
        return u":/icons/tray-ok.svg"_s;
    case TrayIcon::Status::Idle:
        return u":/icons/tray-idle.svg"_s;
    case TrayIcon::Status::Error:
        return u":/icons/tray-error.svg"_s;
    }
    return {};
}

// Watches the window's visibility so that the menu entry always says what it will do.
class VisibilityWatcher : public QObject
{
public:
    VisibilityWatcher(QObject* parent, std::function<void()> changed)
        : QObject(parent), m_changed(std::move(changed))
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Show || event->type() == QEvent::Hide)
            m_changed();
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_changed;
};
} // namespace

TrayIcon::TrayIcon(MainWindow& window, QObject* parent) : QObject(parent), m_window(window)
{
    m_menu = new QMenu;
    m_menu->setObjectName(u"trayMenu"_s);
    m_toggleWindow = m_menu->addAction(tr("&Show window"), this, &TrayIcon::toggleWindow);
    m_toggleWindow->setObjectName(u"trayToggleWindow"_s);
    m_menu->addSeparator();
    m_localMiner = m_menu->addAction(tr("S&tart the miner on this computer"), this, &TrayIcon::toggleLocalMiner);
    m_localMiner->setObjectName(u"trayLocalMiner"_s);
    m_pauseAll = m_menu->addAction(tr("&Pause all rigs"), &m_window.mining(), &MiningCoordinator::pauseAllRigs);
    m_pauseAll->setObjectName(u"trayPauseAll"_s);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit Lethean Desktop"), qApp, &QApplication::quit);
    m_quit->setObjectName(u"trayQuit"_s);

    m_icon = new QSystemTrayIcon(this);
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            toggleWindow();
    });

    NodeClient& client = m_window.client();
    connect(&client, &NodeClient::nodeStarted, this, &TrayIcon::update);
    connect(&client, &NodeClient::nodeFailed, this, &TrayIcon::update);
    connect(&m_window.peerModel(), &PeerTableModel::countsChanged, this, &TrayIcon::update);
    connect(&m_window.rigModel(), &RigTableModel::totalsChanged, this, &TrayIcon::update);
    connect(&m_window.mining(), &MiningCoordinator::allRigsPaused, this, [this](int stopped) {
        notify(tr("Rigs paused"), tr("%n miner(s) stopped.", nullptr, stopped), false);
    });
    connect(&m_window, &MainWindow::hiddenToTray, this, &TrayIcon::onHiddenToTray);
    m_window.installEventFilter(new VisibilityWatcher(this, [this] { updateToggleText(); }));
    m_window.setCloseHidesToTray(isAvailable());
    update();
    updateToggleText();
}

TrayIcon::~TrayIcon()
{
    m_window.setCloseHidesToTray(false);
    delete m_menu; // a QMenu without a parent widget: ours to delete
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    if (isAvailable())
        m_icon->show();
}

QString TrayIcon::toolTip() const
{
    const PeerTableModel& peers = m_window.peerModel();
    const RigTotals& rigs = m_window.rigModel().totals();
    QStringList lines{tr("Lethean Desktop")};
    //: Tray tooltip: %1 is a hashrate such as "12.5 kH/s"; %2 of %3 rigs are mining
    lines.append(tr("Hashrate: %1 (%2 of %3 rigs mining)")
                     .arg(DisplayFormat::hashrate(rigs.hashrate10s))
                     .arg(rigs.mining)
                     .arg(rigs.rigs));
    if (rigs.simulated)
        lines.append(tr("Demo mode: simulated miners"));
    lines.append(tr("Peers online: %1 of %2").arg(peers.onlineCount()).arg(peers.rowCount()));
    if (m_status == Status::Error)
        lines.append(rigs.online < rigs.rigs ? tr("%n rig(s) offline", nullptr, rigs.rigs - rigs.online)
                                             : m_window.nodeStateText());
    return lines.join(u'\n');
}

void TrayIcon::update()
{
    const NodeClient& client = m_window.client();
    const bool failed =
        client.state() == NodeClient::State::Failed ||
        (client.state() == NodeClient::State::Running && !client.info().listenError.isEmpty());
    const RigTotals& rigs = m_window.rigModel().totals();
    if (failed || rigs.online < rigs.rigs)
        m_status = Status::Error;
    else if (rigs.mining > 0)
        m_status = Status::Ok;
    else
        m_status = Status::Idle;
    m_icon->setIcon(QIcon(iconPath(m_status)));
    m_icon->setToolTip(toolTip());
    m_localMiner->setText(isLocalMinerRunning() ? tr("S&top the miner on this computer")
                                                : tr("S&tart the miner on this computer"));
    m_localMiner->setEnabled(client.state() == NodeClient::State::Running);
    m_pauseAll->setEnabled(client.state() == NodeClient::State::Running && rigs.mining > 0);
}

bool TrayIcon::isLocalMinerRunning() const
{
    return m_window.localMinersRunning() > 0;
}

void TrayIcon::toggleLocalMiner()
{
    NodeClient& client = m_window.client();
    if (isLocalMinerRunning()) {
        client.stopLocalMiners().then(this, [this] { m_window.mining().pollNow(); });
        return;
    }
    client.startLocalMiner().then(this, [this](const node::ControllerResult<node::MinerAckPayload>& ack) {
        if (!ack)
            notify(tr("The miner did not start"), ack.error().message);
        m_window.mining().pollNow();
    });
}

void TrayIcon::notify(const QString& title, const QString& text, bool isWarning)
{
    if (isAvailable())
        m_icon->showMessage(title, text, isWarning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

void TrayIcon::toggleWindow()
{
    if (m_window.isVisible() && !m_window.isMinimized())
        m_window.hide();
    else
        m_window.showAndRaise();
}

void TrayIcon::updateToggleText()
{
    m_toggleWindow->setText(m_window.isVisible() ? tr("&Hide window") : tr("&Show window"));
}

void TrayIcon::onHiddenToTray()
{
    if (m_notifiedHidden || !isAvailable())
        return;
    m_notifiedHidden = true;
    m_icon->showMessage(tr("Lethean Desktop is still running"),
                        tr("The node keeps running in the background. Use the tray icon to open the window "
                           "or to quit."),
                        QSystemTrayIcon::Information);
}

} // namespace lethean::ui
