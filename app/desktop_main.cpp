// lethean-desktop: the controller on the desk (and a worker for its own machine: the "dual" role).

#include "app/command_line.h"
#include "app/desktop_session.h"
#include "app/logging_setup.h"
#include "app/unix_signal_watcher.h"
#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "ui/main_window.h"
#include "ui/single_instance.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTextStream>
#include <csignal>

using namespace Qt::StringLiterals;
using namespace lethean;

namespace {
struct DesktopOptions
{
    QCommandLineOption listen{u"listen"_s,
                              QCoreApplication::translate("main", "Address and port to accept peers on "
                                                                  "(default :9091, every interface)."),
                              QCoreApplication::translate("main", "host:port"), u":9091"_s};
    QCommandLineOption minimized{
        u"minimized"_s, QCoreApplication::translate("main", "Start in the system tray without showing "
                                                            "the window (shown anyway when there is no "
                                                            "tray).")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.addOption(listen);
        parser.addOption(minimized);
    }
};

// Logs, once, how long the process took to put its first painted window on screen.
class FirstPaintTimer : public QObject
{
public:
    FirstPaintTimer(const QElapsedTimer& since, QObject* parent) : QObject(parent), m_since(since) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            node::Logger(node::lcUi()).info(u"window painted"_s, {{u"startupMs"_s, m_since.elapsed()}});
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_since;
    bool m_done = false;
};
} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer startup;
    startup.start();
    app::CommandLine commandLine(
        u"lethean-desktop"_s,
        QCoreApplication::translate("main", "Lethean Desktop: see and control the miners on all your rigs "
                                            "over an encrypted peer-to-peer mesh."));
    const DesktopOptions desktop;
    desktop.addTo(commandLine.parser());
    // Parsed before QApplication so that --help and --version work without a display.
    if (const auto exitCode = commandLine.parseOrExitCode(app::argumentsFromArgv(argc, argv)))
        return *exitCode;
    const auto listen = app::parseListenAddress(commandLine.parser().value(desktop.listen));
    if (!listen) {
        QTextStream(stderr) << u"lethean-desktop: "_s << listen.error() << Qt::endl;
        return 2;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(u"lethean-desktop"_s);
    QApplication::setOrganizationName(u"Lethean"_s);
    QApplication::setApplicationVersion(QStringLiteral(LETHEAN_VERSION));
    QApplication::setDesktopFileName(u"lethean-desktop"_s);
    // A log-out or `kill` stops the node cleanly (goodbye to peers, peers.json flushed), as a Quit does.
    app::UnixSignalWatcher signals({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&signals, &app::UnixSignalWatcher::unixSignal, &application,
                     [] { QApplication::quit(); });

    // Before the log file is opened: a second launch only hands over to the first and leaves no trace.
    const node::DataPaths paths(commandLine.dataDir());
    ui::SingleInstance instance(paths.configHome());
    if (instance.activateRunningInstance())
        return 0;

    if (!app::setUpLogging(commandLine.logLevel(), paths))
        return 2;
    const node::Logger log(node::lcUi());
    log.info(u"lethean-desktop starting"_s,
             {{u"version"_s, QStringLiteral(LETHEAN_VERSION)}, {u"dataDir"_s, paths.dataHome()}});
    if (const auto listening = instance.listen(); !listening)
        log.warn(u"a second launch will not find this window"_s, {{u"error"_s, listening.error()}});

    app::DesktopSession::Options sessionOptions;
    sessionOptions.paths = paths;
    // --listen given: this run listens there; otherwise the Settings page's address does.
    if (commandLine.parser().isSet(desktop.listen))
        sessionOptions.listen = *listen;
    sessionOptions.minimised = commandLine.parser().isSet(desktop.minimized);
    app::DesktopSession session(sessionOptions); // installs the language of the settings
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Lethean Desktop"));
    QObject::connect(&instance, &ui::SingleInstance::activationRequested, &session.window(),
                     &ui::MainWindow::showAndRaise);
    session.window().installEventFilter(new FirstPaintTimer(startup, &session.window()));
    session.start();

    const int status = QApplication::exec();
    log.info(u"lethean-desktop stopped"_s);
    return status;
}
