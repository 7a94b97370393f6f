#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace lethean::ui {

class MainWindow;

// The icon in the system tray while the node runs in the background: its colour says how the rigs are
// (green: mining and none offline, grey: nothing mining, red: a rig offline, or the node not accepting
// connections or failed), its tooltip gives the total hashrate and the peers online, and its menu shows
// or hides the window, starts or stops the miner on this computer, pauses every rig and quits. Closing
// the window leaves the node running here, said once per run in a notification.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    enum class Status
    {
        Ok,   // listening, at least one peer online
        Idle, // listening (or starting), no peer online
        Error // not accepting connections, or the node failed
    };

    // Makes the window hide into the tray on close when a tray exists.
    explicit TrayIcon(MainWindow& window, QObject* parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    void show();

    Status status() const { return m_status; }
    QString toolTip() const;
    QMenu& menu() { return *m_menu; }
    QAction& toggleWindowAction() { return *m_toggleWindow; }
    QAction& quitAction() { return *m_quit; }
    QAction& localMinerAction() { return *m_localMiner; }
    QAction& pauseAllAction() { return *m_pauseAll; }
    // A notification from the tray (rig offline, miner crashed…); nothing without a tray.
    void notify(const QString& title, const QString& text, bool isWarning = true);
    // The "still running" notification was shown (once per run).
    bool hasNotifiedHidden() const { return m_notifiedHidden; }

private:
    void update();
    void toggleWindow();
    void onHiddenToTray();
    void updateToggleText();
    void toggleLocalMiner();
    bool isLocalMinerRunning() const;

    MainWindow& m_window;
    QSystemTrayIcon* m_icon = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_toggleWindow = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_localMiner = nullptr;
    QAction* m_pauseAll = nullptr;
    Status m_status = Status::Idle;
    bool m_notifiedHidden = false;
};

} // namespace lethean::ui
