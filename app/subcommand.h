#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace lethean::app {

// A `lethean-node <name> …` command besides running the node (like `syncthing cli` or `git <verb>`).
// run() receives the arguments after the program name, the command's name first, and argc/argv for the
// QCoreApplication it may create; it returns the process exit status (0 success, 1 failure, 2 usage).
struct Subcommand
{
    QString name;
    QString summary; // one line for `lethean-node --help`
    int (*run)(const QStringList& arguments, int argc, char** argv);
};

// Every subcommand, in the order --help lists them. Each lives in its own app/<name>_command.cpp.
const QList<Subcommand>& subcommands();
const Subcommand* findSubcommand(const QString& name);
// The lines --help appends to the description: "  call    Ask a running peer …".
QString subcommandHelp();

} // namespace lethean::app
