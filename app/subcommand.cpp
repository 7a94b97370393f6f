#include "app/subcommand.h"

#include "app/subcommands.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace lethean::app {

const QList<Subcommand>& subcommands()
{
    // One line per command; each command's file declares its run function in app/subcommands.h.
    static const QList<Subcommand> commands = {
        {u"bundle"_s, QCoreApplication::translate("Subcommand", "Seal, open or inspect deployment bundles."), &runBundleCommand},
        {u"call"_s, QCoreApplication::translate("Subcommand", "Send one request to a peer and print the reply as JSON."),
         &runCallCommand},
        {u"peers"_s, QCoreApplication::translate("Subcommand", "List, add or remove peers of a stopped node's data dir."),
         &runPeersCommand},
    };
    return commands;
}

const Subcommand* findSubcommand(const QString& name)
{
    for (const Subcommand& command : subcommands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QString subcommandHelp()
{
    if (subcommands().isEmpty())
        return {};
    QString help = u"\n\n"_s + QCoreApplication::translate("Subcommand", "Commands (run 'lethean-node COMMAND --help'):");
    for (const Subcommand& command : subcommands())
        help += u"\n  "_s + command.name.leftJustified(10) + command.summary;
    return help;
}

} // namespace lethean::app
