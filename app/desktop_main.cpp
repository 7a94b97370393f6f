// lethean-desktop: the controller on the desk (and a worker for its own machine: the "dual" role).

#include "app/command_line.h"
#include "app/logging_setup.h"
#include "node/data_paths.h"
#include "node/log_categories.h"
#include "node/logger.h"
#include "ui/main_window.h"

#include <QApplication>

using namespace Qt::StringLiterals;
using namespace lethean;

int main(int argc, char** argv)
{
    app::CommandLine commandLine(u"lethean-desktop"_s,
                                 QCoreApplication::translate(
                                     "main", "Lethean Desktop: see and control the miners on all your rigs "
                                             "over an encrypted peer-to-peer mesh."));
    // Parsed before QApplication so that --help and --version work without a display.
    if (const auto exitCode = commandLine.parseOrExitCode(app::argumentsFromArgv(argc, argv)))
        return *exitCode;

    QApplication application(argc, argv);
    QApplication::setApplicationName(u"lethean-desktop"_s);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Lethean Desktop"));
    QApplication::setOrganizationName(u"Lethean"_s);
    QApplication::setApplicationVersion(QStringLiteral(LETHEAN_VERSION));
    QApplication::setDesktopFileName(u"lethean-desktop"_s);

    const node::DataPaths paths(commandLine.dataDir());
    if (!app::setUpLogging(commandLine.logLevel(), paths))
        return 2;
    node::Logger(node::lcUi()).info(u"lethean-desktop starting"_s,
                                    {{u"version"_s, QStringLiteral(LETHEAN_VERSION)}, {u"dataDir"_s, paths.dataHome()}});

    ui::MainWindow window(paths.dataHome());
    window.show();
    return QApplication::exec();
}
