#pragma once

#include <QList>
#include <functional>
#include <QMainWindow>

class QAction;
class QIcon;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace lethean::ui {

class AppSettings;
class DashboardPage;
class HistoryStore;
class LogModel;
class LogPage;
class MinersPage;
class MiningCoordinator;
class NodeClient;
class PeerTableModel;
class PeersPage;
class ProfilesPage;
class RigTableModel;
class SettingsPage;
struct NodeInfo;

// The desktop app's top-level window: a navigation list on the left, the pages on the right, and the
// node's state in the status bar. It owns the models the pages and the tray share (Bitcoin Core's
// ClientModel owns its PeerTableModel the same way); they are fed by the NodeClient, which outlives it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The pages: Dashboard, Miners, Profiles, Peers, Logs, Settings. The rig history is opened in the
    // node's data folder once the node has started.
    MainWindow(NodeClient& client, AppSettings& settings, QWidget* parent = nullptr);

    // Adds a page at the end of the navigation, with a View menu entry and the shortcut Ctrl+<position>
    // (1 to 9). Returns its index. Later pages (Dashboard, Miners, Profiles, Settings) come in this way;
    // insertPage() puts one before the others (the Dashboard goes first).
    int addPage(QWidget* page, const QIcon& icon, const QString& title);
    int insertPage(int index, QWidget* page, const QIcon& icon, const QString& title);
    void showPage(int index);
    void showPage(QWidget* page);
    int pageCount() const;
    QWidget* currentPage() const;

    NodeClient& client() { return m_client; }
    PeerTableModel& peerModel() { return *m_peerModel; }
    LogModel& logModel() { return *m_logModel; }
    PeersPage& peersPage() { return *m_peersPage; }
    LogPage& logPage() { return *m_logPage; }
    AppSettings& settings() { return m_settings; }
    RigTableModel& rigModel() { return *m_rigModel; }
    MiningCoordinator& mining() { return *m_mining; }
    DashboardPage& dashboardPage() { return *m_dashboardPage; }
    MinersPage& minersPage() { return *m_minersPage; }
    ProfilesPage& profilesPage() { return *m_profilesPage; }
    SettingsPage& settingsPage() { return *m_settingsPage; }
    // Null until the node has started (it lives in the node's data folder).
    HistoryStore* historyStore() const { return m_history; }

    // With a system tray, closing the window only hides it (the node keeps running) and emits
    // hiddenToTray; without one, closing it quits.
    void setCloseHidesToTray(bool hides) { m_closeHidesToTray = hides; }
    bool closeHidesToTray() const { return m_closeHidesToTray; }
    // Shows the window, un-minimised, in front (the tray, a second launch).
    void showAndRaise();

    // The status bar's text about the node (for the tray's tooltip too).
    QString nodeStateText() const;
    // Miners running on this computer (they stop when the app quits).
    int localMinersRunning() const;
    // Without a tray, closing the window quits: while this computer mines, the user is asked first.
    // Tests answer the question instead of a person.
    void setQuitConfirmation(std::function<bool()> confirm) { m_confirmQuit = std::move(confirm); }

Q_SIGNALS:
    void hiddenToTray();
    // The Settings page's "Restart the node" (the owner of the node options restarts it).
    void restartNodeRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMiningPages();
    void openHistory();
    bool confirmQuitWhileMining();
    void createMenus();
    void createStatusBar();
    void renumberPageShortcuts();
    void updateNodeState();
    void updatePeerCount(int peers, int online);
    void showAbout();

    NodeClient& m_client;
    AppSettings& m_settings;
    RigTableModel* m_rigModel = nullptr;
    MiningCoordinator* m_mining = nullptr;
    HistoryStore* m_history = nullptr;
    DashboardPage* m_dashboardPage = nullptr;
    MinersPage* m_minersPage = nullptr;
    ProfilesPage* m_profilesPage = nullptr;
    SettingsPage* m_settingsPage = nullptr;
    std::function<bool()> m_confirmQuit;
    PeerTableModel* m_peerModel = nullptr;
    LogModel* m_logModel = nullptr;
    PeersPage* m_peersPage = nullptr;
    LogPage* m_logPage = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_pages = nullptr;
    QMenu* m_viewMenu = nullptr;
    QList<QAction*> m_pageActions;
    QLabel* m_nodeState = nullptr;
    QLabel* m_peerCount = nullptr;
    bool m_closeHidesToTray = false;
};

} // namespace lethean::ui
