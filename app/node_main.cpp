// lethean-node: the headless node for rigs without a display. The node lives on the main thread.

#include "app/command_line.h"
#include "app/logging_setup.h"
#include "app/unix_signal_watcher.h"
#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/logger.h"

#include <QCoreApplication>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace lethean;

int main(int argc, char** argv)
{
    app::CommandLine commandLine(u"lethean-node"_s,
                                 QCoreApplication::translate(
                                     "main", "Lethean headless node: runs on a mining rig without a display, "
                                             "answers the desktop controller and supervises the local miner."));
    switch (commandLine.parse(app::argumentsFromArgv(argc, argv))) {
    case app::CommandLine::Outcome::Run:
        break;
    case app::CommandLine::Outcome::ExitOk:
        return 0;
    case app::CommandLine::Outcome::ExitError:
        return 2;
    }

    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(u"lethean-node"_s);
    QCoreApplication::setOrganizationName(u"Lethean"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LETHEAN_VERSION));

    const node::DataPaths paths(commandLine.dataDir());
    if (!app::setUpLogging(commandLine.logLevel(), paths))
        return 2;

    const node::Logger log(node::lcNode());
    log.info(u"lethean-node starting"_s,
             {{u"version"_s, QStringLiteral(LETHEAN_VERSION)}, {u"dataDir"_s, paths.dataHome()}});

    app::UnixSignalWatcher signals({SIGINT, SIGTERM, SIGHUP});
    QObject::connect(&signals, &app::UnixSignalWatcher::unixSignal, &application, [&log](int signalNumber) {
        log.info(u"stopping on signal"_s, {{u"signal"_s, signalNumber}});
        QCoreApplication::quit();
    });

    const int status = QCoreApplication::exec();
    log.info(u"lethean-node stopped"_s);
    return status;
}
