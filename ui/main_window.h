#pragma once

#include <QList>
#include <QMainWindow>

class QAction;
class QIcon;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace lethean::ui {

class LogModel;
class LogPage;
class NodeClient;
class PeerTableModel;
class PeersPage;
struct NodeInfo;

// The desktop app's top-level window: a navigation list on the left, the pages on the right, and the
// node's state in the status bar. It owns the models the pages and the tray share (Bitcoin Core's
// ClientModel owns its PeerTableModel the same way); they are fed by the NodeClient, which outlives it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(NodeClient& client, QWidget* parent = nullptr);

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

    // With a system tray, closing the window only hides it (the node keeps running) and emits
    // hiddenToTray; without one, closing it quits.
    void setCloseHidesToTray(bool hides) { m_closeHidesToTray = hides; }
    bool closeHidesToTray() const { return m_closeHidesToTray; }
    // Shows the window, un-minimised, in front (the tray, a second launch).
    void showAndRaise();

    // The status bar's text about the node (for the tray's tooltip too).
    QString nodeStateText() const;

Q_SIGNALS:
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void renumberPageShortcuts();
    void updateNodeState();
    void updatePeerCount(int peers, int online);
    void showAbout();

    NodeClient& m_client;
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
