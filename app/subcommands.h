#pragma once

#include <QStringList>

// The run functions of lethean-node's subcommands (see app/subcommand.h), one per app/<name>_command.cpp.
namespace lethean::app {

int runPeersCommand(const QStringList& arguments, int argc, char** argv);
int runBundleCommand(const QStringList& arguments, int argc, char** argv);
int runCallCommand(const QStringList& arguments, int argc, char** argv);

} // namespace lethean::app
