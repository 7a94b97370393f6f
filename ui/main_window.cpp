#include "ui/main_window.h"

#include "ui/app_settings.h"
#include "ui/dashboard_page.h"
#include "ui/history_store.h"
#include "ui/log_model.h"
#include "ui/log_page.h"
#include "ui/node_client.h"
#include "ui/peer_table_model.h"
#include "ui/miners_page.h"
#include "ui/mining_coordinator.h"
#include "ui/peers_page.h"
#include "ui/profiles_page.h"
#include "ui/rig_table_model.h"
#include "ui/settings_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lethean::ui {

namespace {
constexpr int kNavigationWidth = 160;
constexpr int kShortcutPages = 9; // Ctrl+1 … Ctrl+9
} // namespace

MainWindow::MainWindow(NodeClient& client, AppSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_client(client), m_settings(settings)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Lethean Desktop"));
    setWindowIcon(QIcon(u":/icons/tray-ok.svg"_s));
    setMinimumSize(800, 520);
    resize(1100, 700);

    m_peerModel = new PeerTableModel(this);
    m_peerModel->setClient(m_client);
    m_logModel = new LogModel(this);
    m_logModel->setClient(m_client);

    auto* central = new QWidget(this);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setFixedWidth(kNavigationWidth);
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(u"pages"_s);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar();

    createMiningPages();
    m_peersPage = new PeersPage(m_client, *m_peerModel, this);
    addPage(m_peersPage, QIcon(u":/icons/peers.svg"_s), tr("Peers"));
    m_logPage = new LogPage(*m_logModel, this);
    addPage(m_logPage, QIcon(u":/icons/logs.svg"_s), tr("Logs"));
    m_settingsPage = new SettingsPage(m_settings, this);
    addPage(m_settingsPage, QIcon(u":/icons/settings.svg"_s), tr("Settings"));
    connect(m_settingsPage, &SettingsPage::restartNodeRequested, this, &MainWindow::restartNodeRequested);
    showPage(0);
    connect(&m_client, &NodeClient::nodeStarted, this, &MainWindow::openHistory);

    connect(&m_client, &NodeClient::nodeStarted, this, &MainWindow::updateNodeState);
    connect(&m_client, &NodeClient::nodeFailed, this, &MainWindow::updateNodeState);
    connect(&m_client, &NodeClient::nodeStopped, this, &MainWindow::updateNodeState);
    connect(m_peerModel, &PeerTableModel::countsChanged, this, &MainWindow::updatePeerCount);
    updateNodeState();
    updatePeerCount(m_peerModel->rowCount(), m_peerModel->onlineCount());
}

void MainWindow::createMiningPages()
{
    m_rigModel = new RigTableModel(this);
    m_mining = new MiningCoordinator(m_client, *m_rigModel, this);
    m_dashboardPage = new DashboardPage(*m_rigModel, this);
    m_minersPage = new MinersPage(*m_rigModel, this);
    m_profilesPage = new ProfilesPage(*m_rigModel, this);
    m_mining->attachDashboard(*m_dashboardPage);
    m_mining->attachMiners(*m_minersPage);
    m_mining->attachProfiles(*m_profilesPage);
    addPage(m_dashboardPage, QIcon(u":/icons/dashboard.svg"_s), tr("Dashboard"));
    addPage(m_minersPage, QIcon(u":/icons/miners.svg"_s), tr("Miners"));
    addPage(m_profilesPage, QIcon(u":/icons/profiles.svg"_s), tr("Profiles"));
    // A double-click on a rig opens its miners.
    connect(m_dashboardPage, &DashboardPage::rigActivated, this, [this](const QString& rigId) {
        m_minersPage->setCurrentRig(rigId);
        showPage(m_minersPage);
    });
}

void MainWindow::openHistory()
{
    if (m_history || m_client.info().dataDir.isEmpty())
        return; // a restarted node keeps the history it had
    m_history = new HistoryStore(QDir(m_client.info().dataDir).filePath(u"history.sqlite"_s), {}, {}, this);
    connect(m_history, &HistoryStore::failed, this, [this](const QString& error) {
        statusBar()->showMessage(tr("The rig history is not kept: %1").arg(error));
    });
    m_dashboardPage->setHistoryStore(m_history);
}

int MainWindow::localMinersRunning() const
{
    const int row = m_rigModel->rowOf(m_client.info().id);
    if (row < 0 || m_client.info().id.isEmpty())
        return 0;
    const QList<node::MinerStatsItem>& miners = m_rigModel->rigAt(row).stats.miners;
    return int(std::count_if(miners.cbegin(), miners.cend(),
                             [](const node::MinerStatsItem& miner) { return miner.isActive(); }));
}

bool MainWindow::confirmQuitWhileMining()
{
    const int running = localMinersRunning();
    if (running == 0)
        return true;
    if (m_confirmQuit)
        return m_confirmQuit();
    const auto answer = QMessageBox::question(
        this, tr("Quit Lethean Desktop?"),
        tr("%n miner(s) on this computer will stop when Lethean Desktop quits. Your other rigs keep mining.",
           nullptr, running),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    return answer == QMessageBox::Yes;
}

int MainWindow::addPage(QWidget* page, const QIcon& icon, const QString& title)
{
    return insertPage(m_pages->count(), page, icon, title);
}

int MainWindow::insertPage(int index, QWidget* page, const QIcon& icon, const QString& title)
{
    index = std::clamp(index, 0, m_pages->count());
    m_pages->insertWidget(index, page);
    auto* item = new QListWidgetItem(icon, title);
    item->setData(Qt::AccessibleTextRole, title);
    item->setSizeHint(QSize(kNavigationWidth - 8, 36));
    m_navigation->insertItem(index, item);
    if (page->accessibleName().isEmpty())
        page->setAccessibleName(title);

    auto* action = new QAction(icon, title, this);
    connect(action, &QAction::triggered, this, [this, page] { showPage(page); });
    m_pageActions.insert(index, action);
    m_viewMenu->insertAction(index + 1 < m_pageActions.size() ? m_pageActions.at(index + 1) : nullptr,
                             action);
    renumberPageShortcuts();
    return index;
}

void MainWindow::renumberPageShortcuts()
{
    for (int i = 0; i < m_pageActions.size(); ++i)
        m_pageActions.at(i)->setShortcut(i < kShortcutPages ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i))
                                                            : QKeySequence());
}

void MainWindow::showPage(int index)
{
    if (index >= 0 && index < m_pages->count())
        m_navigation->setCurrentRow(index);
}

void MainWindow::showPage(QWidget* page)
{
    showPage(m_pages->indexOf(page));
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

QWidget* MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setObjectName(u"quitAction"_s);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(u"viewMenu"_s);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = helpMenu->addAction(tr("&About Lethean Desktop"), this, &MainWindow::showAbout);
    aboutAction->setObjectName(u"aboutAction"_s);
}

void MainWindow::createStatusBar()
{
    m_nodeState = new QLabel(this);
    m_nodeState->setObjectName(u"nodeStateLabel"_s);
    m_nodeState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_peerCount = new QLabel(this);
    m_peerCount->setObjectName(u"peerCountLabel"_s);
    statusBar()->addWidget(m_nodeState, 1);
    statusBar()->addPermanentWidget(m_peerCount);
}

QString MainWindow::nodeStateText() const
{
    switch (m_client.state()) {
    case NodeClient::State::Stopped:
        return tr("The node is stopped.");
    case NodeClient::State::Starting:
        return tr("Starting the node…");
    case NodeClient::State::Failed:
        return tr("The node could not start: %1").arg(m_client.failure());
    case NodeClient::State::Running:
        break;
    }
    const NodeInfo& info = m_client.info();
    if (!info.listenError.isEmpty())
        //: %1 is the reason, e.g. "cannot listen on 0.0.0.0 port 9091: The bound address is already in use"
        return tr("Not accepting connections: %1").arg(info.listenError);
    if (info.listeningAddresses.isEmpty())
        return tr("Running; not listening.");
    return tr("Listening on %1").arg(info.listeningAddresses.join(u", "_s));
}

void MainWindow::updateNodeState()
{
    m_nodeState->setText(nodeStateText());
    const bool problem =
        m_client.state() == NodeClient::State::Failed ||
        (m_client.state() == NodeClient::State::Running && !m_client.info().listenError.isEmpty());
    m_nodeState->setStyleSheet(problem ? u"color: #b01e1e;"_s : QString());
    QString details;
    if (problem && m_client.state() == NodeClient::State::Running)
        details =
            tr("Other nodes cannot connect to this one, but it can still connect to them. Free the port "
               "or start Lethean Desktop with --listen to use another one.") +
            u"\n"_s;
    if (m_client.state() == NodeClient::State::Running)
        details += tr("Node %1 (%2)\nData folder: %3")
                       .arg(m_client.info().name, m_client.info().id,
                            QDir::toNativeSeparators(m_client.info().dataDir));
    m_nodeState->setToolTip(details);
    m_nodeState->setAccessibleName(m_nodeState->text());
}

void MainWindow::updatePeerCount(int peers, int online)
{
    //: Status bar: %1 peers connected out of %2 known
    m_peerCount->setText(tr("Peers online: %1 of %2").arg(online).arg(peers));
    m_peerCount->setAccessibleName(m_peerCount->text());
}

void MainWindow::showAndRaise()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_closeHidesToTray) {
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    if (!confirmQuitWhileMining()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Lethean Desktop"),
                       tr("<p><b>Lethean Desktop %1</b></p>"
                          "<p>Watch and control the miners on your rigs over an encrypted "
                          "peer-to-peer mesh.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace lethean::ui
