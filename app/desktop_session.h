#pragma once

#include "app/command_line.h"
#include "node/data_paths.h"
#include "node/node.h"
#include "ui/welcome_dialog.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace lethean::ui {
class AppSettings;
class AppTranslator;
class MainWindow;
class NodeClient;
class RigNotifier;
class TrayIcon;
} // namespace lethean::ui

namespace lethean::app {

// Everything lethean-desktop runs, put together: the settings, the node (through NodeClient), the
// window, the tray icon, the rig notifications, the first-run welcome and the "start on login" entry.
// main() only parses the command line and hands over; tests drive a whole desktop through this class.
class DesktopSession : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        node::DataPaths paths;
        std::optional<ListenAddress> listen; // --listen: overrides the setting for this run
        bool minimised = false;              // --minimized, or the setting
        bool offerWelcome = true;            // the first-run welcome (tests switch it off)
        QString autostartExecutable;         // what "start on login" runs; empty: this program
        std::function<qint64()> clock;       // Unix ms for the rig notifications; empty: the real one
    };

    // The settings' language is installed before any window exists.
    explicit DesktopSession(Options options, QObject* parent = nullptr);
    // Stops the node first, while the window still exists to receive its last reports.
    ~DesktopSession() override;

    // Starts the node, shows the window (unless minimised into a tray) and, on the first run, the welcome.
    void start();
    // The node's options: the settings, with --listen over them.
    node::NodeOptions nodeOptions() const;
    // Stops the node and starts it again with the current settings (the Settings page's restart).
    void restartNode();

    ui::AppSettings& settings() { return *m_settings; }
    ui::NodeClient& client() { return *m_client; }
    ui::MainWindow& window() { return *m_window; }
    ui::TrayIcon& tray() { return *m_tray; }
    ui::RigNotifier& notifier() { return *m_notifier; }
    ui::WelcomeDialog* welcome() const { return m_welcome; }

    // The profile the demo mode starts on this computer.
    static node::MiningProfile demoProfile();

Q_SIGNALS:
    // A notification was raised (in the tray, or the status bar when there is no tray).
    void notificationShown(const QString& title, const QString& text);
    // Demo mode was chosen in the welcome, the node restarted with it and the demo miner asked to start.
    void demoStarted();

private:
    void connectSettings();
    void showNotification(const QString& title, const QString& text);
    void showNodeFailure(const QString& error);
    void showWelcome();
    void onWelcomeAccepted();
    void startDemoMiner();
    void applyStartOnLogin(bool enabled);

    Options m_options;
    std::unique_ptr<ui::AppSettings> m_settings;
    std::unique_ptr<ui::AppTranslator> m_translator;
    std::unique_ptr<ui::NodeClient> m_client;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<ui::TrayIcon> m_tray;
    std::unique_ptr<ui::RigNotifier> m_notifier;
    QPointer<ui::WelcomeDialog> m_welcome;
};

} // namespace lethean::app
